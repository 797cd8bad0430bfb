// What kubectl learns from discovery: resource names, short names, groups, kinds, scope.
// Ordered as `kubectl api-resources` prints them on a kind v1.30 cluster (core group first).

export interface ResourceInfo {
  /** Plural, lower-case: 'pods'. */
  name: string;
  singular: string;
  shortNames: string[];
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
}

const ALL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const r = (
  name: string,
  kind: string,
  group: string,
  version: string,
  namespaced: boolean,
  shortNames: string[] = [],
  verbs: string[] = ALL,
): ResourceInfo => ({ name, singular: kind.toLowerCase(), shortNames, group, version, kind, namespaced, verbs });

export const RESOURCES: readonly ResourceInfo[] = [
  r('configmaps', 'ConfigMap', '', 'v1', true, ['cm']),
  r('endpoints', 'Endpoints', '', 'v1', true, ['ep']),
  r('events', 'Event', '', 'v1', true, ['ev']),
  r(
    'namespaces',
    'Namespace',
    '',
    'v1',
    false,
    ['ns'],
    ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  ),
  r('nodes', 'Node', '', 'v1', false, ['no']),
  r('pods', 'Pod', '', 'v1', true, ['po']),
  r(
    'services',
    'Service',
    '',
    'v1',
    true,
    ['svc'],
    ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  ),
  r('daemonsets', 'DaemonSet', 'apps', 'v1', true, ['ds']),
  r('deployments', 'Deployment', 'apps', 'v1', true, ['deploy']),
  r('replicasets', 'ReplicaSet', 'apps', 'v1', true, ['rs']),
  r('leases', 'Lease', 'coordination.k8s.io', 'v1', true),
];

/**
 * Resolves what a user typed (`po`, `pod`, `pods`, `Pod`, `deployments.apps`, `deploy.apps`)
 * to a resource, as kubectl's RESTMapper does. Returns undefined for an unknown type.
 */
export function resolveResource(typed: string): ResourceInfo | undefined {
  const lower = typed.toLowerCase();
  const dot = lower.indexOf('.');
  const base = dot >= 0 ? lower.slice(0, dot) : lower;
  const group = dot >= 0 ? lower.slice(dot + 1) : undefined;
  return RESOURCES.find(
    (x) =>
      (group === undefined ||
        x.group === group ||
        `${x.version}.${x.group}` === group ||
        (x.group === '' && group === 'v1')) &&
      (x.name === base || x.singular === base || x.shortNames.includes(base)),
  );
}

export function resourceByKind(kind: string): ResourceInfo | undefined {
  return RESOURCES.find((x) => x.kind === kind);
}

/** `deployments.apps`, or `pods` for the core group: how the API server names a resource in errors. */
export function qualifiedName(res: ResourceInfo): string {
  return res.group ? `${res.name}.${res.group}` : res.name;
}

/** `deployment.apps`, `pod`: the name printer's prefix. */
export function kindPrefix(res: ResourceInfo): string {
  return res.group ? `${res.singular}.${res.group}` : res.singular;
}

export function apiVersion(res: ResourceInfo): string {
  return res.group ? `${res.group}/${res.version}` : res.version;
}
