// The Node object a kubelet registers and the status it reports (kubelet_node_status.go).

import type { Condition, Node, NodeStatus, Taint } from '../api/types.ts';

export interface NodeConfig {
  name: string;
  role: 'control-plane' | 'worker';
  ip: string;
  podCIDR: string;
  cpu: string;
  memory: string;
  maxPods: number;
  taints: readonly Taint[];
  /** Extra labels (e.g. topology.kubernetes.io/zone on a managed cluster). */
  labels?: Readonly<Record<string, string>>;
  osImage: string;
  kernelVersion: string;
  providerID?: string;
  systemUUID: string;
  bootID: string;
}

/** Every node's annotations at registration: one frozen object shared by all of them. */
const ANNOTATIONS: Readonly<Record<string, string>> = Object.freeze({
  'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
  'node.alpha.kubernetes.io/ttl': '0',
  'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
});

export function nodeObject(
  cfg: NodeConfig,
  ready: boolean,
  nowIso: string,
  images: NodeStatus['images'],
  parts: ConfigParts,
): Node {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': cfg.name,
    'kubernetes.io/os': 'linux',
  };
  // Added one by one (as a spread after the literal's own keys would, without its generic copy).
  const extra = cfg.labels;
  if (extra) for (const k of Object.keys(extra)) labels[k] = extra[k] as string;
  if (cfg.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const podCIDR = `${cfg.podCIDR}.0/24`;
  const providerID = cfg.providerID ?? `kind://docker/kind/${cfg.name}`;
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: cfg.name,
      labels,
      annotations: ANNOTATIONS,
    },
    // Without a taints key when there are none: built that way rather than deleted afterwards.
    spec:
      cfg.taints.length === 0
        ? { podCIDR, podCIDRs: [podCIDR], providerID }
        : { podCIDR, podCIDRs: [podCIDR], providerID, taints: cfg.taints },
    status: nodeStatus(cfg, ready, nowIso, undefined, images, cfg.maxPods, undefined, parts),
  };
  return node;
}

/** A node condition's fixed text, by type and status. */
interface ConditionText {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}
const MEMORY: ConditionText = {
  type: 'MemoryPressure',
  status: 'False',
  reason: 'KubeletHasSufficientMemory',
  message: 'kubelet has sufficient memory available',
};
const DISK: ConditionText = {
  type: 'DiskPressure',
  status: 'False',
  reason: 'KubeletHasNoDiskPressure',
  message: 'kubelet has no disk pressure',
};
const PID: ConditionText = {
  type: 'PIDPressure',
  status: 'False',
  reason: 'KubeletHasSufficientPID',
  message: 'kubelet has sufficient PID available',
};
const READY: ConditionText = {
  type: 'Ready',
  status: 'True',
  reason: 'KubeletReady',
  message: 'kubelet is posting ready status',
};
const NOT_READY: ConditionText = {
  type: 'Ready',
  status: 'False',
  reason: 'KubeletNotReady',
  message:
    'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
};

/** A condition's lastTransitionTime: it moves only when its status flips. */
function transitionTime(prev: readonly Condition[] | undefined, t: ConditionText, nowIso: string): string {
  if (prev)
    for (let i = 0; i < prev.length; i++) {
      const old = prev[i] as Condition;
      if (old.type === t.type) return old.status === t.status ? (old.lastTransitionTime ?? nowIso) : nowIso;
    }
  return nowIso;
}

function condition(t: ConditionText, nowIso: string, ltt: string): Condition {
  return Object.freeze({
    type: t.type,
    status: t.status,
    lastHeartbeatTime: nowIso,
    lastTransitionTime: ltt,
    reason: t.reason,
    message: t.message,
  });
}

/**
 * The last conditions built, with what they were built from: the kubelets report in turn in the
 * same tick, and nodes registered together report the same conditions, so they share one frozen
 * list instead of building four conditions each.
 */
let last: { ready: boolean; nowIso: string; ltts: string[]; list: readonly Condition[] } | undefined;

export function nodeConditions(
  ready: boolean,
  nowIso: string,
  prev: readonly Condition[] | undefined,
): readonly Condition[] {
  const r = ready ? READY : NOT_READY;
  const l0 = transitionTime(prev, MEMORY, nowIso);
  const l1 = transitionTime(prev, DISK, nowIso);
  const l2 = transitionTime(prev, PID, nowIso);
  const l3 = transitionTime(prev, r, nowIso);
  const m = last;
  if (
    m &&
    m.ready === ready &&
    m.nowIso === nowIso &&
    m.ltts[0] === l0 &&
    m.ltts[1] === l1 &&
    m.ltts[2] === l2 &&
    m.ltts[3] === l3
  )
    return m.list;
  const list = Object.freeze([
    condition(MEMORY, nowIso, l0),
    condition(DISK, nowIso, l1),
    condition(PID, nowIso, l2),
    condition(r, nowIso, l3),
  ]);
  last = { ready, nowIso, ltts: [l0, l1, l2, l3], list };
  return list;
}

/** The parts of a node's status that follow from its config alone, and the config they were built from. */
export interface ConfigParts {
  from: NodeConfig;
  capacity: Readonly<Record<string, string>>;
  addresses: NonNullable<NodeStatus['addresses']>;
  nodeInfo: Readonly<Record<string, string>>;
}
/**
 * `prev` if it was built from a config like this one, else new parts (frozen, shared by the
 * node's status writes until a reboot's new bootID): the caller keeps the last answer.
 */
export function partsFor(cfg: NodeConfig, prev: ConfigParts | undefined): ConfigParts {
  return prev !== undefined && sameConfig(prev.from, cfg) ? prev : buildParts(cfg);
}

function sameConfig(f: NodeConfig, cfg: NodeConfig): boolean {
  return (
    f.name === cfg.name &&
    f.ip === cfg.ip &&
    f.cpu === cfg.cpu &&
    f.memory === cfg.memory &&
    f.maxPods === cfg.maxPods &&
    f.bootID === cfg.bootID &&
    f.kernelVersion === cfg.kernelVersion &&
    f.osImage === cfg.osImage &&
    f.systemUUID === cfg.systemUUID
  );
}

function buildParts(cfg: NodeConfig): ConfigParts {
  return {
    from: { ...cfg },
    capacity: Object.freeze({
      cpu: cfg.cpu,
      'ephemeral-storage': '102626232Ki',
      'hugepages-1Gi': '0',
      'hugepages-2Mi': '0',
      memory: cfg.memory,
      pods: String(cfg.maxPods),
    }),
    addresses: Object.freeze([
      Object.freeze({ type: 'InternalIP', address: cfg.ip }),
      Object.freeze({ type: 'Hostname', address: cfg.name }),
    ]),
    nodeInfo: Object.freeze({
      architecture: 'amd64',
      bootID: cfg.bootID,
      containerRuntimeVersion: 'containerd://1.7.15',
      kernelVersion: cfg.kernelVersion,
      kubeProxyVersion: 'v1.30.0',
      kubeletVersion: 'v1.30.0',
      machineID: cfg.systemUUID.replaceAll('-', ''),
      operatingSystem: 'linux',
      osImage: cfg.osImage,
      systemUUID: cfg.systemUUID,
    }),
  };
}

export function nodeStatus(
  cfg: NodeConfig,
  ready: boolean,
  nowIso: string,
  prev: readonly Condition[] | undefined,
  images: NodeStatus['images'],
  allocatablePods: number,
  allocatableOverride: { cpu: string; memory: string } | undefined,
  parts: ConfigParts,
): NodeStatus {
  const capacity = parts.capacity;
  // Unless the node is filled, allocatable is capacity: the same frozen object serves both.
  const allocatable =
    !allocatableOverride && allocatablePods === cfg.maxPods
      ? capacity
      : { ...capacity, ...(allocatableOverride ?? {}), pods: String(allocatablePods) };
  return {
    capacity,
    allocatable,
    conditions: nodeConditions(ready, nowIso, prev),
    addresses: parts.addresses,
    nodeInfo: parts.nodeInfo,
    images,
  };
}
