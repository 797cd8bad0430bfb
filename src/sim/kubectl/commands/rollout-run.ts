// What kubectl scale, set image and rollout run: fetched as a lazy chunk (see ./lazy.ts); their names
// and flags are in ./rollout.ts.

import type { Deployment, ReplicaSet } from '../../index.ts';
import type { CommandContext } from '../command.ts';
import { CmdError, ServerError } from '../errors.ts';
import { TabWriter } from '../printers/tabwriter.ts';
import { metaOf } from '../printers/table.ts';
import { selectPath } from '../printers/jsonpath.ts';
import { type ResourceInfo, kindPrefix, resolveResource } from '../resources.ts';
import { parseTargets } from '../targets.ts';
import { rfc3339 } from '../time.ts';
import { waitUntil } from './watch-loop.ts';
import { parseGoDuration } from '../../api/duration.ts';

const RS = resolveResource('replicasets') as ResourceInfo;
const REVISION = 'deployment.kubernetes.io/revision';

/** One `TYPE NAME` or `TYPE/NAME` argument, resolved. */
function single(ctx: CommandContext, what: string): { res: ResourceInfo; name: string } {
  const targets = parseTargets(ctx.flags.args);
  const t = targets[0];
  const name = t?.names[0];
  if (!t || !name)
    throw new CmdError(`required resource not specified`, `See 'kubectl ${ctx.path} -h' for help and examples\n`);
  if (t.res.kind !== 'Deployment' && what !== 'scale')
    throw new CmdError(`no ${what} for ${t.res.kind.toLowerCase()}s`);
  return { res: t.res, name };
}

function ownedReplicaSets(ctx: CommandContext, d: Deployment): ReplicaSet[] {
  const items = ctx.client.list(RS, ctx.namespace).items as ReplicaSet[];
  return items
    .filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid))
    .sort((a, b) => Number(a.metadata.annotations?.[REVISION] ?? 0) - Number(b.metadata.annotations?.[REVISION] ?? 0));
}

function statusMessage(d: Deployment): { msg: string; done: boolean } {
  const name = d.metadata.name ?? '';
  const st = d.status ?? {};
  const want = d.spec.replicas ?? 1;
  if ((d.metadata.generation ?? 0) > (st.observedGeneration ?? 0))
    return { msg: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded')
    throw new CmdError(`deployment "${name}" exceeded its progress deadline`);
  const updated = st.updatedReplicas ?? 0;
  if (updated < want)
    return {
      msg: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`,
      done: false,
    };
  if ((st.replicas ?? 0) > updated)
    return {
      msg: `Waiting for deployment "${name}" rollout to finish: ${(st.replicas ?? 0) - updated} old replicas are pending termination...`,
      done: false,
    };
  if ((st.availableReplicas ?? 0) < updated)
    return {
      msg: `Waiting for deployment "${name}" rollout to finish: ${st.availableReplicas ?? 0} of ${updated} updated replicas are available...`,
      done: false,
    };
  return { msg: `deployment "${name}" successfully rolled out`, done: true };
}

export function scale(ctx: CommandContext): number {
  if (!ctx.flags.has('replicas')) throw new CmdError(`required flag(s) "replicas" not set`);
  const replicas = ctx.flags.int('replicas', 0);
  if (replicas < 0)
    throw new CmdError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  const targets = parseTargets(ctx.flags.args);
  if (targets.length === 0) throw new CmdError('required resource not specified');
  let done = 0;
  for (const t of targets) {
    if (!['Deployment', 'ReplicaSet'].includes(t.res.kind))
      throw new CmdError(`cannot scale ${t.res.kind.toLowerCase()}s`);
    const names = t.names.length ? t.names : [];
    for (const name of names) {
      try {
        ctx.client.get(t.res, ctx.namespace, name);
      } catch (e) {
        if (e instanceof ServerError && e.reason === 'NotFound') continue;
        throw e;
      }
      ctx.client.send('patch', t.res, {
        namespace: ctx.namespace,
        name,
        subresource: 'scale',
        patchType: 'merge',
        body: { spec: { replicas } },
      });
      ctx.io.out(`${kindPrefix(t.res)}/${name} scaled\n`);
      done++;
    }
  }
  if (done === 0) throw new CmdError('no objects passed to scale');
  return 0;
}

/** A container list as `set image` edits it: its copies, and which of them it changed. */
interface Edited {
  containers: { name: string; image: string }[];
  changed: Set<string>;
}

function editable(list: readonly { name: string; image: string }[] | undefined): Edited {
  return { containers: (list ?? []).map((c) => ({ name: c.name, image: c.image })), changed: new Set() };
}

/** The patch of one list: only the containers whose image changed, by name, as kubectl computes it. */
function listPatch(e: Edited): { name: string; image: string }[] | undefined {
  const out = e.containers.filter((c) => e.changed.has(c.name));
  return out.length > 0 ? out : undefined;
}

/**
 * `kubectl set image TYPE/NAME CONTAINER=IMAGE ...`: app and init containers alike, of a Pod or of
 * a workload's Pod template. The patch carries only what changed.
 */
export function setImage(ctx: CommandContext): number {
  const args = ctx.flags.args;
  const pairs = args.filter((a) => a.includes('='));
  const refs = args.filter((a) => !a.includes('='));
  if (pairs.length === 0)
    throw new CmdError('at least one image update is required', `See 'kubectl set image -h' for help and examples\n`);
  const targets = parseTargets(refs);
  for (const t of targets) {
    for (const name of t.names) {
      const obj = ctx.client.get(t.res, ctx.namespace, name) as Deployment;
      const isPod = t.res.kind === 'Pod';
      const spec = (isPod ? obj.spec : obj.spec.template.spec) as Deployment['spec']['template']['spec'];
      const app = editable(spec.containers);
      const init = editable(spec.initContainers);
      for (const p of pairs) {
        const [cname = '', image = ''] = p.split('=');
        let found = false;
        for (const e of [init, app])
          for (const c of e.containers)
            if (cname === '*' || c.name === cname) {
              found = true;
              if (c.image !== image) e.changed.add(c.name);
              c.image = image;
            }
        if (!found) throw new CmdError(`unable to find container named "${cname}"`);
      }
      const podPatch: Record<string, unknown> = {};
      const initPatch = listPatch(init);
      const appPatch = listPatch(app);
      if (appPatch) podPatch['containers'] = appPatch;
      if (initPatch) podPatch['initContainers'] = initPatch;
      // Nothing to change: kubectl sends no patch and prints nothing.
      if (!appPatch && !initPatch) continue;
      ctx.client.send('patch', t.res, {
        namespace: ctx.namespace,
        name,
        patchType: 'strategic',
        body: { spec: isPod ? podPatch : { template: { spec: podPatch } } },
      });
      ctx.io.out(`${kindPrefix(t.res)}/${name} image updated\n`);
    }
  }
  return 0;
}

/** Whether `obj` has the condition with that type and status, compared as kubectl does (any case). */
function conditionMet(obj: unknown, type: string, status: string): boolean {
  const o = obj as { metadata?: { generation?: number }; status?: { conditions?: unknown } };
  const conditions = Array.isArray(o.status?.conditions) ? (o.status.conditions as Record<string, unknown>[]) : [];
  for (const c of conditions) {
    if (String(c['type'] ?? '').toLowerCase() !== type.toLowerCase()) continue;
    // A condition observed for an older generation does not count yet.
    const observed = c['observedGeneration'];
    if (typeof observed === 'number' && observed < (o.metadata?.generation ?? 0)) return false;
    return String(c['status'] ?? '').toLowerCase() === status.toLowerCase();
  }
  return false;
}

/**
 * `kubectl wait --for=condition=NAME[=STATUS] | --for=delete | --for=jsonpath='{...}'=VALUE`: lets
 * simulated time pass until each object meets the condition ("condition met") or the timeout
 * (30s by default, per object) runs out.
 */
export function waitFor(ctx: CommandContext): number {
  const forText = ctx.flags.str('for');
  let check: (obj: unknown) => boolean;
  const lower = forText.toLowerCase();
  if (lower === 'delete') check = () => false;
  else if (forText.startsWith('condition=')) {
    const spec = forText.slice('condition='.length);
    const eq = spec.indexOf('=');
    const type = eq === -1 ? spec : spec.slice(0, eq);
    const status = eq === -1 ? 'true' : spec.slice(eq + 1);
    check = (obj) => conditionMet(obj, type, status);
  } else if (forText.startsWith('jsonpath=')) {
    const parts = forText.split('=');
    if (parts.length !== 3)
      throw new CmdError(`jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3`);
    const expr = (parts[1] ?? '').replace(/^'(.*)'$/, '$1');
    const path = expr.startsWith('{') && expr.endsWith('}') ? expr.slice(1, -1) : expr;
    const want = parts[2] ?? '';
    check = (obj) => {
      const got = selectPath(path, obj);
      if (got.length !== 1) return false;
      const v = got[0];
      return (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v)) === want;
    };
  } else throw new CmdError(`unrecognized condition: "${forText}"`);

  const timeoutText = ctx.flags.str('timeout') || '30s';
  const parsed = parseGoDuration(timeoutText);
  if (parsed === undefined)
    throw new CmdError(
      `invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"`,
    );
  const timeout = parsed < 0 ? 7 * 24 * 3_600_000 : parsed;

  const targets = parseTargets(ctx.flags.args);
  const forDelete = lower === 'delete';
  let visited = 0;
  for (const t of targets) {
    let names = t.names;
    if (names.length === 0 && (ctx.flags.str('selector') || ctx.flags.bool('all')))
      names = ctx.client
        .list(t.res, ctx.namespace, { labelSelector: ctx.flags.str('selector') || undefined })
        .items.map((o) => metaOf(o).name ?? '');
    for (const name of names) {
      const read = (): unknown => {
        try {
          return ctx.client.get(t.res, ctx.namespace, name);
        } catch (e) {
          if (forDelete && e instanceof ServerError && e.reason === 'NotFound') return undefined;
          throw e;
        }
      };
      // Waiting for deletion of something already gone has nothing to report.
      if (forDelete && read() === undefined) continue;
      visited++;
      const met = waitUntil(ctx.env, () => (forDelete ? read() === undefined : check(read())), timeout);
      if (!met) throw new CmdError(`timed out waiting for the condition on ${t.res.name}/${name}`);
      ctx.io.out(`${kindPrefix(t.res)}/${name} condition met\n`);
    }
  }
  if (visited === 0 && !forDelete) throw new CmdError('no matching resources found');
  return 0;
}

export function set(ctx: CommandContext): number {
  throw new CmdError(`unknown command "${ctx.flags.args[0] ?? ''}" for "kubectl set"`);
}

export function rolloutStatus(ctx: CommandContext): number {
  const { res, name } = single(ctx, 'status viewer');
  let last = '';
  let finished = false;
  const check = () => {
    const s = statusMessage(ctx.client.get(res, ctx.namespace, name) as Deployment);
    if (s.msg !== last) ctx.io.out(s.msg + '\n');
    last = s.msg;
    finished = s.done;
    return s.done || !ctx.flags.bool('watch', true);
  };
  waitUntil(ctx.env, check, ctx.env.watchMaxMs);
  if (!finished && ctx.flags.bool('watch', true)) throw new CmdError('timed out waiting for the condition');
  return 0;
}

export function rolloutHistory(ctx: CommandContext): number {
  const { res, name } = single(ctx, 'history viewer');
  const d = ctx.client.get(res, ctx.namespace, name) as Deployment;
  const rows = ownedReplicaSets(ctx, d).map(
    (rs) =>
      `${rs.metadata.annotations?.[REVISION] ?? ''}\t${rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'}\n`,
  );
  const table = new TabWriter(0, 2).format('REVISION\tCHANGE-CAUSE\n' + rows.join(''));
  ctx.io.out(`${kindPrefix(res)}/${name} \n${table}\n`);
  return 0;
}

export function rolloutUndo(ctx: CommandContext): number {
  const { res, name } = single(ctx, 'rollbacker');
  const d = ctx.client.get(res, ctx.namespace, name) as Deployment;
  const history = ownedReplicaSets(ctx, d);
  const toRev = ctx.flags.int('to-revision', 0);
  const current = history[history.length - 1];
  const target =
    toRev > 0
      ? history.find((rs) => Number(rs.metadata.annotations?.[REVISION]) === toRev)
      : history[history.length - 2];
  if (!target) {
    if (toRev > 0) throw new CmdError(`unable to find specified revision ${toRev} in history`);
    throw new CmdError(`no rollout history found for deployment "${name}"`);
  }
  if (target === current) {
    ctx.io.out(`${kindPrefix(res)}/${name} skipped rollback (current template already matches revision ${toRev})\n`);
    return 0;
  }
  const labels = { ...(target.spec.template.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  const template = { ...target.spec.template, metadata: { ...target.spec.template.metadata, labels } };
  ctx.client.send('patch', res, { namespace: ctx.namespace, name, patchType: 'merge', body: { spec: { template } } });
  ctx.io.out(`${kindPrefix(res)}/${name} rolled back\n`);
  return 0;
}

export function rolloutRestart(ctx: CommandContext): number {
  const { res, name } = single(ctx, 'restarter');
  ctx.client.get(res, ctx.namespace, name);
  ctx.client.send('patch', res, {
    namespace: ctx.namespace,
    name,
    patchType: 'strategic',
    body: {
      spec: {
        template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': rfc3339(ctx.env.now()) } } },
      },
    },
  });
  ctx.io.out(`${kindPrefix(res)}/${name} restarted\n`);
  return 0;
}

export function rollout(ctx: CommandContext): number {
  const sub = ctx.flags.args[0];
  if (sub) throw new CmdError(`unknown command "${sub}" for "kubectl rollout"`);
  ctx.io.out(
    'Manage the deployment of one or more resources.\n\nAvailable Commands:\n  history     View rollout history\n  restart     Restart a resource\n  status      Show the status of the rollout\n  undo        Undo a previous rollout\n',
  );
  return 0;
}
