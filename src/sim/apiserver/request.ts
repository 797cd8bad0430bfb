// The REST-shaped request/response contract of the simulated kube-apiserver.
// Every client (kubectl, scheduler, controllers, kubelets, kube-proxy) talks to the cluster only
// through `ApiServer.handle(request)`, so the hub-and-spoke design of real Kubernetes holds here.

export type Verb =
  | 'get'
  | 'list'
  | 'create'
  | 'update'
  | 'patch'
  | 'delete'
  | 'deletecollection'
  | 'watch';

export interface ApiRequest {
  verb: Verb;
  /** API group: '' for the core group, 'apps', 'coordination.k8s.io', 'events.k8s.io', ... */
  group: string;
  version: string;
  /** Plural lower-case resource name: 'pods', 'deployments', 'nodes', ... */
  resource: string;
  subresource?: 'status' | 'scale' | 'binding' | 'log' | 'eviction';
  namespace?: string;
  name?: string;
  body?: unknown;
  labelSelector?: string;
  fieldSelector?: string;
  /** For watch: the revision to start after; for get/list: ignored. */
  resourceVersion?: string;
  /** Ask for a server-side Table (Accept: application/json;as=Table), as kubectl get does. */
  asTable?: boolean;
  /** Include the priority-1 (wide) columns in the Table. */
  wide?: boolean;
  patchType?: 'merge' | 'strategic' | 'json';
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  dryRun?: boolean;
  /** Who is asking, as the audit log would record the user agent: 'kubectl', 'kube-scheduler', ... */
  userAgent: string;
}

export interface ApiResponse {
  /** HTTP status code: 200, 201, 404, 409, 422, ... */
  code: number;
  /** The object, a List, a Table, or a Status (kind: 'Status') on errors. */
  body: unknown;
}
