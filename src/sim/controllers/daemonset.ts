// DaemonSet controller: one pod per eligible node, pinned with node affinity on metadata.name so
// the scheduler places it (as since Kubernetes 1.12). Used by kube-proxy and kindnet.

import type { DaemonSet, Node, Pod } from '../api/types.ts';
import { isFrozen, objectKey, ownerRefTo, splitKey } from '../api/meta.ts';
import { computeHash } from '../api/names.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { EventRecorder } from '../client/recorder.ts';
import { controllerOf, type Controller, type ControllerContext } from './context.ts';
import { isPodActive, isPodReady } from './controller-utils.ts';
import { BLOCKING_EFFECTS, untolerated } from '../scheduler/plugins/taint-toleration.ts';

const NAME = 'daemonset-controller';

/** The controller-revision-hash of a (frozen) pod template, computed once per template. */
const hashes = new WeakMap<object, string>();
function templateHash(t: DaemonSet['spec']['template']): string {
  let h = hashes.get(t);
  if (h === undefined) {
    h = computeHash(t).slice(0, 10);
    if (isFrozen(t)) hashes.set(t, h);
  }
  return h;
}

type Affinity = NonNullable<Pod['spec']['affinity']>;
const affinities = new Map<string, Affinity>();

/**
 * The node affinity pinning a pod to `node`, frozen and shared by every DaemonSet's pod there (a
 * node's kube-proxy and kindnet pods, and their replacements): six objects fewer per pod stored.
 */
function pinnedTo(node: string): Affinity {
  let a = affinities.get(node);
  if (a === undefined) {
    a = Object.freeze({
      nodeAffinity: Object.freeze({
        requiredDuringSchedulingIgnoredDuringExecution: Object.freeze({
          nodeSelectorTerms: Object.freeze([
            Object.freeze({
              matchFields: Object.freeze([
                Object.freeze({ key: 'metadata.name', operator: 'In' as const, values: Object.freeze([node]) }),
              ]),
            }),
          ]),
        }),
      }),
    }) as Affinity;
    if (affinities.size >= 10_000) affinities.clear();
    affinities.set(node, a);
  }
  return a;
}

/** Whether the DaemonSet wants a pod on the node; `selector` is Object.entries of its nodeSelector. */
function eligible(ds: DaemonSet, selector: readonly (readonly [string, string])[], node: Node): boolean {
  if (selector.length > 0) {
    const labels = node.metadata.labels ?? {};
    for (const [k, v] of selector) if (labels[k] !== v) return false;
  }
  const taints = node.spec.taints;
  return taints === undefined || !untolerated(ds.spec.template.spec.tolerations, taints, BLOCKING_EFFECTS);
}

export class DaemonSetController implements Controller {
  readonly name = NAME;
  readonly queue = new WorkQueue();
  readonly #ctx: ControllerContext;
  readonly #events: EventRecorder;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    this.#events = ctx.recorder(NAME);
    const { daemonsets, nodes, pods } = ctx.informers;
    const enqueue = (ds: DaemonSet): void => this.queue.add(objectKey(ds));
    daemonsets.on({ add: enqueue, update: (_a, b) => enqueue(b), delete: enqueue });
    const all = (): void => {
      for (const ds of daemonsets.list()) enqueue(ds);
    };
    nodes.on({
      add: all,
      update: (a, b) => (a.spec === b.spec && a.metadata.labels === b.metadata.labels ? undefined : all()),
      delete: all,
    });
    const podOwner = (p: Pod): void => {
      const owner = controllerOf(p);
      if (owner?.ref?.kind === 'DaemonSet') this.queue.add(owner.key);
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

  reconcile(key: string): void {
    const ds = this.#ctx.informers.daemonsets.get(key);
    if (!ds || ds.metadata.deletionTimestamp) return;
    const namespace = ds.metadata.namespace ?? splitKey(key).namespace;
    // The DaemonSet's pod per node, and any surplus ones (rare) apart: no array per node each sync.
    const byNode = new Map<string, Pod>();
    let surplus: Map<string, Pod[]> | undefined;
    for (const p of this.#ctx.informers.pods.byIndex('owner', ds.metadata.uid ?? '')) {
      if (!isPodActive(p)) continue;
      const n =
        p.spec.nodeName ??
        p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]
          ?.matchFields?.[0]?.values?.[0] ??
        '';
      if (!byNode.has(n)) byNode.set(n, p);
      else {
        surplus ??= new Map();
        const list = surplus.get(n);
        if (list) list.push(p);
        else surplus.set(n, [p]);
      }
    }
    let desired = 0;
    const hash = templateHash(ds.spec.template);
    const labels = {
      ...(ds.spec.template.metadata?.labels ?? {}),
      'controller-revision-hash': hash,
      'pod-template-generation': String(ds.metadata.generation ?? 1),
    };
    // Shared by every pod created in this sync.
    const ownerReferences = [ownerRefTo(ds)];
    const generateName = `${ds.metadata.name ?? ''}-`;
    const selector = Object.entries(ds.spec.template.spec.nodeSelector ?? {});
    for (const node of this.#ctx.informers.nodes.list()) {
      const name = node.metadata.name ?? '';
      const has = byNode.get(name);
      const extra = surplus?.get(name);
      if (!eligible(ds, selector, node)) {
        if (has) this.#deletePod(ds, has);
        if (extra) for (const p of extra) this.#deletePod(ds, p);
        continue;
      }
      desired++;
      if (!has) {
        const res = this.#ctx.request(NAME, {
          verb: 'create',
          group: '',
          version: 'v1',
          resource: 'pods',
          namespace,
          body: {
            metadata: { generateName, namespace, labels, ownerReferences },
            spec: { ...ds.spec.template.spec, affinity: pinnedTo(name) },
          },
          transfer: true,
        });
        if (res.code === 201)
          this.#events.event(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${(res.body as Pod).metadata.name ?? ''}`);
      } else if (extra) for (const p of extra) this.#deletePod(ds, p);
    }
    let live = 0;
    let ready = 0;
    for (const p of this.#ctx.informers.pods.byIndex('owner', ds.metadata.uid ?? '')) {
      if (!isPodActive(p) || !p.spec.nodeName) continue;
      live++;
      // With minReadySeconds 0, available is ready.
      if (isPodReady(p)) ready++;
    }
    const status = {
      currentNumberScheduled: live,
      numberMisscheduled: 0,
      desiredNumberScheduled: desired,
      numberReady: ready,
      updatedNumberScheduled: live,
      numberAvailable: ready,
      observedGeneration: ds.metadata.generation ?? 1,
    };
    const cur = ds.status;
    if (cur && (Object.keys(status) as (keyof typeof status)[]).every((k) => cur[k] === status[k])) return;
    this.#ctx.request(NAME, {
      verb: 'update',
      group: 'apps',
      version: 'v1',
      resource: 'daemonsets',
      subresource: 'status',
      namespace,
      name: ds.metadata.name ?? '',
      body: { metadata: { name: ds.metadata.name, namespace }, status },
    });
  }

  #deletePod(ds: DaemonSet, p: Pod): void {
    const res = this.#ctx.request(NAME, {
      verb: 'delete',
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: p.metadata.namespace ?? '',
      name: p.metadata.name ?? '',
    });
    if (res.code === 200) this.#events.event(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name ?? ''}`);
  }
}
