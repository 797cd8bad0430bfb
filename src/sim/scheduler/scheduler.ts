// kube-scheduler: watches pods without a node and nodes, keeps a NodeInfo cache, and for each
// queued pod runs Filter plugins over (enough) nodes, Score plugins over the feasible ones, then
// binds through the API. Failures become FailedScheduling events with FitError's message.

import type { Node, Pod } from '../api/types.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { ApiRequest } from '../apiserver/request.ts';
import type { FakeClock } from '../clock.ts';
import type { Rand } from '../rand.ts';
import type { Component } from '../component.ts';
import { Informer } from '../client/informer.ts';
import { EventRecorder } from '../client/recorder.ts';
import { controllerUid, heapArray, isFrozen } from '../api/meta.ts';
import { SchedulingQueue, type QueuedPod } from './queue.ts';
import {
  addPodToNode,
  fitErrorMessage,
  nodeInfoFor,
  podRequests,
  updateNodeInfo,
  type CycleState,
  type FilterPlugin,
  type NodeInfo,
  type PodRequests,
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
type NodeScorer = ScorePlugin & Required<Pick<ScorePlugin, 'scoreNode'>>;
/**
 * The Score plugin scored as nodes pass Filter (see ScorePlugin.scoreNode): the first that scores
 * one node at a time and in every cycle (no skip), if any.
 */
const EAGER = SCORES.find((sp): sp is NodeScorer => sp.scoreNode !== undefined && sp.skip === undefined);

/** What a pod added to its NodeInfo: its node, requests and controller. */
interface PlacedPod {
  node: string;
  req: PodRequests;
  owner: string | undefined;
}

/** PreFilter's answer for a pod spec: the Filter plugins to run, on restricted nodes and on the rest. */
interface PodFilters {
  req: PodRequests;
  all: readonly FilterPlugin[];
  unrestricted: readonly FilterPlugin[];
  /** PreFilterResult: the one node the pod can go to, if a plugin knows (a DaemonSet pod's). */
  onlyNode: string | undefined;
}

const filtersMemo = new WeakMap<object, PodFilters>();
/** The last answer: the queue hands out a ReplicaSet's pods one after another. */
let lastSpec: object | undefined;
let lastFilters: PodFilters | undefined;
/** The Filter plugin lists in use, by which plugins they hold: every PodFilters shares them. */
const listsByMask = new Map<number, { all: readonly FilterPlugin[]; unrestricted: readonly FilterPlugin[] }>();

/** PreFilter: the plugins that do not skip this pod, and of those the ones for unrestricted nodes. */
function pluginsFor(pod: Pod): { all: readonly FilterPlugin[]; unrestricted: readonly FilterPlugin[] } {
  let mask = 0;
  for (let i = 0; i < FILTERS.length; i++) if (!(FILTERS[i] as FilterPlugin).skip?.(pod)) mask |= 1 << i;
  let lists = listsByMask.get(mask);
  if (lists === undefined) {
    const all = FILTERS.filter((_f, i) => (mask & (1 << i)) !== 0);
    lists = { all, unrestricted: all.filter((f) => !f.restrictedOnly) };
    listsByMask.set(mask, lists);
  }
  return lists;
}

/**
 * Worked out once per spec: a ReplicaSet's pending pods share their template's frozen spec. A
 * DaemonSet pod's spec is its own (pinned to its node), so its answer is not kept.
 */
function podFilters(pod: Pod): PodFilters {
  if (pod.spec === lastSpec && lastFilters) return lastFilters;
  const cached = filtersMemo.get(pod.spec);
  if (cached) {
    lastSpec = pod.spec;
    lastFilters = cached;
    return cached;
  }
  const { all, unrestricted } = pluginsFor(pod);
  let onlyNode: string | undefined;
  for (const f of all) {
    const names = f.nodeNames?.(pod);
    if (names) {
      if (names.length === 1) onlyNode = names[0];
      break;
    }
  }
  const r = { req: podRequests(pod), all, unrestricted, onlyNode };
  if (onlyNode === undefined && isFrozen(pod.spec)) {
    filtersMemo.set(pod.spec, r);
    lastSpec = pod.spec;
    lastFilters = r;
  }
  return r;
}

const NO_SPREAD: ReadonlyMap<NodeInfo, number> = new Map();

/** What a bound pod adds to its node, as its version says. */
function placedOf(p: Pod): PlacedPod {
  return { node: p.spec.nodeName ?? '', req: podRequests(p), owner: controllerUid(p) };
}

/** Whether `pod` would add to its node just what `pl` (a placement, or another version) says. */
function samePlacement(pl: PlacedPod | Pod, pod: Pod): boolean {
  const placed = 'req' in pl;
  if ((placed ? pl.owner : controllerUid(pl)) !== controllerUid(pod)) return false;
  const a = placed ? pl.req : podRequests(pl);
  const b = podRequests(pod);
  return (
    a === b || (a.cpu === b.cpu && a.mem === b.mem && a.nonZeroCpu === b.nonZeroCpu && a.nonZeroMem === b.nonZeroMem)
  );
}

const UA = 'kube-scheduler/v1.30.0 (linux/amd64) kubernetes/7c48c2b/scheduler';

function ended(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

function needsScheduling(p: Pod): boolean {
  return (
    !p.spec.nodeName &&
    !p.metadata.deletionTimestamp &&
    (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' &&
    !ended(p)
  );
}

/** numFeasibleNodesToFind with the adaptive percentageOfNodesToScore. */
export function feasibleNodesToFind(n: number): number {
  if (n < 100) return n;
  const pct = Math.max(5, 50 - Math.floor(n / 125));
  return Math.max(100, Math.floor((n * pct) / 100));
}

/** NormalizeScore over this cycle's candidates: rescales scores[0..n) given their highest and lowest. */
export function normalizeScores(scores: Float64Array, n: number, rescale: NonNullable<ScorePlugin['normalize']>): void {
  let max = 0;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const s = scores[i] as number;
    if (s > max) max = s;
    if (s < min) min = s;
  }
  for (let i = 0; i < n; i++) scores[i] = rescale(scores[i] as number, max, min);
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
  #nodeList = heapArray<NodeInfo>();
  /**
   * The pods counted in NodeInfo (assumed or bound) are those whose cached version is bound and has
   * not ended, each having added what its cached version says (placedOf), except the pods listed
   * here: assumed pods whose binding the cache does not show yet, pods whose requests or controller
   * changed since they were counted (with what they added), and (null) bound pods left uncounted
   * (a failed bind the cache saw land). No record per pod: most pods are never listed, or only
   * from their assume to their binding's watch event.
   */
  readonly #unlike = new Map<string, PlacedPod | null>();
  /**
   * One pod listed apart from #unlike: the pod assumed last, from its assume to its binding's watch
   * event (the API server binds synchronously: no more than one such pod at a time, and neither a
   * record nor a Map entry made and dropped per pod). Its entry is #slot, reused.
   */
  #slotKey: string | undefined;
  readonly #slot: PlacedPod = { node: '', req: { cpu: 0, mem: 0, nonZeroCpu: 0, nonZeroMem: 0 }, owner: undefined };
  /**
   * How many counted pods are on nodes without a NodeInfo (bound before their node registered, or
   * left behind by a deleted node): only while there are some does a new node look through the
   * pods for its own (a cluster's nodes register one by one, each would otherwise walk every pod).
   */
  #offNode = 0;
  #nextStart = 0;
  #running = true;
  /** Pods per controller (ReplicaSet/DaemonSet uid) per node, for PodTopologySpread. */
  readonly #byOwner = new Map<string, Map<NodeInfo, number>>();
  /** Nodes with a PreferNoSchedule taint (while there are none, TaintToleration scores nothing). */
  #preferNoScheduleNodes = 0;
  /** Nodes with a zone label (while there are none, PodTopologySpread has no zone constraint). */
  #zonedNodes = 0;

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
    this.#nodeList = heapArray<NodeInfo>();
    this.#unlike.clear();
    this.#slotKey = undefined;
    this.#offNode = 0;
    this.#byOwner.clear();
    this.#preferNoScheduleNodes = 0;
    this.#zonedNodes = 0;
    this.#passFor = undefined;
    this.#pods = new Informer<Pod>(this.#api, { group: '', version: 'v1', resource: 'pods' }, UA);
    this.#nodes = new Informer<Node>(this.#api, { group: '', version: 'v1', resource: 'nodes' }, UA);
    this.#nodes.on({
      add: (n) => this.#upsertNode(n),
      update: (_a, n) => this.#upsertNode(n),
      delete: (n) => {
        const gone = this.#infos.get(n.metadata.name ?? '');
        if (gone) {
          for (const m of this.#byOwner.values()) m.delete(gone);
          if (gone.preferNoSchedule) this.#preferNoScheduleNodes--;
          if (gone.zone !== undefined) this.#zonedNodes--;
          // Its pods stay counted (podCount of them), now on a node without a NodeInfo.
          this.#offNode += gone.podCount;
        }
        if (this.#infos.delete(n.metadata.name ?? '')) this.#nodeList = [...this.#infos.values()];
        this.#passFor = undefined;
      },
    });
    this.#pods.on({
      add: (p, key) => this.#onPod(undefined, p, key),
      update: (a, b, key) => this.#onPod(a, b, key),
      delete: (p, key) => this.#onPod(p, undefined, key),
    });
  }

  /** addPodToNode, and the pod's controller's count on the node in #byOwner. */
  #account(ni: NodeInfo, req: PodRequests, owner: string | undefined, sign: 1 | -1): void {
    addPodToNode(ni, req, sign);
    this.#changed(ni);
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
    if (ni) {
      if (ni.preferNoSchedule) this.#preferNoScheduleNodes--;
      if (ni.zone !== undefined) this.#zonedNodes--;
      updateNodeInfo(ni, n);
      this.#changed(ni);
      if (ni.preferNoSchedule) this.#preferNoScheduleNodes++;
      if (ni.zone !== undefined) this.#zonedNodes++;
    } else {
      const added = nodeInfoFor(n);
      if (added.preferNoSchedule) this.#preferNoScheduleNodes++;
      if (added.zone !== undefined) this.#zonedNodes++;
      this.#infos.set(name, added);
      this.#nodeList.push(added);
      this.#passFor = undefined;
      if (this.#offNode > 0) {
        const unlike = this.#unlike;
        if (this.#slotKey !== undefined && this.#slot.node === name) {
          this.#account(added, this.#slot.req, this.#slot.owner, 1);
          this.#offNode--;
        }
        for (const pl of unlike.values())
          if (pl !== null && pl.node === name) {
            this.#account(added, pl.req, pl.owner, 1);
            this.#offNode--;
          }
        for (const [key, p] of this.#pods.entries())
          if (p.spec.nodeName === name && !ended(p) && !this.#isListed(key)) {
            this.#account(added, podRequests(p), controllerUid(p), 1);
            this.#offNode--;
          }
      }
    }
    this.#queue.moveAllToActive();
  }

  /** What a listed pod added (null: nothing), or undefined if it is not listed. */
  #listed(key: string): PlacedPod | null | undefined {
    if (key === this.#slotKey) return this.#slot;
    return this.#unlike.size === 0 ? undefined : this.#unlike.get(key);
  }

  #isListed(key: string): boolean {
    return key === this.#slotKey || (this.#unlike.size !== 0 && this.#unlike.has(key));
  }

  #unlist(key: string): void {
    if (key === this.#slotKey) this.#slotKey = undefined;
    else if (this.#unlike.size !== 0) this.#unlike.delete(key);
  }

  /** Lists an assumed pod with what it adds (in the slot if free). */
  #assume(key: string, node: string, req: PodRequests, owner: string | undefined): PlacedPod {
    if ((this.#slotKey === undefined || this.#slotKey === key) && !(this.#unlike.size !== 0 && this.#unlike.has(key))) {
      this.#slotKey = key;
      const slot = this.#slot;
      slot.node = node;
      slot.req = req;
      slot.owner = owner;
      return slot;
    }
    const pl: PlacedPod = { node, req, owner };
    this.#unlike.set(key, pl);
    return pl;
  }

  /**
   * A pod event; `key` is the pod's interned cache key, as the informer hands it over, and `prev`
   * the version the cache held (for a deletion, the last one).
   */
  #onPod(prev: Pod | undefined, pod: Pod | undefined, key: string): void {
    const unlike = this.#unlike;
    // Most updates are the kubelet's status changes to a bound pod: the pod is not queued, and it
    // stays counted on that node as before, so there is nothing to do (unless its requests or
    // controller changed: then what it added is listed, as it no longer follows from the pod).
    if (prev && pod && prev.spec.nodeName && pod.spec.nodeName === prev.spec.nodeName && !ended(prev) && !ended(pod)) {
      if (
        (prev.metadata.ownerReferences !== pod.metadata.ownerReferences ||
          prev.spec.containers !== pod.spec.containers) &&
        !this.#isListed(key) &&
        !samePlacement(prev, pod)
      )
        unlike.set(key, placedOf(prev));
      return;
    }
    if (pod && needsScheduling(pod)) {
      this.#queue.add(key, pod.spec.priority ?? 0, pod);
      return;
    }
    this.#queue.remove(key);
    let listed = this.#listed(key);
    let placed = listed !== undefined ? listed : prev && prev.spec.nodeName && !ended(prev) ? placedOf(prev) : null;
    const gone = !pod || ended(pod);
    if (placed !== null && (gone || pod.spec.nodeName !== placed.node)) {
      const ni = this.#infos.get(placed.node);
      if (ni) this.#account(ni, placed.req, placed.owner, -1);
      else this.#offNode--;
      this.#queue.moveAllToActive();
      placed = null;
      if (listed !== undefined) {
        this.#unlist(key);
        listed = undefined;
      }
    } else if (listed === null && (gone || !pod.spec.nodeName)) {
      // Left uncounted while bound: no longer bound (or no longer there).
      unlike.delete(key);
      listed = undefined;
    }
    if (!gone && pod.spec.nodeName) {
      if (placed === null) {
        const ni = this.#infos.get(pod.spec.nodeName);
        if (ni) this.#account(ni, podRequests(pod), controllerUid(pod), 1);
        else this.#offNode++;
        if (listed !== undefined) this.#unlist(key);
      } else if (listed !== undefined && samePlacement(placed, pod)) this.#unlist(key);
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
    // Indexed: tick() runs once a round, too seldom to be optimised, and an unoptimised for-of
    // allocates per pod.
    const ready = this.#queue.pop(now);
    for (let i = 0; i < ready.length; i++) {
      const queued = ready[i] as QueuedPod;
      const key = queued.key;
      // The entry holds the informer's latest version, which needs scheduling (add() is only
      // called for such), unless the pod left the queue meanwhile: then look it up again.
      let pod = queued.pod;
      if (queued.removed || !pod) {
        pod = this.#pods.get(key);
        if (!pod || !needsScheduling(pod)) {
          this.#queue.remove(key);
          continue;
        }
      }
      this.#scheduleOne(key, pod, now);
    }
  }

  readonly #state: CycleState = {
    pod: undefined as unknown as Pod,
    req: { cpu: 0, mem: 0, nonZeroCpu: 0, nonZeroMem: 0 },
    owner: undefined,
    spread: undefined,
    anyPreferNoSchedule: false,
    noZones: false,
  };

  /** The Binding request: the pod's name and namespace, and the node. */
  #bindingFor(pod: Pod, node: NodeInfo): ApiRequest {
    return {
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
        target: node.bindTarget,
      },
      userAgent: UA,
    };
  }

  /** The feasible nodes of the current cycle (reused: only the first `found` entries count). */
  #feasible: NodeInfo[] = [];
  /**
   * The current cycle's rejections (plugin and reason, first #rejections entries): FitError's
   * histograms are only built from them if no node fits, as most cycles that see a rejection (the
   * tainted control-plane node) still place the pod.
   */
  #rejectedBy: FilterPlugin[] = [];
  #rejectedFor: string[] = [];
  #rejections = 0;

  #scheduleOne(key: string, pod: Pod, now: number): void {
    const filters = podFilters(pod);
    // The cycle's state: one object, filled again each cycle (no plugin keeps it).
    const state = this.#state;
    state.pod = pod;
    state.req = filters.req;
    state.owner = controllerUid(pod);
    state.spread = state.owner ? (this.#byOwner.get(state.owner) ?? NO_SPREAD) : undefined;
    state.anyPreferNoSchedule = this.#preferNoScheduleNodes > 0;
    state.noZones = this.#zonedNodes === 0;
    const total = this.#nodeList.length;
    const found = this.#findFeasible(state, filters);
    if (found === 0) {
      const msg = total === 0 ? 'no nodes available to schedule pods' : this.#fitError(total);
      this.#events.event(pod, 'Warning', 'FailedScheduling', msg);
      this.#setUnschedulable(pod, msg);
      this.#queue.unschedulable(key, now);
      return;
    }
    const feasible = this.#feasible;
    const chosen = found === 1 ? (feasible[0] as NodeInfo) : this.#selectHost(state, feasible, found);
    // Assume: count the pod on the node before the bind lands, like the scheduler cache does.
    const pl = this.#assume(key, chosen.name, state.req, state.owner);
    this.#account(chosen, pl.req, pl.owner, 1);
    this.#queue.remove(key);
    const res = this.#api.handle(this.#bindingFor(pod, chosen));
    if (res.code !== 201) {
      this.#account(chosen, pl.req, pl.owner, -1);
      // (Counted off-node if its node went away during the request.)
      if (!this.#infos.has(pl.node)) this.#offNode--;
      // Uncounted: if the cache saw the binding land all the same, the pod is listed as such.
      const cached = this.#pods.get(key);
      this.#unlist(key);
      if (cached && cached.spec.nodeName && !ended(cached)) this.#unlike.set(key, null);
      if (res.code !== 404) {
        this.#queue.add(key, pod.spec.priority ?? 0);
        this.#queue.retry(key, now);
      }
      return;
    }
    // join(): one flat string. The stored Event keeps its message, and a template literal would
    // keep it as a rope of five concatenation nodes (160 bytes per pod, against about 80 flat).
    this.#events.event(
      pod,
      'Normal',
      'Scheduled',
      [
        'Successfully assigned ',
        pod.metadata.namespace ?? 'default',
        '/',
        pod.metadata.name ?? '',
        ' to ',
        chosen.name,
      ].join(''),
    );
  }

  /**
   * Filter: runs the pod's Filter plugins over the nodes, round-robin from where the previous cycle
   * stopped, until enough fit (numFeasibleNodesToFind). Returns how many fit, in #feasible; the
   * rejections are listed in #rejectedBy/#rejectedFor.
   */
  #findFeasible(state: CycleState, filters: PodFilters): number {
    const nodes = this.#nodeList;
    const feasible = this.#feasible;
    const total = nodes.length;
    const want = feasibleNodesToFind(total);
    const start = total > 0 ? this.#nextStart % total : 0;
    if (filters === this.#passFor && start === this.#passStart && this.#recheck(state, filters)) return this.#passFound;
    this.#passFor = undefined;
    this.#rejections = 0;
    // A pod pinned to one node: the others would all be rejected, so try that one alone (on a
    // miss, the full pass below still runs to tell FitError why each node was rejected).
    if (filters.onlyNode !== undefined && want > 1) {
      const ni = this.#infos.get(filters.onlyNode);
      if (ni && this.#runFilters(ni.restricted ? filters.all : filters.unrestricted, state, ni) === null) {
        ni.slot = 0;
        feasible[0] = ni;
        // A full pass found fewer than `want`: it went all the way round, back to `start`.
        this.#nextStart = start;
        return 1;
      }
    }
    const all = filters.all;
    const unrestricted = filters.unrestricted;
    // Most pods have one plugin to run on most nodes (NodeResourcesFit): a direct call, which V8
    // inlines, rather than a loop whose call site sees every plugin.
    const single = unrestricted.length === 1 ? (unrestricted[0] as FilterPlugin) : undefined;
    if (this.#totals.length < want) {
      this.#totals = new Float64Array(want * 2);
      this.#scores = new Float64Array(want * 2);
      this.#eagerScores = new Float64Array(want * 2);
    }
    const eagerScores = this.#eagerScores;
    let found = 0;
    let processed = 0;
    let i = start;
    for (; processed < total && found < want; processed++) {
      const ni = nodes[i] as NodeInfo;
      if (++i === total) i = 0;
      let reason: string | null;
      let failedBy: FilterPlugin | undefined;
      if (single !== undefined && !ni.restricted) {
        reason = single.filter(state, ni);
        failedBy = single;
      } else {
        reason = this.#runFilters(ni.restricted ? all : unrestricted, state, ni);
        failedBy = this.#failedBy;
      }
      if (reason === null) {
        ni.slot = found;
        if (EAGER !== undefined) eagerScores[found] = EAGER.scoreNode(state, ni);
        feasible[found++] = ni;
      } else this.#reject(failedBy as FilterPlugin, reason);
    }
    this.#nextStart = i;
    this.#passFor = filters;
    this.#passStart = start;
    this.#passFound = found;
    this.#dirtyN = 0;
    return found;
  }

  /**
   * The last full Filter pass (#feasible, #eagerScores, the rejections): kept for the next pod with
   * the same PodFilters (a ReplicaSet's pending pods one after another), which would get the same
   * answer from every node that has not changed since. Between two such pods only a node or two
   * change (the one the pod went to), so those are checked again instead of the hundreds of nodes.
   */
  #passFor: PodFilters | undefined;
  #passStart = 0;
  #passFound = 0;
  /** The nodes changed since the pass (#dirtyN of them; more than the list holds: pass dropped). */
  readonly #dirty: NodeInfo[] = [];
  #dirtyN = 0;

  /** A NodeInfo changed (a pod counted on it, a new version of its node). */
  #changed(ni: NodeInfo): void {
    if (this.#passFor === undefined) return;
    if (this.#dirtyN === 8) this.#passFor = undefined;
    else this.#dirty[this.#dirtyN++] = ni;
  }

  /**
   * Brings the kept pass up to date for this cycle: the changed nodes that were feasible and still
   * are get their EAGER score again. False if some changed node's verdict may differ (then a full
   * pass runs). The pass went all the way round (it started where this cycle starts), so it ends
   * where a new one would, and #nextStart stays.
   */
  #recheck(state: CycleState, filters: PodFilters): boolean {
    const feasible = this.#feasible;
    const found = this.#passFound;
    for (let j = 0; j < this.#dirtyN; j++) {
      const ni = this.#dirty[j] as NodeInfo;
      const slot = ni.slot;
      if (!(slot >= 0 && slot < found && feasible[slot] === ni)) return false;
      if (this.#runFilters(ni.restricted ? filters.all : filters.unrestricted, state, ni) !== null) return false;
      if (EAGER !== undefined) this.#eagerScores[slot] = EAGER.scoreNode(state, ni);
    }
    this.#dirtyN = 0;
    return true;
  }

  /** The plugin behind #runFilters' last rejection. */
  #failedBy: FilterPlugin | undefined;

  /** Runs the plugins in order: null if the node fits, else the first rejection's reason. */
  #runFilters(list: readonly FilterPlugin[], state: CycleState, ni: NodeInfo): string | null {
    for (const f of list) {
      const reason = f.filter(state, ni);
      if (reason !== null) {
        this.#failedBy = f;
        return reason;
      }
    }
    return null;
  }

  #reject(plugin: FilterPlugin, reason: string): void {
    const i = this.#rejections++;
    this.#rejectedBy[i] = plugin;
    this.#rejectedFor[i] = reason;
  }

  /** FitError's message from the cycle's rejections, counted per reason and per preemption verdict. */
  #fitError(total: number): string {
    const reasons = new Map<string, number>();
    const preempt = new Map<string, number>();
    for (let i = 0; i < this.#rejections; i++) {
      const reason = this.#rejectedFor[i] as string;
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      const p = (this.#rejectedBy[i] as FilterPlugin).resolvable
        ? 'No preemption victims found for incoming pod'
        : 'Preemption is not helpful for scheduling';
      preempt.set(p, (preempt.get(p) ?? 0) + 1);
    }
    return fitErrorMessage(total, reasons, preempt);
  }

  /** Score buffers, at least as long as the number of candidates (#findFeasible sees to it). */
  #totals = new Float64Array(64);
  #scores = new Float64Array(64);
  /** The raw scores of the EAGER plugin, set as the candidates passed Filter. */
  #eagerScores = new Float64Array(64);

  #selectHost(state: CycleState, feasible: readonly NodeInfo[], n: number): NodeInfo {
    let totals = this.#totals;
    let scores = this.#scores;
    let summed = false;
    for (const sp of SCORES) {
      if (sp.skip?.(state, feasible, n)) continue;
      if (sp.addNormalized) {
        if (!summed) totals.fill(0, 0, n);
        summed = true;
        if (sp.addNormalized(state, feasible, n, totals, sp.weight)) continue;
      }
      // The EAGER plugin's scores stay with the Filter pass they came from (see #passFor): they are
      // read here, never overwritten.
      let out = scores;
      if (sp !== EAGER) sp.score(state, feasible, n, out);
      else if (sp.normalize) out.set(this.#eagerScores);
      else out = this.#eagerScores;
      if (sp.normalize) normalizeScores(out, n, sp.normalize);
      const w = sp.weight;
      if (summed) for (let i = 0; i < n; i++) totals[i] = (totals[i] as number) + (out[i] as number) * w;
      else if (w === 1 && out === scores) {
        // totals = out * 1 is out exactly: trade the buffers instead of copying (each plugin writes
        // all of out[0..n)).
        const t = totals;
        totals = out;
        scores = t;
        this.#totals = totals;
        this.#scores = scores;
      } else if (w === 1) {
        // totals = out * 1 is out: one block copy (of the whole buffer, the three have one length;
        // nothing past n is read), faster than a loop over hundreds of candidates.
        totals.set(out);
      } else for (let i = 0; i < n; i++) totals[i] = (out[i] as number) * w;
      summed = true;
    }
    if (!summed) totals.fill(0, 0, n);
    // selectHost: highest total, ties broken by reservoir sampling.
    const rand = this.#rand;
    let best = 0;
    let bestTotal = totals[0] as number;
    let ties = 1;
    for (let i = 1; i < n; i++) {
      const t = totals[i] as number;
      if (t > bestTotal) {
        best = i;
        bestTotal = t;
        ties = 1;
      } else if (t === bestTotal) {
        ties++;
        // rand.int(ties) === 0, without its division and floor: int(n) is floor(u32 / 2^32 * n),
        // a product computed exactly (u32 * n < 2^53 for fewer than 2^21 candidates), so it is 0
        // exactly when u32 * n < 2^32.
        if (rand.u32() * ties < 0x100000000) {
          best = i;
          bestTotal = t;
        }
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
