// The API's resource table: which group/version/resource maps to which kind, whether it is
// namespaced, its short names, and its etcd key prefix (the real ones: nodes live under "minions").

export interface ResourceInfo {
  group: string;
  version: string;
  resource: string;
  kind: string;
  listKind: string;
  singular: string;
  namespaced: boolean;
  shortNames: readonly string[];
  /** etcd key prefix without the trailing slash. */
  etcdPrefix: string;
  /** Has a separate /status subresource (status is ignored on create/update of the main resource). */
  hasStatus: boolean;
  /** Spec changes bump metadata.generation. */
  hasGeneration: boolean;
  verbs: readonly string[];
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(
  group: string,
  resource: string,
  kind: string,
  namespaced: boolean,
  shortNames: string[],
  etcdPrefix: string,
  opts: { status?: boolean; generation?: boolean } = {},
): ResourceInfo {
  return {
    group,
    version: 'v1',
    resource,
    kind,
    listKind: `${kind}List`,
    singular: kind.toLowerCase(),
    namespaced,
    shortNames,
    etcdPrefix: `/registry/${etcdPrefix}`,
    hasStatus: opts.status ?? false,
    hasGeneration: opts.generation ?? false,
    verbs: ALL,
  };
}

export const RESOURCES: readonly ResourceInfo[] = [
  r('', 'configmaps', 'ConfigMap', true, ['cm'], 'configmaps'),
  r('', 'endpoints', 'Endpoints', true, ['ep'], 'services/endpoints'),
  r('', 'events', 'Event', true, ['ev'], 'events'),
  r('', 'namespaces', 'Namespace', false, ['ns'], 'namespaces', { status: true }),
  r('', 'nodes', 'Node', false, ['no'], 'minions', { status: true }),
  r('', 'pods', 'Pod', true, ['po'], 'pods', { status: true }),
  r('', 'services', 'Service', true, ['svc'], 'services/specs', { status: true }),
  r('apps', 'daemonsets', 'DaemonSet', true, ['ds'], 'daemonsets', { status: true, generation: true }),
  r('apps', 'deployments', 'Deployment', true, ['deploy'], 'deployments', { status: true, generation: true }),
  r('apps', 'replicasets', 'ReplicaSet', true, ['rs'], 'replicasets', { status: true, generation: true }),
  r('coordination.k8s.io', 'leases', 'Lease', true, [], 'leases'),
];

/** group -> resource -> info: two lookups with the caller's own strings, no key to build per request. */
const BY_GR = new Map<string, Map<string, ResourceInfo>>();
for (const i of RESOURCES) {
  let m = BY_GR.get(i.group);
  if (!m) {
    m = new Map();
    BY_GR.set(i.group, m);
  }
  m.set(i.resource, i);
}
const BY_KIND = new Map<string, ResourceInfo>(RESOURCES.map((i) => [i.kind, i]));

/** resource -> info, when no two groups share a resource name (then one lookup per request). */
const BY_RESOURCE = new Map<string, ResourceInfo>(RESOURCES.map((i) => [i.resource, i]));
const UNIQUE_RESOURCES = BY_RESOURCE.size === RESOURCES.length;

export function resourceInfo(group: string, resource: string): ResourceInfo | undefined {
  if (UNIQUE_RESOURCES) {
    const info = BY_RESOURCE.get(resource);
    return info !== undefined && info.group === group ? info : undefined;
  }
  return BY_GR.get(group)?.get(resource);
}

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return BY_KIND.get(kind);
}

export function apiVersionOf(info: ResourceInfo): string {
  return info.group === '' ? info.version : `${info.group}/${info.version}`;
}

/** "pods", "deployments.apps": the qualified resource used in error messages. */
export function qualifiedResource(info: Pick<ResourceInfo, 'group' | 'resource'>): string {
  return info.group === '' ? info.resource : `${info.resource}.${info.group}`;
}

/** "Pod", "Deployment.apps": the qualified kind used in Invalid messages. */
export function qualifiedKind(info: Pick<ResourceInfo, 'group' | 'kind'>): string {
  return info.group === '' ? info.kind : `${info.kind}.${info.group}`;
}

/** URL path as the audit log and kubectl -v would show it. */
export function requestPath(
  info: Pick<ResourceInfo, 'group' | 'version' | 'resource'>,
  namespace?: string,
  name?: string,
  subresource?: string,
): string {
  let p = info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
  if (namespace) p += `/namespaces/${namespace}`;
  p += `/${info.resource}`;
  if (name) p += `/${name}`;
  if (subresource) p += `/${subresource}`;
  return p;
}

export function etcdKey(info: ResourceInfo, namespace: string | undefined, name: string): string {
  return info.namespaced ? `${info.etcdPrefix}/${namespace ?? ''}/${name}` : `${info.etcdPrefix}/${name}`;
}
