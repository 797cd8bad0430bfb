import { describe, expect, it } from 'vitest';
import { actions, createDeployment, eventsFor, kind, kubectl, messages, pods, replicaSets } from './helpers.ts';

describe('the lesson reconciliation experiment', () => {
  it('creates a Deployment whose two pods end up Running, named <deployment>-<pod-template-hash>-<5 chars>', () => {
    const c = kind({ name: 'k8s-intro' });
    expect(createDeployment(c, 'web', 'nginx', 2).code).toBe(201);
    c.settle();
    const [rs] = replicaSets(c);
    expect(rs?.metadata.name).toMatch(/^web-[4-9bcdf]{8,10}$/);
    const ps = pods(c, 'app=web');
    expect(ps).toHaveLength(2);
    for (const p of ps) {
      expect(p.metadata.name).toMatch(new RegExp(`^${rs?.metadata.name ?? ''}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.status?.phase).toBe('Running');
      expect(p.spec.nodeName).toBe('k8s-intro-control-plane');
      expect(p.metadata.labels).toEqual({
        app: 'web',
        'pod-template-hash': rs?.metadata.labels?.['pod-template-hash'],
      });
    }
    expect(messages(eventsFor(c, 'Deployment', 'web'))).toEqual([
      `Normal ScalingReplicaSet: Scaled up replica set ${rs?.metadata.name ?? ''} to 2`,
    ]);
  });

  it('replaces a deleted pod: the ReplicaSet controller creates one new pod and nothing else', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 2);
    c.settle();
    const [victim, survivor] = pods(c, 'app=web');
    const mark = c.api.requestLog.mark();
    const del = kubectl(c, {
      verb: 'delete',
      resource: 'pods',
      namespace: 'default',
      name: victim?.metadata.name ?? '',
      propagationPolicy: 'Background',
    });
    expect(del.code).toBe(200);
    c.settle();
    expect(actions(c, mark, 'replicaset-controller')).toEqual([
      'replicaset-controller create pods',
      'replicaset-controller update replicasets/status',
      'replicaset-controller update replicasets/status',
    ]);
    expect(actions(c, mark, 'kube-scheduler')).toEqual(['kube-scheduler create pods/binding']);
    expect(actions(c, mark, 'kubelet')).toContain('kubelet delete pods');
    const now = pods(c, 'app=web');
    expect(now).toHaveLength(2);
    expect(now.map((p) => p.metadata.name)).toContain(survivor?.metadata.name);
    expect(now.map((p) => p.metadata.name)).not.toContain(victim?.metadata.name);
    expect(now.every((p) => p.status?.phase === 'Running')).toBe(true);
    const created = now.find((p) => p.metadata.name !== survivor?.metadata.name);
    const rsEvents = messages(eventsFor(c, 'ReplicaSet'));
    expect(rsEvents).toContain(`Normal SuccessfulCreate: Created pod: ${created?.metadata.name ?? ''}`);
  });

  it('shows the deleted pod as Terminating until the kubelet has stopped its container', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 1);
    c.settle();
    const [p] = pods(c, 'app=web');
    kubectl(c, { verb: 'delete', resource: 'pods', namespace: 'default', name: p?.metadata.name ?? '' });
    const table = kubectl(c, {
      verb: 'get',
      resource: 'pods',
      namespace: 'default',
      name: p?.metadata.name ?? '',
      asTable: true,
    }).body as { rows: { cells: unknown[] }[] };
    expect(table.rows[0]?.cells.slice(1, 3)).toEqual(['1/1', 'Terminating']);
    c.settle();
    expect(kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name: p?.metadata.name ?? '' }).code).toBe(
      404,
    );
    expect(messages(eventsFor(c, 'Pod', p?.metadata.name))).toContain('Normal Killing: Stopping container nginx');
  });
});
