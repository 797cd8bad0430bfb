// The scheduling framework's vocabulary: NodeInfo (a node plus what is already placed on it), the
// per-pod CycleState, Filter and Score plugins, and FitError's message format.

import type { Container, Node, Pod, Taint } from '../api/types.ts';
import { bytes, milliCpu } from '../api/quantity.ts';
import { controllerUid, isFrozen } from '../api/meta.ts';

export interface NodeInfo {
  readonly name: string;
  node: Node;
  allocCpu: number;
  allocMem: number;
  allocPods: number;
  requestedCpu: number;
  requestedMem: number;
  /** Requests with the scheduler's non-zero defaults for BestEffort containers (used for scoring). */
  nonZeroCpu: number;
  nonZeroMem: number;
  podCount: number;
  taints: readonly Taint[];
  /** node.spec.unschedulable, kept here so Filter does not chase pointers into every Node. */
  unschedulable: boolean;
  /**
   * Cordoned or with a NoSchedule/NoExecute taint: only such nodes can fail NodeUnschedulable or
   * TaintToleration, so on the others (most of a cluster) Filter runs just the pod's other plugins.
   */
  restricted: boolean;
  /** Has a PreferNoSchedule taint (the only kind TaintToleration scores). */
  preferNoSchedule: boolean;
  /** The node's topology.kubernetes.io/zone label (PodTopologySpread's zone constraint). */
  zone: string | undefined;
  /**
   * Scratch for the current cycle: this node's position in the feasible list, so a Score plugin
   * holding per-node data can write straight into the scores (valid only if feasible[slot] is it).
   */
  slot: number;
  /**
   * LeastAllocated's last score here and the pod requests (non-zero cpu, memory) it was for: most
   * nodes are unchanged from one cycle to the next, and a ReplicaSet's pods request the same. NaN
   * (matching nothing) whenever the node's resources change.
   */
  scoredCpu: number;
  scoredMem: number;
  score: number;
  /** The Binding target for this node (frozen: shared by every pod bound here). */
  readonly bindTarget: Readonly<{ apiVersion: 'v1'; kind: 'Node'; name: string }>;
}

export interface PodRequests {
  cpu: number;
  mem: number;
  nonZeroCpu: number;
  nonZeroMem: number;
}

export interface CycleState {
  pod: Pod;
  req: PodRequests;
  owner: string | undefined;
  /**
   * Set by the scheduler for the cycle: pods of `owner` per node, so PodTopologySpread reads the
   * handful of nodes that have some instead of probing every candidate.
   */
  spread?: ReadonlyMap<NodeInfo, number>;
  /** Set by the scheduler: some node has a PreferNoSchedule taint (PreScore data for TaintToleration). */
  anyPreferNoSchedule: boolean;
  /** Set by the scheduler: no node has a zone label (false when not known). */
  noZones: boolean;
}

export interface FilterPlugin {
  readonly name: string;
  /**
   * Returns null if the pod fits, else the reason (as FitError counts it). From pod.spec and the
   * NodeInfo alone: the scheduler keeps the answers for the next pod with the same spec.
   */
  filter(state: CycleState, node: NodeInfo): string | null;
  /** Whether preemption could help when this plugin rejects (Unschedulable vs UnschedulableAndUnresolvable). */
  readonly resolvable: boolean;
  /**
   * PreFilter "Skip": the plugin has nothing to check for this pod, so Filter is not called. It
   * must depend on pod.spec only: the answer is kept per spec (a ReplicaSet's pods share one).
   */
  skip?(pod: Pod): boolean;
  /** The plugin can only reject NodeInfo.restricted nodes, so it is not called for the others. */
  readonly restrictedOnly?: boolean;
  /** PreFilterResult: if the plugin can only pass nodes with these names, the names (per spec, like skip). */
  nodeNames?(pod: Pod): readonly string[] | undefined;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** PreScore "Skip": nothing to score among these candidates. */
  skip?(state: CycleState, nodes: readonly NodeInfo[], n: number): boolean;
  /**
   * Raw scores of nodes[0..n) into out[0..n). (The real framework calls Score once per node; one
   * call for the whole list saves a function call per node, the simulator's hottest loop.)
   */
  score(state: CycleState, nodes: readonly NodeInfo[], n: number, out: Float64Array): void;
  /**
   * Optional: one node's raw score (what score() gives it), from that node and the pod's spec
   * alone (kept, like Filter's answers, for the next pod with the same spec). The scheduler
   * scores each node with it as the node passes Filter, while its NodeInfo is at hand, instead of
   * in a pass of its own over the candidates (for a plugin without skip: it scores every cycle).
   */
  scoreNode?(state: CycleState, node: NodeInfo): number;
  /**
   * NormalizeScore, one score at a time: rescales it to 0..100 given the highest (at least 0) and
   * lowest of this cycle's scores.
   */
  normalize?(score: number, max: number, min: number): number;
  /**
   * Optional shortcut for score, normalize and weighting: adds `weight` times each candidate's
   * normalized score to totals[0..n), less an amount the same for every candidate (selectHost only
   * compares totals, and they are whole numbers, added and compared exactly). Returns false where
   * it does not apply (then score and normalize run).
   */
  addNormalized?(
    state: CycleState,
    nodes: readonly NodeInfo[],
    n: number,
    totals: Float64Array,
    weight: number,
  ): boolean;
}

const DEFAULT_CPU = 100;
const DEFAULT_MEM = 200 * 1024 * 1024;

const requestsMemo = new WeakMap<object, PodRequests>();

/** An untainted node's taints: one shared empty list, not one per node and status write. */
const NO_TAINTS: readonly Taint[] = Object.freeze([]);

/**
 * Parsed quantities by their text: a cluster uses a handful ('100m', '50Mi', '8', ...), and parsing
 * one takes a regular expression match. DaemonSet pods each have their own containers array (so
 * the memo above misses) and every node posts its allocatable.
 */
const cpuByText = new Map<string, number>();
const bytesByText = new Map<string, number>();

/** parse(q), remembered in `cache` by the quantity's text. */
function parsedOnce(
  cache: Map<string, number>,
  parse: (q: string | number | undefined) => number,
  q: string | number | undefined,
): number {
  if (typeof q !== 'string') return parse(q);
  let v = cache.get(q);
  if (v === undefined) {
    v = parse(q);
    if (cache.size >= 1000) cache.clear();
    cache.set(q, v);
  }
  return v;
}

function cpuOf(q: string | number | undefined): number {
  return parsedOnce(cpuByText, milliCpu, q);
}

function bytesOf(q: string | number | undefined): number {
  return parsedOnce(bytesByText, bytes, q);
}

/**
 * Kept per containers array (a ReplicaSet's pods share their template's, bound or not), or for a
 * one-container pod per container: a DaemonSet pod has its own array (its spec is its own, pinned
 * to its node) holding its template's container, and an entry per array would never be used again.
 */
export function podRequests(pod: Pod): PodRequests {
  const inits = pod.spec.initContainers;
  if (inits !== undefined && inits.length > 0) return withInitRequests(pod, inits);
  const containers = pod.spec.containers;
  const key: object | undefined = containers && containers.length === 1 ? containers[0] : containers;
  const cached = key && requestsMemo.get(key);
  if (cached) return cached;
  let cpu = 0;
  let mem = 0;
  let nzCpu = 0;
  let nzMem = 0;
  for (const c of containers ?? []) {
    const rc = c.resources?.requests?.['cpu'];
    const rm = c.resources?.requests?.['memory'];
    const cc = cpuOf(rc);
    const mm = bytesOf(rm);
    cpu += cc;
    mem += mm;
    nzCpu += rc === undefined ? DEFAULT_CPU : cc;
    nzMem += rm === undefined ? DEFAULT_MEM : mm;
  }
  const r = { cpu, mem, nonZeroCpu: nzCpu, nonZeroMem: nzMem };
  if (key && isFrozen(key)) requestsMemo.set(key, r);
  return r;
}

/** A pod's requests with init containers, by its initContainers array (a template's pods share it). */
const initRequestsMemo = new WeakMap<object, { containers: object; requests: PodRequests }>();

/**
 * Init containers run one at a time before the app containers, so a pod needs, per resource, the
 * larger of its app containers' sum and its largest init container's request (as the scheduler's
 * resource.PodRequests works it out, defaults for unset requests included in the non-zero pair).
 */
function withInitRequests(pod: Pod, inits: readonly Container[]): PodRequests {
  const containers = pod.spec.containers;
  const hit = initRequestsMemo.get(inits);
  if (hit && hit.containers === containers) return hit.requests;
  const app = podRequests({ ...pod, spec: { ...pod.spec, initContainers: undefined } });
  let { cpu, mem, nonZeroCpu, nonZeroMem } = app;
  for (const c of inits) {
    const rc = c.resources?.requests?.['cpu'];
    const rm = c.resources?.requests?.['memory'];
    const cc = cpuOf(rc);
    const mm = bytesOf(rm);
    cpu = Math.max(cpu, cc);
    mem = Math.max(mem, mm);
    nonZeroCpu = Math.max(nonZeroCpu, rc === undefined ? DEFAULT_CPU : cc);
    nonZeroMem = Math.max(nonZeroMem, rm === undefined ? DEFAULT_MEM : mm);
  }
  const requests = { cpu, mem, nonZeroCpu, nonZeroMem };
  if (isFrozen(inits) && containers) initRequestsMemo.set(inits, { containers, requests });
  return requests;
}

export function cycleState(pod: Pod, req = podRequests(pod)): CycleState {
  return { pod, req, owner: controllerUid(pod), spread: undefined, anyPreferNoSchedule: false, noZones: false };
}

/**
 * Reads the node into its NodeInfo. A node posts its status every few seconds, mostly with the
 * same (frozen) allocatable and spec objects as before: those are only parsed again if they changed.
 */
function setNode(ni: NodeInfo, node: Node, prev: Node | undefined): void {
  ni.node = node;
  const alloc = node.status?.allocatable;
  if (prev === undefined || alloc === undefined || alloc !== prev.status?.allocatable || !isFrozen(alloc)) {
    const a = alloc ?? {};
    ni.allocCpu = cpuOf(a['cpu']);
    ni.allocMem = bytesOf(a['memory']);
    ni.allocPods = Number(a['pods'] ?? 110);
    ni.scoredCpu = NaN;
  }
  const spec = node.spec;
  if (prev === undefined || spec === undefined || spec !== prev.spec || !isFrozen(spec)) {
    const taints = spec?.taints ?? NO_TAINTS;
    ni.taints = taints;
    ni.unschedulable = !!spec?.unschedulable;
    ni.restricted = ni.unschedulable || taints.some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
    ni.preferNoSchedule = taints.some((t) => t.effect === 'PreferNoSchedule');
  }
  ni.zone = node.metadata.labels?.['topology.kubernetes.io/zone'];
}

export function nodeInfoFor(node: Node): NodeInfo {
  const name = node.metadata.name ?? '';
  const ni: NodeInfo = {
    name,
    node,
    allocCpu: 0,
    allocMem: 0,
    allocPods: 0,
    requestedCpu: 0,
    requestedMem: 0,
    nonZeroCpu: 0,
    nonZeroMem: 0,
    podCount: 0,
    taints: NO_TAINTS,
    unschedulable: false,
    restricted: false,
    preferNoSchedule: false,
    zone: undefined,
    slot: -1,
    scoredCpu: NaN,
    scoredMem: NaN,
    score: 0,
    bindTarget: Object.freeze({ apiVersion: 'v1', kind: 'Node', name }),
  };
  setNode(ni, node, undefined);
  return ni;
}

export function updateNodeInfo(ni: NodeInfo, node: Node): void {
  setNode(ni, node, ni.node);
}

export function addPodToNode(ni: NodeInfo, req: PodRequests, sign: 1 | -1): void {
  ni.requestedCpu += sign * req.cpu;
  ni.requestedMem += sign * req.mem;
  ni.nonZeroCpu += sign * req.nonZeroCpu;
  ni.nonZeroMem += sign * req.nonZeroMem;
  ni.podCount += sign;
  ni.scoredCpu = NaN;
}

/** FitError.Error(): "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {...}. preemption: ..." */
export function fitErrorMessage(total: number, reasons: Map<string, number>, preemption: Map<string, number>): string {
  const hist = (m: Map<string, number>): string =>
    [...m]
      .map(([r, n]) => `${n} ${r}`)
      .sort()
      .join(', ');
  let msg = `0/${total} nodes are available`;
  msg += reasons.size ? `: ${hist(reasons)}.` : '.';
  if (preemption.size) msg += ` preemption: 0/${total} nodes are available: ${hist(preemption)}.`;
  return msg;
}
