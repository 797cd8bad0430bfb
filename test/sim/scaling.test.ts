import { describe, expect, it } from 'vitest';
import { actions, createDeployment, eventsFor, kind, messages, pods, replicaSets, scale } from './helpers.ts';

describe('scaling a Deployment', () => {
  it('scales 3 -> 1: the deployment controller resizes the ReplicaSet, the ReplicaSet controller deletes two pods', () => {
    const c = kind();
    createDeployment(c, 'demo', 'nginx', 3);
    c.settle();
    const rs = replicaSets(c)[0]?.metadata.name ?? '';
    const mark = c.api.requestLog.mark();
    expect(scale(c, 'demo', 1).code).toBe(200);
    c.settle();
    const dc = actions(c, mark, 'deployment-controller');
    expect(dc[0]).toBe('deployment-controller update replicasets');
    expect(new Set(dc.slice(1))).toEqual(new Set(['deployment-controller update deployments/status']));
    expect(actions(c, mark, 'replicaset-controller').filter((a) => a.endsWith('delete pods'))).toHaveLength(2);
    expect(pods(c, 'app=demo')).toHaveLength(1);
    expect(messages(eventsFor(c, 'Deployment', 'demo'))).toContain(
      `Normal ScalingReplicaSet: Scaled down replica set ${rs} to 1 from 3`,
    );
    expect(messages(eventsFor(c, 'ReplicaSet', rs)).filter((m) => m.includes('SuccessfulDelete'))).toHaveLength(2);
  });

  it('deletes the youngest pods first when scaling down (log-scale age buckets, then UID)', () => {
    const c = kind();
    createDeployment(c, 'demo', 'nginx:1.27', 1);
    c.settle();
    const [oldest] = pods(c, 'app=demo');
    c.advance(120_000);
    scale(c, 'demo', 3);
    c.settle();
    scale(c, 'demo', 1);
    c.settle();
    expect(pods(c, 'app=demo').map((p) => p.metadata.name)).toEqual([oldest?.metadata.name]);
  });

  it('scales 1 -> 10: nine pods are created and all become Running', () => {
    const c = kind();
    createDeployment(c, 'demo', 'nginx', 1);
    c.settle();
    const mark = c.api.requestLog.mark();
    scale(c, 'demo', 10);
    c.settle();
    expect(actions(c, mark, 'replicaset-controller').filter((a) => a.endsWith('create pods'))).toHaveLength(9);
    const ps = pods(c, 'app=demo');
    expect(ps).toHaveLength(10);
    expect(new Set(ps.map((p) => p.status?.phase))).toEqual(new Set(['Running']));
    const rs = replicaSets(c)[0];
    expect(rs?.status).toMatchObject({ replicas: 10, readyReplicas: 10, availableReplicas: 10 });
  });

  it('rejects a negative replica count with the real Invalid message', () => {
    const c = kind();
    createDeployment(c, 'demo', 'nginx', 1);
    const res = scale(c, 'demo', -1);
    expect(res.code).toBe(422);
    expect(res.body).toMatchObject({
      reason: 'Invalid',
      message:
        'Scale.autoscaling "demo" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    });
  });
});
