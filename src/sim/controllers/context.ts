// What every controller in kube-controller-manager shares: the API client identity, the shared
// informers (one cache per resource, with indexes), the clock and event recorders.

import type {
  DaemonSet,
  Deployment,
  Endpoints,
  KubeObject,
  Lease,
  Namespace,
  Node,
  OwnerReference,
  Pod,
  ReplicaSet,
  Service,
} from '../api/types.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { ApiRequest, ApiResponse } from '../apiserver/request.ts';
import type { FakeClock } from '../clock.ts';
import type { Rand } from '../rand.ts';
import { Informer } from '../client/informer.ts';
import type { EventRecorder } from '../client/recorder.ts';
import type { WorkQueue } from '../client/workqueue.ts';
import { controllerUid, isFrozen, namespacedKey } from '../api/meta.ts';

export interface SharedInformers {
  pods: Informer<Pod>;
  replicasets: Informer<ReplicaSet>;
  deployments: Informer<Deployment>;
  daemonsets: Informer<DaemonSet>;
  nodes: Informer<Node>;
  services: Informer<Service>;
  endpoints: Informer<Endpoints>;
  namespaces: Informer<Namespace>;
  leases: Informer<Lease>;
}

export const KCM_UA = 'kube-controller-manager/v1.30.0 (linux/amd64) kubernetes/7c48c2b';

export function newInformers(api: ApiServer, ua: string): SharedInformers {
  const inf = <T extends KubeObject>(group: string, resource: string, namespace?: string): Informer<T> =>
    new Informer<T>(api, { group, version: 'v1', resource, ...(namespace ? { namespace } : {}) }, ua);
  const s: SharedInformers = {
    pods: inf<Pod>('', 'pods'),
    replicasets: inf<ReplicaSet>('apps', 'replicasets'),
    deployments: inf<Deployment>('apps', 'deployments'),
    daemonsets: inf<DaemonSet>('apps', 'daemonsets'),
    nodes: inf<Node>('', 'nodes'),
    services: inf<Service>('', 'services'),
    endpoints: inf<Endpoints>('', 'endpoints'),
    namespaces: inf<Namespace>('', 'namespaces'),
    leases: inf<Lease>('coordination.k8s.io', 'leases', 'kube-node-lease'),
  };
  s.pods.addIndex('owner', controllerUid);
  s.pods.addIndex('node', (p) => p.spec.nodeName || undefined);
  s.replicasets.addIndex('owner', controllerUid);
  s.services.addIndex('namespace', (o) => o.metadata.namespace);
  return s;
}

export interface ControllerContext {
  api: ApiServer;
  clock: FakeClock;
  rand: Rand;
  informers: SharedInformers;
  /** Sends a request as this controller (user agent kube-controller-manager/<controller>). */
  request(controller: string, req: Omit<ApiRequest, 'userAgent'>): ApiResponse;
  recorder(component: string): EventRecorder;
}

export interface Controller {
  readonly name: string;
  readonly queue: WorkQueue;
  reconcile(key: string, now: number): void;
  /** Called once per round before the queue is drained. */
  periodic?(now: number): void;
  busy?(): boolean;
}

const userAgents = new Map<string, string>();

export function userAgentFor(controller: string): string {
  // One string per controller: the request log keeps (and counts by) every request's user agent.
  let ua = userAgents.get(controller);
  if (ua === undefined) {
    ua = `${KCM_UA}/system:serviceaccount:kube-system:${controller}`;
    if (userAgents.size > 1000) userAgents.clear();
    userAgents.set(controller, ua);
  }
  return ua;
}

interface OwnerKey {
  namespace: string | undefined;
  /** The controller ownerReference, or undefined if there is none. */
  ref: OwnerReference | undefined;
  /** `<namespace>/<owner name>`: the owner's work-queue key (interned, as its informer's). */
  key: string;
}

/**
 * Per ownerReferences array (frozen, and shared by all pods a controller created in one burst and
 * by every later version of each): its controller reference and the owner's key. Pod events come
 * by the thousand, so this saves building and hashing a new key string for each.
 */
const ownerKeys = new WeakMap<readonly OwnerReference[], OwnerKey>();

/** The controller ownerReference of `o` (controllerRef) with its owner's `<namespace>/<name>` key. */
export function controllerOf(o: KubeObject): OwnerKey | undefined {
  const refs = o.metadata.ownerReferences;
  if (refs === undefined) return undefined;
  const ns = o.metadata.namespace;
  let k = ownerKeys.get(refs);
  if (k === undefined || k.namespace !== ns) {
    let ref: OwnerReference | undefined;
    for (const r of refs)
      if (r.controller === true) {
        ref = r;
        break;
      }
    k = { namespace: ns, ref, key: ref ? namespacedKey(ns ?? '', String(ref.name)) : '' };
    if (isFrozen(refs)) ownerKeys.set(refs, k);
  }
  return k.ref ? k : undefined;
}
