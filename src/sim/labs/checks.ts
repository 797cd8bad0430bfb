// Evaluates one declarative lab check against the learner's terminal session: its current
// cluster (through the API server), its components, or a command's output. Pure reads, except
// `output` checks, which run their command in a copy of the session so the learner's own
// history and cluster are untouched.

import type { Deployment, Event } from '../api/types.ts';
import type { LabCheck, EventMatch } from '../../deck/lab-schema.ts';
import { Session, type ClusterFactory } from '../shell/index.ts';
import { ApiUnavailable, deployment, eventKey, events, nodeReady, nodes, pods, type PodView } from './observe.ts';

export interface CheckResult {
  check: LabCheck;
  ok: boolean;
  /** What was observed, in words a learner can act on. */
  message: string;
}

export interface CheckContext {
  session: Session;
  clusters: ClusterFactory;
  /** Event occurrences from before a scenario ran: event checks ignore them. */
  before?: ReadonlySet<string>;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A one-line description of what the check asks for. */
export function describeCheck(check: LabCheck): string {
  if ('deployment' in check) {
    if (check.exists === false) return `deployment ${check.deployment} is deleted`;
    const parts = [
      check.replicas !== undefined ? `wants ${plural(check.replicas, 'replica')}` : '',
      check.readyReplicas !== undefined ? `has ${plural(check.readyReplicas, 'ready replica')}` : '',
      check.image ? `runs ${check.image}` : '',
      check.complete ? 'finished its rollout' : '',
    ].filter(Boolean);
    return `deployment ${check.deployment} ${parts.join(', ') || 'exists'}`;
  }
  if ('pods' in check) {
    const what = [check.phase, check.status, check.ready === undefined ? '' : check.ready ? 'ready' : 'not ready']
      .filter(Boolean)
      .join(', ');
    const sel = check.pods ? `pods with ${check.pods}` : 'pods';
    return check.count !== undefined
      ? `${check.count} ${sel} ${what || 'exist'}`
      : `all ${sel} are ${what || 'present'}`;
  }
  if ('pod' in check) {
    if (check.exists === false) return `pod ${check.pod} is deleted`;
    const what = [check.phase, check.status, check.ready === undefined ? '' : check.ready ? 'ready' : 'not ready']
      .filter(Boolean)
      .join(', ');
    return `pod ${check.pod} ${what ? `is ${what}` : 'exists'}`;
  }
  if ('node' in check)
    return `${check.node === '*' ? 'every node' : `node ${check.node}`} is ${check.ready ? 'Ready' : 'NotReady'}`;
  if ('component' in check) return `${check.component} is ${check.running ? 'running' : 'stopped'}`;
  if ('event' in check) return `${check.present === false ? 'no' : 'an'} event ${describeEvent(check.event)}`;
  const o = check.output;
  const parts = [
    o.exitCode !== undefined ? `exits ${o.exitCode}` : '',
    o.contains !== undefined ? `prints "${o.contains}"` : '',
    o.notContains !== undefined ? `does not print "${o.notContains}"` : '',
  ].filter(Boolean);
  return `\`${o.command}\` ${parts.join(' and ') || 'runs'}`;
}

function describeEvent(m: EventMatch): string {
  const parts = [
    m.type,
    m.reason ?? 'any reason',
    m.source ? `from ${m.source}` : '',
    m.kind || m.name ? `about ${[m.kind, m.name].filter(Boolean).join(' ')}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

export function eventMatches(m: EventMatch, e: Event): boolean {
  const source = e.source?.component || e.reportingComponent || '';
  const name = e.involvedObject.name ?? '';
  if (m.reason !== undefined && e.reason !== m.reason) return false;
  if (m.source !== undefined && source !== m.source) return false;
  if (m.kind !== undefined && e.involvedObject.kind !== m.kind) return false;
  if (m.type !== undefined && e.type !== m.type) return false;
  if (m.name !== undefined && !(m.name.endsWith('*') ? name.startsWith(m.name.slice(0, -1)) : name === m.name))
    return false;
  return true;
}

function rolloutComplete(d: Deployment): boolean {
  const want = d.spec.replicas ?? 1;
  const s = d.status ?? {};
  return (
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
    (s.updatedReplicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want
  );
}

function podMeets(v: PodView, c: { phase?: string; status?: string; ready?: boolean }): boolean {
  return (
    (c.phase === undefined || v.pod.status?.phase === c.phase) &&
    (c.status === undefined || v.status === c.status) &&
    (c.ready === undefined || v.ready === c.ready)
  );
}

function podSummary(list: readonly PodView[]): string {
  if (list.length === 0) return 'no pods';
  return list.map((v) => `${v.pod.metadata.name ?? '?'} ${v.status}`).join(', ');
}

type ClusterCheck = Exclude<LabCheck, { output: unknown } | { component: unknown }>;

function clusterCheck(check: ClusterCheck, ctx: CheckContext): { ok: boolean; message: string } {
  const cluster = ctx.session.currentCluster();
  if (!cluster) return { ok: false, message: 'kubectl has no cluster to talk to (no current context)' };
  const api = cluster.api;
  if ('deployment' in check) {
    const d = deployment(api, check.namespace ?? 'default', check.deployment);
    if (!d) return { ok: check.exists === false, message: `deployment ${check.deployment} not found` };
    if (check.exists === false) return { ok: false, message: `deployment ${check.deployment} still exists` };
    const ready = d.status?.readyReplicas ?? 0;
    const images = d.spec.template.spec?.containers.map((c) => c.image ?? '') ?? [];
    const ok =
      (check.replicas === undefined || (d.spec.replicas ?? 1) === check.replicas) &&
      (check.readyReplicas === undefined || ready === check.readyReplicas) &&
      (check.image === undefined || (images.length > 0 && images.every((i) => i === check.image))) &&
      (check.complete === undefined || rolloutComplete(d) === check.complete);
    const rollout = rolloutComplete(d) ? 'rollout complete' : 'rollout not complete';
    return {
      ok,
      message: `deployment ${check.deployment}: ${ready}/${d.spec.replicas ?? 1} ready, image ${images.join(', ') || 'none'}, ${rollout}`,
    };
  }
  if ('pods' in check) {
    const list = pods(api, check.namespace ?? 'default', check.pods);
    const meeting = list.filter((v) => podMeets(v, check)).length;
    const ok = check.count !== undefined ? meeting === check.count : list.length > 0 && meeting === list.length;
    return { ok, message: `${plural(meeting, 'pod')} of ${list.length} selected match: ${podSummary(list)}` };
  }
  if ('pod' in check) {
    const v = pods(api, check.namespace ?? 'default', '').find((p) => p.pod.metadata.name === check.pod);
    if (!v) return { ok: check.exists === false, message: `pod ${check.pod} not found` };
    if (check.exists === false) return { ok: false, message: `pod ${check.pod} still exists (${v.status})` };
    return { ok: podMeets(v, check), message: `pod ${check.pod} is ${v.status}${v.ready ? ', ready' : ', not ready'}` };
  }
  if ('node' in check) {
    const all = nodes(api).filter((n) => check.node === '*' || n.metadata.name === check.node);
    if (all.length === 0) return { ok: false, message: `node ${check.node} not found` };
    const ok = all.every((n) => nodeReady(n) === check.ready);
    return {
      ok,
      message: all.map((n) => `${n.metadata.name ?? '?'} ${nodeReady(n) ? 'Ready' : 'NotReady'}`).join(', '),
    };
  }
  const found = events(api, check.namespace).filter(
    (e) => !ctx.before?.has(eventKey(e)) && eventMatches(check.event, e),
  );
  const want = check.present !== false;
  const seen = found.length
    ? `seen: ${found[0]?.reason ?? '?'} on ${found[0]?.involvedObject.kind ?? '?'} ${found[0]?.involvedObject.name ?? ''}`
    : 'no such event';
  return { ok: found.length > 0 === want, message: seen };
}

function outputCheck(
  check: Extract<LabCheck, { output: unknown }>,
  ctx: CheckContext,
): { ok: boolean; message: string } {
  const copy = Session.fromJSON(ctx.session.toJSON(), ctx.clusters);
  const r = copy.run(check.output.command);
  const text = r.stdout + r.stderr;
  const o = check.output;
  const ok =
    (o.exitCode === undefined || r.exitCode === o.exitCode) &&
    (o.contains === undefined || text.includes(o.contains)) &&
    (o.notContains === undefined || !text.includes(o.notContains));
  // The last line is kubectl's summary ("The connection to the server ... was refused").
  const lastLine =
    text
      .split('\n')
      .filter((l) => l.trim())
      .pop() ?? '';
  return { ok, message: `\`${o.command}\` exited ${r.exitCode}${lastLine ? `: ${lastLine.slice(0, 120)}` : ''}` };
}

export function evaluateCheck(check: LabCheck, ctx: CheckContext): CheckResult {
  try {
    if ('output' in check) return { check, ...outputCheck(check, ctx) };
    if ('component' in check) {
      const c = ctx.session
        .currentCluster()
        ?.components()
        .find((x) => x.name === check.component);
      if (!c) return { check, ok: false, message: 'kubectl has no cluster to talk to (no current context)' };
      return {
        check,
        ok: c.running === check.running,
        message: `${check.component} is ${c.running ? 'running' : 'stopped'}`,
      };
    }
    return { check, ...clusterCheck(check, ctx) };
  } catch (e) {
    if (e instanceof ApiUnavailable) return { check, ok: false, message: e.message };
    throw e;
  }
}
