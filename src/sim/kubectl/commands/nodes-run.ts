// What kubectl label, annotate, taint, patch, cordon, uncordon, drain and logs run: fetched as a
// lazy chunk (see ./lazy.ts); their names and flags are in ./nodes.ts.

import type { Node, Pod, Taint } from '../../index.ts';
import { LABEL_VALUE, LABEL_VALUE_MSG, QUALIFIED_NAME } from '../../api/labels.ts';
import { yamlLib } from '../../yaml.ts';
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

/** One object's labels or annotations edit: the merge patch of the map, and the word kubectl prints. */
type MapEdit = (
  current: Record<string, string>,
  changes: readonly string[],
  overwrite: boolean,
) => {
  patch: Record<string, string | null>;
  verb: string;
};

/**
 * label and annotate: the objects named (or picked by -l / --all), each one's map listed (--list)
 * or changed with KEY=VALUE and KEY- arguments through a merge patch of metadata[field].
 */
function editMetadataMap(ctx: CommandContext, field: 'labels' | 'annotations', edit: MapEdit): number {
  const args = ctx.flags.args;
  const changes = args.filter((a) => a.includes('=') || a.endsWith('-'));
  const refs = args.filter((a) => !changes.includes(a));
  if (refs.length === 0)
    throw new CmdError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (changes.length === 0 && !ctx.flags.bool('list'))
    throw new CmdError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  for (const t of parseTargets(refs)) {
    const names = targetNames(ctx, t.res, t.names);
    if (names.length === 0) throw new CmdError('resource(s) were provided, but no name was specified');
    for (const name of names) {
      const current = metaOf(ctx.client.get(t.res, ctx.namespace, name))[field] ?? {};
      if (ctx.flags.bool('list')) {
        for (const k of Object.keys(current).sort()) ctx.io.out(`${k}=${current[k] ?? ''}\n`);
        continue;
      }
      const { patch, verb } = edit(current, changes, ctx.flags.bool('overwrite'));
      if (Object.keys(patch).length > 0)
        ctx.client.send('patch', t.res, {
          namespace: ctx.namespace,
          name,
          patchType: 'merge',
          body: { metadata: { [field]: patch } },
        });
      ctx.io.out(`${kindPrefix(t.res)}/${name} ${verb}\n`);
    }
  }
  return 0;
}

/** KEY=VALUE split at its first '='. */
function keyValue(change: string): [string, string] {
  const eq = change.indexOf('=');
  return [change.slice(0, eq), change.slice(eq + 1)];
}

/** kubectl label: labeled / unlabeled / not labeled, one clash at a time. */
const labelEdit: MapEdit = (current, changes, overwrite) => {
  const patch: Record<string, string | null> = {};
  let changed = false;
  let removed = false;
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) {
      const k = c.slice(0, -1);
      if (k in current) {
        patch[k] = null;
        removed = true;
      }
      continue;
    }
    const [k, v] = keyValue(c);
    if (k in current && current[k] !== v && !overwrite)
      throw new CmdError(`'${k}' already has a value (${current[k] ?? ''}), and --overwrite is false`);
    if (current[k] !== v) changed = true;
    patch[k] = v;
  }
  return { patch, verb: changed ? 'labeled' : removed ? 'unlabeled' : 'not labeled' };
};

/** kubectl annotate: always 'annotated'; every clash named in one error. */
const annotateEdit: MapEdit = (current, changes, overwrite) => {
  const patch: Record<string, string | null> = {};
  const clashes: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) {
      patch[c.slice(0, -1)] = null;
      continue;
    }
    const [k, v] = keyValue(c);
    const had = current[k];
    if (had !== undefined && had !== v && !overwrite) clashes.push(`'${k}' already has a value (${had})`);
    patch[k] = v;
  }
  if (clashes.length)
    throw new CmdError(`--overwrite is false but found the following declared annotation(s): ${clashes.join('; ')}`);
  return { patch, verb: 'annotated' };
};

export function label(ctx: CommandContext): number {
  return editMetadataMap(ctx, 'labels', labelEdit);
}

/** `kubectl annotate TYPE NAME KEY=VAL ... KEY-`: like label, and kubectl's wording for annotations. */
export function annotate(ctx: CommandContext): number {
  return editMetadataMap(ctx, 'annotations', annotateEdit);
}

/** The names a label/annotate target covers: given ones, or those the selector or --all picks. */
function targetNames(ctx: CommandContext, res: ResourceInfo, names: string[]): string[] {
  if (names.length) return names;
  if (!ctx.flags.str('selector') && !ctx.flags.bool('all')) return [];
  return ctx.client
    .list(res, ctx.namespace, { labelSelector: ctx.flags.str('selector') || undefined })
    .items.map((o) => metaOf(o).name ?? '');
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** A taint as kubectl writes it: key=value:effect, key:effect or key. */
function taintString(t: { key: string; value?: string; effect?: string }): string {
  const kv = t.value ? `${t.key}=${t.value}` : t.key;
  return t.effect ? `${kv}:${t.effect}` : kv;
}

/** kubectl's parseTaint: '<key>=<value>:<effect>', '<key>:<effect>' or '<key>'. */
function parseTaint(spec: string): { key: string; value: string; effect: string } {
  const parts = spec.split(':');
  let key: string;
  let value = '';
  let effect = '';
  if (parts.length === 1) key = parts[0] ?? '';
  else if (parts.length === 2) {
    effect = parts[1] ?? '';
    if (!EFFECTS.includes(effect)) throw new CmdError(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = (parts[0] ?? '').split('=');
    if (kv.length > 2) throw new CmdError(`invalid taint spec: ${spec}`);
    key = kv[0] ?? '';
    value = kv[1] ?? '';
    if (!LABEL_VALUE.test(value) || value.length > 63)
      throw new CmdError(`invalid taint spec: ${spec}, ${LABEL_VALUE_MSG}`);
  } else throw new CmdError(`invalid taint spec: ${spec}`);
  if (!QUALIFIED_NAME.test(key) || key.length > 316)
    throw new CmdError(
      `invalid taint spec: ${spec}, name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  return { key, value, effect };
}

/**
 * `kubectl taint nodes NAME KEY=VALUE:EFFECT ... KEY[:EFFECT]-`: adds, overwrites (--overwrite) or
 * removes node taints, with kubectl's checks, messages and tainted/untainted/modified wording.
 */
export function taint(ctx: CommandContext): number {
  const usage = `See 'kubectl taint -h' for help and examples\n`;
  const resources: string[] = [];
  const specs: string[] = [];
  for (const a of ctx.flags.args) {
    const isTaint = a.includes('=') || a.endsWith('-');
    if (isTaint || specs.length > 0) {
      if (!isTaint) throw new CmdError(`all resources must be specified before taint changes: ${a}`);
      specs.push(a);
    } else resources.push(a);
  }
  if (resources.length < 1) throw new CmdError('one or more resources must be specified as <resource> <name>');
  if (specs.length < 1) throw new CmdError('at least one taint update is required');
  const add: { key: string; value: string; effect: string }[] = [];
  const remove: { key: string; effect: string }[] = [];
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, effect: t.effect });
      continue;
    }
    const t = parseTaint(spec);
    if (!t.effect) throw new CmdError(`invalid taint spec: ${spec}`, usage);
    if (add.some((x) => x.key === t.key && x.effect === t.effect))
      throw new CmdError(
        `duplicated taints with the same key and effect: {${t.key} ${t.value} ${t.effect} <nil>}`,
        usage,
      );
    add.push(t);
  }
  const type = (resources[0] ?? '').toLowerCase();
  if (type !== 'node' && type !== 'nodes')
    throw new CmdError(`invalid resource type ${resources[0] ?? ''}, only ["node" "nodes"] are supported`, usage);
  const conflicts = remove
    .filter((r) => add.some((a) => a.key === r.key && (r.effect === '' || a.effect === r.effect)))
    .map((r) => `{"${r.key}":"${r.effect}"}`);
  if (conflicts.length)
    throw new CmdError(
      `can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`,
      usage,
    );
  const all = ctx.flags.bool('all');
  const selector = ctx.flags.str('selector');
  if (all && selector) throw new CmdError("setting 'all' parameter with a non empty selector is prohibited.", usage);
  if (!all && !selector && resources.length < 2)
    throw new CmdError("at least one resource name must be specified since 'all' parameter is not set", usage);
  const names =
    all || selector
      ? ctx.client
          .list(NODES, undefined, { labelSelector: selector || undefined })
          .items.map((o) => metaOf(o).name ?? '')
      : resources.slice(1);
  const overwrite = ctx.flags.bool('overwrite');
  for (const name of names) {
    const node = ctx.client.get(NODES, '', name) as Node;
    const old = node.spec.taints ?? [];
    if (!overwrite) {
      const exists = add.filter((a) => old.some((o) => o.key === a.key && o.effect === a.effect)).map((a) => a.key);
      if (exists.length)
        throw new CmdError(
          `Node ${name} already has ${exists.join(',')} taint(s) with same effect(s) and --overwrite is false`,
        );
    }
    // kubectl's ReorganizeTaints: the new taints first, then the old ones they do not replace;
    // then the removals, each of which must find something.
    let next: Taint[] = add.map((a) => {
      const t: Taint = { key: a.key, effect: a.effect as Taint['effect'] };
      if (a.value) t.value = a.value;
      return t;
    });
    for (const o of old) if (!next.some((t) => t.key === o.key && t.effect === o.effect)) next.push(o);
    const added = old.length !== next.length;
    const missing: string[] = [];
    let deleted = false;
    for (const r of remove) {
      const kept = next.filter((t) => !(t.key === r.key && (r.effect === '' || t.effect === r.effect)));
      deleted = kept.length !== next.length;
      if (!deleted) missing.push(`taint "${taintString(r)}" not found`);
      next = kept;
    }
    if (missing.length) throw new CmdError(missing.length === 1 ? (missing[0] as string) : `[${missing.join(', ')}]`);
    const operation = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
    ctx.client.send('patch', NODES, {
      name,
      patchType: 'strategic',
      body: { spec: { taints: next.length ? next : null } },
    });
    ctx.io.out(`node/${name} ${operation}\n`);
  }
  return 0;
}

/** `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]`: the patch may be JSON or YAML. */
export function patch(ctx: CommandContext): number {
  const text = ctx.flags.str('patch');
  if (!text) throw new CmdError('must specify --patch or --patch-file containing the contents of the patch');
  const type = ctx.flags.str('type') || 'strategic';
  if (type !== 'json' && type !== 'merge' && type !== 'strategic')
    throw new CmdError(`--type must be one of [json merge strategic], not "${type}"`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    try {
      body = yamlLib().parse(text);
    } catch (e) {
      throw new CmdError(`unable to parse "${text}": ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    }
  }
  const targets = parseTargets(ctx.flags.args);
  const t = targets[0];
  const name = t?.names[0];
  if (!t || !name) throw new CmdError('resource(s) were provided, but no name was specified');
  const before = metaOf(ctx.client.get(t.res, ctx.namespace, name)).resourceVersion;
  const after = metaOf(ctx.client.send('patch', t.res, { namespace: ctx.namespace, name, patchType: type, body }));
  // The server writes nothing for a patch that changes nothing: the resourceVersion stays.
  ctx.io.out(`${kindPrefix(t.res)}/${name} patched${after.resourceVersion === before ? ' (no change)' : ''}\n`);
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
