// PATCH and the /scale subresource (what `kubectl scale` uses).

import type { Deployment, KubeObject } from '../api/types.ts';
import type { ResourceInfo } from '../api/resources.ts';
import { selectorFromObject, selectorToString } from '../api/labels.ts';
import type { ApiRequest, ApiResponse } from './request.ts';
import { update, type WriteContext } from './writes.ts';
import { badRequest, fieldErr, invalid, notFound } from './status.ts';
import { jsonPatch, mergePatch, PatchError } from './patch.ts';
import { isFrozen } from '../api/meta.ts';

function current(ctx: WriteContext, info: ResourceInfo, req: ApiRequest): KubeObject | undefined {
  return ctx.storage.read(info, info.namespaced ? req.namespace || 'default' : undefined, req.name ?? '')?.value as
    KubeObject | undefined;
}

function applyPatch(target: unknown, req: ApiRequest): unknown {
  if (req.patchType === 'json') return jsonPatch(target, req.body);
  if (typeof req.body !== 'object' || req.body === null || Array.isArray(req.body))
    throw new PatchError('patch body must be a JSON object');
  return mergePatch(target, req.body, req.patchType !== 'merge');
}

/**
 * Labels and annotations a patch emptied are dropped, as the real server's omitempty maps are:
 * removing the last label leaves no `labels: {}` behind.
 */
function dropEmptyMaps(obj: unknown): void {
  const meta = (obj as { metadata?: unknown } | null)?.metadata;
  if (typeof meta !== 'object' || meta === null || isFrozen(meta)) return;
  const m = meta as Record<string, unknown>;
  for (const k of ['labels', 'annotations']) {
    const v = m[k];
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0) delete m[k];
  }
}

/**
 * Whether two JSON values hold the same data (undefined fields count as absent). Shared parts are
 * equal without a walk, and the first difference ends it: a patch's result shares most of the
 * stored object and usually differs early (an Event's count, a new annotation).
 */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    const v = x[k];
    if (v === undefined) continue;
    n++;
    if (!sameData(v, y[k])) return false;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}

export function patch(ctx: WriteContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  if (req.subresource === 'scale') {
    const scale = scaleGet(ctx, info, req);
    if (scale.code !== 200) return scale;
    try {
      return scaleWrite(ctx, info, req, applyPatch(scale.body, req));
    } catch (e) {
      if (e instanceof PatchError) return { code: 422, body: badRequest(e.message) };
      throw e;
    }
  }
  if (req.subresource && req.subresource !== 'status') return { code: 404, body: notFound(info, req.name ?? '') };
  const cur = current(ctx, info, req);
  if (!cur) return { code: 404, body: notFound(info, req.name ?? '') };
  let next: unknown;
  try {
    next = applyPatch(cur, req);
  } catch (e) {
    if (e instanceof PatchError) return { code: req.patchType === 'json' ? 422 : 400, body: badRequest(e.message) };
    throw e;
  }
  dropEmptyMaps(next);
  const rv = (next as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
  const patchRv = (req.body as { metadata?: { resourceVersion?: unknown } } | null)?.metadata?.resourceVersion;
  // A patch is unconditional unless it names a resourceVersion itself.
  if (next && typeof next === 'object' && patchRv === undefined && rv !== undefined) {
    const n = next as { metadata: Record<string, unknown> };
    n.metadata = { ...n.metadata, resourceVersion: cur.metadata.resourceVersion };
  }
  // A patch that changes nothing is not written: the object keeps its resourceVersion and no
  // watcher hears of it, as with the real API server's no-op updates.
  if (!req.dryRun && sameData(next, cur)) return { code: 200, body: cur };
  // `next` is a patched copy (mergePatch and jsonPatch return new objects): the server's own.
  return update(ctx, info, req, next, true);
}

export function scaleGet(ctx: WriteContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  if (info.resource !== 'deployments' && info.resource !== 'replicasets')
    return { code: 404, body: notFound(info, req.name ?? '') };
  const obj = current(ctx, info, req) as Deployment | undefined;
  if (!obj) return { code: 404, body: notFound(info, req.name ?? '') };
  const m = obj.metadata;
  return {
    code: 200,
    body: {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: {
        name: m.name,
        namespace: m.namespace,
        uid: m.uid,
        resourceVersion: m.resourceVersion,
        creationTimestamp: m.creationTimestamp,
      },
      spec: { replicas: obj.spec.replicas ?? 0 },
      status: {
        replicas: obj.status?.replicas ?? 0,
        selector: selectorToString(selectorFromObject(obj.spec.selector)),
      },
    },
  };
}

export function scaleWrite(ctx: WriteContext, info: ResourceInfo, req: ApiRequest, body: unknown): ApiResponse {
  const obj = current(ctx, info, req) as Deployment | undefined;
  if (!obj || (info.resource !== 'deployments' && info.resource !== 'replicasets'))
    return { code: 404, body: notFound(info, req.name ?? '') };
  const b = (typeof body === 'object' && body !== null ? body : {}) as {
    spec?: { replicas?: unknown };
    metadata?: { resourceVersion?: unknown };
  };
  const replicas = b.spec?.replicas;
  if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0)
    return {
      code: 422,
      body: invalid({ group: 'autoscaling', resource: 'scale', kind: 'Scale' }, req.name ?? '', [
        fieldErr.invalid('spec.replicas', replicas, 'must be greater than or equal to 0'),
      ]),
    };
  const rv =
    typeof b.metadata?.resourceVersion === 'string' ? b.metadata.resourceVersion : obj.metadata.resourceVersion;
  const res = update(
    ctx,
    info,
    { ...req, subresource: undefined },
    { ...obj, metadata: { ...obj.metadata, resourceVersion: rv }, spec: { ...obj.spec, replicas } },
  );
  if (res.code !== 200) return res;
  return scaleGet(ctx, info, req);
}
