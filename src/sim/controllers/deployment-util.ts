// Deployment helpers (pkg/controller/deployment/util): revisions, template equality ignoring the
// pod-template-hash label, maxSurge/maxUnavailable, and the replica arithmetic of rolling updates.

import type { Deployment, PodTemplateSpec, ReplicaSet } from '../api/types.ts';
import { sameCanonicalJson } from '../api/names.ts';
import { scaledValue } from './controller-utils.ts';
import { isFrozen } from '../api/meta.ts';

export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

/** The last comparison per (frozen) ReplicaSet template: Deployment syncs ask the same one again and again. */
const comparisons = new WeakMap<object, { other: object; equal: boolean }>();

/** What EqualIgnoreHash compares: labels but pod-template-hash (undefined is absent), annotations, spec. */
function compared(t: PodTemplateSpec): unknown {
  const m = t.metadata;
  return { l: { ...m?.labels, 'pod-template-hash': undefined }, a: m?.annotations ?? {}, s: t.spec };
}

/** EqualIgnoreHash: two pod templates are equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  if (a === b) return true;
  const memo = comparisons.get(a);
  if (memo?.other === b) return memo.equal;
  const equal = sameCanonicalJson(compared(a), compared(b));
  if (isFrozen(a) && isFrozen(b)) comparisons.set(a, { other: b, equal });
  return equal;
}

export function revisionOf(rs: ReplicaSet): number {
  const v = Number(rs.metadata.annotations?.[REVISION] ?? 0);
  return Number.isFinite(v) ? v : 0;
}

export function maxRevision(rss: readonly ReplicaSet[]): number {
  let m = 0;
  for (const rs of rss) m = Math.max(m, revisionOf(rs));
  return m;
}

export function replicasOf(rs: ReplicaSet): number {
  return rs.spec.replicas ?? 0;
}

export function sumReplicas(rss: readonly ReplicaSet[]): number {
  let n = 0;
  for (const rs of rss) n += rs.spec.replicas ?? 0;
  return n;
}

export function sumStatus(rss: readonly ReplicaSet[], f: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  let n = 0;
  for (const rs of rss) n += rs.status?.[f] ?? 0;
  return n;
}

/** ResolveFenceposts: maxSurge rounds up, maxUnavailable down; both zero means one unavailable. */
const fenceposts = new WeakMap<object, { surge: number; unavailable: number }>();

export function surgeAndUnavailable(d: Deployment): { surge: number; unavailable: number } {
  // Asked several times per sync; the answer depends only on the (frozen) spec.
  let r = fenceposts.get(d.spec);
  if (r === undefined) {
    r = resolveFenceposts(d);
    if (isFrozen(d.spec)) fenceposts.set(d.spec, r);
  }
  return r;
}

function resolveFenceposts(d: Deployment): { surge: number; unavailable: number } {
  const desired = d.spec.replicas ?? 1;
  const ru = d.spec.strategy?.rollingUpdate;
  const surge = scaledValue(ru?.maxSurge ?? '25%', desired, true);
  let unavailable = scaledValue(ru?.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable: Math.min(unavailable, desired) };
}

/** NewRSNewReplicas for RollingUpdate: how far the new ReplicaSet may grow now. */
export function newRSReplicas(d: Deployment, all: readonly ReplicaSet[], newRS: ReplicaSet | undefined): number {
  const desired = d.spec.replicas ?? 1;
  const cur = newRS ? replicasOf(newRS) : 0;
  if (d.spec.strategy?.type === 'Recreate') return desired;
  const { surge } = surgeAndUnavailable(d);
  const current = sumReplicas(all);
  const maxTotal = desired + surge;
  if (current >= maxTotal) return cur;
  return cur + Math.max(0, Math.min(maxTotal - current, desired - cur));
}

/** Sorts old ReplicaSets oldest first (by creation time, then name). */
export function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return (a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1;
}
