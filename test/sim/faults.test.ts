import { describe, expect, it } from 'vitest';
import { actions, createDeployment, kind, kubectl, pods } from './helpers.ts';
import type { Pod, Snapshot } from '../../src/sim/index.ts';

describe('faults for labs', () => {
  it('keeps new pods Pending while kube-scheduler is stopped, and its static pod disappears', () => {
    const c = kind();
    c.faults.stop('kube-scheduler');
    c.settle();
    expect(pods(c, 'component=kube-scheduler', 'kube-system')).toHaveLength(0);
    const mark = c.api.requestLog.mark();
    createDeployment(c, 'web', 'nginx', 2);
    c.settle();
    expect(actions(c, mark, 'kube-scheduler')).toEqual([]);
    const ps = pods(c, 'app=web');
    expect(ps).toHaveLength(2);
    expect(ps.every((p) => p.status?.phase === 'Pending' && p.spec.nodeName === undefined)).toBe(true);
    c.faults.start('kube-scheduler');
    c.settle();
    expect(pods(c, 'app=web').every((p) => p.status?.phase === 'Running')).toBe(true);
    expect(pods(c, 'component=kube-scheduler', 'kube-system').map((p) => p.metadata.name)).toEqual([
      'kube-scheduler-kind-control-plane',
    ]);
  });

  it('does not replace a deleted pod while kube-controller-manager is stopped; it does once restarted', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 2);
    c.settle();
    c.faults.stop('kube-controller-manager');
    const [victim] = pods(c, 'app=web');
    kubectl(c, { verb: 'delete', resource: 'pods', namespace: 'default', name: victim?.metadata.name ?? '' });
    c.settle();
    expect(pods(c, 'app=web')).toHaveLength(1);
    const mark = c.api.requestLog.mark();
    c.faults.start('kube-controller-manager');
    c.settle();
    expect(actions(c, mark, 'replicaset-controller')[0]).toBe('replicaset-controller create pods');
    expect(pods(c, 'app=web').filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
  });

  it('refuses connections while kube-apiserver or etcd is stopped, and the cluster carries on afterwards', () => {
    const c = kind();
    c.faults.stop('kube-apiserver');
    const res = kubectl(c, { verb: 'list', resource: 'pods', namespace: 'default' });
    expect(res).toMatchObject({
      code: 0,
      connectionRefused: true,
      body: { kind: 'Status', reason: 'ServiceUnavailable' },
    });
    c.advance(5000);
    c.faults.start('kube-apiserver');
    c.faults.stop('etcd');
    expect(kubectl(c, { verb: 'get', resource: 'namespaces', name: 'default' }).connectionRefused).toBe(true);
    c.faults.start('etcd');
    createDeployment(c, 'web', 'nginx', 1);
    c.settle();
    expect(pods(c, 'app=web')[0]?.status?.phase).toBe('Running');
    expect(
      c
        .components()
        .filter((x) => x.kind === 'control-plane')
        .every((x) => x.running),
    ).toBe(true);
  });

  it('loses everything when etcd is wiped and gets it back from a snapshot', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 2);
    c.settle();
    const snap: Snapshot = JSON.parse(JSON.stringify(c.etcd.snapshot())) as Snapshot;
    const before = pods(c, 'app=web').map((p) => p.metadata.name);
    c.faults.wipeEtcd();
    expect(
      kubectl(c, { verb: 'get', group: 'apps', resource: 'deployments', namespace: 'default', name: 'web' }).code,
    ).toBe(404);
    c.settle();
    expect(pods(c, 'app=web')).toHaveLength(0);
    // The API server's own controller recreates the system namespaces; kubelets re-register their nodes.
    expect(kubectl(c, { verb: 'get', resource: 'namespaces', name: 'kube-system' }).code).toBe(200);
    expect(kubectl(c, { verb: 'get', resource: 'nodes', name: 'kind-control-plane' }).code).toBe(200);
    c.etcd.restore(snap);
    c.settle();
    const after = pods(c, 'app=web');
    expect(after.map((p) => p.metadata.name)).toEqual(before);
    expect(after.every((p: Pod) => p.status?.phase === 'Running')).toBe(true);
  });
});
