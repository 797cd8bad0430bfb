// The add-ons kubeadm and kind install: kube-proxy and kindnet DaemonSets, CoreDNS with its
// kube-dns Service, local-path-provisioner, and a few well-known ConfigMaps. Created through the API.
// CoreDNS and local-path-provisioner come with their ReplicaSets named by the hashes real clusters show.

import type { ApiServer } from './apiserver/server.ts';
import type { ApiRequest } from './apiserver/request.ts';
import type { Deployment } from './api/types.ts';
import type { Profile } from './profiles.ts';

const UA = 'kubeadm/v1.30.0 (linux/amd64) kubernetes/7c48c2b';
const CRITICAL_TOLERATIONS = [
  { key: 'CriticalAddonsOnly', operator: 'Exists' as const },
  { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const },
];

function req(
  verb: 'create',
  group: string,
  resource: string,
  namespace: string | undefined,
  body: unknown,
): ApiRequest {
  const r: ApiRequest = { verb, group, version: 'v1', resource, body, userAgent: UA };
  if (namespace) r.namespace = namespace;
  return r;
}

function daemonSet(
  name: string,
  labels: Record<string, string>,
  image: string,
  container: string,
  extra: Record<string, unknown> = {},
): unknown {
  return {
    metadata: { name, namespace: 'kube-system', labels },
    spec: {
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          hostNetwork: true,
          priorityClassName: 'system-node-critical',
          containers: [{ name: container, image, resources: { requests: { cpu: '100m', memory: '50Mi' } } }],
          tolerations: [{ operator: 'Exists' }],
          ...extra,
        },
      },
    },
  };
}

/** Creates a Deployment and its first ReplicaSet under a fixed pod-template-hash. */
function deploymentWithHash(api: ApiServer, ns: string, body: Deployment, hash: string): void {
  const res = api.handle(req('create', 'apps', 'deployments', ns, body));
  if (res.code !== 201) return;
  const d = res.body as Deployment;
  const labels = { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash };
  api.handle(
    req('create', 'apps', 'replicasets', ns, {
      metadata: {
        name: `${d.metadata.name ?? ''}-${hash}`,
        namespace: ns,
        labels,
        annotations: {
          'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1),
          'deployment.kubernetes.io/max-replicas': String((d.spec.replicas ?? 1) + 1),
          'deployment.kubernetes.io/revision': '1',
        },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: d.metadata.name ?? '',
            uid: d.metadata.uid ?? '',
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        replicas: d.spec.replicas,
        selector: { matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash } },
        template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, labels } },
      },
    }),
  );
}

export function installAddons(api: ApiServer, profile: Profile): void {
  const kp = { 'k8s-app': 'kube-proxy' };
  api.handle(
    req('create', '', 'configmaps', 'kube-system', {
      metadata: { name: 'kube-proxy', labels: { app: 'kube-proxy' } },
      data: {
        'config.conf': 'apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: iptables\n',
      },
    }),
  );
  api.handle(
    req('create', '', 'configmaps', 'kube-system', {
      metadata: { name: 'coredns' },
      data: {
        Corefile:
          '.:53 {\n    errors\n    health {\n       lameduck 5s\n    }\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n    prometheus :9153\n    forward . /etc/resolv.conf {\n       max_concurrent 1000\n    }\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n',
      },
    }),
  );
  api.handle(
    req('create', '', 'configmaps', 'kube-public', {
      metadata: { name: 'cluster-info' },
      data: { kubeconfig: 'apiVersion: v1\nclusters:\n- cluster:\n    server: https://172.18.0.2:6443\n  name: ""\n' },
    }),
  );
  api.handle(
    req(
      'create',
      'apps',
      'daemonsets',
      'kube-system',
      daemonSet('kube-proxy', kp, 'registry.k8s.io/kube-proxy:v1.30.0', 'kube-proxy'),
    ),
  );
  if (profile !== 'managed') {
    api.handle(
      req(
        'create',
        'apps',
        'daemonsets',
        'kube-system',
        daemonSet(
          'kindnet',
          { app: 'kindnet', 'k8s-app': 'kindnet', tier: 'node' },
          'docker.io/kindest/kindnetd:v20240513-cd2ac642',
          'kindnet-cni',
        ),
      ),
    );
  }
  const dnsLabels = { 'k8s-app': 'kube-dns' };
  deploymentWithHash(
    api,
    'kube-system',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'coredns', namespace: 'kube-system', labels: dnsLabels },
      spec: {
        replicas: 2,
        selector: { matchLabels: dnsLabels },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: '25%' } },
        template: {
          metadata: { labels: dnsLabels },
          spec: {
            priorityClassName: 'system-cluster-critical',
            containers: [
              {
                name: 'coredns',
                image: 'registry.k8s.io/coredns/coredns:v1.11.1',
                args: ['-conf', '/etc/coredns/Corefile'],
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                ],
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10 },
                livenessProbe: {
                  httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
                  initialDelaySeconds: 60,
                  periodSeconds: 10,
                  failureThreshold: 5,
                },
              },
            ],
            tolerations: CRITICAL_TOLERATIONS,
          },
        },
      },
    },
    '7db6d8ff4d',
  );
  api.handle(
    req('create', '', 'services', 'kube-system', {
      metadata: {
        name: 'kube-dns',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      },
      spec: {
        selector: dnsLabels,
        clusterIP: '10.96.0.10',
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    }),
  );
  if (profile === 'managed') return;
  api.handle(req('create', '', 'namespaces', undefined, { metadata: { name: 'local-path-storage' } }));
  const lp = { app: 'local-path-provisioner' };
  deploymentWithHash(
    api,
    'local-path-storage',
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'local-path-provisioner', namespace: 'local-path-storage' },
      spec: {
        replicas: 1,
        selector: { matchLabels: lp },
        template: {
          metadata: { labels: lp },
          spec: {
            containers: [
              {
                name: 'local-path-provisioner',
                image: 'docker.io/kindest/local-path-provisioner:v20240513-b9bba138',
                command: ['local-path-provisioner', '--debug', 'start'],
              },
            ],
            tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Equal', effect: 'NoSchedule' }],
          },
        },
      },
    },
    '988d74bc',
  );
}
