// Reading manifests for `-f`: files from the sandbox file system or standard input (`-f -`),
// multi-document YAML or JSON, `kind: List` flattened, each object mapped to its resource.

import { yamlLib } from '../yaml.ts';
import type { CommandContext } from './command.ts';
import { CmdError } from './errors.ts';
import { type ResourceInfo, RESOURCES } from './resources.ts';

export interface Manifest {
  source: string;
  res: ResourceInfo;
  obj: Record<string, unknown>;
  name: string;
  namespace?: string;
}

function readSource(ctx: CommandContext, path: string): string {
  if (path === '-') return ctx.env.stdin;
  const text = ctx.env.readFile(path);
  if (text === undefined) throw new CmdError(`the path "${path}" does not exist`);
  return text;
}

function flatten(v: unknown): Record<string, unknown>[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return [];
  const o = v as Record<string, unknown>;
  if (typeof o['kind'] === 'string' && o['kind'].endsWith('List') && Array.isArray(o['items']))
    return o['items'].flatMap(flatten);
  return [o];
}

export function readManifests(ctx: CommandContext, paths: string[]): Manifest[] {
  const out: Manifest[] = [];
  for (const path of paths) {
    const text = readSource(ctx, path);
    const source = path === '-' ? 'STDIN' : path;
    const docs = yamlLib().parseAllDocuments(text);
    const list = Array.isArray(docs) ? docs : [docs];
    for (const doc of list) {
      if (doc.errors.length > 0) {
        const err = doc.errors[0];
        const line = err?.linePos?.[0]?.line ?? 0;
        throw new CmdError(
          `error parsing ${source}: error converting YAML to JSON: yaml: line ${line}: ${err?.message.split('\n')[0] ?? 'invalid YAML'}`,
        );
      }
      for (const obj of flatten(doc.toJS())) {
        const apiVersion = obj['apiVersion'];
        const kind = obj['kind'];
        if (typeof kind !== 'string' || kind === '')
          throw new CmdError(
            `error validating "${source}": error validating data: kind not set; if you choose to ignore these errors, turn validation off with --validate=false`,
          );
        if (typeof apiVersion !== 'string' || apiVersion === '')
          throw new CmdError(
            `error validating "${source}": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false`,
          );
        const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
        const res = RESOURCES.find((r) => r.kind === kind && r.group === group);
        if (!res)
          throw new CmdError(
            `resource mapping not found for name: "${nameOf(obj)}" namespace: "${nsOf(obj) ?? ''}" from "${source}": no matches for kind "${kind}" in version "${apiVersion}"\nensure CRDs are installed first`,
          );
        out.push({ source, res, obj, name: nameOf(obj), namespace: nsOf(obj) });
      }
    }
  }
  return out;
}

function nameOf(obj: Record<string, unknown>): string {
  const m = obj['metadata'];
  const n = typeof m === 'object' && m !== null ? (m as Record<string, unknown>)['name'] : undefined;
  return typeof n === 'string' ? n : '';
}

function nsOf(obj: Record<string, unknown>): string | undefined {
  const m = obj['metadata'];
  const n = typeof m === 'object' && m !== null ? (m as Record<string, unknown>)['namespace'] : undefined;
  return typeof n === 'string' && n !== '' ? n : undefined;
}

/** The namespace an object from a file goes to; a mismatch with -n is an error, as in kubectl. */
export function manifestNamespace(ctx: CommandContext, m: Manifest): string {
  if (!m.res.namespaced) return '';
  if (m.namespace && ctx.flags.str('namespace') && m.namespace !== ctx.flags.str('namespace'))
    throw new CmdError(
      `the namespace from the provided object "${m.namespace}" does not match the namespace "${ctx.flags.str('namespace')}". You must pass '--namespace=${m.namespace}' to perform this operation.`,
    );
  return m.namespace ?? ctx.namespace;
}

export function withNamespace(obj: Record<string, unknown>, ns: string): Record<string, unknown> {
  if (!ns) return obj;
  const meta = (typeof obj['metadata'] === 'object' && obj['metadata'] !== null ? obj['metadata'] : {}) as Record<
    string,
    unknown
  >;
  return { ...obj, metadata: { ...meta, namespace: ns } };
}
