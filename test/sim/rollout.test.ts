import { describe, expect, it } from 'vitest';
import {
  createDeployment,
  eventsFor,
  getDeployment,
  kind,
  kubectl,
  messages,
  pods,
  replicaSets,
  setImage,
} from './helpers.ts';
import type { Deployment } from '../../src/sim/index.ts';

describe('rolling update and rollback', () => {
  it('defaults a Deployment like the real API server (RollingUpdate 25%/25%, revisionHistoryLimit 10)', () => {
    const c = kind();
    const d = createDeployment(c, 'web', 'nginx', 2).body as Deployment;
    expect(d.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
    });
    expect(d.spec.revisionHistoryLimit).toBe(10);
    expect(d.spec.progressDeadlineSeconds).toBe(600);
    expect(d.spec.template.spec.containers[0]).toMatchObject({
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
    });
    expect(d.metadata.generation).toBe(1);
  });

  it('rolls out a new image through a new ReplicaSet within maxSurge/maxUnavailable, keeping the old one at 0', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx:1.26', 4);
    c.settle();
    const oldRS = replicaSets(c)[0]?.metadata.name ?? '';
    expect(setImage(c, 'web', 'nginx', 'nginx:1.27').code).toBe(200);
    expect(getDeployment(c, 'web').metadata.generation).toBe(2);
    let maxTotal = 0;
    for (let i = 0; i < 60; i++) {
      c.step();
      const active = pods(c, 'app=web').filter((p) => !p.metadata.deletionTimestamp).length;
      maxTotal = Math.max(maxTotal, active);
    }
    expect(maxTotal).toBeLessThanOrEqual(5);
    const rss = replicaSets(c);
    expect(rss).toHaveLength(2);
    const newRS = rss.find((r) => r.metadata.name !== oldRS);
    expect(rss.find((r) => r.metadata.name === oldRS)?.spec.replicas).toBe(0);
    expect(newRS?.spec.replicas).toBe(4);
    expect(newRS?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(getDeployment(c, 'web').metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const ps = pods(c, 'app=web');
    expect(ps).toHaveLength(4);
    expect(ps.every((p) => p.spec.containers[0]?.image === 'nginx:1.27' && p.status?.phase === 'Running')).toBe(true);
    const evs = messages(eventsFor(c, 'Deployment', 'web'));
    expect(evs[0]).toBe(`Normal ScalingReplicaSet: Scaled up replica set ${oldRS} to 4`);
    expect(evs).toContain(`Normal ScalingReplicaSet: Scaled up replica set ${newRS?.metadata.name ?? ''} to 1`);
    expect(evs).toContain(`Normal ScalingReplicaSet: Scaled down replica set ${oldRS} to 0 from 1`);
    expect(getDeployment(c, 'web').status).toMatchObject({
      replicas: 4,
      updatedReplicas: 4,
      readyReplicas: 4,
      availableReplicas: 4,
    });
  });

  it('rolls back by reusing the old ReplicaSet, which becomes revision 3', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx:1.26', 2);
    c.settle();
    const first = replicaSets(c)[0]?.metadata.name ?? '';
    setImage(c, 'web', 'nginx', 'nginx:1.27');
    c.settle();
    setImage(c, 'web', 'nginx', 'nginx:1.26');
    c.settle();
    const rss = replicaSets(c);
    expect(rss).toHaveLength(2);
    const back = rss.find((r) => r.metadata.name === first);
    expect(back?.spec.replicas).toBe(2);
    expect(back?.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(
      pods(c, 'app=web').every(
        (p) => p.metadata.labels?.['pod-template-hash'] === back?.metadata.labels?.['pod-template-hash'],
      ),
    ).toBe(true);
  });

  it('keeps a broken rollout from taking down the old pods (maxUnavailable)', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx:1.26', 4);
    c.settle();
    setImage(c, 'web', 'nginx', 'nginx:9.99');
    c.advance(60_000);
    const ps = pods(c, 'app=web');
    const running = ps.filter((p) => p.spec.containers[0]?.image === 'nginx:1.26' && p.status?.phase === 'Running');
    expect(running.length).toBeGreaterThanOrEqual(3);
    const d = getDeployment(c, 'web');
    expect(d.status?.availableReplicas).toBeGreaterThanOrEqual(3);
    expect(
      kubectl(c, {
        verb: 'get',
        group: 'apps',
        resource: 'deployments',
        namespace: 'default',
        name: 'web',
        asTable: true,
      }).body,
    ).toMatchObject({ rows: [{ cells: ['web', '3/4', 2, 3, expect.any(String)] }] });
  });
});
