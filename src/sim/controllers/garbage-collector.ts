// Garbage collector: follows ownerReferences. When an owner is gone its dependents are deleted
// (background cascade); an owner being deleted with the foregroundDeletion finalizer waits for
// its dependents; the orphan finalizer strips the ownerReferences instead.

import type { KubeObject } from '../api/types.ts';
import type { Informer } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import { resourceForKind } from '../api/resources.ts';
import type { Controller, ControllerContext } from './context.ts';

const NAME = 'generic-garbage-collector';

type Watched = readonly [resource: string, group: string, informer: Informer<KubeObject>];

export class GarbageCollector implements Controller {
  readonly name = NAME;
  readonly queue = new WorkQueue();
  readonly #ctx: ControllerContext;
  readonly #watched: Watched[];
  /** uid -> "resource|namespace/name" for every watched object. */
  readonly #uids = new Map<string, string>();
  /** owner uid -> dependents' item keys. */
  readonly #dependents = new Map<string, Set<string>>();

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
    for (const [resource, , inf] of this.#watched) {
      inf.on({
        add: (o) => this.#track(resource, o),
        update: (a, b) => {
          if (a.metadata.ownerReferences !== b.metadata.ownerReferences || a.metadata.uid !== b.metadata.uid) {
            this.#untrack(resource, a, false);
            this.#track(resource, b);
          }
          if (
            b.metadata.deletionTimestamp &&
            (b.metadata.finalizers ?? []).some((f) => f === 'foregroundDeletion' || f === 'orphan')
          )
            this.queue.add(this.#item(resource, b));
        },
        delete: (o) => this.#untrack(resource, o, true),
      });
    }
  }

  #item(resource: string, o: KubeObject): string {
    // `resource|namespace/name`, built flat: it is kept for every watched object.
    return [resource, '|', o.metadata.namespace ?? '', '/', o.metadata.name ?? ''].join('');
  }

  #track(resource: string, o: KubeObject): void {
    const item = this.#item(resource, o);
    this.#uids.set(o.metadata.uid ?? '', item);
    for (const ref of o.metadata.ownerReferences ?? []) {
      let set = this.#dependents.get(ref.uid);
      if (!set) {
        set = new Set();
        this.#dependents.set(ref.uid, set);
      }
      set.add(item);
      if (!this.#uids.has(ref.uid)) this.queue.add(item);
    }
  }

  #untrack(resource: string, o: KubeObject, gone: boolean): void {
    const item = this.#item(resource, o);
    for (const ref of o.metadata.ownerReferences ?? []) {
      const set = this.#dependents.get(ref.uid);
      set?.delete(item);
      if (set?.size === 0) this.#dependents.delete(ref.uid);
      const owner = this.#uids.get(ref.uid);
      if (gone && owner) this.queue.add(owner);
    }
    if (!gone) return;
    const uid = o.metadata.uid ?? '';
    if (this.#uids.get(uid) === item) this.#uids.delete(uid);
    for (const dep of this.#dependents.get(uid) ?? []) this.queue.add(dep);
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
    if (this.#uids.has(uid)) return false;
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
      const owner = this.#uids.get(r.uid);
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
    const deps = [...(this.#dependents.get(obj.metadata.uid ?? '') ?? [])];
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
