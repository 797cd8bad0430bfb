// kube-apiserver: the hub every component talks to and the only client of etcd. handle() takes a
// REST-shaped request and always returns a response (errors as Status objects); watch() streams
// changes. Every request is recorded in requestLog with its user agent.

import type { KubeObject, List, Status } from '../api/types.ts';
import { apiVersionOf, RESOURCES, resourceInfo, type ResourceInfo } from '../api/resources.ts';
import { parseLabelSelector, SelectorParseError, matchesSelector, type Selector } from '../api/labels.ts';
import { checkFieldSelector, matchesFields, parseFieldSelector, type FieldSelector } from '../api/fields.ts';
import type { EtcdStore, KeyValue, StoreEvent, StoreListener } from '../etcd/store.ts';
import { CompactedError, dirOf } from '../etcd/store.ts';
import type { FakeClock } from '../clock.ts';
import type { Rand } from '../rand.ts';
import type { ApiRequest, ApiResponse, Verb } from './request.ts';
import { RequestLog } from './audit.ts';
import { Storage } from './storage.ts';
import { WatchHub, watcherMatches, type WatchEvent, type Watcher } from './watch-hub.ts';
import { tables } from './tables-port.ts';
import { badRequest, gone, internalError, notFound, statusError, unavailable } from './status.ts';
import { bind, create, remove, unsupported, update, type WriteContext } from './writes.ts';
import { createEventEntry, EventEntry, patchEventCount } from './event-entry.ts';
import { patch, scaleGet, scaleWrite } from './subresources.ts';
import { flatCopy } from '../api/names.ts';

const VERBS = new Set(['get', 'list', 'create', 'update', 'patch', 'delete', 'deletecollection', 'watch']);
const NAMESPACES = resourceInfo('', 'namespaces') as ResourceInfo;
const PREFIXES = RESOURCES.map((i) => [`${i.etcdPrefix}/`, i] as const);

/** Serves pods/log for one node: the API server proxies log requests to that node's kubelet. */
export type NodeLogProvider = (
  namespace: string,
  pod: string,
  opts: { container?: string; previous?: boolean; tailLines?: number },
) => ApiResponse;

/**
 * The writes' context. A class, not an object literal: a literal's fields are typed by the first
 * cluster's objects, and the next cluster's generalise them, throwing away the writes' code.
 */
class WriteCtx implements WriteContext {
  constructor(
    readonly storage: Storage,
    readonly clock: FakeClock,
    readonly rand: Rand,
  ) {}
}

export class ApiServer implements StoreListener {
  readonly requestLog = new RequestLog();
  readonly #storage: Storage;
  readonly #clock: FakeClock;
  readonly #ctx: WriteContext;
  readonly #hub = new WatchHub();
  readonly #logs = new Map<string, NodeLogProvider>();
  #running = true;
  /**
   * Fault injection: whether etcd answers (set by the cluster). A flag, not a callback: each
   * cluster's own closure would be a new call target, throwing away handle's code.
   */
  etcdUp = true;

  constructor(etcd: EtcdStore, clock: FakeClock, rand: Rand) {
    this.#storage = new Storage(etcd);
    this.#clock = clock;
    this.#ctx = new WriteCtx(this.#storage, clock, rand);
    etcd.subscribe(this);
    etcd.onReset(() => {
      this.#storage.forgetNamespaces();
      this.#hub.closeAll(gone('too old resource version: etcd was restored'));
    });
  }

  get running(): boolean {
    return this.#running;
  }

  /** Fault injection: the process stops; all watches break and requests are refused. */
  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    this.#hub.closeAll(unavailable());
  }

  start(): void {
    this.#running = true;
  }

  /** Breaks every watch (used when etcd goes away under a running server). */
  dropWatches(): void {
    this.#hub.closeAll(unavailable());
  }

  get watchCount(): number {
    return this.#hub.size;
  }

  registerNodeLogs(node: string, provider: NodeLogProvider | undefined): void {
    if (provider) this.#logs.set(node, provider);
    else this.#logs.delete(node);
  }

  #available(): boolean {
    return this.#running && this.etcdUp;
  }

  handle(req: ApiRequest): ApiResponse {
    const safe = (typeof req === 'object' && req !== null ? req : {}) as Partial<ApiRequest>;
    // Each field read once: requests of many shapes make every read a megamorphic lookup.
    const { userAgent, verb, group, version, resource, subresource, namespace, name } = safe;
    // The record, column by column (the log makes the object only if someone reads it).
    const seq = this.requestLog.logRequest(
      this.#clock.now(),
      typeof userAgent === 'string' ? userAgent : '',
      typeof verb === 'string' ? verb : String(verb),
      typeof group === 'string' ? group : '',
      typeof version === 'string' ? version : '',
      typeof resource === 'string' ? resource : '',
      typeof subresource === 'string' ? subresource : undefined,
      typeof namespace === 'string' ? namespace : undefined,
      typeof name === 'string' ? name : undefined,
    );
    let res: ApiResponse;
    if (!this.#available()) res = { code: 0, body: unavailable(), connectionRefused: true };
    else {
      try {
        // The fields read above go along: each read of a request is a megamorphic lookup.
        const info = this.#resolve(verb, group, version, resource, namespace, name);
        res =
          'code' in info ? info : this.#dispatch(safe as ApiRequest, info, verb as Verb, subresource, namespace, name);
      } catch (e) {
        res = { code: 500, body: internalError(e instanceof Error ? e.message : String(e)) };
      }
    }
    this.requestLog.setCode(seq, res.code);
    return res;
  }

  #resolve(
    verb: unknown,
    group: unknown,
    version: unknown,
    resource: unknown,
    namespace: unknown,
    name: unknown,
  ): ResourceInfo | ApiResponse {
    if (typeof verb !== 'string' || !VERBS.has(verb))
      return {
        code: 405,
        body: statusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'),
      };
    const info =
      typeof resource === 'string' ? resourceInfo(typeof group === 'string' ? group : '', resource) : undefined;
    if (!info || (version !== undefined && version !== info.version))
      return { code: 404, body: statusError(404, 'NotFound', 'the server could not find the requested resource') };
    if (namespace !== undefined && (typeof namespace !== 'string' || (!info.namespaced && namespace !== '')))
      return { code: 404, body: statusError(404, 'NotFound', 'the server could not find the requested resource') };
    if (name !== undefined && typeof name !== 'string') return { code: 400, body: badRequest('name must be a string') };
    return info;
  }

  #selectors(info: ResourceInfo, req: Partial<ApiRequest>): { labels: Selector; fields: FieldSelector } | ApiResponse {
    try {
      const labels = typeof req.labelSelector === 'string' ? parseLabelSelector(req.labelSelector) : [];
      const fields = typeof req.fieldSelector === 'string' ? parseFieldSelector(req.fieldSelector) : [];
      checkFieldSelector(info.resource, fields);
      return { labels, fields };
    } catch (e) {
      if (e instanceof SelectorParseError) return { code: 400, body: badRequest(e.message) };
      throw e;
    }
  }

  /** A request #resolve accepted, with the fields handle read from it. */
  #dispatch(
    r: ApiRequest,
    info: ResourceInfo,
    verb: Verb,
    sub: string | undefined,
    namespace: string | undefined,
    name: string | undefined,
  ): ApiResponse {
    const ns = info.namespaced ? namespace || undefined : undefined;
    switch (verb) {
      case 'get': {
        if (!name) return this.#list(info, r, ns);
        if (sub === 'scale') return scaleGet(this.#ctx, info, r);
        if (sub === 'log') return this.#podLog(info, r);
        const kv = this.#storage.read(info, ns ?? (info.namespaced ? 'default' : undefined), name);
        if (!kv) return { code: 404, body: notFound(info, name) };
        const obj = kv.value as KubeObject;
        if (r.asTable)
          return {
            code: 200,
            body: tables().buildTable(info.resource, [obj], this.#clock.now(), r.wide === true, this.#storage.revision),
          };
        return { code: 200, body: obj };
      }
      case 'list':
        return this.#list(info, r, ns);
      case 'create':
        if (sub === 'binding' && info.resource === 'pods') return bind(this.#ctx, info, r);
        if (sub === 'eviction' && info.resource === 'pods') return remove(this.#ctx, info, { ...r, verb: 'delete' });
        if (sub) return unsupported(info, sub);
        {
          const body = r.body;
          if (body instanceof EventEntry)
            return (
              createEventEntry(this.#ctx, info, r, body) ?? create(this.#ctx, info, { ...r, body: body.draft(false) })
            );
        }
        return create(this.#ctx, info, r);
      case 'update':
        if (sub === 'scale') return scaleWrite(this.#ctx, info, r, r.body);
        if (sub && sub !== 'status') return unsupported(info, sub);
        if (!name)
          return {
            code: 405,
            body: statusError(
              405,
              'MethodNotAllowed',
              'the server does not allow this method on the requested resource',
            ),
          };
        return update(this.#ctx, info, r, r.body);
      case 'patch':
        if (!name)
          return {
            code: 405,
            body: statusError(
              405,
              'MethodNotAllowed',
              'the server does not allow this method on the requested resource',
            ),
          };
        // An Event's count as recorders patch it (1,500 times in a 3,000-pod settle), in its encoded entry.
        return (
          (sub === undefined && ns !== undefined && patchEventCount(this.#ctx, info, r, ns, name)) ||
          patch(this.#ctx, info, r)
        );
      case 'delete':
        if (!name) return this.#deleteCollection(info, r, ns);
        return remove(this.#ctx, info, r);
      case 'deletecollection':
        return this.#deleteCollection(info, r, ns);
      case 'watch':
        return { code: 400, body: badRequest('use ApiServer.watch() for watch requests') };
    }
  }

  #select(info: ResourceInfo, req: ApiRequest, ns: string | undefined): KubeObject[] | ApiResponse {
    const sel = this.#selectors(info, req);
    if ('code' in sel) return sel;
    const all = this.#storage.list(info, ns);
    if (sel.labels.length === 0 && sel.fields.length === 0) return all;
    return all.filter((o) => matchesSelector(sel.labels, o.metadata.labels) && matchesFields(sel.fields, o));
  }

  #list(info: ResourceInfo, req: ApiRequest, ns: string | undefined): ApiResponse {
    const items = this.#select(info, req, ns);
    if (!Array.isArray(items)) return items;
    const rv = this.#storage.revision;
    if (req.asTable)
      return { code: 200, body: tables().buildTable(info.resource, items, this.#clock.now(), req.wide === true, rv) };
    const list: List = {
      apiVersion: apiVersionOf(info),
      kind: info.listKind,
      metadata: { resourceVersion: rv },
      items,
    };
    return { code: 200, body: list };
  }

  #deleteCollection(info: ResourceInfo, req: ApiRequest, ns: string | undefined): ApiResponse {
    const items = this.#select(info, req, ns);
    if (!Array.isArray(items)) return items;
    const deleted: KubeObject[] = [];
    for (const o of items) {
      const res = remove(this.#ctx, info, {
        ...req,
        verb: 'delete',
        name: o.metadata.name ?? '',
        namespace: o.metadata.namespace ?? '',
      });
      if (res.code === 200) deleted.push(res.body as KubeObject);
    }
    return {
      code: 200,
      body: {
        apiVersion: apiVersionOf(info),
        kind: info.listKind,
        metadata: { resourceVersion: this.#storage.revision },
        items: deleted,
      },
    };
  }

  #podLog(info: ResourceInfo, req: ApiRequest): ApiResponse {
    const ns = req.namespace || 'default';
    const kv = this.#storage.read(info, ns, req.name ?? '');
    if (info.resource !== 'pods' || !kv) return { code: 404, body: notFound(info, req.name ?? '') };
    const node = (kv.value as { spec?: { nodeName?: string } }).spec?.nodeName;
    const provider = node ? this.#logs.get(node) : undefined;
    const b = (typeof req.body === 'object' && req.body !== null ? req.body : {}) as {
      container?: string;
      previous?: boolean;
      tailLines?: number;
    };
    if (!provider) return { code: 400, body: badRequest(`pod ${req.name ?? ''} does not have a host assigned`) };
    return provider(ns, req.name ?? '', b);
  }

  /** The resource stored under an etcd directory, cached (a cluster has a few hundred directories). */
  readonly #dirInfo = new Map<string, ResourceInfo | null>();

  #infoOf(kv: KeyValue): ResourceInfo | undefined {
    const dir = dirOf(kv);
    let info = this.#dirInfo.get(dir);
    if (info === undefined) {
      info = PREFIXES.find(([p]) => dir.startsWith(p))?.[1] ?? null;
      if (this.#dirInfo.size > 10_000) this.#dirInfo.clear();
      this.#dirInfo.set(dir, info);
    }
    return info ?? undefined;
  }

  /** etcd's listener (see EtcdStore.subscribe); not for other callers. */
  onStoreEvent(type: StoreEvent['type'], kv: KeyValue, prevKv: KeyValue | undefined): void {
    const info = this.#infoOf(kv);
    if (!info) return;
    // Before anything can react to the change (a watcher's request checking its namespace).
    if (info === NAMESPACES) this.#storage.forgetNamespaces();
    // Nobody watches it: no need to decode the values (an Event's stays encoded).
    if (!this.#hub.watches(info)) return this.#hub.drain();
    const prev = prevKv?.value as KubeObject | undefined;
    const next = type === 'PUT' ? (kv.value as KubeObject) : undefined;
    this.#hub.publish(info, prev, next);
  }

  /**
   * Streams ADDED/MODIFIED/DELETED events for objects matching the request. Returns an unsubscribe
   * function. `onClose` is called with a Status if the stream ends from the server side.
   */
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onClose?: (status: Status) => void): () => void {
    try {
      return this.#watch(req, onEvent, onClose);
    } catch (e) {
      try {
        onClose?.(internalError(e instanceof Error ? e.message : String(e)));
      } catch {
        // ignore client errors
      }
      return () => undefined;
    }
  }

  #watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onClose?: (status: Status) => void): () => void {
    const safe = (typeof req === 'object' && req !== null ? req : {}) as ApiRequest;
    const res = this.handleWatchSetup(safe);
    const fail = (st: Status): (() => void) => {
      try {
        onClose?.(st);
      } catch {
        // ignore client errors
      }
      return () => undefined;
    };
    if ('code' in res) return fail(res.body as Status);
    const { info, labels, fields } = res;
    const nodeField =
      info.resource === 'pods' ? fields.find((f) => f.field === 'spec.nodeName' && f.op === '=') : undefined;
    const wide = safe.wide === true;
    const w: Watcher = {
      info,
      namespace: info.namespaced ? safe.namespace || undefined : undefined,
      labels,
      fields: nodeField ? fields.filter((f) => f !== nodeField) : fields,
      // A copy of its own: the parsed value is a view into the selector string, which every
      // comparison with a pod's spec.nodeName (and the hub's per-node map lookup) takes through
      // V8's slow string path, once per pod write.
      nodeName: nodeField ? flatCopy(nodeField.value) : undefined,
      deliver: onEvent,
      transform: safe.asTable
        ? (o) => tables().buildTable(info.resource, [o], this.#clock.now(), wide, this.#storage.revision)
        : undefined,
      onClose,
      closed: false,
    };
    const rv = safe.resourceVersion;
    if (rv === undefined || rv === '' || rv === '0') {
      for (const obj of this.#storage.list(info, w.namespace))
        if (watcherMatches(w, obj)) this.#hub.enqueue(w, { type: 'ADDED', object: obj });
    } else {
      const after = Number(rv);
      if (!Number.isInteger(after) || after < 0) return fail(badRequest(`invalid resource version: ${rv}`));
      try {
        for (const ev of this.#storage.etcd.historySince(after)) {
          if (this.#infoOf(ev.kv) !== info) continue;
          const prev = ev.prevKv?.value as KubeObject | undefined;
          const next = ev.type === 'PUT' ? (ev.kv.value as KubeObject) : undefined;
          const was = watcherMatches(w, prev);
          const is = watcherMatches(w, next);
          if (is) this.#hub.enqueue(w, { type: was ? 'MODIFIED' : 'ADDED', object: next });
          else if (was) this.#hub.enqueue(w, { type: 'DELETED', object: next ?? prev });
        }
      } catch (e) {
        if (e instanceof CompactedError) return fail(gone(`too old resource version: ${after} (${e.compacted})`));
        throw e;
      }
    }
    const off = this.#hub.add(w);
    this.#hub.drain();
    return off;
  }

  /** Validates a watch request and logs it; exposed for symmetry with handle(). */
  handleWatchSetup(req: ApiRequest): { info: ResourceInfo; labels: Selector; fields: FieldSelector } | ApiResponse {
    const seq = this.requestLog.logWatch(
      this.#clock.now(),
      typeof req.userAgent === 'string' ? req.userAgent : '',
      typeof req.group === 'string' ? req.group : '',
      typeof req.version === 'string' ? req.version : '',
      typeof req.resource === 'string' ? req.resource : '',
      typeof req.namespace === 'string' ? req.namespace : undefined,
    );
    if (!this.#available()) return { code: 0, body: unavailable(), connectionRefused: true };
    const info = this.#resolve('watch', req.group, req.version, req.resource, req.namespace, req.name);
    if ('code' in info) {
      this.requestLog.setCode(seq, info.code);
      return info;
    }
    const sel = this.#selectors(info, req);
    this.requestLog.setCode(seq, 'code' in sel ? sel.code : 200);
    return 'code' in sel ? sel : { info, ...sel };
  }
}
