// Public API of the simulated cluster. Everything the app, kubectl and labs need comes from here.

export { createCluster, restoreCluster, Cluster, TICK_MS, type ClusterState } from './cluster.ts';
export type { ClusterOptions, Profile } from './profiles.ts';
export type { ComponentStatus, ControlPlaneComponent } from './component.ts';
export type { FaultState } from './faults.ts';
export { ApiServer, type NodeLogProvider } from './apiserver/server.ts';
export type { ApiRequest, ApiResponse, Verb } from './apiserver/request.ts';
export type { WatchEvent, WatchEventType } from './apiserver/watch-hub.ts';
export { RequestLog, clientName, describeAction, type RequestRecord } from './apiserver/audit.ts';
export { EtcdStore, type Snapshot, type KeyValue } from './etcd/store.ts';
export { FakeClock, rfc3339 } from './clock.ts';
export { Rand, KIND_ALPHABET } from './rand.ts';
export { humanDuration, goDuration } from './api/duration.ts';
export {
  parseLabelSelector,
  selectorFromObject,
  selectorToString,
  matchesSelector,
  formatLabels,
  SelectorParseError,
  type Selector,
  type Requirement,
} from './api/labels.ts';
export {
  parseFieldSelector,
  matchesFields,
  fieldValue,
  type FieldSelector,
  type FieldRequirement,
} from './api/fields.ts';
export {
  RESOURCES,
  resourceInfo,
  resourceForKind,
  qualifiedResource,
  requestPath,
  apiVersionOf,
  type ResourceInfo,
} from './api/resources.ts';
export { parseQuantity } from './api/quantity.ts';
export { computeHash } from './api/names.ts';
export { formatEndpoints } from './apiserver/table-rows.ts';
export type { KubeProxy, RouteResult, Backend } from './proxy/kube-proxy.ts';
export type * from './api/types.ts';
export { provideYaml, yamlLib, type YamlLib } from './yaml.ts';
export { afterChunks, LazyPort } from './lazy.ts';
export { provideDescribers } from './kubectl/describe/lazy.ts';
