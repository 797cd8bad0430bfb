import { describe, expect, it } from 'vitest';
import { ApiServer, EtcdStore, FakeClock, Rand, type ApiRequest, type Deployment } from '../../src/sim/index.ts';
import { deploymentBody, kind, kubectl, NOW } from './helpers.ts';

function bare(): ApiServer {
  const api = new ApiServer(new EtcdStore(), new FakeClock(NOW), new Rand(1, 'api'));
  api.handle({
    verb: 'create',
    group: '',
    version: 'v1',
    resource: 'namespaces',
    body: { metadata: { name: 'default' } },
    userAgent: 'test',
  });
  return api;
}

const create = (api: ApiServer, body: unknown): ReturnType<ApiServer['handle']> =>
  api.handle({
    verb: 'create',
    group: 'apps',
    version: 'v1',
    resource: 'deployments',
    namespace: 'default',
    body,
    userAgent: 'kubectl',
  });

describe('kube-apiserver', () => {
  it('rejects an update carrying a stale resourceVersion with 409 Conflict', () => {
    const api = bare();
    const d = create(api, deploymentBody('web', 'nginx', 1)).body as Deployment;
    const fresh = structuredClone(d);
    fresh.spec.replicas = 2;
    expect(
      api.handle({
        verb: 'update',
        group: 'apps',
        version: 'v1',
        resource: 'deployments',
        namespace: 'default',
        name: 'web',
        body: fresh,
        userAgent: 'a',
      }).code,
    ).toBe(200);
    const stale = structuredClone(d);
    stale.spec.replicas = 5;
    const res = api.handle({
      verb: 'update',
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      namespace: 'default',
      name: 'web',
      body: stale,
      userAgent: 'b',
    });
    expect(res).toEqual({
      code: 409,
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message:
          'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
        reason: 'Conflict',
        details: { name: 'web', group: 'apps', kind: 'deployments' },
        code: 409,
      },
    });
  });

  it('bumps resourceVersion on every write and generation only on spec changes', () => {
    const api = bare();
    const d = create(api, deploymentBody('web', 'nginx', 1)).body as Deployment;
    const st = api.handle({
      verb: 'update',
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      subresource: 'status',
      namespace: 'default',
      name: 'web',
      body: { ...d, status: { replicas: 1 } },
      userAgent: 'x',
    }).body as Deployment;
    expect(Number(st.metadata.resourceVersion)).toBeGreaterThan(Number(d.metadata.resourceVersion));
    expect(st.metadata.generation).toBe(1);
    const sp = api.handle({
      verb: 'patch',
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      namespace: 'default',
      name: 'web',
      patchType: 'merge',
      body: { spec: { replicas: 3 } },
      userAgent: 'x',
    }).body as Deployment;
    expect(sp.metadata.generation).toBe(2);
    expect(sp.status).toEqual({ replicas: 1 });
  });

  it('answers NotFound, AlreadyExists and Invalid with the real messages', () => {
    const api = bare();
    expect(
      api.handle({
        verb: 'get',
        group: '',
        version: 'v1',
        resource: 'pods',
        namespace: 'default',
        name: 'x',
        userAgent: 'k',
      }).body,
    ).toMatchObject({ reason: 'NotFound', code: 404, message: 'pods "x" not found' });
    create(api, deploymentBody('web', 'nginx', 1));
    expect(create(api, deploymentBody('web', 'nginx', 1)).body).toMatchObject({
      reason: 'AlreadyExists',
      code: 409,
      message: 'deployments.apps "web" already exists',
    });
    const bad = deploymentBody('web2', 'nginx', -1);
    expect(create(api, bad).body).toMatchObject({
      reason: 'Invalid',
      code: 422,
      message:
        'Deployment.apps "web2" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    });
    expect(create(api, { ...deploymentBody('Bad_Name', 'nginx', 1) }).body).toMatchObject({
      reason: 'Invalid',
      message: expect.stringContaining(
        'Deployment.apps "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain',
      ),
    });
    const mismatch = deploymentBody('web3', 'nginx', 1);
    mismatch.spec.selector = { matchLabels: { app: 'other' } };
    expect((create(api, mismatch).body as { message: string }).message).toBe(
      'Deployment.apps "web3" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"web3"}: `selector` does not match template `labels`',
    );
    expect(
      api.handle({
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'pods',
        namespace: 'nope',
        body: { metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
        userAgent: 'k',
      }).body,
    ).toMatchObject({ reason: 'NotFound', message: 'namespaces "nope" not found' });
  });

  it('never throws, whatever the request', () => {
    const api = bare();
    const rand = new Rand(99, 'fuzz');
    const values: unknown[] = [
      undefined,
      null,
      0,
      -1,
      1.5,
      NaN,
      '',
      'x',
      'pods',
      'apps',
      'v1',
      true,
      [],
      {},
      { metadata: 5 },
      { metadata: { name: 'a', labels: { 'bad key!': 1 } } },
      { spec: { containers: 'no' } },
      [{ op: 'add', path: '/x', value: 1 }],
      { spec: { replicas: 'lots' } },
    ];
    const cyclic: Record<string, unknown> = { metadata: { name: 'loop' } };
    cyclic['self'] = cyclic;
    values.push(cyclic, { metadata: { name: 'fn' }, spec: { f: () => 1 } }, new Date(0), {
      metadata: { name: 'deep' },
      spec: JSON.parse('['.repeat(100) + ']'.repeat(100)) as unknown,
    });
    const verbs = ['get', 'list', 'create', 'update', 'patch', 'delete', 'deletecollection', 'watch', 'frob', 5];
    const resources = [
      'pods',
      'deployments',
      'nodes',
      'namespaces',
      'services',
      'events',
      'configmaps',
      'leases',
      'replicasets',
      'nope',
      undefined,
    ];
    const pick = <T>(xs: readonly T[]): T => xs[rand.int(xs.length)] as T;
    for (let i = 0; i < 3000; i++) {
      const req = {
        verb: pick(verbs),
        group: pick(['', 'apps', 'coordination.k8s.io', 7, undefined]),
        version: pick(['v1', 'v2', undefined]),
        resource: pick(resources),
        subresource: pick([undefined, 'status', 'scale', 'binding', 'log', 'eviction', 'bogus']),
        namespace: pick([undefined, 'default', '', 'nope', 3]),
        name: pick([undefined, 'a', 'loop', 'web', '', {}]),
        body: pick(values),
        labelSelector: pick([undefined, 'app=web', 'app in (a,b', '!!', 'x notin ()']),
        fieldSelector: pick([undefined, 'metadata.name=a', 'status.phase!=Running', 'nope=1', '=']),
        patchType: pick(['merge', 'strategic', 'json', undefined]),
        asTable: pick([true, false, undefined]),
        userAgent: pick(['fuzz', undefined]),
      } as unknown as ApiRequest;
      const res = api.handle(req);
      expect(typeof res.code).toBe('number');
      if (res.code >= 400) expect(res.body).toMatchObject({ kind: 'Status', status: 'Failure' });
    }
    expect(api.handle(null as unknown as ApiRequest).code).toBe(405);
  });

  it('serves server-side tables with the kubectl v1.30 columns, wide ones only on request', () => {
    const c = kind();
    const t = kubectl(c, { verb: 'list', resource: 'pods', namespace: 'kube-system', asTable: true }).body as {
      columnDefinitions: { name: string; priority: number }[];
      rows: { cells: unknown[] }[];
    };
    expect(t.columnDefinitions.map((d) => d.name)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    const w = kubectl(c, { verb: 'list', resource: 'pods', namespace: 'kube-system', asTable: true, wide: true })
      .body as typeof t;
    expect(w.columnDefinitions.map((d) => `${d.name}:${d.priority}`)).toEqual([
      'Name:0',
      'Ready:0',
      'Status:0',
      'Restarts:0',
      'Age:0',
      'IP:1',
      'Node:1',
      'Nominated Node:1',
      'Readiness Gates:1',
    ]);
    const etcd = w.rows.find((r) => r.cells[0] === 'etcd-kind-control-plane');
    expect(etcd?.cells).toEqual([
      'etcd-kind-control-plane',
      '1/1',
      'Running',
      '0',
      expect.stringMatching(/^\d+s$/),
      '172.18.0.2',
      'kind-control-plane',
      '<none>',
      '<none>',
    ]);
    const nodes = kubectl(c, { verb: 'list', resource: 'nodes', asTable: true, wide: true }).body as typeof t;
    expect(nodes.rows[0]?.cells).toEqual([
      'kind-control-plane',
      'Ready',
      'control-plane',
      expect.any(String),
      'v1.30.0',
      '172.18.0.2',
      '<none>',
      'Debian GNU/Linux 12 (bookworm)',
      '6.8.0-45-generic',
      'containerd://1.7.15',
    ]);
    const svc = kubectl(c, { verb: 'list', resource: 'services', namespace: 'kube-system', asTable: true, wide: true })
      .body as typeof t;
    expect(svc.rows[0]?.cells).toEqual([
      'kube-dns',
      'ClusterIP',
      '10.96.0.10',
      '<none>',
      '53/UDP,53/TCP,9153/TCP',
      expect.any(String),
      'k8s-app=kube-dns',
    ]);
    const ev = kubectl(c, { verb: 'list', resource: 'events', namespace: 'default', asTable: true }).body as typeof t;
    expect(ev.columnDefinitions.map((d) => d.name)).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Message']);
    expect(ev.rows.find((r) => r.cells[2] === 'NodeReady')?.cells.slice(1)).toEqual([
      'Normal',
      'NodeReady',
      'node/kind-control-plane',
      'Node kind-control-plane status is now: NodeReady',
    ]);
    const evWide = kubectl(c, { verb: 'list', resource: 'events', namespace: 'default', asTable: true, wide: true })
      .body as typeof t;
    expect(evWide.rows.find((r) => r.cells[2] === 'NodeReady')?.cells.slice(4, 6)).toEqual([
      '',
      'kubelet, kind-control-plane',
    ]);
    const names = (kubectl(c, { verb: 'list', resource: 'pods', asTable: true }).body as typeof t).rows.map(
      (r) => r.cells[0] as string,
    );
    expect(names.filter((n) => !/-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(n))).toEqual([
      'etcd-kind-control-plane',
      'kube-apiserver-kind-control-plane',
      'kube-controller-manager-kind-control-plane',
      'kube-scheduler-kind-control-plane',
    ]);
    expect(names.filter((n) => n.startsWith('coredns-7db6d8ff4d-'))).toHaveLength(2);
    expect(names.filter((n) => n.startsWith('local-path-provisioner-988d74bc-'))).toHaveLength(1);
  });

  it('streams watch events, resumes from a resourceVersion, and reports compacted revisions as 410 Expired', () => {
    const api = bare();
    const seen: string[] = [];
    const list = api.handle({
      verb: 'list',
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      namespace: 'default',
      userAgent: 'w',
    }).body as { metadata: { resourceVersion: string } };
    const stop = api.watch(
      {
        verb: 'watch',
        group: 'apps',
        version: 'v1',
        resource: 'deployments',
        namespace: 'default',
        resourceVersion: list.metadata.resourceVersion,
        userAgent: 'w',
      },
      (ev) => seen.push(`${ev.type} ${(ev.object as Deployment).metadata.name ?? ''}`),
    );
    create(api, deploymentBody('a', 'nginx', 1));
    api.handle({
      verb: 'delete',
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      namespace: 'default',
      name: 'a',
      userAgent: 'k',
    });
    stop();
    create(api, deploymentBody('b', 'nginx', 1));
    expect(seen).toEqual(['ADDED a', 'DELETED a']);
    const replay: string[] = [];
    api.watch(
      {
        verb: 'watch',
        group: 'apps',
        version: 'v1',
        resource: 'deployments',
        namespace: 'default',
        resourceVersion: list.metadata.resourceVersion,
        userAgent: 'w',
      },
      (ev) => replay.push(`${ev.type} ${(ev.object as Deployment).metadata.name ?? ''}`),
    );
    expect(replay).toEqual(['ADDED a', 'DELETED a', 'ADDED b']);
    const closed: unknown[] = [];
    const etcd = new EtcdStore();
    const api2 = new ApiServer(etcd, new FakeClock(NOW), new Rand(1));
    api2.handle({
      verb: 'create',
      group: '',
      version: 'v1',
      resource: 'namespaces',
      body: { metadata: { name: 'default' } },
      userAgent: 't',
    });
    create(api2, deploymentBody('x', 'nginx', 1));
    etcd.compact(etcd.revision);
    api2.watch(
      { verb: 'watch', group: 'apps', version: 'v1', resource: 'deployments', resourceVersion: '1', userAgent: 'w' },
      () => undefined,
      (st) => closed.push(st),
    );
    expect(closed).toEqual([
      expect.objectContaining({
        code: 410,
        reason: 'Expired',
        message: `too old resource version: 1 (${etcd.revision})`,
      }),
    ]);
  });

  it("keeps a client's request body untouched, and fills in a body the client hands over", () => {
    const api = bare();
    const createConfigMap = (body: object, transfer?: boolean): unknown =>
      api.handle({
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'configmaps',
        namespace: 'default',
        body,
        ...(transfer ? { transfer } : {}),
        userAgent: 'test',
      }).body;
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' }, data: { a: '1' } };
    const stored = createConfigMap(body) as { metadata: { uid?: string } };
    expect(stored).not.toBe(body);
    expect(stored.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(body).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kept' }, data: { a: '1' } });
    expect(Object.isFrozen(body)).toBe(false);

    const given = { kind: 'ConfigMap', metadata: { name: 'given' }, data: { b: '2' } };
    const handed = createConfigMap(given, true);
    expect(handed).toBe(given);
    // The same fields and key order as a copy would have.
    expect(Object.keys(given)).toEqual(['kind', 'metadata', 'data', 'apiVersion']);
    const got = api.handle({
      verb: 'get',
      group: '',
      version: 'v1',
      resource: 'configmaps',
      namespace: 'default',
      name: 'given',
      userAgent: 'test',
    });
    expect(got.body).toBe(given);
  });

  it('records who asked for what', () => {
    const api = bare();
    const mark = api.requestLog.mark();
    create(api, deploymentBody('web', 'nginx', 1));
    api.handle({
      verb: 'get',
      group: 'apps',
      version: 'v1',
      resource: 'deployments',
      namespace: 'default',
      name: 'nope',
      userAgent: 'kubectl',
    });
    expect(api.requestLog.since(mark).map((r) => [r.userAgent, r.verb, r.resource, r.name ?? '', r.code])).toEqual([
      ['kubectl', 'create', 'deployments', '', 201],
      ['kubectl', 'get', 'deployments', 'nope', 404],
    ]);
  });
});
