// Test helpers: kubectl-shaped requests against a simulated cluster and readers for its state.

import {
  clientName,
  createCluster,
  describeAction,
  type ApiRequest,
  type ApiResponse,
  type Cluster,
  type ClusterOptions,
  type Deployment,
  type Event,
  type Pod,
  type ReplicaSet,
} from '../../src/sim/index.ts';

export const NOW = Date.UTC(2024, 4, 20, 10, 0, 0);

export function kind(opts: Partial<ClusterOptions> = {}): Cluster {
  return createCluster({ profile: 'kind', name: 'kind', seed: 7, now: NOW, ...opts });
}

export function kubectl(
  c: Cluster,
  req: Omit<ApiRequest, 'userAgent' | 'version' | 'group'> & { version?: string; group?: string },
): ApiResponse {
  return c.api.handle({
    version: 'v1',
    group: '',
    ...req,
    userAgent: 'kubectl/v1.30.13 (linux/amd64) kubernetes/7c48c2b',
  });
}

/** Creates a bare pod in the default namespace, as `kubectl create -f` would. */
export function createPod(c: Cluster, name: string, spec: Record<string, unknown>): ApiResponse {
  return kubectl(c, { verb: 'create', resource: 'pods', namespace: 'default', body: { metadata: { name }, spec } });
}

/** A bare pod whose one container runs busybox with `script` (`exit 1`: it crashes and restarts). */
export function createScriptPod(c: Cluster, name: string, script: string): ApiResponse {
  return createPod(c, name, {
    containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', script] }],
  });
}

export function deploymentBody(
  name: string,
  image: string,
  replicas: number,
  extra: Record<string, unknown> = {},
): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: image.split('/').pop()?.split(':')[0] ?? 'app', image, ...extra }] },
      },
    },
  };
}

/** `kubectl create deployment NAME --image=IMAGE --replicas=N` */
export function createDeployment(
  c: Cluster,
  name: string,
  image: string,
  replicas: number,
  namespace = 'default',
): ApiResponse {
  return kubectl(c, {
    verb: 'create',
    group: 'apps',
    resource: 'deployments',
    namespace,
    body: deploymentBody(name, image, replicas),
  });
}

/** `kubectl scale deployment NAME --replicas=N` */
export function scale(c: Cluster, name: string, replicas: number): ApiResponse {
  return kubectl(c, {
    verb: 'patch',
    group: 'apps',
    resource: 'deployments',
    subresource: 'scale',
    namespace: 'default',
    name,
    patchType: 'merge',
    body: { spec: { replicas } },
  });
}

/** `kubectl set image deployment/NAME CONTAINER=IMAGE` */
export function setImage(c: Cluster, name: string, container: string, image: string): ApiResponse {
  return kubectl(c, {
    verb: 'patch',
    group: 'apps',
    resource: 'deployments',
    namespace: 'default',
    name,
    patchType: 'strategic',
    body: { spec: { template: { spec: { containers: [{ name: container, image }] } } } },
  });
}

export function pods(c: Cluster, labelSelector?: string, namespace = 'default'): Pod[] {
  return c.list<Pod>('pods', { namespace, ...(labelSelector ? { labelSelector } : {}) });
}

export function replicaSets(c: Cluster, namespace = 'default'): ReplicaSet[] {
  return c.list<ReplicaSet>('replicasets', { namespace });
}

export function getDeployment(c: Cluster, name: string): Deployment {
  return kubectl(c, { verb: 'get', group: 'apps', resource: 'deployments', namespace: 'default', name })
    .body as Deployment;
}

export function phases(ps: Pod[]): string[] {
  return ps.map((p) => p.status?.phase ?? '');
}

/** Write actions (not leases, not events) since a mark, as "client verb resource[/sub]". */
export function actions(c: Cluster, mark: number, client?: string): string[] {
  return c.api.requestLog
    .since(mark)
    .filter(
      (r) =>
        r.verb !== 'get' &&
        r.verb !== 'list' &&
        r.verb !== 'watch' &&
        r.resource !== 'leases' &&
        r.resource !== 'events',
    )
    .filter((r) => client === undefined || clientName(r.userAgent) === client)
    .map((r) => `${clientName(r.userAgent)} ${describeAction(r)}`);
}

export function eventsFor(c: Cluster, kindName: string, name?: string): Event[] {
  return c
    .events()
    .filter((e) => e.involvedObject.kind === kindName && (name === undefined || e.involvedObject.name === name));
}

export function messages(evs: Event[]): string[] {
  return evs.map((e) => `${e.type ?? ''} ${e.reason ?? ''}: ${e.message ?? ''}`);
}
