// kube-scheduler: watches pods without a node and nodes, keeps a NodeInfo cache, and for each
// queued pod runs Filter plugins over (enough) nodes, Score plugins over the feasible ones, then
// binds through the API. Failures become FailedScheduling events with FitError's message.

import type { Node, Pod } from '../api/types.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { FakeClock } from '../clock.ts';
import type { Rand } from '../rand.ts';
import type { Component } from '../component.ts';
import { Informer } from '../client/informer.ts';
import { EventRecorder } from '../client/recorder.ts';
import { objectKey } from '../api/meta.ts';
import { SchedulingQueue } from './queue.ts';
import {
  addPodToNode,
  cycleState,
  fitErrorMessage,
  nodeInfoFor,
  updateNodeInfo,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type ScorePlugin,
} from './framework.ts';
import { nodeUnschedulable } from './plugins/node-unschedulable.ts';
import { nodeName } from './plugins/node-name.ts';
import { taintToleration, taintTolerationScore } from './plugins/taint-toleration.ts';
import { nodeAffinity } from './plugins/node-affinity.ts';
import { nodeResourcesFit } from './plugins/node-resources-fit.ts';
import { leastAllocated } from './plugins/least-allocated.ts';
import { podTopologySpread } from './plugins/pod-topology-spread.ts';

export const FILTERS: readonly FilterPlugin[] = [
  nodeUnschedulable,
  nodeName,
  taintToleration,
  nodeAffinity,
  nodeResourcesFit,
];
export const SCORES: readonly ScorePlugin[] = [taintTolerationScore, leastAllocated, podTopologySpread];

/** What the cache keeps per placed pod: its requests and controller, not the pod object. */
type PlacedPod = Pick<CycleState, 'req' | 'owner'>;

const NO_SPREAD: ReadonlyMap<NodeInfo, number> = new Map();

const UA = 'kube-scheduler/v1.30.0 (linux/amd64) kubernetes/7c48c2b/scheduler';

function needsScheduling(p: Pod): boolean {
  return (
    !p.spec.nodeName &&
    !p.metadata.deletionTimestamp &&
    (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
    p.status?.phase !== 'Succeeded' &&
    p.status?.phase !== 'Failed'
  );
}

/** numFeasibleNodesToFind with the adaptive percentageOfNodesToScore. */
export function feasibleNodesToFind(n: number): number {
  if (n < 100) return n;
  const pct = Math.max(5, 50 - Math.floor(n / 125));
  return Math.max(100, Math.floor((n * pct) / 100));
}

export class Scheduler implements Component {
  readonly name = 'kube-scheduler';
  readonly #api: ApiServer;
  readonly #clock: FakeClock;
  readonly #rand: Rand;
  readonly #events: EventRecorder;
  readonly #queue = new SchedulingQueue();
  #pods!: Informer<Pod>;
  #nodes!: Informer<Node>;
  readonly #infos = new Map<string, NodeInfo>();
  #nodeList: NodeInfo[] = [];
  /** Pods counted in NodeInfo (assumed or bound), with what they added. */
  readonly #placed = new Map<string, { node: string; state: PlacedPod }>();
  #nextStart = 0;
  #running = true;
  /** Pods per controller per node: NodeInfo.owners indexed by owner first (for PodTopologySpread). */
  readonly #byOwner = new Map<string, Map<NodeInfo, number>>();

  constructor(api: ApiServer, clock: FakeClock, rand: Rand, nodeForEvents = '') {
    this.#api = api;
    this.#clock = clock;
    this.#rand = rand;
    this.#events = new EventRecorder(api, UA, { component: 'default-scheduler', host: nodeForEvents }, clock, rand, {
      newApi: true,
    });
    this.#reset();
  }

  get running(): boolean {
    return this.#running;
  }

  #reset(): void {
    this.#queue.clear();
    this.#infos.clear();
    this.#nodeList = [];
    this.#placed.clear();
    this.#byOwner.clear();
    this.#pods = new Informer<Pod>(this.#api, { group: '', version: 'v1', resource: 'pods' }, UA);
    this.#nodes = new Informer<Node>(this.#api, { group: '', version: 'v1', resource: 'nodes' }, UA);
    this.#nodes.on({
      add: (n) => this.#upsertNode(n),
      update: (_a, n) => this.#upsertNode(n),
      delete: (n) => {
        const gone = this.#infos.get(n.metadata.name ?? '');
        if (gone) for (const m of this.#byOwner.values()) m.delete(gone);
        this.#infos.delete(n.metadata.name ?? '');
        this.#nodeList = [...this.#infos.values()];
      },
    });
    this.#pods.on({
      add: (p) => this.#onPod(undefined, p),
      update: (a, b) => this.#onPod(a, b),
      delete: (p) => this.#onPod(p, undefined),
    });
  }

  /** addPodToNode, keeping #byOwner in step with NodeInfo.owners. */
  #account(ni: NodeInfo, st: PlacedPod, sign: 1 | -1): void {
    addPodToNode(ni, st, sign);
    const owner = st.owner;
    if (!owner) return;
    let m = this.#byOwner.get(owner);
    if (!m) {
      m = new Map();
      this.#byOwner.set(owner, m);
    }
    const n = (m.get(ni) ?? 0) + sign;
    if (n <= 0) {
      m.delete(ni);
      if (m.size === 0) this.#byOwner.delete(owner);
    } else m.set(ni, n);
  }

  #upsertNode(n: Node): void {
    const name = n.metadata.name ?? '';
    const ni = this.#infos.get(name);
    if (ni) updateNodeInfo(ni, n);
    else {
      this.#infos.set(name, nodeInfoFor(n));
      this.#nodeList = [...this.#infos.values()];
      for (const [, pl] of this.#placed)
        if (pl.node === name) this.#account(this.#infos.get(name) as NodeInfo, pl.state, 1);
    }
    this.#queue.moveAllToActive();
  }

  #onPod(prev: Pod | undefined, pod: Pod | undefined): void {
    const key = objectKey((pod ?? prev) as Pod);
    if (pod && needsScheduling(pod)) {
      this.#queue.add(key, pod.spec.priority ?? 0);
      return;
    }
    this.#queue.remove(key);
    const placed = this.#placed.get(key);
    const gone = !pod || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    if (gone || (placed && pod?.spec.nodeName !== placed.node)) {
      if (placed) {
        const ni = this.#infos.get(placed.node);
        if (ni) this.#account(ni, placed.state, -1);
        this.#placed.delete(key);
        this.#queue.moveAllToActive();
      }
    }
    if (!gone && pod?.spec.nodeName && !this.#placed.has(key)) {
      const full = cycleState(pod);
      const st: PlacedPod = { req: full.req, owner: full.owner };
      this.#placed.set(key, { node: pod.spec.nodeName, state: st });
      const ni = this.#infos.get(pod.spec.nodeName);
      if (ni) this.#account(ni, st, 1);
    }
  }

  stop(): void {
    this.#running = false;
    this.#pods.stop();
    this.#nodes.stop();
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#reset();
  }

  busy(): boolean {
    return this.#running && this.#queue.activeCount > 0;
  }

  get pending(): number {
    return this.#queue.pendingCount;
  }

  tick(now: number): void {
    if (!this.#running) return;
    if (!this.#nodes.sync() || !this.#pods.sync()) return;
    for (const key of this.#queue.pop(now)) {
      const pod = this.#pods.get(key);
      if (!pod || !needsScheduling(pod)) {
        this.#queue.remove(key);
        continue;
      }
      this.#scheduleOne(key, pod, now);
    }
  }

  #scheduleOne(key: string, pod: Pod, now: number): void {
    const state = cycleState(pod);
    if (state.owner) state.spread = this.#byOwner.get(state.owner) ?? NO_SPREAD;
    const filters = FILTERS.filter((f) => !f.skip?.(state));
    const nodes = this.#nodeList;
    const total = nodes.length;
    const want = feasibleNodesToFind(total);
    const feasible: NodeInfo[] = [];
    // FitError's histograms, only made once a node fails (most pods fit the first nodes they try).
    let reasons: Map<string, number> | undefined;
    let preempt: Map<string, number> | undefined;
    let processed = 0;
    for (; processed < total && feasible.length < want; processed++) {
      const ni = nodes[(this.#nextStart + processed) % total] as NodeInfo;
      let failed: FilterPlugin | undefined;
      let reason: string | null = null;
      for (const f of filters) {
        reason = f.filter(state, ni);
        if (reason !== null) {
          failed = f;
          break;
        }
      }
      if (!failed || reason === null) feasible.push(ni);
      else {
        reasons ??= new Map();
        preempt ??= new Map();
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        const p = failed.resolvable
          ? 'No preemption victims found for incoming pod'
          : 'Preemption is not helpful for scheduling';
        preempt.set(p, (preempt.get(p) ?? 0) + 1);
      }
    }
    this.#nextStart = total > 0 ? (this.#nextStart + processed) % total : 0;
    if (feasible.length === 0) {
      const msg = fitErrorMessage(total, reasons ?? new Map(), total > 0 ? (preempt ?? new Map()) : new Map());
      this.#events.event(pod, 'Warning', 'FailedScheduling', total === 0 ? 'no nodes available to schedule pods' : msg);
      this.#setUnschedulable(pod, total === 0 ? 'no nodes available to schedule pods' : msg);
      this.#queue.unschedulable(key, now);
      return;
    }
    const chosen = feasible.length === 1 ? (feasible[0] as NodeInfo) : this.#selectHost(state, feasible);
    // Assume: count the pod on the node before the bind lands, like the scheduler cache does.
    this.#placed.set(key, { node: chosen.name, state: { req: state.req, owner: state.owner } });
    this.#account(chosen, state, 1);
    this.#queue.remove(key);
    const res = this.#api.handle({
      verb: 'create',
      group: '',
      version: 'v1',
      resource: 'pods',
      subresource: 'binding',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name ?? '',
      body: {
        apiVersion: 'v1',
        kind: 'Binding',
        metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
        target: { apiVersion: 'v1', kind: 'Node', name: chosen.name },
      },
      userAgent: UA,
    });
    if (res.code !== 201) {
      this.#account(chosen, state, -1);
      this.#placed.delete(key);
      if (res.code !== 404) {
        this.#queue.add(key, pod.spec.priority ?? 0);
        this.#queue.retry(key, now);
      }
      return;
    }
    this.#events.event(
      pod,
      'Normal',
      'Scheduled',
      `Successfully assigned ${pod.metadata.namespace ?? 'default'}/${pod.metadata.name ?? ''} to ${chosen.name}`,
    );
  }

  #totals = new Float64Array(64);
  #scores = new Float64Array(64);

  #selectHost(state: CycleState, feasible: NodeInfo[]): NodeInfo {
    const n = feasible.length;
    if (this.#totals.length < n) {
      this.#totals = new Float64Array(n * 2);
      this.#scores = new Float64Array(n * 2);
    }
    const totals = this.#totals;
    const scores = this.#scores;
    totals.fill(0, 0, n);
    // PreScore: TaintToleration has nothing to say when no candidate has a PreferNoSchedule taint.
    const prefer = feasible.some((ni) => ni.taints.some((t) => t.effect === 'PreferNoSchedule'));
    for (const sp of SCORES) {
      if (sp === taintTolerationScore && !prefer) continue;
      for (let i = 0; i < n; i++) scores[i] = sp.score(state, feasible[i] as NodeInfo);
      sp.normalize?.(scores, n);
      for (let i = 0; i < n; i++) totals[i] = (totals[i] ?? 0) + (scores[i] ?? 0) * sp.weight;
    }
    // selectHost: highest total, ties broken by reservoir sampling.
    let best = 0;
    let ties = 1;
    for (let i = 1; i < n; i++) {
      const t = totals[i] ?? 0;
      const b = totals[best] ?? 0;
      if (t > b) {
        best = i;
        ties = 1;
      } else if (t === b) {
        ties++;
        if (this.#rand.int(ties) === 0) best = i;
      }
    }
    return feasible[best] as NodeInfo;
  }

  #setUnschedulable(pod: Pod, message: string): void {
    const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    if (cond && cond.status === 'False' && cond.message === message) return;
    const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({
      type: 'PodScheduled',
      status: 'False',
      reason: 'Unschedulable',
      message,
      lastProbeTime: null,
      lastTransitionTime: this.#clock.iso(),
    });
    this.#api.handle({
      verb: 'update',
      group: '',
      version: 'v1',
      resource: 'pods',
      subresource: 'status',
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name ?? '',
      body: {
        metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace },
        status: { ...pod.status, conditions },
      },
      userAgent: UA,
    });
  }
}
