import { describe, expect, it } from 'vitest';
import { Session, defaultClusterFactory } from '../../src/sim/shell/index.ts';
import { ViewBuilder, requestSource } from '../../src/sandbox/view.ts';

const NOW = Date.parse('2024-05-20T10:00:00Z');

function session(): Session {
  const s = new Session({ seed: 7, now: NOW, clusters: defaultClusterFactory() });
  s.run('kind create cluster --name k8s-intro');
  return s;
}

describe('sandbox view', () => {
  it('has no cluster before kind create cluster', () => {
    const s = new Session({ seed: 7, now: NOW, clusters: defaultClusterFactory() });
    expect(new ViewBuilder().build(s, []).cluster).toBeNull();
  });

  it('shows the control plane, the node and its running system pods', () => {
    const v = new ViewBuilder().build(session(), []).cluster;
    expect(v?.name).toBe('k8s-intro');
    expect(v?.components.map((c) => c.name)).toEqual([
      'etcd',
      'kube-apiserver',
      'kube-scheduler',
      'kube-controller-manager',
    ]);
    expect(v?.nodes.map((n) => [n.name, n.role, n.ready])).toEqual([
      ['k8s-intro-control-plane', 'control-plane', true],
    ]);
    expect(v?.podCounts).toEqual({ Running: 9 });
    expect(
      v?.nodes[0]?.pods.some((p) => p.name === 'kube-apiserver-k8s-intro-control-plane' && p.status === 'Running'),
    ).toBe(true);
  });

  it("shows a pod's init progress as kubectl does", () => {
    const s = session();
    s.run(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata: { name: web }
spec:
  initContainers:
  - { name: wait, image: busybox:1.36, command: [sh, -c, sleep 60] }
  containers:
  - { name: web, image: nginx }
EOF`);
    const status = () => new ViewBuilder().build(s, []).cluster?.nodes[0]?.pods.find((p) => p.name === 'web')?.status;
    expect(status()).toBe('Init:0/1');
    s.run('sleep 90');
    expect(status()).toBe('Running');
  });

  it('draws each API request once, from the component that made it, and never its own reads', () => {
    const s = session();
    const b = new ViewBuilder();
    b.build(s, []);
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    const reqs = b.build(s, []).cluster?.requests ?? [];
    expect(reqs.some((r) => r.from === 'kubectl' && r.action === 'create deployments')).toBe(true);
    expect(reqs.some((r) => r.client === 'replicaset-controller' && r.action === 'create pods')).toBe(true);
    expect(reqs.some((r) => r.from === 'kube-scheduler' && r.action === 'create pods/binding')).toBe(true);
    expect(b.build(s, []).cluster?.requests).toEqual([]);
  });

  it('keeps the last known pods while kube-apiserver is down, and says so', () => {
    const s = session();
    const b = new ViewBuilder();
    const before = b.build(s, []).cluster;
    s.run('sim stop kube-apiserver');
    const v = b.build(s, []).cluster;
    expect(v?.apiAnswered).toBe(false);
    expect(v?.nodes).toEqual(before?.nodes);
    expect(v?.components.find((c) => c.name === 'kube-apiserver')?.running).toBe(false);
  });

  it('puts a pod the stopped scheduler never bound among the unscheduled, Pending', () => {
    const s = session();
    s.run('sim stop kube-scheduler');
    s.run('kubectl create deployment web --image=nginx');
    s.advance(30_000);
    const v = new ViewBuilder().build(s, []).cluster;
    expect(v?.unscheduled.map((p) => [p.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, ''), p.status])).toEqual([
      ['web', 'Pending'],
    ]);
    expect(v?.deployments).toEqual(['web']);
  });

  it('names the picture box for each user agent', () => {
    expect(requestSource('kubelet/v1.30.0 (linux/amd64) kubernetes/7c48c2b k8s-intro-worker')).toBe(
      'node:k8s-intro-worker',
    );
    expect(
      requestSource(
        'kube-controller-manager/v1.30.0 (linux/amd64) kubernetes/7c48c2b/system:serviceaccount:kube-system:replicaset-controller',
      ),
    ).toBe('kube-controller-manager');
    expect(requestSource('kubectl/v1.30.0 (linux/amd64) kubernetes/7c48c2b')).toBe('kubectl');
  });
});
