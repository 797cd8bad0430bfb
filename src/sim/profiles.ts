// Cluster profiles: a kind-style single node, kind with workers, and a managed cluster whose
// control plane is hidden. Node names, IPs and the kube-system add-ons follow kind v0.23 / kubeadm 1.30.

import type { Rand } from './rand.ts';
import type { NodeConfig } from './kubelet/node-status.ts';
import type { StaticPod } from './kubelet/static-pods.ts';

export type Profile = 'kind' | 'kind-multi' | 'managed';

export interface ClusterOptions {
  profile: Profile;
  /** Cluster name: kind's default is "kind". */
  name?: string;
  /** Worker nodes (kind-multi default 2, managed default 3; kind has none). */
  workers?: number;
  seed: number;
  /** Epoch ms at which the cluster is created. */
  now: number;
  /** Run the cluster until it is ready before returning (default true). */
  settle?: boolean;
  /** Node size (default 8 CPUs, 16 GiB, 110 pods). */
  nodeCpu?: string;
  nodeMemory?: string;
  maxPods?: number;
}

export const KIND_IMAGES = [
  'registry.k8s.io/etcd:3.5.12-0',
  'registry.k8s.io/kube-apiserver:v1.30.0',
  'registry.k8s.io/kube-controller-manager:v1.30.0',
  'registry.k8s.io/kube-scheduler:v1.30.0',
  'registry.k8s.io/kube-proxy:v1.30.0',
  'registry.k8s.io/coredns/coredns:v1.11.1',
  'registry.k8s.io/pause:3.9',
  'docker.io/kindest/kindnetd:v20240513-cd2ac642',
  'docker.io/kindest/local-path-provisioner:v20240513-b9bba138',
];

export const STATIC_PODS: readonly StaticPod[] = [
  {
    component: 'etcd',
    image: 'registry.k8s.io/etcd:3.5.12-0',
    command: ['etcd', '--advertise-client-urls=https://172.18.0.2:2379', '--data-dir=/var/lib/etcd'],
    cpu: '100m',
  },
  {
    component: 'kube-apiserver',
    image: 'registry.k8s.io/kube-apiserver:v1.30.0',
    command: ['kube-apiserver', '--advertise-address=172.18.0.2', '--etcd-servers=https://127.0.0.1:2379'],
    cpu: '250m',
  },
  {
    component: 'kube-controller-manager',
    image: 'registry.k8s.io/kube-controller-manager:v1.30.0',
    command: ['kube-controller-manager', '--leader-elect=true'],
    cpu: '200m',
  },
  {
    component: 'kube-scheduler',
    image: 'registry.k8s.io/kube-scheduler:v1.30.0',
    command: ['kube-scheduler', '--leader-elect=true'],
    cpu: '100m',
  },
];

function ipFor(i: number): string {
  const n = i + 2;
  return `172.18.${n >> 8}.${n & 255}`;
}

function podCIDRFor(i: number): string {
  return `10.${244 + (i >> 8)}.${i & 255}`;
}

export function clusterName(opts: ClusterOptions): string {
  return opts.name ?? (opts.profile === 'managed' ? 'sandbox' : 'kind');
}

export function nodeConfigs(opts: ClusterOptions, rand: Rand): NodeConfig[] {
  const name = clusterName(opts);
  const cpu = opts.nodeCpu ?? '8';
  const memory = opts.nodeMemory ?? '16363800Ki';
  const maxPods = opts.maxPods ?? 110;
  // Each config is one literal (the keys in the order they always had): spreading a base and the
  // ids into it went through the slow generic copy, about 5 µs per node.
  if (opts.profile === 'managed') {
    const pool = rand.hex(8);
    const count = opts.workers ?? 3;
    return Array.from({ length: count }, (_, i) => {
      const suffix = rand.string(4, 'abcdefghijklmnopqrstuvwxyz0123456789');
      // join(): node names are kept by every object that mentions the node; keep them flat strings.
      const nodeName = ['gke', name, 'default-pool', pool, suffix].join('-');
      const systemUUID = rand.uuid();
      const bootID = rand.uuid();
      return {
        cpu,
        memory,
        maxPods,
        osImage: 'Container-Optimized OS from Google',
        kernelVersion: '6.1.85+',
        systemUUID,
        bootID,
        name: nodeName,
        role: 'worker' as const,
        ip: `10.128.0.${i + 2}`,
        podCIDR: `10.${8 + (i >> 8)}.${i & 255}`,
        taints: [],
        providerID: `gce://sandbox-project/us-central1-a/${nodeName}`,
        labels: {
          'topology.kubernetes.io/region': 'us-central1',
          'topology.kubernetes.io/zone': 'us-central1-a',
          'node.kubernetes.io/instance-type': 'e2-standard-8',
          'cloud.google.com/gke-nodepool': 'default-pool',
        },
      };
    });
  }
  const osImage = 'Debian GNU/Linux 12 (bookworm)';
  const kernelVersion = '6.8.0-45-generic';
  const workers = opts.profile === 'kind' ? 0 : (opts.workers ?? 2);
  const cpSystemUUID = rand.uuid();
  const cpBootID = rand.uuid();
  const cp: NodeConfig = {
    cpu,
    memory,
    maxPods,
    osImage,
    kernelVersion,
    systemUUID: cpSystemUUID,
    bootID: cpBootID,
    name: [name, 'control-plane'].join('-'),
    role: 'control-plane',
    ip: ipFor(0),
    podCIDR: podCIDRFor(0),
    taints: workers > 0 ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [],
  };
  const out = [cp];
  for (let i = 1; i <= workers; i++) {
    const systemUUID = rand.uuid();
    const bootID = rand.uuid();
    out.push({
      cpu,
      memory,
      maxPods,
      osImage,
      kernelVersion,
      systemUUID,
      bootID,
      name: [name, i === 1 ? 'worker' : `worker${i}`].join('-'),
      role: 'worker',
      ip: ipFor(i),
      podCIDR: podCIDRFor(i),
      taints: [],
    });
  }
  return out;
}
