// The scheduling framework's vocabulary: NodeInfo (a node plus what is already placed on it), the
// per-pod CycleState, Filter and Score plugins, and FitError's message format.

import type { Node, Pod, Taint } from '../api/types.ts';
import { bytes, milliCpu } from '../api/quantity.ts';
import { controllerRef } from '../api/meta.ts';

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
  /** Pods per controller (ReplicaSet/DaemonSet uid) on this node, for spreading. */
  owners: Map<string, number>;
  taints: readonly Taint[];
  /** node.spec.unschedulable, kept here so Filter does not chase pointers into every Node. */
  unschedulable: boolean;
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
   * Set by the scheduler for the cycle: pods of `owner` per node (the same counts as each
   * NodeInfo's `owners`, indexed the other way round so scoring does not probe every node's map).
   */
  spread?: ReadonlyMap<NodeInfo, number>;
}

export interface FilterPlugin {
  readonly name: string;
  /** Returns null if the pod fits, else the reason (as FitError counts it). */
  filter(state: CycleState, node: NodeInfo): string | null;
  /** Whether preemption could help when this plugin rejects (Unschedulable vs UnschedulableAndUnresolvable). */
  readonly resolvable: boolean;
  /** PreFilter "Skip": the plugin has nothing to check for this pod, so Filter is not called. */
  skip?(state: CycleState): boolean;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** Raw score; normalize() may rescale to 0..100 across the feasible nodes. */
  score(state: CycleState, node: NodeInfo): number;
  /** Rescales the first `n` raw scores in place. */
  normalize?(scores: Float64Array, n: number): void;
}

const DEFAULT_CPU = 100;
const DEFAULT_MEM = 200 * 1024 * 1024;

const requestsMemo = new WeakMap<object, PodRequests>();

export function podRequests(pod: Pod): PodRequests {
  const cached = requestsMemo.get(pod.spec);
  if (cached) return cached;
  let cpu = 0;
  let mem = 0;
  let nzCpu = 0;
  let nzMem = 0;
  for (const c of pod.spec.containers ?? []) {
    const rc = c.resources?.requests?.['cpu'];
    const rm = c.resources?.requests?.['memory'];
    const cc = milliCpu(rc);
    const mm = bytes(rm);
    cpu += cc;
    mem += mm;
    nzCpu += rc === undefined ? DEFAULT_CPU : cc;
    nzMem += rm === undefined ? DEFAULT_MEM : mm;
  }
  const r = { cpu, mem, nonZeroCpu: nzCpu, nonZeroMem: nzMem };
  if (Object.isFrozen(pod.spec)) requestsMemo.set(pod.spec, r);
  return r;
}

export function cycleState(pod: Pod): CycleState {
  return { pod, req: podRequests(pod), owner: controllerRef(pod)?.uid };
}

export function nodeInfoFor(node: Node): NodeInfo {
  const alloc = node.status?.allocatable ?? {};
  return {
    name: node.metadata.name ?? '',
    node,
    allocCpu: milliCpu(alloc['cpu']),
    allocMem: bytes(alloc['memory']),
    allocPods: Number(alloc['pods'] ?? 110),
    requestedCpu: 0,
    requestedMem: 0,
    nonZeroCpu: 0,
    nonZeroMem: 0,
    podCount: 0,
    owners: new Map(),
    taints: node.spec?.taints ?? [],
    unschedulable: !!node.spec?.unschedulable,
  };
}

export function updateNodeInfo(ni: NodeInfo, node: Node): void {
  const alloc = node.status?.allocatable ?? {};
  ni.node = node;
  ni.allocCpu = milliCpu(alloc['cpu']);
  ni.allocMem = bytes(alloc['memory']);
  ni.allocPods = Number(alloc['pods'] ?? 110);
  ni.taints = node.spec?.taints ?? [];
  ni.unschedulable = !!node.spec?.unschedulable;
}

export function addPodToNode(ni: NodeInfo, st: { req: PodRequests; owner: string | undefined }, sign: 1 | -1): void {
  ni.requestedCpu += sign * st.req.cpu;
  ni.requestedMem += sign * st.req.mem;
  ni.nonZeroCpu += sign * st.req.nonZeroCpu;
  ni.nonZeroMem += sign * st.req.nonZeroMem;
  ni.podCount += sign;
  if (st.owner) {
    const n = (ni.owners.get(st.owner) ?? 0) + sign;
    if (n <= 0) ni.owners.delete(st.owner);
    else ni.owners.set(st.owner, n);
  }
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
