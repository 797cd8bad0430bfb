// The API server's storage layer over etcd (its only client): keys, resourceVersion stamping,
// freezing, and optimistic concurrency on modRevision.

import type { EtcdStore, KeyValue } from '../etcd/store.ts';
import type { KubeObject, ObjectMeta } from '../api/types.ts';
import { etcdKey, type ResourceInfo } from '../api/resources.ts';
import { freezePlain } from '../api/meta.ts';

export class Storage {
  constructor(readonly etcd: EtcdStore) {}

  key(info: ResourceInfo, namespace: string | undefined, name: string): string {
    return etcdKey(info, namespace, name);
  }

  read(info: ResourceInfo, namespace: string | undefined, name: string): KeyValue | undefined {
    return this.etcd.get(this.key(info, namespace, name));
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
    const rv = String(this.etcd.revision + 1);
    let stored: KubeObject;
    if (owned && !Object.isFrozen(obj) && !Object.isFrozen(obj.metadata)) {
      // The server built this object and its metadata itself: stamp and freeze in place.
      (obj.metadata as ObjectMeta).resourceVersion = rv;
      stored = freezePlain(obj);
    } else {
      const meta: ObjectMeta = { ...obj.metadata, resourceVersion: rv };
      stored = freezePlain({ ...obj, metadata: meta });
    }
    const meta = stored.metadata;
    const res = this.etcd.put(this.key(info, meta.namespace, meta.name ?? ''), stored, expectMod);
    return res.ok ? stored : undefined;
  }

  remove(info: ResourceInfo, obj: KubeObject, expectMod?: number): boolean {
    return this.etcd.delete(this.key(info, obj.metadata.namespace, obj.metadata.name ?? ''), expectMod).ok;
  }

  get revision(): string {
    return String(this.etcd.revision);
  }
}
