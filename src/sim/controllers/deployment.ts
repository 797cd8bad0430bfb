// Deployment controller: owns ReplicaSets, one per pod template. Creates the new ReplicaSet on a
// template change (named <deployment>-<pod-template-hash>), scales new up and old down within
// maxSurge/maxUnavailable (or all at once for Recreate), keeps revisionHistoryLimit old ones,
// and reports status. Rollback = the template matching an old ReplicaSet again.

import type { Deployment, ReplicaSet } from '../api/types.ts';
import { ownerRefTo, splitKey } from '../api/meta.ts';
import { computeHash } from '../api/names.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { ApiRequest, ApiResponse } from '../apiserver/request.ts';
import type { EventRecorder } from '../client/recorder.ts';
import { controllerOf, type Controller, type ControllerContext } from './context.ts';
import { isPodActive } from './controller-utils.ts';
import {
  byCreation,
  DESIRED,
  equalIgnoreHash,
  MAX_REPLICAS,
  maxRevision,
  newRSReplicas,
  replicasOf,
  REVISION,
  revisionOf,
  sumReplicas,
  sumStatus,
  surgeAndUnavailable,
} from './deployment-util.ts';
import { computeStatus, statusEqual } from './deployment-status.ts';

const NAME = 'deployment-controller';

export class DeploymentController implements Controller {
  readonly name = NAME;
  readonly queue = new WorkQueue();
  readonly #ctx: ControllerContext;
  readonly #events: EventRecorder;
  #writes = 0;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    this.#events = ctx.recorder(NAME);
    const { deployments, replicasets, pods } = ctx.informers;
    // The informer hands over each object's interned key: no objectKey lookup per event.
    const enqueue = (_d: Deployment, key: string): void => this.queue.add(key);
    deployments.on({ add: enqueue, update: (_a, _b, key) => this.queue.add(key), delete: enqueue });
    const rsOwner = (rs: ReplicaSet): void => {
      const owner = controllerOf(rs);
      if (owner?.ref?.kind === 'Deployment') this.queue.add(owner.key);
    };
    replicasets.on({ add: rsOwner, update: (_a, b) => rsOwner(b), delete: rsOwner });
    // Recreate waits for old pods to be gone.
    pods.on({
      delete: (p) => {
        const owner = controllerOf(p);
        const rs = owner?.ref?.kind === 'ReplicaSet' ? replicasets.get(owner.key) : undefined;
        if (rs) rsOwner(rs);
      },
    });
  }

  /** Sends a request as this controller, counting it: without writes the informer caches stay as they were. */
  #request(req: Omit<ApiRequest, 'userAgent'>): ApiResponse {
    this.#writes++;
    return this.#ctx.request(NAME, req);
  }

  #owned(d: Deployment): ReplicaSet[] {
    const out: ReplicaSet[] = [];
    for (const rs of this.#ctx.informers.replicasets.byIndex('owner', d.metadata.uid ?? ''))
      if (!rs.metadata.deletionTimestamp) out.push(rs);
    return out;
  }

  reconcile(key: string, now: number): void {
    const d = this.#ctx.informers.deployments.get(key);
    if (!d || d.metadata.deletionTimestamp) return;
    // The Deployment's own namespace string (it is the key's), shared by what it creates.
    const namespace = d.metadata.namespace ?? splitKey(key).namespace;
    const before = this.#writes;
    let all = this.#owned(d);
    let newRS = all.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
    let createdNew = false;
    if (!d.spec.paused) {
      if (!newRS) {
        newRS = this.#createNewRS(d, all, namespace);
        if (!newRS) return;
        createdNew = true;
        all = this.#owned(d);
      } else {
        const maxOld = maxRevision(all.filter((rs) => rs !== newRS));
        if (revisionOf(newRS) <= maxOld) newRS = this.#scale(d, newRS, replicasOf(newRS), maxOld + 1) ?? newRS;
      }
      const old = all.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
      if (d.spec.strategy?.type === 'Recreate') this.#recreate(d, newRS, old);
      else this.#rolling(d, newRS, old);
      this.#cleanup(d, old.sort(byCreation));
      // Re-read what this round's writes changed (the informers are updated synchronously).
      if (this.#writes !== before) {
        all = this.#owned(d);
        newRS = all.find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template));
      }
      if (newRS) this.#syncRevision(d, namespace, newRS);
    }
    const status = computeStatus(d, all, newRS, now, this.#ctx.clock.iso(), createdNew);
    if (!statusEqual(d.status, status)) {
      this.#request({
        verb: 'update',
        group: 'apps',
        version: 'v1',
        resource: 'deployments',
        subresource: 'status',
        namespace,
        name: d.metadata.name ?? '',
        body: { metadata: { name: d.metadata.name, namespace }, status },
      });
    }
    const done = status.updatedReplicas === (d.spec.replicas ?? 1) && status.availableReplicas === status.replicas;
    if (!done) this.queue.addAt(key, now + 10_000);
  }

  /** The Deployment carries its current revision, as `kubectl rollout history` expects. */
  #syncRevision(d: Deployment, namespace: string, newRS: ReplicaSet): void {
    const rev = newRS.metadata.annotations?.[REVISION];
    if (!rev || d.metadata.annotations?.[REVISION] === rev) return;
    this.#request({
      verb: 'patch',
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      namespace,
      name: d.metadata.name ?? '',
      patchType: 'merge',
      body: { metadata: { annotations: { [REVISION]: rev } } },
    });
  }

  #createNewRS(d: Deployment, all: ReplicaSet[], namespace: string): ReplicaSet | undefined {
    const collision = d.status?.collisionCount ?? 0;
    const hash = computeHash(d.spec.template, collision);
    const labels = { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
    const replicas = newRSReplicas(d, all, undefined);
    const { surge } = surgeAndUnavailable(d);
    // join(): the name is stored and hashed everywhere, so one flat string rather than a rope.
    const name = [d.metadata.name ?? '', '-', hash].join('');
    const res = this.#request({
      verb: 'create',
      group: 'apps',
      version: 'v1',
      resource: 'replicasets',
      namespace,
      body: {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name,
          namespace,
          labels,
          annotations: {
            [DESIRED]: String(d.spec.replicas ?? 1),
            [MAX_REPLICAS]: String((d.spec.replicas ?? 1) + surge),
            [REVISION]: String(maxRevision(all) + 1),
          },
          ownerReferences: [ownerRefTo(d)],
        },
        spec: {
          replicas,
          minReadySeconds: d.spec.minReadySeconds ?? 0,
          selector: {
            ...d.spec.selector,
            matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash },
          },
          template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, labels } },
        },
      },
    });
    if (res.code === 409) {
      this.#request({
        verb: 'update',
        group: 'apps',
        version: 'v1',
        resource: 'deployments',
        subresource: 'status',
        namespace,
        name: d.metadata.name ?? '',
        body: {
          metadata: { name: d.metadata.name, namespace },
          status: { ...d.status, collisionCount: collision + 1 },
        },
      });
      return undefined;
    }
    if (res.code !== 201) return undefined;
    if (replicas > 0)
      this.#events.event(
        d,
        'Normal',
        'ScalingReplicaSet',
        ['Scaled up replica set ', name, ' to ', String(replicas)].join(''),
      );
    return res.body as ReplicaSet;
  }

  /** Sets a ReplicaSet's replicas (and the deployment annotations), with the ScalingReplicaSet event. */
  #scale(d: Deployment, rs: ReplicaSet, to: number, revision?: number): ReplicaSet | undefined {
    const from = replicasOf(rs);
    const { surge } = surgeAndUnavailable(d);
    const annotations: Record<string, string> = {
      ...(rs.metadata.annotations ?? {}),
      [DESIRED]: String(d.spec.replicas ?? 1),
      [MAX_REPLICAS]: String((d.spec.replicas ?? 1) + surge),
    };
    if (revision !== undefined) annotations[REVISION] = String(revision);
    const res = this.#request({
      verb: 'update',
      group: 'apps',
      version: 'v1',
      resource: 'replicasets',
      namespace: rs.metadata.namespace ?? '',
      name: rs.metadata.name ?? '',
      body: { ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec, replicas: to } },
    });
    if (res.code !== 200) return undefined;
    if (from !== to)
      this.#events.event(
        d,
        'Normal',
        'ScalingReplicaSet',
        [
          'Scaled ',
          to > from ? 'up' : 'down',
          ' replica set ',
          rs.metadata.name ?? '',
          ' to ',
          String(to),
          ' from ',
          String(from),
        ].join(''),
      );
    return res.body as ReplicaSet;
  }

  #rolling(d: Deployment, newRS: ReplicaSet, old: ReplicaSet[]): void {
    const desired = d.spec.replicas ?? 1;
    const all = [newRS, ...old];
    // Scale up the new ReplicaSet within maxSurge.
    let cur = newRS;
    if (replicasOf(newRS) > desired) cur = this.#scale(d, newRS, desired) ?? newRS;
    else {
      const target = newRSReplicas(d, all, newRS);
      if (target !== replicasOf(newRS)) cur = this.#scale(d, newRS, target) ?? newRS;
    }
    // Scale down old ReplicaSets within maxUnavailable.
    const oldCount = sumReplicas(old);
    if (oldCount === 0) return;
    const { unavailable } = surgeAndUnavailable(d);
    const allPods = replicasOf(cur) + oldCount;
    const minAvailable = desired - unavailable;
    const newUnavailable = replicasOf(cur) - (cur.status?.availableReplicas ?? 0);
    let maxScaleDown = allPods - minAvailable - newUnavailable;
    if (maxScaleDown <= 0) return;
    const sorted = [...old].sort(byCreation);
    // cleanupUnhealthyReplicas: old replicas that are not available go first.
    for (const rs of sorted) {
      if (maxScaleDown <= 0) break;
      const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
      if (replicasOf(rs) === 0 || unhealthy <= 0) continue;
      const n = Math.min(maxScaleDown, unhealthy);
      this.#scale(d, rs, replicasOf(rs) - n);
      maxScaleDown -= n;
    }
    const olds = this.#owned(d)
      .filter((rs) => rs.metadata.uid !== newRS.metadata.uid)
      .sort(byCreation);
    const available = sumStatus([cur, ...olds], 'availableReplicas');
    let total = Math.min(maxScaleDown, available - minAvailable);
    for (const rs of olds) {
      if (total <= 0) break;
      if (replicasOf(rs) === 0) continue;
      const n = Math.min(replicasOf(rs), total);
      this.#scale(d, rs, replicasOf(rs) - n);
      total -= n;
    }
  }

  #recreate(d: Deployment, newRS: ReplicaSet, old: ReplicaSet[]): void {
    let waiting = false;
    for (const rs of old) {
      if (replicasOf(rs) > 0) {
        this.#scale(d, rs, 0);
        waiting = true;
      }
      for (const p of this.#ctx.informers.pods.byIndex('owner', rs.metadata.uid ?? ''))
        if (isPodActive(p) || p.metadata.deletionTimestamp) waiting = true;
    }
    if (!waiting && replicasOf(newRS) !== (d.spec.replicas ?? 1)) this.#scale(d, newRS, d.spec.replicas ?? 1);
  }

  #cleanup(d: Deployment, oldSorted: ReplicaSet[]): void {
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const cleanable = oldSorted.filter((rs) => replicasOf(rs) === 0 && (rs.status?.replicas ?? 0) === 0);
    const excess = cleanable.length - limit;
    for (let i = 0; i < excess; i++) {
      const rs = cleanable[i] as ReplicaSet;
      this.#request({
        verb: 'delete',
        group: 'apps',
        version: 'v1',
        resource: 'replicasets',
        namespace: rs.metadata.namespace ?? '',
        name: rs.metadata.name ?? '',
      });
    }
  }
}
