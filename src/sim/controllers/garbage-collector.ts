// Garbage collector: follows ownerReferences. When an owner is gone its dependents are deleted
// (background cascade); an owner being deleted with the foregroundDeletion finalizer waits for
// its dependents; the orphan finalizer strips the ownerReferences instead.

import type { KubeObject, OwnerReference } from '../api/types.ts';
import type { Informer } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import { resourceForKind } from '../api/resources.ts';
import type { Controller, ControllerContext } from './context.ts';

const NAME = 'generic-garbage-collector';
const NO_REFS: readonly OwnerReference[] = [];
const NO_UIDS: readonly string[] = [];

/** #watched's (and #uids') index of pods. */
const PODS = 0;

type Watched = readonly [resource: string, group: string, informer: Informer<KubeObject>];

export class GarbageCollector implements Controller {
  readonly name = NAME;
  readonly queue = new WorkQueue();
  readonly #ctx: ControllerContext;
  readonly #watched: Watched[];
  /**
   * Per watched resource (same order as #watched): uid -> "namespace/name" of every object. The
   * work-queue item "resource|namespace/name" is built only when queued, so no string per object
   * is kept: a namespaced object's key is the one its informer already holds.
   */
  readonly #uids: Map<string, string>[];
  /**
   * Whether #uids[PODS] is kept. Pods are by far the most numerous objects, and their uids are only
   * ever looked up as some object's owner or an owner's dependents (a ReplicaSet or Deployment gone,
   * an owner not known): the map is made from the pods cache at the first lookup that needs it, and
   * kept from then on. A settled cluster whose ReplicaSets all stay never makes it.
   */
  #podUidsKept = false;
  /**
   * Until then, the entries the kept map would hold beyond the cached pods: a pod whose uid changed
   * under the same name (seen as an update after a relist) leaves its former uid behind.
   */
  readonly #podUidsLeft: [uid: string, key: string][] = [];
  /**
   * owner uid -> dependents' uids, in the order they were added: a lone dependent as its uid (a
   * Node's Lease, one per node), a Set from the second on.
   */
  readonly #dependents = new Map<string, string | Set<string>>();

  #addDependent(owner: string, uid: string): void {
    const cur = this.#dependents.get(owner);
    if (cur === undefined) this.#dependents.set(owner, uid);
    else if (typeof cur !== 'string') cur.add(uid);
    else if (cur !== uid) this.#dependents.set(owner, new Set([cur, uid]));
  }

  #removeDependent(owner: string, uid: string): void {
    const cur = this.#dependents.get(owner);
    if (cur === undefined) return;
    if (typeof cur === 'string') {
      if (cur === uid) this.#dependents.delete(owner);
      return;
    }
    cur.delete(uid);
    if (cur.size === 0) this.#dependents.delete(owner);
  }

  /** The dependents' uids of an owner, in order. */
  #dependentsOf(owner: string): Iterable<string> {
    const cur = this.#dependents.get(owner);
    return cur === undefined ? NO_UIDS : typeof cur === 'string' ? [cur] : cur;
  }

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    const i = ctx.informers as unknown as Record<string, Informer<KubeObject>>;
    this.#watched = (
      [
        ['pods', ''],
        ['replicasets', 'apps'],
        ['deployments', 'apps'],
        ['daemonsets', 'apps'],
        ['nodes', ''],
        ['leases', 'coordination.k8s.io'],
        ['endpoints', ''],
        ['services', ''],
      ] as const
    ).map(([r, g]) => [r, g, i[r] as Informer<KubeObject>] as const);
    this.#uids = this.#watched.map(() => new Map<string, string>());
    this.#watched.forEach(([resource, , inf], r) => {
      inf.on({
        add: (o, key) => this.#track(r, o, key),
        update: (a, b, key) => {
          // Each metadata read once: this handler sees every kind of object (megamorphic loads).
          const am = a.metadata;
          const bm = b.metadata;
          if (am.ownerReferences !== bm.ownerReferences || am.uid !== bm.uid) {
            if (r === PODS && !this.#podUidsKept && am.uid !== bm.uid)
              this.#podUidsLeft.push([am.uid ?? '', this.#key(a, key)]);
            this.#untrack(r, a, false, key);
            this.#track(r, b, key);
          }
          if (bm.deletionTimestamp && (bm.finalizers ?? []).some((f) => f === 'foregroundDeletion' || f === 'orphan'))
            this.queue.add(this.#item(resource, b));
        },
        delete: (o, key) => this.#untrack(r, o, true, key),
      });
    });
  }

  #item(resource: string, o: KubeObject): string {
    return `${resource}|${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
  }

  /**
   * "namespace/name" ("/name" without a namespace), the item without its resource: from the key the
   * informer hands its handlers (the object's interned cache key), not looked up again.
   */
  #key(o: KubeObject, cacheKey: string): string {
    return o.metadata.namespace ? cacheKey : `/${cacheKey}`;
  }

  /**
   * The uid map of pods (made if not kept yet). Looked at after the other resources' (a uid is
   * found in one map at most, so the order does not change an answer), so that an owner found
   * among those does not need it.
   */
  #podUids(): Map<string, string> {
    const uids = this.#uids[PODS] as Map<string, string>;
    if (this.#podUidsKept) return uids;
    const pods = this.#watched[PODS]?.[2] as Informer<KubeObject>;
    // Nothing to hold yet (the first lists: owners not listed yet are looked up).
    if (pods.size === 0 && this.#podUidsLeft.length === 0) return uids;
    this.#podUidsKept = true;
    for (const [uid, key] of this.#podUidsLeft) uids.set(uid, key);
    this.#podUidsLeft.length = 0;
    for (const [key, p] of pods.entries()) uids.set(p.metadata.uid ?? '', this.#key(p, key));
    return uids;
  }

  #has(uid: string): boolean {
    for (let r = PODS + 1; r < this.#uids.length; r++) if (this.#uids[r]?.has(uid)) return true;
    return this.#podUids().has(uid);
  }

  /** The work-queue item of the watched object with this uid. */
  #itemOf(uid: string): string | undefined {
    for (let r = PODS + 1; r < this.#uids.length; r++) {
      const key = this.#uids[r]?.get(uid);
      if (key !== undefined) return `${this.#watched[r]?.[0] ?? ''}|${key}`;
    }
    const key = this.#podUids().get(uid);
    return key === undefined ? undefined : `${this.#watched[PODS]?.[0] ?? ''}|${key}`;
  }

  #track(r: number, o: KubeObject, key: string): void {
    const uid = o.metadata.uid ?? '';
    if (r !== PODS || this.#podUidsKept) this.#uids[r]?.set(uid, this.#key(o, key));
    // Indexed loops here and in #untrack: they run for every pod event, and for-of allocates.
    const refs = o.metadata.ownerReferences ?? NO_REFS;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i] as OwnerReference;
      this.#addDependent(ref.uid, uid);
      if (!this.#has(ref.uid)) this.queue.add(this.#item(this.#watched[r]?.[0] ?? '', o));
    }
  }

  #untrack(r: number, o: KubeObject, gone: boolean, key: string): void {
    const uid = o.metadata.uid ?? '';
    const refs = o.metadata.ownerReferences ?? NO_REFS;
    for (let i = 0; i < refs.length; i++) {
      const ref = refs[i] as OwnerReference;
      this.#removeDependent(ref.uid, uid);
      const owner = gone ? this.#itemOf(ref.uid) : undefined;
      if (owner) this.queue.add(owner);
    }
    if (!gone) return;
    const uids = this.#uids[r];
    if (uids?.get(uid) === this.#key(o, key)) uids.delete(uid);
    for (const dep of this.#dependentsOf(uid)) {
      const item = this.#itemOf(dep);
      if (item) this.queue.add(item);
    }
  }

  #get(item: string): { resource: string; group: string; obj: KubeObject | undefined } {
    const bar = item.indexOf('|');
    const resource = item.slice(0, bar);
    let key = item.slice(bar + 1);
    const w = this.#watched.find(([r]) => r === resource);
    if (key.startsWith('/')) key = key.slice(1);
    return { resource, group: w?.[1] ?? '', obj: w?.[2].get(key) };
  }

  /** Confirms with the API server that an owner is really gone (uid mismatch counts as gone). */
  #ownerGone(kind: string, namespace: string | undefined, name: string, uid: string): boolean {
    if (this.#has(uid)) return false;
    const info = resourceForKind(kind);
    if (!info) return false;
    const res = this.#ctx.request(NAME, {
      verb: 'get',
      group: info.group,
      version: info.version,
      resource: info.resource,
      ...(info.namespaced ? { namespace: namespace ?? '' } : {}),
      name,
    });
    if (res.code === 404) return true;
    return res.code === 200 && (res.body as KubeObject).metadata.uid !== uid;
  }

  reconcile(item: string): void {
    const { resource, group, obj } = this.#get(item);
    if (!obj) return;
    const ns = obj.metadata.namespace;
    const base = { group, version: 'v1', resource, ...(ns ? { namespace: ns } : {}), name: obj.metadata.name ?? '' };
    const fins = obj.metadata.finalizers ?? [];
    if (obj.metadata.deletionTimestamp && fins.length > 0) {
      this.#finalize(obj, base, fins);
      return;
    }
    const refs = obj.metadata.ownerReferences ?? [];
    if (refs.length === 0) return;
    const missing = refs.filter((r) => this.#ownerGone(r.kind, ns, r.name, r.uid));
    const foreground = refs.some((r) => {
      const owner = this.#itemOf(r.uid);
      const o = owner ? this.#get(owner).obj : undefined;
      return (
        r.blockOwnerDeletion &&
        o?.metadata.deletionTimestamp &&
        (o.metadata.finalizers ?? []).includes('foregroundDeletion')
      );
    });
    if (missing.length === refs.length || foreground) {
      this.#ctx.request(NAME, {
        ...base,
        verb: 'delete',
        propagationPolicy: foreground ? 'Foreground' : 'Background',
        body: { preconditions: { uid: obj.metadata.uid } },
      });
    } else if (missing.length > 0) {
      const keep = refs.filter((r) => !missing.includes(r));
      this.#ctx.request(NAME, {
        ...base,
        verb: 'patch',
        patchType: 'merge',
        body: { metadata: { ownerReferences: keep } },
      });
    }
  }

  #finalize(
    obj: KubeObject,
    base: { group: string; version: string; resource: string; namespace?: string; name: string },
    fins: readonly string[],
  ): void {
    const deps: string[] = [];
    for (const uid of this.#dependentsOf(obj.metadata.uid ?? '')) {
      const item = this.#itemOf(uid);
      if (item) deps.push(item);
    }
    if (fins.includes('orphan')) {
      for (const d of deps) {
        const dep = this.#get(d);
        if (!dep.obj) continue;
        const keep = (dep.obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== obj.metadata.uid);
        this.#ctx.request(NAME, {
          verb: 'patch',
          group: dep.group,
          version: 'v1',
          resource: dep.resource,
          ...(dep.obj.metadata.namespace ? { namespace: dep.obj.metadata.namespace } : {}),
          name: dep.obj.metadata.name ?? '',
          patchType: 'merge',
          body: { metadata: { ownerReferences: keep } },
        });
      }
      this.#removeFinalizer(obj, base, 'orphan');
      return;
    }
    if (fins.includes('foregroundDeletion')) {
      const blocking = deps.filter((d) => this.#get(d).obj !== undefined);
      if (blocking.length === 0) this.#removeFinalizer(obj, base, 'foregroundDeletion');
      else for (const d of blocking) this.queue.add(d);
    }
  }

  #removeFinalizer(
    obj: KubeObject,
    base: { group: string; version: string; resource: string; namespace?: string; name: string },
    f: string,
  ): void {
    this.#ctx.request(NAME, {
      ...base,
      verb: 'update',
      body: {
        ...obj,
        metadata: { ...obj.metadata, finalizers: (obj.metadata.finalizers ?? []).filter((x) => x !== f) },
      },
    });
  }
}
