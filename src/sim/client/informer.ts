// A shared informer: list + watch through the API server into a local cache with indexes, calling
// handlers on every change. If the watch breaks (API server stopped, etcd restored) it relists on
// the next sync() and reports the differences, so controllers stay level-triggered.

import type { KubeObject } from '../api/types.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { ApiRequest } from '../apiserver/request.ts';
import { objectKey } from '../api/meta.ts';

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  fieldSelector?: string;
  labelSelector?: string;
}

/** Change handlers; `key` is the object's interned "namespace/name" cache key (see objectKey). */
export interface Handlers<T> {
  add?: (obj: T, key: string) => void;
  update?: (prev: T, next: T, key: string) => void;
  delete?: (obj: T, key: string) => void;
}

type IndexFn<T> = (obj: T) => string | undefined;

interface Index<T> {
  fn: IndexFn<T>;
  map: Map<string, Map<string, T>>;
}

const NO_INDEXES: readonly never[] = Object.freeze([]);

/**
 * The last watched object's key. The watch hub hands one change's (read-only) object to every
 * interested watcher in a row (a pod change reaches the scheduler's, the controller manager's and
 * a kubelet's informer), so the key is looked up once per change rather than once per informer.
 */
let lastObj: KubeObject | undefined;
let lastKey = '';

function keyOf(obj: KubeObject): string {
  if (obj === lastObj) return lastKey;
  const k = objectKey(obj);
  lastObj = obj;
  lastKey = k;
  return k;
}

export class Informer<T extends KubeObject> {
  readonly #api: ApiServer;
  readonly #ref: ResourceRef;
  readonly #userAgent: string;
  readonly #cache = new Map<string, T>();
  /**
   * The handlers' functions, one list per kind of change: called without looking each up (the
   * handler objects come in several shapes) nor skipping those that lack it.
   */
  readonly #onAdd: NonNullable<Handlers<T>['add']>[] = [];
  readonly #onUpdate: NonNullable<Handlers<T>['update']>[] = [];
  readonly #onDelete: NonNullable<Handlers<T>['delete']>[] = [];
  /**
   * Made by the first addIndex: most informers have no index (one per kubelet and two per
   * kube-proxy, thousands on a big cluster), and an empty Map is kept all the same.
   */
  #indexes: Map<string, Index<T>> | undefined;
  /** #indexes' values, for the per-change loops (one shared empty list until an index is added). */
  #indexList: readonly Index<T>[] = NO_INDEXES;
  #unwatch: (() => void) | undefined;
  #connected = false;

  constructor(api: ApiServer, ref: ResourceRef, userAgent: string) {
    this.#api = api;
    this.#ref = ref;
    this.#userAgent = userAgent;
  }

  get connected(): boolean {
    return this.#connected;
  }

  on(h: Handlers<T>): void {
    if (h.add) this.#onAdd.push(h.add);
    if (h.update) this.#onUpdate.push(h.update);
    if (h.delete) this.#onDelete.push(h.delete);
  }

  #added(obj: T, k: string): void {
    const fns = this.#onAdd;
    for (let i = 0; i < fns.length; i++) (fns[i] as (obj: T, key: string) => void)(obj, k);
  }

  #updated(prev: T, obj: T, k: string): void {
    const fns = this.#onUpdate;
    for (let i = 0; i < fns.length; i++) (fns[i] as (prev: T, next: T, key: string) => void)(prev, obj, k);
  }

  #deleted(obj: T, k: string): void {
    const fns = this.#onDelete;
    for (let i = 0; i < fns.length; i++) (fns[i] as (obj: T, key: string) => void)(obj, k);
  }

  addIndex(name: string, fn: IndexFn<T>): void {
    const map = new Map<string, Map<string, T>>();
    for (const [k, obj] of this.#cache) this.#indexAdd(map, fn(obj), k, obj);
    const indexes = (this.#indexes ??= new Map());
    indexes.set(name, { fn, map });
    this.#indexList = [...indexes.values()];
  }

  #indexAdd(map: Map<string, Map<string, T>>, v: string | undefined, k: string, obj: T): void {
    if (v === undefined) return;
    let m = map.get(v);
    if (!m) {
      m = new Map();
      map.set(v, m);
    }
    m.set(k, obj);
  }

  #put(k: string, obj: T, prev: T | undefined): void {
    this.#cache.set(k, obj);
    const list = this.#indexList;
    for (let i = 0; i < list.length; i++) {
      const { fn, map } = list[i] as Index<T>;
      const a = prev ? fn(prev) : undefined;
      const b = fn(obj);
      if (a !== undefined && a !== b) map.get(a)?.delete(k);
      this.#indexAdd(map, b, k, obj);
    }
  }

  #drop(k: string, prev: T): void {
    this.#cache.delete(k);
    const list = this.#indexList;
    for (let i = 0; i < list.length; i++) {
      const { fn, map } = list[i] as Index<T>;
      const a = fn(prev);
      if (a !== undefined) {
        const m = map.get(a);
        m?.delete(k);
        if (m && m.size === 0) map.delete(a);
      }
    }
  }

  #req(verb: 'list' | 'watch', rv?: string): ApiRequest {
    const r: ApiRequest = {
      verb,
      group: this.#ref.group,
      version: this.#ref.version,
      resource: this.#ref.resource,
      userAgent: this.#userAgent,
    };
    if (this.#ref.namespace) r.namespace = this.#ref.namespace;
    if (this.#ref.fieldSelector) r.fieldSelector = this.#ref.fieldSelector;
    if (this.#ref.labelSelector) r.labelSelector = this.#ref.labelSelector;
    if (rv) r.resourceVersion = rv;
    return r;
  }

  /** Lists and watches if not connected. Returns whether the cache is live. */
  sync(): boolean {
    if (this.#connected) return true;
    const res = this.#api.handle(this.#req('list'));
    if (res.code !== 200) return false;
    const list = res.body as { items: T[]; metadata: { resourceVersion?: string } };
    // The first list (an empty cache: most informers, once) has nothing to drop afterwards, so it
    // keeps no set of the keys it saw.
    const seen = this.#cache.size === 0 ? undefined : new Set<string>();
    for (const obj of list.items) {
      const k = objectKey(obj);
      seen?.add(k);
      const prev = this.#cache.get(k);
      if (
        prev &&
        prev.metadata.resourceVersion === obj.metadata.resourceVersion &&
        prev.metadata.uid === obj.metadata.uid
      )
        continue;
      this.#put(k, obj, prev);
      if (prev) this.#updated(prev, obj, k);
      else this.#added(obj, k);
    }
    if (seen !== undefined)
      for (const [k, prev] of [...this.#cache]) {
        if (seen.has(k)) continue;
        this.#drop(k, prev);
        this.#deleted(prev, k);
      }
    this.#connected = true;
    this.#unwatch = this.#api.watch(
      this.#req('watch', list.metadata.resourceVersion),
      (ev) => this.#onEvent(ev.type, ev.object as T),
      () => {
        this.#connected = false;
        this.#unwatch = undefined;
      },
    );
    return this.#connected;
  }

  #onEvent(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): void {
    const k = keyOf(obj);
    const prev = this.#cache.get(k);
    if (type === 'DELETED') {
      if (!prev) return;
      this.#drop(k, prev);
      this.#deleted(obj, k);
      return;
    }
    this.#put(k, obj, prev);
    if (prev) this.#updated(prev, obj, k);
    else this.#added(obj, k);
  }

  stop(): void {
    this.#unwatch?.();
    this.#unwatch = undefined;
    this.#connected = false;
  }

  get(key: string): T | undefined {
    return this.#cache.get(key);
  }

  /** The cached objects with their keys. */
  entries(): IterableIterator<[string, T]> {
    return this.#cache.entries();
  }

  list(): IterableIterator<T> {
    return this.#cache.values();
  }

  get size(): number {
    return this.#cache.size;
  }

  /** Objects whose index function returned `value`. */
  byIndex(name: string, value: string): IterableIterator<T> | readonly T[] {
    return this.#indexes?.get(name)?.map.get(value)?.values() ?? [];
  }

  indexSize(name: string, value: string): number {
    return this.#indexes?.get(name)?.map.get(value)?.size ?? 0;
  }
}
