// What kubectl label, cordon, uncordon, drain and logs run: fetched as a lazy chunk (see ./lazy.ts);
// their names and flags are in ./nodes.ts.

import type { Node, Pod } from '../../index.ts';
import type { CommandContext } from '../command.ts';
import { CmdError, ServerError, serverMessage } from '../errors.ts';
import { metaOf } from '../printers/table.ts';
import { type ResourceInfo, kindPrefix, resolveResource } from '../resources.ts';
import { parseTargets } from '../targets.ts';
import { waitUntil } from './watch-loop.ts';

const NODES = resolveResource('nodes') as ResourceInfo;
const PODS = resolveResource('pods') as ResourceInfo;

function setUnschedulable(ctx: CommandContext, name: string, value: boolean, verb: string): void {
  const node = ctx.client.get(NODES, '', name) as Node;
  if (!!node.spec.unschedulable === value) {
    ctx.io.out(`node/${name} already ${verb}\n`);
    return;
  }
  ctx.client.send('patch', NODES, { name, patchType: 'merge', body: { spec: { unschedulable: value ? true : null } } });
  ctx.io.out(`node/${name} ${verb}\n`);
}

function nodeNames(ctx: CommandContext): string[] {
  const args = ctx.flags.args;
  if (args.length === 0 && !ctx.flags.str('selector'))
    throw new CmdError(`USAGE: ${ctx.path} NODE [flags]`, `See 'kubectl ${ctx.path} -h' for help and examples\n`);
  if (ctx.flags.str('selector'))
    return ctx.client
      .list(NODES, undefined, { labelSelector: ctx.flags.str('selector') })
      .items.map((o) => metaOf(o).name ?? '');
  return args.map((a) => (a.startsWith('node/') ? a.slice(5) : a));
}

export function label(ctx: CommandContext): number {
  const args = ctx.flags.args;
  const changes = args.filter((a) => a.includes('=') || a.endsWith('-'));
  const refs = args.filter((a) => !changes.includes(a));
  if (refs.length === 0)
    throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (changes.length === 0 && !ctx.flags.bool('list')) throw new CmdError('at least one label update is required');
  for (const t of parseTargets(refs)) {
    const names = t.names.length
      ? t.names
      : ctx.flags.str('selector') || ctx.flags.bool('all')
        ? ctx.client
            .list(t.res, ctx.namespace, { labelSelector: ctx.flags.str('selector') || undefined })
            .items.map((o) => metaOf(o).name ?? '')
        : [];
    if (names.length === 0) throw new CmdError('resource(s) were provided, but no name was specified');
    for (const name of names) {
      const obj = ctx.client.get(t.res, ctx.namespace, name);
      const labels: Record<string, string | null> = {};
      const current = metaOf(obj).labels ?? {};
      if (ctx.flags.bool('list')) {
        for (const k of Object.keys(current).sort()) ctx.io.out(`${k}=${current[k] ?? ''}\n`);
        continue;
      }
      let changed = false;
      let removed = false;
      for (const c of changes) {
        if (c.endsWith('-') && !c.includes('=')) {
          const k = c.slice(0, -1);
          if (k in current) {
            labels[k] = null;
            removed = true;
          }
          continue;
        }
        const [k = '', v = ''] = c.split('=', 2);
        if (k in current && current[k] !== v && !ctx.flags.bool('overwrite'))
          throw new CmdError(`'${k}' already has a value (${current[k] ?? ''}), and --overwrite is false`);
        if (current[k] !== v) changed = true;
        labels[k] = v;
      }
      if (Object.keys(labels).length > 0)
        ctx.client.send('patch', t.res, {
          namespace: ctx.namespace,
          name,
          patchType: 'merge',
          body: { metadata: { labels } },
        });
      const verb = changed ? 'labeled' : removed ? 'unlabeled' : 'not labeled';
      ctx.io.out(`${kindPrefix(t.res)}/${name} ${verb}\n`);
    }
  }
  return 0;
}

export function cordon(ctx: CommandContext): number {
  for (const n of nodeNames(ctx)) setUnschedulable(ctx, n, true, 'cordoned');
  return 0;
}

export function uncordon(ctx: CommandContext): number {
  for (const n of nodeNames(ctx)) setUnschedulable(ctx, n, false, 'uncordoned');
  return 0;
}

export function drain(ctx: CommandContext): number {
  let code = 0;
  for (const name of nodeNames(ctx)) {
    setUnschedulable(ctx, name, true, 'cordoned');
    const pods = (ctx.client.list(PODS, undefined, { fieldSelector: `spec.nodeName=${name}` }).items as Pod[]).filter(
      (p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
    const owner = (p: Pod) => p.metadata.ownerReferences?.find((o) => o.controller);
    const mirror = (p: Pod) => !!p.metadata.annotations?.['kubernetes.io/config.mirror'];
    const daemon = pods.filter((p) => owner(p)?.kind === 'DaemonSet');
    const bare = pods.filter((p) => !owner(p) && !mirror(p));
    const fullName = (p: Pod) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
    const problems: string[] = [];
    if (daemon.length && !ctx.flags.bool('ignore-daemonsets'))
      problems.push(
        `cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${daemon.map(fullName).join(', ')}`,
      );
    if (bare.length && !ctx.flags.bool('force'))
      problems.push(
        `cannot delete Pods that declare no controller (use --force to override): ${bare.map(fullName).join(', ')}`,
      );
    if (problems.length) {
      ctx.io.err(
        `error: unable to drain node "${name}" due to error: ${problems.join(', ')}, continuing command...\nThere are pending nodes to be drained:\n ${name}\n${problems.join('\n')}\n`,
      );
      code = 1;
      continue;
    }
    if (daemon.length) ctx.io.err(`Warning: ignoring DaemonSet-managed Pods: ${daemon.map(fullName).join(', ')}\n`);
    if (bare.length)
      ctx.io.err(`Warning: deleting Pods that declare no controller: ${bare.map(fullName).join(', ')}\n`);
    const evict = pods.filter((p) => owner(p)?.kind !== 'DaemonSet' && !mirror(p));
    for (const p of evict) {
      ctx.io.err(`evicting pod ${fullName(p)}\n`);
      try {
        ctx.client.send('create', PODS, {
          namespace: p.metadata.namespace,
          name: p.metadata.name,
          subresource: 'eviction',
          body: {
            apiVersion: 'policy/v1',
            kind: 'Eviction',
            metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
          },
        });
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        ctx.io.err(serverMessage(e) + '\n');
        code = 1;
      }
    }
    const gone = (p: Pod) => {
      try {
        ctx.client.get(PODS, p.metadata.namespace ?? '', p.metadata.name ?? '');
        return false;
      } catch {
        return true;
      }
    };
    waitUntil(ctx.env, () => evict.every(gone), 60_000);
    for (const p of evict) ctx.io.out(`pod/${p.metadata.name ?? ''} evicted\n`);
    ctx.io.out(`node/${name} drained\n`);
  }
  return code;
}

export function logs(ctx: CommandContext): number {
  const arg = ctx.flags.args[0];
  if (!arg && !ctx.flags.str('selector'))
    throw new CmdError(
      'expected POD or TYPE/NAME is a required argument for the logs command',
      `See 'kubectl logs -h' for help and examples\n`,
    );
  let podName = arg ?? '';
  if (podName.includes('/')) {
    const [t] = parseTargets([podName]);
    if (t?.res.kind !== 'Pod') throw new CmdError(`cannot get the logs from ${t?.res.kind ?? 'unknown'}`);
    podName = t.names[0] ?? '';
  }
  const pod = ctx.client.get(PODS, ctx.namespace, podName) as Pod;
  const container = ctx.flags.str('container') || ctx.flags.args[1] || '';
  if (!container && pod.spec.containers.length > 1)
    throw new CmdError(
      `a container name must be specified for pod ${podName}, choose one of: [${pod.spec.containers.map((c) => c.name).join(' ')}]`,
    );
  const body = ctx.client.send('get', PODS, {
    namespace: ctx.namespace,
    name: podName,
    subresource: 'log',
    body: { container: container || pod.spec.containers[0]?.name, previous: ctx.flags.bool('previous') },
  });
  let text = typeof body === 'string' ? body : ((body as { log?: string }).log ?? '');
  const tail = ctx.flags.int('tail', -1);
  if (tail >= 0) {
    const lines = text.split('\n').filter((l, i, a) => i < a.length - 1 || l !== '');
    text = lines
      .slice(Math.max(0, lines.length - tail))
      .map((l) => l + '\n')
      .join('');
  }
  ctx.io.out(text);
  return 0;
}
