// Object shapes of the simulated API, following the real apiVersion/kind/metadata/spec/status layout.
// Objects handed out by the API server are deep-frozen: copy before changing anything.

export type Labels = Readonly<Record<string, string>>;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Labels;
  annotations?: Labels;
  ownerReferences?: readonly OwnerReference[];
  finalizers?: readonly string[];
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export interface Condition {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastTransitionTime?: string | null;
  lastHeartbeatTime?: string;
  lastUpdateTime?: string;
  lastProbeTime?: string | null;
  observedGeneration?: number;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: readonly string[];
}

export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: readonly LabelSelectorRequirement[];
}

export interface Toleration {
  key?: string;
  operator?: 'Exists' | 'Equal';
  value?: string;
  effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | '';
  tolerationSeconds?: number;
}

export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  timeAdded?: string;
}

export interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
  hostPort?: number;
}

export interface Probe {
  httpGet?: { path?: string; port: number | string; scheme?: string };
  tcpSocket?: { port: number | string };
  exec?: { command?: readonly string[] };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  timeoutSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
}

export interface ResourceRequirements {
  requests?: Readonly<Record<string, string>>;
  limits?: Readonly<Record<string, string>>;
}

export interface Container {
  name: string;
  image: string;
  command?: readonly string[];
  args?: readonly string[];
  ports?: readonly ContainerPort[];
  env?: readonly { name: string; value?: string }[];
  resources?: ResourceRequirements;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  imagePullPolicy?: 'Always' | 'IfNotPresent' | 'Never';
  terminationMessagePath?: string;
  terminationMessagePolicy?: string;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: readonly string[];
}

export interface NodeSelectorTerm {
  matchExpressions?: readonly NodeSelectorRequirement[];
  matchFields?: readonly NodeSelectorRequirement[];
}

export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: readonly NodeSelectorTerm[] };
    preferredDuringSchedulingIgnoredDuringExecution?: readonly { weight: number; preference: NodeSelectorTerm }[];
  };
}

export interface PodSpec {
  containers: readonly Container[];
  initContainers?: readonly Container[];
  restartPolicy?: 'Always' | 'OnFailure' | 'Never';
  terminationGracePeriodSeconds?: number;
  dnsPolicy?: string;
  nodeSelector?: Labels;
  serviceAccountName?: string;
  nodeName?: string;
  hostNetwork?: boolean;
  securityContext?: Readonly<Record<string, unknown>>;
  affinity?: Affinity;
  schedulerName?: string;
  tolerations?: readonly Toleration[];
  priorityClassName?: string;
  priority?: number;
  enableServiceLinks?: boolean;
  preemptionPolicy?: string;
}

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: {
    exitCode: number;
    reason?: string;
    message?: string;
    startedAt?: string;
    finishedAt?: string;
    containerID?: string;
  };
}

export interface ContainerStatus {
  name: string;
  image: string;
  imageID: string;
  containerID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state: ContainerState;
  lastState: ContainerState;
}

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

export interface PodStatus {
  phase?: PodPhase;
  conditions?: readonly Condition[];
  message?: string;
  reason?: string;
  nominatedNodeName?: string;
  hostIP?: string;
  hostIPs?: readonly { ip: string }[];
  podIP?: string;
  podIPs?: readonly { ip: string }[];
  startTime?: string;
  containerStatuses?: readonly ContainerStatus[];
  initContainerStatuses?: readonly ContainerStatus[];
  qosClass?: string;
}

export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: PodStatus;
}

export interface PodTemplateSpec {
  metadata?: ObjectMeta;
  spec: PodSpec;
}

export interface DeploymentSpec {
  replicas?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  strategy?: {
    type?: 'RollingUpdate' | 'Recreate';
    rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string };
  };
  minReadySeconds?: number;
  revisionHistoryLimit?: number;
  paused?: boolean;
  progressDeadlineSeconds?: number;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: readonly Condition[];
  collisionCount?: number;
}

export interface Deployment extends KubeObject {
  spec: DeploymentSpec;
  status?: DeploymentStatus;
}

export interface ReplicaSetSpec {
  replicas?: number;
  minReadySeconds?: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: readonly Condition[];
}

export interface ReplicaSet extends KubeObject {
  spec: ReplicaSetSpec;
  status?: ReplicaSetStatus;
}

export interface DaemonSet extends KubeObject {
  spec: { selector: LabelSelector; template: PodTemplateSpec };
  status?: {
    currentNumberScheduled: number;
    numberMisscheduled: number;
    desiredNumberScheduled: number;
    numberReady: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
    observedGeneration?: number;
  };
}

export interface NodeAddress {
  type: 'InternalIP' | 'ExternalIP' | 'Hostname';
  address: string;
}

export interface NodeSpec {
  podCIDR?: string;
  podCIDRs?: readonly string[];
  providerID?: string;
  unschedulable?: boolean;
  taints?: readonly Taint[];
}

export interface NodeStatus {
  capacity?: Readonly<Record<string, string>>;
  allocatable?: Readonly<Record<string, string>>;
  conditions?: readonly Condition[];
  addresses?: readonly NodeAddress[];
  nodeInfo?: Readonly<Record<string, string>>;
  images?: readonly { names: readonly string[]; sizeBytes: number }[];
}

export interface Node extends KubeObject {
  spec: NodeSpec;
  status?: NodeStatus;
}

export interface ServicePort {
  name?: string;
  protocol?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
}

export interface ServiceSpec {
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  selector?: Labels;
  ports?: readonly ServicePort[];
  clusterIP?: string;
  clusterIPs?: readonly string[];
  externalIPs?: readonly string[];
  externalName?: string;
  sessionAffinity?: string;
  ipFamilies?: readonly string[];
  ipFamilyPolicy?: string;
  internalTrafficPolicy?: string;
  externalTrafficPolicy?: string;
  allocateLoadBalancerNodePorts?: boolean;
}

export interface Service extends KubeObject {
  spec: ServiceSpec;
  status?: { loadBalancer?: { ingress?: readonly { ip?: string; hostname?: string }[] } };
}

export interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; namespace?: string; name: string; uid: string };
}

export interface EndpointSubset {
  addresses?: readonly EndpointAddress[];
  notReadyAddresses?: readonly EndpointAddress[];
  ports?: readonly { name?: string; port: number; protocol?: string }[];
}

export interface Endpoints extends KubeObject {
  subsets?: readonly EndpointSubset[];
}

export interface ObjectReference {
  kind?: string;
  namespace?: string;
  name?: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

export interface Event extends KubeObject {
  involvedObject: ObjectReference;
  reason?: string;
  message?: string;
  source?: { component?: string; host?: string };
  firstTimestamp?: string | null;
  lastTimestamp?: string | null;
  count?: number;
  type?: 'Normal' | 'Warning';
  eventTime?: string | null;
  reportingComponent?: string;
  reportingInstance?: string;
  action?: string;
}

export interface Lease extends KubeObject {
  spec: {
    holderIdentity?: string;
    leaseDurationSeconds?: number;
    acquireTime?: string;
    renewTime?: string;
    leaseTransitions?: number;
  };
}

export interface ConfigMap extends KubeObject {
  data?: Readonly<Record<string, string>>;
  binaryData?: Readonly<Record<string, string>>;
  immutable?: boolean;
}

export interface Namespace extends KubeObject {
  spec?: { finalizers?: readonly string[] };
  status?: { phase?: 'Active' | 'Terminating'; conditions?: readonly Condition[] };
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
}

export interface List<T = KubeObject> {
  apiVersion: string;
  kind: string;
  metadata: ListMeta;
  items: T[];
}

export interface StatusCause {
  reason?: string;
  message?: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: ListMeta;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: StatusCause[];
    retryAfterSeconds?: number;
  };
  code: number;
}

export interface TableColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

export interface TableRow {
  cells: (string | number | boolean)[];
  object: { kind: 'PartialObjectMetadata'; apiVersion: 'meta.k8s.io/v1'; metadata: ObjectMeta };
}

export interface Table {
  kind: 'Table';
  apiVersion: 'meta.k8s.io/v1';
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
