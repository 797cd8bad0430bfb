// Deployment helpers (pkg/controller/deployment/util): revisions, template equality ignoring the
// pod-template-hash label, maxSurge/maxUnavailable, and the replica arithmetic of rolling updates.

import type { Deployment, PodTemplateSpec, ReplicaSet } from '../api/types.ts';
import { scaledValue } from './controller-utils.ts';

export const REVISION = 'deployment.kubernetes.io/revision';
export const DESIRED = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';

/**
 * Equality as canonicalJson sees it (plain JSON data): key order does not matter, a key whose
 * value is undefined counts as absent, and null equals undefined as an array element.
 */
function sameJson(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  const xo = typeof x === 'object' && x !== null;
  const yo = typeof y === 'object' && y !== null;
  if (!xo || !yo) return !xo && !yo && (JSON.stringify(x) ?? 'null') === (JSON.stringify(y) ?? 'null');
  if (Array.isArray(x) || Array.isArray(y)) {
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameJson(x[i], y[i])) return false;
    return true;
  }
  return sameFields(x as Record<string, unknown>, y as Record<string, unknown>);
}

/** Same defined keys with the same values, ignoring the key `skip`. */
function sameFields(x: Record<string, unknown>, y: Record<string, unknown>, skip?: string): boolean {
  let n = 0;
  for (const k of Object.keys(x)) {
    const v = x[k];
    if (v === undefined || k === skip) continue;
    n++;
    const w = y[k];
    if (w === undefined || !Object.hasOwn(y, k) || !sameJson(v, w)) return false;
  }
  for (const k of Object.keys(y)) if (y[k] !== undefined && k !== skip) n--;
  return n === 0;
}

/** The last comparison per (frozen) ReplicaSet template: Deployment syncs ask the same one again and again. */
const compared = new WeakMap<object, { other: object; equal: boolean }>();

/** EqualIgnoreHash: two pod templates are equal apart from the pod-template-hash label. */
export function equalIgnoreHash(a: PodTemplateSpec, b: PodTemplateSpec): boolean {
  if (a === b) return true;
  const memo = compared.get(a);
  if (memo?.other === b) return memo.equal;
  const equal =
    sameFields(a.metadata?.labels ?? {}, b.metadata?.labels ?? {}, 'pod-template-hash') &&
    sameJson(a.metadata?.annotations ?? {}, b.metadata?.annotations ?? {}) &&
    (a.spec === undefined || b.spec === undefined ? a.spec === b.spec : sameJson(a.spec, b.spec));
  if (Object.isFrozen(a) && Object.isFrozen(b)) compared.set(a, { other: b, equal });
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
    if (Object.isFrozen(d.spec)) fenceposts.set(d.spec, r);
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
