// The API server's storage layer over etcd (its only client): keys, resourceVersion stamping,
// freezing, and optimistic concurrency on modRevision.

import type { EtcdStore, KeyValue } from '../etcd/store.ts';
import type { KubeObject, ObjectMeta } from '../api/types.ts';
import { etcdKey, type ResourceInfo } from '../api/resources.ts';
import { freezePlain, hasKeys, isFrozen } from '../api/meta.ts';

/** Stored metadata of an object created with a name alone (as a decoded Event has it). */
const NAME_META = ['name', 'uid', 'creationTimestamp', 'namespace', 'resourceVersion'];
/** Stored metadata of a controller's pod (create's literal). */
const OWNED_META = [
  'generateName',
  'labels',
  'ownerReferences',
  'name',
  'uid',
  'creationTimestamp',
  'namespace',
  'resourceVersion',
];

/**
 * `{ ...meta, resourceVersion: rv }`, frozen. For the common shapes one literal with the same keys in
 * the same order: a spread of a frozen object adds the keys one by one, past the four that fit in
 * the object, into a property backing store (every pod's metadata after its first update).
 * `meta` is frozen, so its values are (a stored object's are frozen all the way down, and checked):
 * freezing the copy here spares freezePlain a walk over them.
 */
function restamped(meta: ObjectMeta, rv: string): ObjectMeta {
  return Object.freeze(restampedCopy(meta, rv));
}

function restampedCopy(meta: ObjectMeta, rv: string): ObjectMeta {
  if (hasKeys(meta, OWNED_META))
    return {
      generateName: meta.generateName,
      labels: meta.labels,
      ownerReferences: meta.ownerReferences,
      name: meta.name,
      uid: meta.uid,
      creationTimestamp: meta.creationTimestamp,
      namespace: meta.namespace,
      resourceVersion: rv,
    };
  if (hasKeys(meta, NAME_META))
    return {
      name: meta.name,
      uid: meta.uid,
      creationTimestamp: meta.creationTimestamp,
      namespace: meta.namespace,
      resourceVersion: rv,
    };
  return { ...meta, resourceVersion: rv };
}

/** A resource's directories by namespace, and the last one asked. */
interface DirCache {
  ns: string;
  dir: string;
  readonly byNs: Map<string, string>;
}

export class Storage {
  constructor(readonly etcd: EtcdStore) {}

  // Reads look the name up in its directory first: a name with a '/' is never found there (the store
  // keeps a key under its last '/'), and only then, on a miss, is the name scanned for one.

  read(info: ResourceInfo, namespace: string | undefined, name: string): KeyValue | undefined {
    const kv = this.etcd.getIn(this.#dir(info, namespace), name);
    return kv === undefined && name.includes('/') ? this.etcd.get(etcdKey(info, namespace, name)) : kv;
  }

  /** read(...) !== undefined, without making an entry. */
  has(info: ResourceInfo, namespace: string | undefined, name: string): boolean {
    return (
      this.etcd.hasIn(this.#dir(info, namespace), name) ||
      (name.includes('/') && this.etcd.get(etcdKey(info, namespace, name)) !== undefined)
    );
  }

  /** read(...)?.value: the stored object, or undefined. */
  readValue(info: ResourceInfo, namespace: string | undefined, name: string): KubeObject | undefined {
    const value = this.etcd.valueIn(this.#dir(info, namespace), name);
    return (
      value === undefined && name.includes('/') ? this.etcd.get(etcdKey(info, namespace, name))?.value : value
    ) as KubeObject | undefined;
  }

  /**
   * Namespace objects read since the last change to any namespace: every create checks its
   * namespace. The API server (etcd's listener) calls forgetNamespaces() on each such change.
   */
  readonly #namespaces = new Map<string, KubeObject>();

  /** readValue(namespaces, undefined, name), remembered until forgetNamespaces(). */
  namespace(info: ResourceInfo, name: string): KubeObject | undefined {
    let ns = this.#namespaces.get(name);
    if (ns === undefined) {
      ns = this.readValue(info, undefined, name);
      if (ns !== undefined) this.#namespaces.set(name, ns);
    }
    return ns;
  }

  /** A namespace changed (or etcd was restored): namespace() reads them again. */
  forgetNamespaces(): void {
    if (this.#namespaces.size > 0) this.#namespaces.clear();
  }

  /** Directory prefixes (etcd buckets) per resource and namespace, built once. */
  readonly #dirs = new Map<ResourceInfo, DirCache>();

  /**
   * The etcd directory of the keys of a resource's objects in a namespace, from a cache: for a name
   * without '/', bucketOf(key(info, namespace, name)) (whatever the namespace holds).
   */
  #dir(info: ResourceInfo, namespace: string | undefined): string {
    const ns = info.namespaced ? (namespace ?? '') : '';
    const cache = this.#dirs.get(info);
    // Requests of a resource come in runs of one namespace.
    if (cache !== undefined && cache.ns === ns) return cache.dir;
    let dir = cache?.byNs.get(ns);
    if (dir === undefined) dir = info.namespaced ? `${info.etcdPrefix}/${ns}/` : `${info.etcdPrefix}/`;
    if (cache === undefined) this.#dirs.set(info, { ns, dir, byNs: new Map([[ns, dir]]) });
    else {
      if (!cache.byNs.has(ns)) {
        if (cache.byNs.size > 1000) cache.byNs.clear();
        cache.byNs.set(ns, dir);
      }
      cache.ns = ns;
      cache.dir = dir;
    }
    return dir;
  }

  /** Objects of a resource (optionally one namespace), in key order. */
  list(info: ResourceInfo, namespace: string | undefined): KubeObject[] {
    const prefix = info.namespaced && namespace ? `${info.etcdPrefix}/${namespace}/` : `${info.etcdPrefix}/`;
    return this.etcd.range(prefix).map((kv) => kv.value as KubeObject);
  }

  /**
   * Writes an object if the stored modRevision still equals `expectMod` (0: must not exist).
   * Stamps metadata.resourceVersion with the revision the write will get, then freezes it.
   */
  write(info: ResourceInfo, obj: KubeObject, expectMod: number, owned = false): KubeObject | undefined {
    const rv = this.etcd.revisionString(this.etcd.revision + 1);
    let stored: KubeObject;
    if (owned && !isFrozen(obj)) {
      // The server built this object itself: stamp and freeze it in place (its metadata too, unless
      // that is still the stored version's, which gets a stamped copy).
      if (isFrozen(obj.metadata)) obj.metadata = restamped(obj.metadata, rv);
      else (obj.metadata as ObjectMeta).resourceVersion = rv;
      stored = freezePlain(obj);
    } else {
      const meta: ObjectMeta = { ...obj.metadata, resourceVersion: rv };
      stored = freezePlain({ ...obj, metadata: meta });
    }
    const meta = stored.metadata;
    const name = meta.name ?? '';
    const ok = name.includes('/')
      ? this.etcd.put(etcdKey(info, meta.namespace, name), stored, expectMod).ok
      : this.etcd.tryPutIn(this.#dir(info, meta.namespace), name, stored, expectMod, true);
    return ok ? stored : undefined;
  }

  remove(info: ResourceInfo, obj: KubeObject, expectMod?: number): boolean {
    const ns = obj.metadata.namespace;
    const name = obj.metadata.name ?? '';
    return (
      name.includes('/')
        ? this.etcd.delete(etcdKey(info, ns, name), expectMod)
        : this.etcd.deleteIn(this.#dir(info, ns), name, expectMod)
    ).ok;
  }

  get revision(): string {
    return String(this.etcd.revision);
  }
}
