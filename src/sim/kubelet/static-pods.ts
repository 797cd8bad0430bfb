// Static pods (/etc/kubernetes/manifests on a kubeadm/kind control-plane node) and the mirror pods
// the kubelet creates for them in the API: named <component>-<node>, labelled component/tier.

import type { Pod } from '../api/types.ts';

export interface StaticPod {
  component: string;
  image: string;
  command: readonly string[];
  cpu: string;
}

export function mirrorPod(s: StaticPod, node: string, nodeUid: string, nowIso: string): Pod {
  const hash = Array.from(s.component + node)
    .reduce((h, ch) => (Math.imul(h, 33) + ch.charCodeAt(0)) >>> 0, 5381)
    .toString(16)
    .padStart(8, '0');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${s.component}-${node}`,
      namespace: 'kube-system',
      labels: { component: s.component, tier: 'control-plane' },
      annotations: {
        'kubernetes.io/config.hash': hash + hash + hash + hash,
        'kubernetes.io/config.mirror': hash + hash + hash + hash,
        'kubernetes.io/config.seen': nowIso,
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: nodeUid, controller: true }],
    },
    spec: {
      nodeName: node,
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      priority: 2000001000,
      containers: [{ name: s.component, image: s.image, command: s.command, resources: { requests: { cpu: s.cpu } } }],
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
  };
}
