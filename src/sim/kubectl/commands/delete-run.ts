// What kubectl delete runs: by name, TYPE/NAME, -l, --field-selector, --all or -f. Prints each
// `<kind> "<name>" deleted` right after its DELETE, then (unless --wait=false) lets simulated time
// pass until the objects are gone, as the real command blocks. Fetched as a lazy chunk (see
// ./lazy.ts); its flags are in ./delete.ts.

import type { CommandContext } from '../command.ts';
import { CmdError, ServerError, serverMessage } from '../errors.ts';
import { manifestNamespace, readManifests } from '../manifests.ts';
import { metaOf } from '../printers/table.ts';
import { type ResourceInfo, kindPrefix } from '../resources.ts';
import { parseTargets } from '../targets.ts';
import { waitUntil } from './watch-loop.ts';

const NO_RESOURCES = `You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
`;

interface Victim {
  res: ResourceInfo;
  namespace: string;
  name: string;
}

export function deleteObjects(ctx: CommandContext): number {
  const { flags, io, client } = ctx;
  const files = flags.list('filename');
  const selector = flags.str('selector');
  const fieldSel = flags.str('field-selector');
  const all = flags.bool('all');
  if (flags.args.length === 0 && files.length === 0) throw new CmdError(NO_RESOURCES.replace(/\n$/, ''));
  let grace = flags.int('grace-period', -1);
  const force = flags.bool('force');
  if (flags.bool('now')) grace = 1;
  if (force && grace === -1) grace = 0;
  else if (!force && grace === 0) grace = 1; // kubectl turns --grace-period=0 into 1 unless --force
  if (force)
    io.err(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
  const victims: Victim[] = [];
  let code = 0;
  if (files.length > 0) {
    for (const m of readManifests(ctx, files))
      victims.push({ res: m.res, namespace: manifestNamespace(ctx, m), name: m.name });
  } else {
    const targets = parseTargets(flags.args);
    const allNs = flags.bool('all-namespaces');
    for (const t of targets) {
      if (t.names.length > 0) {
        if (selector || all) throw new CmdError('name cannot be provided when a selector is specified');
        for (const name of t.names) victims.push({ res: t.res, namespace: ctx.namespace, name });
      } else {
        if (!selector && !fieldSel && !all) throw new CmdError('resource(s) were provided, but no name was specified');
        const items = client.list(t.res, allNs ? undefined : ctx.namespace, {
          labelSelector: selector || undefined,
          fieldSelector: fieldSel || undefined,
        }).items;
        for (const o of items)
          victims.push({ res: t.res, namespace: metaOf(o).namespace ?? '', name: metaOf(o).name ?? '' });
      }
    }
    if (victims.length === 0) {
      io.out('No resources found\n');
      return 0;
    }
  }
  const deleted: Victim[] = [];
  const op = grace === 0 ? 'force deleted' : 'deleted';
  for (const v of victims) {
    try {
      client.send('delete', v.res, {
        namespace: v.namespace,
        name: v.name,
        propagationPolicy:
          flags.str('cascade') === 'orphan'
            ? 'Orphan'
            : flags.str('cascade') === 'foreground'
              ? 'Foreground'
              : 'Background',
        gracePeriodSeconds: grace >= 0 ? grace : undefined,
      });
      if (flags.str('output') === 'name') io.out(`${kindPrefix(v.res)}/${v.name}\n`);
      else io.out(`${kindPrefix(v.res)} "${v.name}" ${op}\n`);
      deleted.push(v);
    } catch (e) {
      if (!(e instanceof ServerError)) throw e;
      if (e.reason === 'NotFound' && flags.bool('ignore-not-found')) continue;
      io.err(serverMessage(e) + '\n');
      code = 1;
    }
  }
  if (flags.bool('wait', true) && deleted.length > 0) {
    const gone = (v: Victim) => {
      try {
        client.get(v.res, v.namespace, v.name);
        return false;
      } catch (e) {
        if (e instanceof ServerError && e.reason === 'NotFound') return true;
        throw e;
      }
    };
    waitUntil(ctx.env, () => deleted.every(gone), 60_000);
  }
  return code;
}
