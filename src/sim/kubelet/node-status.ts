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

export function nodeObject(cfg: NodeConfig, ready: boolean, nowIso: string, images: NodeStatus['images']): Node {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': cfg.name,
    'kubernetes.io/os': 'linux',
    ...(cfg.labels ?? {}),
  };
  if (cfg.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: cfg.name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: `${cfg.podCIDR}.0/24`,
      podCIDRs: [`${cfg.podCIDR}.0/24`],
      providerID: cfg.providerID ?? `kind://docker/kind/${cfg.name}`,
      taints: cfg.taints,
    },
    status: nodeStatus(cfg, ready, nowIso, undefined, images, cfg.maxPods),
  };
  if (cfg.taints.length === 0) delete node.spec.taints;
  return node;
}

export function nodeConditions(ready: boolean, nowIso: string, prev: readonly Condition[] | undefined): Condition[] {
  const c = (type: string, status: 'True' | 'False', reason: string, message: string): Condition => {
    const old = prev?.find((p) => p.type === type);
    return {
      type,
      status,
      lastHeartbeatTime: nowIso,
      lastTransitionTime: old && old.status === status ? (old.lastTransitionTime ?? nowIso) : nowIso,
      reason,
      message,
    };
  };
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    ready
      ? c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status')
      : c(
          'Ready',
          'False',
          'KubeletNotReady',
          'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
        ),
  ];
}

export function nodeStatus(
  cfg: NodeConfig,
  ready: boolean,
  nowIso: string,
  prev: readonly Condition[] | undefined,
  images: NodeStatus['images'],
  allocatablePods: number,
  allocatableOverride?: { cpu: string; memory: string },
): NodeStatus {
  const capacity = {
    cpu: cfg.cpu,
    'ephemeral-storage': '102626232Ki',
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: cfg.memory,
    pods: String(cfg.maxPods),
  };
  return {
    capacity,
    allocatable: { ...capacity, ...(allocatableOverride ?? {}), pods: String(allocatablePods) },
    conditions: nodeConditions(ready, nowIso, prev),
    addresses: [
      { type: 'InternalIP', address: cfg.ip },
      { type: 'Hostname', address: cfg.name },
    ],
    nodeInfo: {
      architecture: 'amd64',
      bootID: cfg.bootID,
      containerRuntimeVersion: 'containerd://1.7.15',
      kernelVersion: cfg.kernelVersion,
      kubeProxyVersion: 'v1.30.0',
      kubeletVersion: 'v1.30.0',
      machineID: cfg.systemUUID.replace(/-/g, ''),
      operatingSystem: 'linux',
      osImage: cfg.osImage,
      systemUUID: cfg.systemUUID,
    },
    images,
  };
}
