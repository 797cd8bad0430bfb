import { describe, expect, it } from 'vitest';
import type { Event, Pod } from '../../../src/sim/api/types.ts';
import { describePod } from '../../../src/sim/kubectl/describe/pod.ts';

const T = Date.parse('2024-05-20T10:15:30Z');
const iso = (s: number) => new Date(T + s * 1000).toISOString().replace('.000Z', 'Z');

const pod: Pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'web-7d8b49557f-2xkqz',
    namespace: 'default',
    uid: 'u1',
    labels: { app: 'web', 'pod-template-hash': '7d8b49557f' },
    ownerReferences: [
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d8b49557f', uid: 'rs', controller: true },
    ],
  },
  spec: {
    nodeName: 'kind-control-plane',
    priority: 0,
    serviceAccountName: 'default',
    containers: [
      {
        name: 'nginx',
        image: 'nginx',
        volumeMounts: [
          { name: 'kube-api-access-5tj8x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
        ],
      } as Pod['spec']['containers'][number],
    ],
    tolerations: [
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ],
    volumes: [{ name: 'kube-api-access-5tj8x', projected: { sources: [] } }],
  } as Pod['spec'],
  status: {
    phase: 'Running',
    hostIP: '172.18.0.2',
    podIP: '10.244.0.5',
    podIPs: [{ ip: '10.244.0.5' }],
    startTime: iso(0),
    qosClass: 'BestEffort',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(
      (type) => ({ type, status: 'True' as const }),
    ),
    containerStatuses: [
      {
        name: 'nginx',
        image: 'docker.io/library/nginx:latest',
        imageID: 'docker.io/library/nginx@sha256:abc',
        containerID: 'containerd://4f1c',
        ready: true,
        restartCount: 0,
        state: { running: { startedAt: iso(7) } },
        lastState: {},
      },
    ],
  },
};

const ev = (reason: string, from: string, message: string, at: number, extra: Partial<Event> = {}): Event => ({
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: `e-${reason}`, namespace: 'default' },
  involvedObject: { kind: 'Pod', name: pod.metadata.name, namespace: 'default', uid: 'u1' },
  reason,
  message,
  type: 'Normal',
  source: { component: from },
  firstTimestamp: iso(at),
  lastTimestamp: iso(at),
  count: 1,
  ...extra,
});

describe('kubectl describe pod', () => {
  it('prints the sections with kubectl 1.30 alignment and an Events table', () => {
    const events = [
      ev('Pulling', 'kubelet', 'Pulling image "nginx"', 1),
      ev('Scheduled', '', 'Successfully assigned default/web-7d8b49557f-2xkqz to kind-control-plane', 0, {
        source: {},
        reportingComponent: 'default-scheduler',
        firstTimestamp: null,
        lastTimestamp: null,
        eventTime: iso(0),
      }),
    ];
    const out = describePod(pod, events, T + 45_000);
    expect(out).toBe(`Name:             web-7d8b49557f-2xkqz
Namespace:        default
Priority:         0
Service Account:  default
Node:             kind-control-plane/172.18.0.2
Start Time:       Mon, 20 May 2024 10:15:30 +0000
Labels:           app=web
                  pod-template-hash=7d8b49557f
Annotations:      <none>
Status:           Running
IP:               10.244.0.5
IPs:
  IP:           10.244.0.5
Controlled By:  ReplicaSet/web-7d8b49557f
Containers:
  nginx:
    Container ID:   containerd://4f1c
    Image:          nginx
    Image ID:       docker.io/library/nginx@sha256:abc
    Port:           <none>
    Host Port:      <none>
    State:          Running
      Started:      Mon, 20 May 2024 10:15:37 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5tj8x (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-5tj8x:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age   From               Message
  ----    ------     ----  ----               -------
  Normal  Scheduled  45s   default-scheduler  Successfully assigned default/web-7d8b49557f-2xkqz to kind-control-plane
  Normal  Pulling    44s   kubelet            Pulling image "nginx"
`);
  });

  it('prints a pending pod without node, start time or IPs and Events <none>', () => {
    const pending: Pod = {
      ...pod,
      spec: { ...pod.spec, nodeName: undefined },
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False' }] },
    };
    const out = describePod(pending, [], T);
    expect(out).toContain('Node:             <none>\n');
    expect(out).not.toContain('Start Time:');
    expect(out).toContain('IP:               \nIPs:              <none>\n');
    expect(out).toContain('  PodScheduled   False \n');
    expect(out.endsWith('Events:                      <none>\n')).toBe(true);
  });

  it('shows repeated events as "last (xN over first)"', () => {
    const out = describePod(
      pod,
      [
        ev('BackOff', 'kubelet', 'Back-off pulling image "nginxx"', 5, {
          count: 4,
          lastTimestamp: iso(40),
          type: 'Normal',
        }),
      ],
      T + 45_000,
    );
    expect(out).toContain('  Normal  BackOff  5s (x4 over 40s)  kubelet  Back-off pulling image "nginxx"\n');
  });
});
