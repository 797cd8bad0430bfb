// Parsing and applying `-o`: which printer a command uses and how it renders objects.

import { CmdError } from '../errors.ts';
import { type ResourceInfo, apiVersion, kindPrefix } from '../resources.ts';
import { JsonPathError } from './jsonpath-error.ts';
import { jsonpath, selectPath } from './jsonpath.ts';
import { asList, toJson, toYaml, withTypeMeta } from './objects.ts';
import { metaOf } from './table.ts';
import { TabWriter } from './tabwriter.ts';

export type OutputFormat =
  | { kind: 'table'; wide: boolean }
  | { kind: 'yaml' }
  | { kind: 'json' }
  | { kind: 'name' }
  | { kind: 'jsonpath'; template: string }
  | { kind: 'custom-columns'; columns: Array<{ header: string; path: string }> };

const ALLOWED =
  'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function parseOutput(o: string, allowTable = true): OutputFormat {
  if (o === '' && allowTable) return { kind: 'table', wide: false };
  if (o === 'wide' && allowTable) return { kind: 'table', wide: true };
  if (o === 'yaml') return { kind: 'yaml' };
  if (o === 'json') return { kind: 'json' };
  if (o === 'name') return { kind: 'name' };
  const jp = /^jsonpath=(.*)$/s.exec(o);
  if (jp) {
    const template = jp[1] ?? '';
    try {
      jsonpath(template, {});
    } catch (e) {
      if (e instanceof JsonPathError) throw new CmdError(`error parsing jsonpath ${template}, ${e.message}`);
      throw e;
    }
    return { kind: 'jsonpath', template };
  }
  const cc = /^custom-columns=(.*)$/s.exec(o);
  if (cc) {
    const columns = (cc[1] ?? '').split(',').map((spec) => {
      const idx = spec.indexOf(':');
      if (idx <= 0) throw new CmdError(`custom-columns format specified but no custom columns given`);
      return { header: spec.slice(0, idx), path: spec.slice(idx + 1) };
    });
    return { kind: 'custom-columns', columns };
  }
  if (o === 'jsonpath' || o === 'custom-columns')
    throw new CmdError(`${o} format specified but no ${o} template given`);
  throw new CmdError(
    `unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`,
  );
}

export interface Printable {
  res: ResourceInfo;
  obj: unknown;
}

/** Renders objects in a non-table format; several objects become a List (yaml/json/jsonpath). */
export function printObjects(fmt: OutputFormat, items: Printable[], forceList = false): string {
  const typed = items.map((p) => withTypeMeta(p.obj, apiVersion(p.res), p.res.kind));
  const single = typed.length === 1 && !forceList ? typed[0] : asList(typed);
  switch (fmt.kind) {
    case 'yaml':
      return toYaml(single);
    case 'json':
      return toJson(single);
    case 'name':
      return items.map((p) => `${kindPrefix(p.res)}/${metaOf(p.obj).name ?? ''}\n`).join('');
    case 'jsonpath':
      return jsonpath(fmt.template, single);
    case 'custom-columns': {
      const rows = [fmt.columns.map((c) => c.header)];
      for (const obj of typed) {
        rows.push(
          fmt.columns.map((c) => {
            const vals = selectPath(c.path, obj);
            return vals.length === 0
              ? '<none>'
              : vals.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(',');
          }),
        );
      }
      return new TabWriter(6, 3).format(rows.map((r) => r.join('\t') + '\n').join(''));
    }
    default:
      return '';
  }
}
