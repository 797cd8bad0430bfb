// Helpers shared by the workload controllers: pod states, the ActivePodsWithRanks ordering the
// ReplicaSet controller uses to pick pods to delete, and intstr (25%) resolution.

import type { Condition, Pod } from '../api/types.ts';
import { parseTime } from '../clock.ts';

/** The last tie-break of the scale-down order: by uid. */
function uidTie(a: Pod, b: Pod): number {
  return (a.metadata.uid ?? '') < (b.metadata.uid ?? '') ? -1 : 1;
}

export function isPodActive(p: Pod): boolean {
  const phase = p.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !p.metadata.deletionTimestamp;
}

/**
 * getCondition(p.status?.conditions, 'Ready') as an indexed loop: it runs for every pod a ReplicaSet
 * owns on each sync, and a for-of allocates an iterator whenever it runs unoptimised.
 */
function readyCondition(p: Pod): Condition | undefined {
  const conds = p.status?.conditions;
  if (!conds) return undefined;
  for (let i = 0; i < conds.length; i++) {
    const c = conds[i] as Condition;
    if (c.type === 'Ready') return c;
  }
  return undefined;
}

export function isPodReady(p: Pod): boolean {
  return readyCondition(p)?.status === 'True';
}

export function isPodAvailable(p: Pod, minReadySeconds: number, now: number): boolean {
  const c = readyCondition(p);
  if (c?.status !== 'True') return false;
  if (minReadySeconds <= 0) return true;
  const t = parseTime(c.lastTransitionTime);
  return t !== undefined && t + minReadySeconds * 1000 <= now;
}

const PHASE_RANK: Readonly<Record<string, number>> = { Pending: 0, Unknown: 1, Running: 2 };

/** logarithmicRankDiff's bucket: floor(log2(duration in ns)), -1 for non-positive. */
function log2Bucket(ms: number): number {
  return ms <= 0 ? -1 : Math.floor(Math.log2(ms * 1e6));
}

function readyTime(p: Pod): number {
  return parseTime(readyCondition(p)?.lastTransitionTime) ?? 0;
}

function maxRestarts(p: Pod): number {
  let m = 0;
  for (const c of p.status?.containerStatuses ?? []) m = Math.max(m, c.restartCount);
  return m;
}

function deletionCost(p: Pod): number {
  const v = Number(p.metadata.annotations?.['controller.kubernetes.io/pod-deletion-cost'] ?? 0);
  return Number.isFinite(v) ? v : 0;
}

/**
 * Sorts pods so the ones to delete first come first (controller.ActivePodsWithRanks.Less with
 * LogarithmicScaleDown). `rank` = number of related pods on the same node.
 */
export function sortForDeletion(pods: Pod[], rank: (p: Pod) => number, now: number): Pod[] {
  return [...pods].sort((a, b) => {
    const an = a.spec.nodeName ? 1 : 0;
    const bn = b.spec.nodeName ? 1 : 0;
    if (an !== bn) return an - bn;
    const ap = PHASE_RANK[a.status?.phase ?? 'Pending'] ?? 0;
    const bp = PHASE_RANK[b.status?.phase ?? 'Pending'] ?? 0;
    if (ap !== bp) return ap - bp;
    const ar = isPodReady(a) ? 1 : 0;
    const br = isPodReady(b) ? 1 : 0;
    if (ar !== br) return ar - br;
    const ac = deletionCost(a);
    const bc = deletionCost(b);
    if (ac !== bc) return ac - bc;
    const ak = rank(a);
    const bk = rank(b);
    if (ak !== bk) return bk - ak;
    if (ar === 1 && br === 1 && readyTime(a) !== readyTime(b)) {
      const d = log2Bucket(now - readyTime(a)) - log2Bucket(now - readyTime(b));
      return d !== 0 ? d : uidTie(a, b);
    }
    const as = maxRestarts(a);
    const bs = maxRestarts(b);
    if (as !== bs) return bs - as;
    const ta = parseTime(a.metadata.creationTimestamp) ?? 0;
    const tb = parseTime(b.metadata.creationTimestamp) ?? 0;
    if (ta === tb) return 0;
    const d = log2Bucket(now - ta) - log2Bucket(now - tb);
    return d !== 0 ? d : uidTie(a, b);
  });
}

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}
