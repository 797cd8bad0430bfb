// The REST-shaped request/response contract of the simulated kube-apiserver.
// Every client (kubectl, scheduler, controllers, kubelets, kube-proxy) talks to the cluster only
// through `ApiServer.handle(request)`, so the hub-and-spoke design of real Kubernetes holds here.

export type Verb = 'get' | 'list' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection' | 'watch';

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
  /**
   * The client hands the body over and never touches it again (the simulator's own components do,
   * for the objects they build per request): the server may fill it in instead of copying it. A
   * real client's body arrives serialized, so the server always has its own copy anyway.
   */
  transfer?: boolean;
  /** Who is asking, as the audit log would record the user agent: 'kubectl', 'kube-scheduler', ... */
  userAgent: string;
}

export interface ApiResponse {
  /** HTTP status code: 200, 201, 404, 409, 422, ... 0 when the server could not be reached. */
  code: number;
  /** The object, a List, a Table, or a Status (kind: 'Status') on errors. */
  body: unknown;
  /**
   * Set (with code 0 and a Status whose reason is 'ServiceUnavailable', message 'connection refused')
   * when the kube-apiserver or etcd is stopped: kubectl prints
   * `The connection to the server 127.0.0.1:PORT was refused - did you specify the right host or port?`.
   */
  connectionRefused?: boolean;
}

/*
 * Notes for clients (kubectl, the UI):
 * - Objects in responses and watch events are deep-frozen and shared with the server's store:
 *   copy (structuredClone) before modifying one to send it back.
 * - get/list/create/update/patch/delete return the object (delete: its last state, with
 *   deletionTimestamp set while graceful deletion is in progress). list returns
 *   `{apiVersion, kind: '<Kind>List', metadata: {resourceVersion}, items}` sorted by namespace/name.
 * - asTable: `{kind: 'Table', apiVersion: 'meta.k8s.io/v1', columnDefinitions, rows: [{cells, object}]}`.
 *   Without `wide`, priority-1 columns and their cells are left out; with `wide` all are present.
 *   Integer columns (e.g. ReplicaSet Desired) carry numbers; everything else strings, as the real server does.
 * - Subresources: pods/binding (create, body `{target: {kind: 'Node', name}}`), pods/eviction (create),
 *   pods/log (get; body is the log text as a string; `LogOptions` via `body: {container?, previous?, tailLines?}`),
 *   deployments|replicasets/scale (get, update, patch with `{spec: {replicas}}`), <resource>/status (update, patch).
 * - watch: `ApiServer.watch(req, onEvent, onClose?)`; without resourceVersion (or '0') the stream
 *   starts with ADDED for every existing object; with one it resumes after that revision, or
 *   closes at once with a 410 Expired Status if that revision was compacted. `asTable` makes each
 *   event object a one-row Table. onClose gets a Status when the server stops or etcd is restored.
 * - userAgent is recorded in `ApiServer.requestLog` (see audit.ts) with the verb, resource and code.
 */
