import { describe, expect, it } from 'vitest';
import { actions, createDeployment, kind, kubectl, pods, replicaSets } from './helpers.ts';

describe('garbage collector and namespace deletion', () => {
  it('cascades a Deployment delete to its ReplicaSet and pods (background)', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 2);
    c.settle();
    const mark = c.api.requestLog.mark();
    expect(
      kubectl(c, {
        verb: 'delete',
        group: 'apps',
        resource: 'deployments',
        namespace: 'default',
        name: 'web',
        propagationPolicy: 'Background',
      }).code,
    ).toBe(200);
    c.settle();
    expect(replicaSets(c)).toHaveLength(0);
    expect(pods(c, 'app=web')).toHaveLength(0);
    const gc = actions(c, mark, 'generic-garbage-collector');
    expect(gc[0]).toBe('generic-garbage-collector delete replicasets');
    expect(gc.filter((a) => a === 'generic-garbage-collector delete pods')).toHaveLength(2);
  });

  it('keeps the owner until its dependents are gone with foreground deletion', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 2);
    c.settle();
    const res = kubectl(c, {
      verb: 'delete',
      group: 'apps',
      resource: 'deployments',
      namespace: 'default',
      name: 'web',
      propagationPolicy: 'Foreground',
    });
    expect((res.body as { metadata: { finalizers?: string[] } }).metadata.finalizers).toEqual(['foregroundDeletion']);
    c.step();
    expect(
      kubectl(c, { verb: 'get', group: 'apps', resource: 'deployments', namespace: 'default', name: 'web' }).code,
    ).toBe(200);
    c.settle();
    expect(
      kubectl(c, { verb: 'get', group: 'apps', resource: 'deployments', namespace: 'default', name: 'web' }).code,
    ).toBe(404);
    expect(pods(c, 'app=web')).toHaveLength(0);
  });

  it('orphans dependents with propagationPolicy Orphan', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 2);
    c.settle();
    kubectl(c, {
      verb: 'delete',
      group: 'apps',
      resource: 'deployments',
      namespace: 'default',
      name: 'web',
      propagationPolicy: 'Orphan',
    });
    c.settle();
    const [rs] = replicaSets(c);
    expect(rs?.metadata.ownerReferences ?? []).toEqual([]);
    expect(pods(c, 'app=web')).toHaveLength(2);
  });

  it('deletes everything in a namespace before the namespace itself goes', () => {
    const c = kind();
    kubectl(c, { verb: 'create', resource: 'namespaces', body: { metadata: { name: 'team' } } });
    createDeployment(c, 'web', 'nginx', 2, 'team');
    c.settle();
    const res = kubectl(c, { verb: 'delete', resource: 'namespaces', name: 'team' });
    expect(res.body).toMatchObject({ status: { phase: 'Terminating' } });
    const refused = createDeployment(c, 'late', 'nginx', 1, 'team');
    expect(refused.code).toBe(403);
    expect(refused.body).toMatchObject({
      reason: 'Forbidden',
      message:
        'deployments.apps "late" is forbidden: unable to create new content in namespace team because it is being terminated',
    });
    c.settle();
    expect(kubectl(c, { verb: 'get', resource: 'namespaces', name: 'team' }).code).toBe(404);
    expect(pods(c, undefined, 'team')).toHaveLength(0);
  });
});
