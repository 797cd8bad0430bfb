// Read-only views of the learner's cluster, taken through the API server like any client: the
// objects a check needs, plus each pod's STATUS as `kubectl get pods` prints it.

import type { ApiClient } from '../kubectl/env.ts';
import type { Deployment, Event, Node, Pod, Table } from '../api/types.ts';

const AGENT = 'lab-checker';

export class ApiUnavailable extends Error {}

function list<T>(api: ApiClient, group: string, resource: string, namespace?: string, labelSelector?: string): T[] {
  const res = api.handle({
    verb: 'list',
    group,
    version: 'v1',
    resource,
    userAgent: AGENT,
    ...(namespace ? { namespace } : {}),
    ...(labelSelector ? { labelSelector } : {}),
  });
  if (res.code !== 200) throw new ApiUnavailable(`the API server answered ${res.code} listing ${resource}`);
  return (res.body as { items: T[] }).items;
}

export interface PodView {
  pod: Pod;
  /** The STATUS column of `kubectl get pods`. */
  status: string;
  ready: boolean;
}

export function pods(api: ApiClient, namespace: string, labelSelector: string): PodView[] {
  const res = api.handle({
    verb: 'list',
    group: '',
    version: 'v1',
    resource: 'pods',
    namespace,
    asTable: true,
    userAgent: AGENT,
    ...(labelSelector ? { labelSelector } : {}),
  });
  if (res.code !== 200) throw new ApiUnavailable(`the API server answered ${res.code} listing pods`);
  const table = res.body as Table;
  const col = table.columnDefinitions.findIndex((c) => c.name === 'Status');
  const statusByName = new Map(table.rows.map((r) => [r.object.metadata.name ?? '', String(r.cells[col] ?? '')]));
  return list<Pod>(api, '', 'pods', namespace, labelSelector)
    .filter((p) => !p.metadata.deletionTimestamp)
    .map((pod) => ({
      pod,
      status: statusByName.get(pod.metadata.name ?? '') ?? pod.status?.phase ?? '',
      ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    }));
}

export function deployment(api: ApiClient, namespace: string, name: string): Deployment | null {
  const res = api.handle({
    verb: 'get',
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    namespace,
    name,
    userAgent: AGENT,
  });
  if (res.code === 404) return null;
  if (res.code !== 200) throw new ApiUnavailable(`the API server answered ${res.code} reading deployment ${name}`);
  return res.body as Deployment;
}

export function nodes(api: ApiClient): Node[] {
  return list<Node>(api, '', 'nodes');
}

export function nodeReady(node: Node): boolean {
  return node.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

export function events(api: ApiClient, namespace?: string): Event[] {
  return list<Event>(api, '', 'events', namespace);
}

/** Identity of an event occurrence: a repeated event (count + 1) counts as a new occurrence. */
export function eventKey(e: Event): string {
  return `${e.metadata.uid ?? e.metadata.name}#${e.count ?? 1}`;
}
