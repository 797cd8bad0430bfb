import { describe, expect, it } from 'vitest';
import { actions, eventsFor, kind, kubectl, messages, pods } from './helpers.ts';
import { createCluster, type Pod } from '../../src/sim/index.ts';
import { NOW } from './helpers.ts';

function pod(name: string, spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}): unknown {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels: { run: name } },
    spec: { containers: [{ name, image: 'nginx:1.27', ...container }], ...spec },
  };
}

describe('kube-scheduler', () => {
  it('leaves a pod that fits nowhere Pending with the real FailedScheduling message', () => {
    const c = kind();
    kubectl(c, {
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: pod('hungry', {}, { resources: { requests: { cpu: '64' } } }),
    });
    c.settle();
    const p = pods(c).find((x) => x.metadata.name === 'hungry') as Pod;
    expect(p.status?.phase).toBe('Pending');
    expect(p.spec.nodeName).toBeUndefined();
    const msg =
      '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
    expect(messages(eventsFor(c, 'Pod', 'hungry'))).toEqual([`Warning FailedScheduling: ${msg}`]);
    expect(p.status?.conditions?.find((x) => x.type === 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: msg,
    });
    const row = (
      kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name: 'hungry', asTable: true }).body as {
        rows: { cells: unknown[] }[];
      }
    ).rows[0];
    expect(row?.cells.slice(0, 4)).toEqual(['hungry', '0/1', 'Pending', '0']);
  });

  it('reports node selector mismatches as not helped by preemption', () => {
    const c = kind();
    kubectl(c, {
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: pod('picky', { nodeSelector: { disktype: 'ssd' } }),
    });
    c.settle();
    expect(messages(eventsFor(c, 'Pod', 'picky'))).toEqual([
      "Warning FailedScheduling: 0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    ]);
  });

  it('schedules the pod once a matching node label appears (the unschedulable queue is retried on node events)', () => {
    const c = kind();
    kubectl(c, {
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: pod('picky', { nodeSelector: { disktype: 'ssd' } }),
    });
    c.settle();
    kubectl(c, {
      verb: 'patch',
      resource: 'nodes',
      name: 'kind-control-plane',
      patchType: 'merge',
      body: { metadata: { labels: { disktype: 'ssd' } } },
    });
    c.settle();
    const p = pods(c).find((x) => x.metadata.name === 'picky');
    expect(p?.spec.nodeName).toBe('kind-control-plane');
    expect(p?.status?.phase).toBe('Running');
  });

  it('does not place workloads on a tainted control-plane node and spreads replicas across workers', () => {
    const c = createCluster({ profile: 'kind-multi', workers: 3, seed: 3, now: NOW });
    const mark = c.api.requestLog.mark();
    kubectl(c, {
      verb: 'create',
      group: 'apps',
      resource: 'deployments',
      namespace: 'default',
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 6,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
          },
        },
      },
    });
    c.settle();
    expect(actions(c, mark, 'kube-scheduler')).toEqual(Array(6).fill('kube-scheduler create pods/binding'));
    const perNode = new Map<string, number>();
    for (const p of pods(c, 'app=web'))
      perNode.set(p.spec.nodeName ?? '', (perNode.get(p.spec.nodeName ?? '') ?? 0) + 1);
    expect([...perNode.keys()].sort()).toEqual(['kind-worker', 'kind-worker2', 'kind-worker3']);
    expect([...perNode.values()]).toEqual([2, 2, 2]);
  });

  it('reports an untolerated taint on a NotReady node the way kind shows it', () => {
    const c = kind({ settle: false });
    c.bootstrap();
    c.step();
    c.step();
    const dns = eventsFor(c, 'Pod').filter((e) => e.involvedObject.name?.startsWith('coredns-'));
    expect(messages(dns)).toContain(
      'Warning FailedScheduling: 0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/not-ready: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    c.settle();
    expect(pods(c, 'k8s-app=kube-dns', 'kube-system').map((p) => p.status?.phase)).toEqual(['Running', 'Running']);
  });

  it('keeps new pods off a cordoned node, which gets the unschedulable taint', () => {
    const c = kind();
    kubectl(c, {
      verb: 'patch',
      resource: 'nodes',
      name: 'kind-control-plane',
      patchType: 'strategic',
      body: { spec: { unschedulable: true } },
    });
    c.settle();
    const node = kubectl(c, { verb: 'get', resource: 'nodes', name: 'kind-control-plane', asTable: true }).body as {
      rows: { cells: unknown[] }[];
    };
    expect(node.rows[0]?.cells[1]).toBe('Ready,SchedulingDisabled');
    const n = kubectl(c, { verb: 'get', resource: 'nodes', name: 'kind-control-plane' }).body as {
      spec: { taints?: { key: string; effect: string }[] };
    };
    expect(n.spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unschedulable:NoSchedule']);
    kubectl(c, { verb: 'create', resource: 'pods', namespace: 'default', body: pod('late') });
    c.settle();
    expect(messages(eventsFor(c, 'Pod', 'late'))).toEqual([
      'Warning FailedScheduling: 0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    ]);
  });
});
