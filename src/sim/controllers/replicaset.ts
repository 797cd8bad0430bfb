// ReplicaSet controller: keeps the number of active pods owned by each ReplicaSet equal to
// spec.replicas, creating from the template or deleting the best-ranked pods, then writes status.

import type { ObjectMeta, Pod, ReplicaSet, ReplicaSetStatus } from '../api/types.ts';
import { controllerRef, objectKey, ownerRefTo, splitKey } from '../api/meta.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { EventRecorder } from '../client/recorder.ts';
import { isPodActive, isPodAvailable, isPodReady, sortForDeletion } from './controller-utils.ts';
import { controllerOf, type Controller, type ControllerContext } from './context.ts';

const NAME = 'replicaset-controller';
const BURST = 500;

export class ReplicaSetController implements Controller {
  readonly name = NAME;
  readonly queue = new WorkQueue();
  readonly #ctx: ControllerContext;
  readonly #events: EventRecorder;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    this.#events = ctx.recorder(NAME);
    const { replicasets, pods } = ctx.informers;
    // The informer hands over each object's interned key: no objectKey lookup per event.
    const enqueue = (_rs: ReplicaSet, key: string): void => this.queue.add(key);
    replicasets.on({ add: enqueue, update: (_a, _b, key) => this.queue.add(key), delete: enqueue });
    const podOwner = (p: Pod): void => {
      const owner = controllerOf(p);
      if (owner?.ref?.kind === 'ReplicaSet') this.queue.add(owner.key);
    };
    pods.on({
      add: podOwner,
      update: (a, b) =>
        a.status === b.status && a.metadata.deletionTimestamp === b.metadata.deletionTimestamp
          ? undefined
          : podOwner(b),
      delete: podOwner,
    });
  }

  reconcile(key: string, now: number): void {
    const rs = this.#ctx.informers.replicasets.get(key);
    if (!rs || rs.metadata.deletionTimestamp) return;
    // The ReplicaSet's own namespace string (it is the key's namespace), so created pods share it.
    const namespace = rs.metadata.namespace ?? splitKey(key).namespace;
    const counts = this.#count(rs, now);
    const want = rs.spec.replicas ?? 1;
    const diff = counts.replicas - want;
    if (diff < 0) this.#create(rs, namespace, Math.min(-diff, BURST));
    else if (diff > 0) this.#delete(rs, this.#active(rs), diff, now);
    // After creates or deletes the informer already shows them: count again for the status.
    this.#status(rs, namespace, diff === 0 ? counts : this.#count(rs, now), now);
  }

  /** One pass over the owned pods: active ones, and of those the ready and available ones. */
  #count(rs: ReplicaSet, now: number): { replicas: number; ready: number; available: number } {
    const minReady = rs.spec.minReadySeconds ?? 0;
    let replicas = 0;
    let ready = 0;
    let available = 0;
    const pods = this.#ctx.informers.pods;
    const uid = rs.metadata.uid ?? '';
    // byIndex hands out an empty array for a ReplicaSet without pods yet: skip it, so that this loop
    // only ever walks the index's Map iterators (one kind: the for-of stays monomorphic).
    if (pods.indexSize('owner', uid) === 0) return { replicas, ready, available };
    for (const p of pods.byIndex('owner', uid)) {
      if (!isPodActive(p)) continue;
      replicas++;
      if (!isPodReady(p)) continue;
      ready++;
      if (minReady <= 0 || isPodAvailable(p, minReady, now)) available++;
    }
    return { replicas, ready, available };
  }

  #active(rs: ReplicaSet): Pod[] {
    const out: Pod[] = [];
    for (const p of this.#ctx.informers.pods.byIndex('owner', rs.metadata.uid ?? '')) if (isPodActive(p)) out.push(p);
    return out;
  }

  #create(rs: ReplicaSet, namespace: string, n: number): void {
    const tpl = rs.spec.template;
    // Shared by every pod of the burst (the API server keeps them as given).
    const ownerReferences = [ownerRefTo(rs)];
    const generateName = `${rs.metadata.name ?? ''}-`;
    const labels = tpl.metadata?.labels;
    const annotations = tpl.metadata?.annotations;
    for (let i = 0; i < n; i++) {
      // No `annotations: undefined` key: the API server would delete it, and deleting a property
      // turns the stored pod's metadata into a slow dictionary-mode object.
      const metadata: ObjectMeta =
        annotations === undefined
          ? { generateName, namespace, labels, ownerReferences }
          : { generateName, namespace, labels, annotations, ownerReferences };
      const res = this.#ctx.request(NAME, {
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'pods',
        namespace,
        body: {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata,
          spec: tpl.spec,
        },
        transfer: true,
      });
      if (res.code !== 201) {
        const msg = (res.body as { message?: string }).message ?? '';
        if (res.code !== 0) this.#events.event(rs, 'Warning', 'FailedCreate', `Error creating: ${msg}`);
        return;
      }
      const pod = res.body as Pod;
      // join(): one flat string for the stored Event (a template literal keeps a rope).
      this.#events.event(rs, 'Normal', 'SuccessfulCreate', ['Created pod: ', pod.metadata.name ?? ''].join(''));
    }
  }

  #delete(rs: ReplicaSet, active: Pod[], n: number, now: number): void {
    // Rank = pods of the same controller family on the same node (all ReplicaSets of the owner).
    const family = new Set<string>([rs.metadata.uid ?? '']);
    const ownerUid = controllerRef(rs)?.uid;
    if (ownerUid)
      for (const sib of this.#ctx.informers.replicasets.byIndex('owner', ownerUid)) family.add(sib.metadata.uid ?? '');
    const perNode = new Map<string, number>();
    for (const uid of family) {
      for (const p of this.#ctx.informers.pods.byIndex('owner', uid)) {
        if (!isPodActive(p) || !p.spec.nodeName) continue;
        perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
      }
    }
    const ranked = sortForDeletion(active, (p) => (p.spec.nodeName ? (perNode.get(p.spec.nodeName) ?? 0) : 0), now);
    for (const pod of ranked.slice(0, n)) {
      const res = this.#ctx.request(NAME, {
        verb: 'delete',
        group: '',
        version: 'v1',
        resource: 'pods',
        namespace: pod.metadata.namespace ?? '',
        name: pod.metadata.name ?? '',
      });
      if (res.code === 200)
        this.#events.event(rs, 'Normal', 'SuccessfulDelete', ['Deleted pod: ', pod.metadata.name ?? ''].join(''));
    }
  }

  #status(
    rs: ReplicaSet,
    namespace: string,
    { replicas, ready, available }: { replicas: number; ready: number; available: number },
    now: number,
  ): void {
    const minReady = rs.spec.minReadySeconds ?? 0;
    const observedGeneration = rs.metadata.generation ?? 1;
    if (minReady > 0 && ready !== available) this.queue.addAt(objectKey(rs), now + 1000);
    const cur = rs.status;
    if (
      cur &&
      cur.replicas === replicas &&
      cur.fullyLabeledReplicas === replicas &&
      cur.readyReplicas === ready &&
      cur.availableReplicas === available &&
      cur.observedGeneration === observedGeneration
    )
      return;
    const status: ReplicaSetStatus = {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: available,
      observedGeneration,
    };
    this.#ctx.request(NAME, {
      verb: 'update',
      group: 'apps',
      version: 'v1',
      resource: 'replicasets',
      subresource: 'status',
      namespace,
      name: rs.metadata.name ?? '',
      body: { metadata: { name: rs.metadata.name, namespace }, status },
    });
  }
}
