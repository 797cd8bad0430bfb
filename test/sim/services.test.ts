import { describe, expect, it } from 'vitest';
import { createCluster, type Endpoints, type Service } from '../../src/sim/index.ts';
import { createDeployment, kind, kubectl, NOW } from './helpers.ts';

function expose(c: ReturnType<typeof kind>, type: 'ClusterIP' | 'LoadBalancer'): Service {
  return kubectl(c, {
    verb: 'create',
    resource: 'services',
    namespace: 'default',
    body: {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { type, selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] },
    },
  }).body as Service;
}

describe('Services, endpoints, kube-proxy and the cloud controller', () => {
  it('gives a Service a ClusterIP, lists ready pods as endpoints, and kube-proxy routes to one of them', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 3);
    const svc = expose(c, 'ClusterIP');
    expect(svc.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
    c.settle();
    const ep = kubectl(c, { verb: 'get', resource: 'endpoints', namespace: 'default', name: 'web' }).body as Endpoints;
    expect(ep.subsets?.[0]?.addresses).toHaveLength(3);
    expect(ep.subsets?.[0]?.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const row = (
      kubectl(c, { verb: 'get', resource: 'endpoints', namespace: 'default', name: 'web', asTable: true }).body as {
        rows: { cells: unknown[] }[];
      }
    ).rows[0];
    expect(row?.cells[1]).toMatch(/^10\.244\.0\.\d+:80,10\.244\.0\.\d+:80,10\.244\.0\.\d+:80$/);
    const proxy = c.proxy('kind-control-plane');
    const hit = proxy?.route(svc.spec.clusterIP ?? '', 80);
    expect(hit?.ok).toBe(true);
    if (hit?.ok) expect(ep.subsets?.[0]?.addresses?.map((a) => a.ip)).toContain(hit.backend.ip);
    const rules = proxy?.rules() ?? [];
    expect(
      rules.some((r) =>
        r.includes(`-d ${svc.spec.clusterIP ?? ''}/32 -p tcp -m comment --comment "default/web cluster IP"`),
      ),
    ).toBe(true);
    expect(rules.filter((r) => r.includes('"default/web" -m tcp -j DNAT --to-destination'))).toHaveLength(3);
  });

  it('keeps a LoadBalancer Service <pending> on kind, where there is no cloud-controller-manager', () => {
    const c = kind();
    expose(c, 'LoadBalancer');
    c.settle();
    const row = (
      kubectl(c, { verb: 'get', resource: 'services', namespace: 'default', name: 'web', asTable: true }).body as {
        rows: { cells: unknown[] }[];
      }
    ).rows[0];
    expect(row?.cells.slice(1, 5)).toEqual([
      'LoadBalancer',
      expect.stringMatching(/^10\.96\./),
      '<pending>',
      expect.stringMatching(/^80:3\d{4}\/TCP$/),
    ]);
  });

  it('gets an external IP from the cloud-controller-manager on a managed cluster, whose control plane is hidden', () => {
    const c = createCluster({ profile: 'managed', seed: 9, now: NOW });
    expect(c.nodeNames()).toHaveLength(3);
    const ns = kubectl(c, { verb: 'list', resource: 'pods', namespace: 'kube-system' }).body as {
      items: { metadata: { name: string } }[];
    };
    expect(
      ns.items.some((p) => p.metadata.name.startsWith('kube-apiserver') || p.metadata.name.startsWith('etcd')),
    ).toBe(false);
    expose(c, 'LoadBalancer');
    c.settle();
    const svc = kubectl(c, { verb: 'get', resource: 'services', namespace: 'default', name: 'web' }).body as Service;
    expect(svc.status?.loadBalancer?.ingress?.[0]?.ip).toMatch(/^34\.\d+\.\d+\.\d+$/);
    const evs = c
      .events()
      .filter((e) => e.involvedObject.name === 'web')
      .map((e) => `${e.reason ?? ''}: ${e.message ?? ''} (${e.source?.component ?? ''})`);
    expect(evs).toEqual([
      'EnsuringLoadBalancer: Ensuring load balancer (service-controller)',
      'EnsuredLoadBalancer: Ensured load balancer (service-controller)',
    ]);
  });
});
