// Write verbs of the API server: create, update (incl. /status), delete with graceful deletion,
// finalizers and propagation policy. Each returns an ApiResponse; nothing here throws on bad input.

import type { Condition, KubeObject, Namespace, ObjectMeta, Pod, PodSpec, PodStatus, Service } from '../api/types.ts';
import { apiVersionOf, resourceInfo, type ResourceInfo } from '../api/resources.ts';
import { generateNameBase, sameCanonicalJson } from '../api/names.ts';
import { hasKeys, isFrozen, NotPlainError } from '../api/meta.ts';
import type { FakeClock } from '../clock.ts';
import { rfc3339 } from '../clock.ts';
import type { Rand } from '../rand.ts';
import type { ApiRequest, ApiResponse } from './request.ts';
import type { Storage } from './storage.ts';
import { defaultObject, isPodShape } from './defaults.ts';
import { validateName, validateObject } from './validation.ts';
import { alreadyExists, badRequest, conflict, fieldErr, forbidden, invalid, notFound, statusError } from './status.ts';
import { allocateClusterIP, allocateNodePort } from './allocators.ts';

export interface WriteContext {
  storage: Storage;
  clock: FakeClock;
  rand: Rand;
}

const NAMESPACES = resourceInfo('', 'namespaces') as ResourceInfo;
const SERVICES = resourceInfo('', 'services') as ResourceInfo;

const META_SERVER_FIELDS = new Set([
  'resourceVersion',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'generation',
  'namespace',
]);
const STATUS_FIELD = new Set(['status']);

/**
 * A copy without `skip`'s keys, in the same key order. Same result as a rest-destructuring, which
 * V8 runs through a slow runtime path, and without `delete`, which would push these hot objects
 * into slow dictionary mode.
 */
function omit(o: Record<string, unknown>, skip: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // for-in with an own-property check visits what Object.keys would, without allocating the array.
  for (const k in o) {
    // Undefined fields are dropped here, as storing would drop them anyway.
    if (!Object.hasOwn(o, k) || skip.has(k) || o[k] === undefined) continue;
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: o[k], enumerable: true, writable: true, configurable: true });
    else out[k] = o[k];
  }
  return out;
}

/** Given metadata keys of controllers' pods, in this order (and `namespace`, anywhere). */
const OWNED_KEYS = ['generateName', 'labels', 'ownerReferences'];

/** Whether given metadata has just a controller's pod's keys, for create's literal metadata. */
function isOwnedShape(m: ObjectMeta): boolean {
  let i = 0;
  for (const k in m) {
    if (k === 'namespace') continue;
    if (k === OWNED_KEYS[i] && (m as Record<string, unknown>)[k] !== undefined) i++;
    else return false;
  }
  return i === OWNED_KEYS.length;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** asObject: return a copy. */
const COPY = 0;
/** asObject: the body is the server's own (handed over, or built by the server): fill it in. */
const FILL = 1;
/** asObject: only checked and read (a status write takes .status alone): the body itself will do. */
const PEEK = 2;

function asObject(
  info: ResourceInfo,
  body: unknown,
  transfer = false,
  mode = transfer ? FILL : COPY,
): KubeObject | ApiResponse {
  if (!isRecord(body)) return { code: 400, body: badRequest('Object is not a valid JSON object') };
  const apiVersion = apiVersionOf(info);
  if (body['apiVersion'] !== undefined && body['apiVersion'] !== apiVersion)
    return {
      code: 400,
      body: badRequest(
        `the API version in the data (${String(body['apiVersion'])}) does not match the expected API version (${apiVersion})`,
      ),
    };
  if (body['kind'] !== undefined && body['kind'] !== info.kind)
    return {
      code: 400,
      body: badRequest(
        `the kind in the data (${String(body['kind'])}) does not match the expected kind (${info.kind})`,
      ),
    };
  const given = body['metadata'];
  const metadata = given ?? {};
  if (!isRecord(metadata)) return { code: 400, body: badRequest('metadata must be an object') };
  if (mode === PEEK && metadata === given) return body as unknown as KubeObject;
  if (mode === FILL && !isFrozen(body)) {
    // Handed over (ApiRequest.transfer): fill the body in. Same fields, same key order as the copy.
    body['apiVersion'] = apiVersion;
    body['kind'] = info.kind;
    body['metadata'] = metadata;
    return body as unknown as KubeObject;
  }
  return { ...body, apiVersion, kind: info.kind, metadata: metadata as ObjectMeta } as KubeObject;
}

export function isResponse(v: KubeObject | ApiResponse): v is ApiResponse {
  return (v as ApiResponse).code !== undefined && (v as KubeObject).metadata === undefined;
}

export function namespaceCheck(
  ctx: WriteContext,
  info: ResourceInfo,
  ns: string,
  name: string,
): ApiResponse | undefined {
  if (!info.namespaced) return undefined;
  const nsObj = ctx.storage.namespace(NAMESPACES, ns) as Namespace | undefined;
  if (!nsObj) return { code: 404, body: notFound(NAMESPACES, ns) };
  if (nsObj.metadata.deletionTimestamp)
    return {
      code: 403,
      body: forbidden(info, name, `unable to create new content in namespace ${ns} because it is being terminated`),
    };
  return undefined;
}

function commitOrConflict(
  ctx: WriteContext,
  info: ResourceInfo,
  obj: KubeObject,
  expectMod: number,
  code: number,
  owned = false,
): ApiResponse {
  try {
    const stored = ctx.storage.write(info, obj, expectMod, owned);
    if (stored) return { code, body: stored };
    const name = obj.metadata.name ?? '';
    return expectMod === 0 ? { code: 409, body: alreadyExists(info, name) } : { code: 409, body: conflict(info, name) };
  } catch (e) {
    if (e instanceof NotPlainError) return { code: 400, body: badRequest(`invalid object: ${e.message}`) };
    throw e;
  }
}

export function create(ctx: WriteContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const parsed = asObject(info, req.body, req.transfer === true);
  if (isResponse(parsed)) return parsed;
  // Read once: bodies of every kind come through here, so each read is a megamorphic lookup.
  const given = parsed.metadata;
  const bodyNs = given.namespace;
  const ns = info.namespaced ? (req.namespace ?? bodyNs ?? 'default') : undefined;
  if (info.namespaced && bodyNs !== undefined && bodyNs !== ns)
    return {
      code: 400,
      body: badRequest('the namespace of the provided object does not match the namespace sent on the request'),
    };
  let name = given.name;
  const gen = given.generateName;
  // A generated name just found free (nothing is written before the check below would repeat it).
  let free = false;
  if ((name === undefined || name === '') && typeof gen === 'string' && gen !== '') {
    for (let i = 0; i < 8; i++) {
      // join() keeps the name one flat string (a concatenation this long would be a rope).
      name = [generateNameBase(gen), ctx.rand.string(5)].join('');
      if (!ctx.storage.has(info, ns, name)) {
        free = true;
        break;
      }
    }
  }
  if (typeof name !== 'string' || name === '')
    return {
      code: 422,
      body: invalid(info, '', [fieldErr.required('metadata.name', 'name or generateName is required')]),
    };
  const errs = [] as ReturnType<typeof validateObject>;
  validateName(info, name, errs);
  if (errs.length) return { code: 422, body: invalid(info, name, errs) };
  const nsErr = ns ? namespaceCheck(ctx, info, ns, name) : undefined;
  if (nsErr) return nsErr;
  if (!free && ctx.storage.has(info, ns, name)) return { code: 409, body: alreadyExists(info, name) };

  let metadata: ObjectMeta;
  const dryRun = req.dryRun;
  if (ns !== undefined && !info.hasGeneration && !dryRun && isOwnedShape(given)) {
    // A controller's pod: the same fields in the same order as below, built as one literal so all
    // of them sit in the object (no property backing store). resourceVersion is what storage.write
    // stamps in place (nothing writes in between).
    const m = given;
    metadata = {
      generateName: m.generateName,
      labels: m.labels,
      ownerReferences: m.ownerReferences,
      name,
      uid: ctx.rand.uuid(),
      creationTimestamp: ctx.clock.iso(),
      namespace: ns,
      resourceVersion: ctx.storage.etcd.revisionString(ctx.storage.etcd.revision + 1),
    };
  } else {
    // A fresh copy, so assigning keeps the key order of `{ ...given, name, uid, creationTimestamp }`.
    metadata = omit(given as Record<string, unknown>, META_SERVER_FIELDS) as ObjectMeta;
    metadata.name = name;
    metadata.uid = ctx.rand.uuid();
    metadata.creationTimestamp = ctx.clock.iso();
    if (ns !== undefined) metadata.namespace = ns;
    if (info.hasGeneration) metadata.generation = 1;
  }
  // asObject made `parsed` the server's own (a copy, or the handed-over body): reuse it, or a copy
  // without status if it has one, instead of spreading again.
  let obj: KubeObject =
    info.hasStatus && info.kind !== 'Node' && Object.hasOwn(parsed, 'status')
      ? (omit(parsed as unknown as Record<string, unknown>, STATUS_FIELD) as unknown as KubeObject)
      : parsed;
  obj.metadata = metadata;
  obj = defaultObject(obj);
  const verrs = validateObject(info, obj);
  if (verrs.length) return { code: 422, body: invalid(info, name, verrs) };
  if (info.kind === 'Service') obj = allocateServiceFields(ctx, obj as Service);
  if (dryRun) return { code: 201, body: obj };
  return commitOrConflict(ctx, info, obj, 0, 201, true);
}

function allocateServiceFields(ctx: WriteContext, svc: Service, prev?: Service): Service {
  const others = ctx.storage.list(SERVICES, undefined) as Service[];
  const spec = { ...svc.spec };
  if (spec.type !== 'ExternalName' && spec.clusterIP !== 'None') {
    const ip = prev?.spec.clusterIP ?? spec.clusterIP ?? allocateClusterIP(others, ctx.rand);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') {
    const taken = [...others];
    spec.ports = (spec.ports ?? []).map((p, i) => {
      const nodePort = p.nodePort ?? prev?.spec.ports?.[i]?.nodePort ?? allocateNodePort(taken, ctx.rand);
      taken.push({ apiVersion: 'v1', kind: 'Service', metadata: {}, spec: { ports: [{ port: p.port, nodePort }] } });
      return { ...p, nodePort };
    });
  }
  return { ...svc, spec };
}

/**
 * `{ ...obj, spec, status }`; for a pod of the usual keys one literal with the same keys in the same
 * order, which keeps all five in the object (a spread of the frozen stored pod would put the fifth
 * in a property backing store).
 */
function withSpecStatus(obj: KubeObject, spec: unknown, status: unknown): KubeObject {
  if (isPodShape(obj))
    return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: obj.metadata, spec, status } as KubeObject;
  return { ...obj, spec, status } as KubeObject;
}

function specOf(obj: KubeObject): unknown {
  return (obj as { spec?: unknown }).spec;
}

function changed(a: unknown, b: unknown): boolean {
  return a !== b && !sameCanonicalJson(a, b);
}

function podSpecUpdateError(prev: PodSpec, next: PodSpec): string | undefined {
  const strip = (s: PodSpec): unknown => ({
    ...s,
    containers: (s.containers ?? []).map((c) => ({ ...c, image: '' })),
    tolerations: undefined,
  });
  if (changed(strip(prev), strip(next)))
    return 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
  return undefined;
}

/**
 * PUT of an object or its /status. `next` is the full desired object; `own`: the server built it
 * for this request (a patched copy), so it may become the stored object.
 */
export function update(
  ctx: WriteContext,
  info: ResourceInfo,
  req: ApiRequest,
  next: unknown,
  own = false,
): ApiResponse {
  const name = req.name ?? '';
  const status = req.subresource === 'status';
  const transfer = req.transfer === true && next === req.body;
  const parsed = asObject(info, next, transfer, status ? PEEK : transfer || own ? FILL : COPY);
  if (isResponse(parsed)) return parsed;
  // `parsed` is a copy, or the server's own: it can take the new metadata in place (same keys, same
  // order as a spread with it). A body handed over by a client is copied, as before.
  const inPlace = !status && parsed !== next ? true : own && !isFrozen(parsed);
  // Read once: bodies of every kind come through here, so each read is a megamorphic lookup.
  const given = parsed.metadata;
  const givenName = given.name;
  if (givenName !== undefined && givenName !== name)
    return {
      code: 400,
      body: badRequest(`the name of the object (${String(givenName)}) does not match the name on the URL (${name})`),
    };
  const ns = info.namespaced ? (req.namespace ?? 'default') : undefined;
  const cur = ctx.storage.read(info, ns, name);
  if (!cur) return { code: 404, body: notFound(info, name) };
  const prev = cur.value as KubeObject;
  const prevMeta = prev.metadata;
  const rv = given.resourceVersion;
  if (rv !== undefined && rv !== '' && rv !== prevMeta.resourceVersion)
    return { code: 409, body: conflict(info, name) };

  let obj: KubeObject;
  if (status) {
    const st = (parsed as { status?: unknown }).status;
    obj = isPodShape(prev) ? withSpecStatus(prev, (prev as Pod).spec, st) : ({ ...prev, status: st } as KubeObject);
  } else {
    // `{ ...given, name, uid, creationTimestamp, generation, deletionTimestamp,
    // deletionGracePeriodSeconds }` (and namespace), each field written only where the copy does
    // not already hold the value: rewriting a field the copy holds makes V8 drop its "constant"
    // mark, throwing away the code of every function that relied on it (create, watchers, queues).
    const metadata = { ...given } as Record<string, unknown>;
    setOwn(metadata, 'name', name);
    setOwn(metadata, 'uid', prevMeta.uid);
    setOwn(metadata, 'creationTimestamp', prevMeta.creationTimestamp);
    setOwn(metadata, 'generation', prevMeta.generation);
    setOwn(metadata, 'deletionTimestamp', prevMeta.deletionTimestamp);
    setOwn(metadata, 'deletionGracePeriodSeconds', prevMeta.deletionGracePeriodSeconds);
    if (ns !== undefined) setOwn(metadata, 'namespace', ns);
    if (inPlace) {
      parsed.metadata = metadata as ObjectMeta;
      obj = parsed;
    } else obj = { ...parsed, metadata: metadata as ObjectMeta };
    if (info.hasStatus) (obj as { status?: unknown }).status = (prev as { status?: unknown }).status;
    obj = defaultObject(obj);
    if (info.kind === 'Namespace') (obj as Namespace).status = (prev as Namespace).status;
    if (info.kind === 'Pod') {
      const why = podSpecUpdateError((prev as Pod).spec, (obj as Pod).spec);
      if (why) return { code: 422, body: invalid(info, name, [fieldErr.forbidden('spec', why)]) };
    }
    if (info.kind === 'Service') obj = allocateServiceFields(ctx, obj as Service, prev as Service);
    if (info.hasGeneration && changed(specOf(prev), specOf(obj)))
      obj.metadata.generation = (prevMeta.generation ?? 0) + 1;
  }
  // Status writes replace only .status: the spec was validated when it was written.
  const verrs = status ? [] : validateObject(info, obj);
  if (verrs.length) return { code: 422, body: invalid(info, name, verrs) };
  if (req.dryRun) return { code: 200, body: obj };
  if (obj.metadata.deletionTimestamp && finalizersDone(obj)) {
    ctx.storage.remove(info, prev, cur.modRevision);
    return { code: 200, body: obj };
  }
  // `obj` is the server's own copy (of the stored object or of the request body).
  return commitOrConflict(ctx, info, obj, cur.modRevision, 200, true);
}

/** `o[k] = v`, unless `o` has that value at `k` already (a key of the copy, or a new one at the end). */
function setOwn(o: Record<string, unknown>, k: string, v: unknown): void {
  if (o[k] !== v || !Object.hasOwn(o, k)) o[k] = v;
}

function finalizersDone(obj: KubeObject): boolean {
  if ((obj.metadata.finalizers ?? []).length > 0) return false;
  if (obj.kind === 'Namespace') return ((obj as Namespace).spec?.finalizers ?? []).length === 0;
  return obj.kind !== 'Pod';
}

export function remove(ctx: WriteContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const name = req.name ?? '';
  const ns = info.namespaced ? (req.namespace ?? 'default') : undefined;
  const cur = ctx.storage.read(info, ns, name);
  if (!cur) return { code: 404, body: notFound(info, name) };
  const obj = cur.value as KubeObject;
  const pre = isRecord(req.body) ? req.body : {};
  const uidPre = isRecord(pre['preconditions']) ? pre['preconditions']['uid'] : undefined;
  if (typeof uidPre === 'string' && uidPre !== obj.metadata.uid)
    return {
      code: 409,
      body: conflict(
        info,
        name,
        `Precondition failed: UID in precondition: ${uidPre}, UID in object meta: ${obj.metadata.uid ?? ''}`,
      ),
    };
  const policy =
    req.propagationPolicy ?? (typeof pre['propagationPolicy'] === 'string' ? pre['propagationPolicy'] : 'Background');
  const bodyGrace = typeof pre['gracePeriodSeconds'] === 'number' ? pre['gracePeriodSeconds'] : undefined;
  let grace = 0;
  if (info.kind === 'Pod') {
    const pod = obj as Pod;
    grace = req.gracePeriodSeconds ?? bodyGrace ?? pod.spec.terminationGracePeriodSeconds ?? 30;
    const phase = pod.status?.phase;
    if (!pod.spec.nodeName || phase === 'Succeeded' || phase === 'Failed') grace = 0;
  }
  const finalizers = [...(obj.metadata.finalizers ?? [])];
  if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
  if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
  const nsPending = info.kind === 'Namespace' && ((obj as Namespace).spec?.finalizers ?? []).length > 0;
  if (req.dryRun) return { code: 200, body: obj };
  const graceful = finalizers.length > 0 || grace > 0 || nsPending;
  if (!graceful) {
    if (!ctx.storage.remove(info, obj, cur.modRevision)) return { code: 409, body: conflict(info, name) };
    return { code: 200, body: obj };
  }
  if (obj.metadata.deletionTimestamp) {
    const force = info.kind === 'Pod' && (req.gracePeriodSeconds === 0 || bodyGrace === 0);
    if (force && finalizers.length === 0) {
      ctx.storage.remove(info, obj, cur.modRevision);
      return { code: 200, body: obj };
    }
    return { code: 200, body: obj };
  }
  const metadata: ObjectMeta = {
    ...obj.metadata,
    deletionTimestamp: rfc3339(ctx.clock.now() + grace * 1000),
    deletionGracePeriodSeconds: grace,
  };
  if (finalizers.length) metadata.finalizers = finalizers;
  let next: KubeObject = { ...obj, metadata };
  if (info.kind === 'Namespace')
    next = { ...next, status: { ...(obj as Namespace).status, phase: 'Terminating' } } as Namespace;
  return commitOrConflict(ctx, info, next, cur.modRevision, 200, true);
}

/**
 * PodScheduled=True as of `scheduledIso`, in a list (frozen) shared by the pods bound in that second.
 * Plain variables, not a cached record: a record's fields would first be typed by the class of
 * their values, then widened when the record's literal runs again, throwing away bind's code.
 */
let scheduledIso = '';
let scheduledList: readonly Condition[] = [];

function scheduledConditions(iso: string): readonly Condition[] {
  if (scheduledIso !== iso) {
    const condition: Condition = Object.freeze({
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: iso,
    });
    scheduledIso = iso;
    scheduledList = Object.freeze([condition]);
  }
  return scheduledList;
}

/** A defaulted pod spec of a template that gave only containers. */
const DEFAULTED_SPEC = [
  'containers',
  'restartPolicy',
  'terminationGracePeriodSeconds',
  'dnsPolicy',
  'serviceAccountName',
  'securityContext',
  'schedulerName',
  'enableServiceLinks',
  'preemptionPolicy',
  'priority',
  'tolerations',
];

/**
 * `{ ...spec, nodeName }`, frozen; for the usual defaulted spec one literal with the same keys in the
 * same order, so the bound pod's spec (one per pod) keeps all its fields in the object. `spec` is a
 * stored one, frozen all the way down: freezing the copy here spares freezePlain a walk over it.
 */
function boundSpec(spec: PodSpec, nodeName: string): PodSpec {
  return Object.freeze(boundSpecCopy(spec, nodeName));
}

function boundSpecCopy(spec: PodSpec, nodeName: string): PodSpec {
  if (!hasKeys(spec, DEFAULTED_SPEC)) return { ...spec, nodeName };
  return {
    containers: spec.containers,
    restartPolicy: spec.restartPolicy,
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds,
    dnsPolicy: spec.dnsPolicy,
    serviceAccountName: spec.serviceAccountName,
    securityContext: spec.securityContext,
    schedulerName: spec.schedulerName,
    enableServiceLinks: spec.enableServiceLinks,
    preemptionPolicy: spec.preemptionPolicy,
    priority: spec.priority,
    tolerations: spec.tolerations,
    nodeName,
  };
}

/** A stored (frozen) status without conditions, and its bound form as of the last second asked. */
const boundStatuses = new WeakMap<object, PodStatus>();

/**
 * `{ ...status, conditions }` with PodScheduled=True (in place of any earlier one). A stored status
 * without conditions (every new pod's shared one) gives one frozen bound status per second.
 */
function boundStatus(status: PodStatus | undefined, scheduled: readonly Condition[]): PodStatus {
  const conditions = status?.conditions;
  if (status !== undefined && conditions === undefined && isFrozen(status)) {
    const hit = boundStatuses.get(status);
    if (hit?.conditions === scheduled) return hit;
    // The stored status's values are frozen already: freezing the copy freezes it all.
    const bound = Object.freeze({ ...status, conditions: scheduled });
    boundStatuses.set(status, bound);
    return bound;
  }
  const others = (conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  const conds = others.length === 0 ? scheduled : [...others, scheduled[0] as Condition];
  return { ...status, conditions: conds };
}

const BINDING_GR = { group: '', resource: 'pods/binding' };

/** POST pods/<name>/binding: the scheduler's only way to place a pod. */
export function bind(ctx: WriteContext, info: ResourceInfo, req: ApiRequest): ApiResponse {
  const name =
    req.name ??
    (isRecord(req.body) && isRecord(req.body['metadata']) ? String(req.body['metadata']['name'] ?? '') : '');
  const ns = req.namespace ?? 'default';
  const target = isRecord(req.body) && isRecord(req.body['target']) ? req.body['target'] : undefined;
  const node = target && typeof target['name'] === 'string' ? target['name'] : '';
  if (!node)
    return {
      code: 422,
      body: invalid({ group: '', resource: 'bindings', kind: 'Binding' }, name, [fieldErr.required('target.name')]),
    };
  const cur = ctx.storage.read(info, ns, name);
  if (!cur) return { code: 404, body: notFound(info, name) };
  const pod = cur.value as Pod;
  if (pod.metadata.deletionTimestamp)
    return {
      code: 409,
      body: conflict(BINDING_GR, name, `pod ${name} is being deleted, cannot be assigned to a host`),
    };
  if (pod.spec.nodeName)
    return {
      code: 409,
      body: conflict(BINDING_GR, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`),
    };
  const scheduled = scheduledConditions(ctx.clock.iso());
  const next = withSpecStatus(pod, boundSpec(pod.spec, node), boundStatus(pod.status, scheduled)) as Pod;
  const res = commitOrConflict(ctx, info, next, cur.modRevision, 201, true);
  if (res.code !== 201) return res;
  return { code: 201, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 } };
}

export function unsupported(info: ResourceInfo, verb: string): ApiResponse {
  return {
    code: 405,
    body: statusError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`, {
      group: info.group,
      kind: `${info.resource}/${verb}`,
    }),
  };
}
