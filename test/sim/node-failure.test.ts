import { describe, expect, it } from 'vitest';
import { createCluster, type Node, type Pod } from '../../src/sim/index.ts';
import { createDeployment, eventsFor, kubectl, messages, NOW, pods } from './helpers.ts';

function node(c: ReturnType<typeof createCluster>, name: string): Node {
  return kubectl(c, { verb: 'get', resource: 'nodes', name }).body as Node;
}

describe('node lifecycle', () => {
  it('marks a silent node NotReady, taints it, and evicts its pods after the 300s toleration; replacements run elsewhere', () => {
    const c = createCluster({ profile: 'kind-multi', workers: 2, seed: 11, now: NOW });
    createDeployment(c, 'web', 'nginx:1.27', 4);
    c.settle();
    const onWorker = pods(c, 'app=web').filter((p) => p.spec.nodeName === 'kind-worker');
    expect(onWorker.length).toBeGreaterThan(0);
    c.faults.nodeDown('kind-worker');
    c.advance(30_000);
    expect(node(c, 'kind-worker').status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    c.advance(20_000);
    const n = node(c, 'kind-worker');
    expect(n.status?.conditions?.find((x) => x.type === 'Ready')).toMatchObject({
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    });
    expect(n.spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ]);
    const nodesTable = kubectl(c, { verb: 'list', resource: 'nodes', asTable: true }).body as {
      rows: { cells: unknown[] }[];
    };
    expect(nodesTable.rows.map((r) => r.cells[1])).toEqual(['Ready', 'NotReady', 'Ready']);
    expect(messages(eventsFor(c, 'Node', 'kind-worker'))).toContain(
      'Normal NodeNotReady: Node kind-worker status is now: NodeNotReady',
    );
    // Pods are still there (marked not ready) until their 300s toleration runs out.
    expect(
      pods(c, 'app=web').filter((p) => p.spec.nodeName === 'kind-worker' && !p.metadata.deletionTimestamp),
    ).toHaveLength(onWorker.length);
    c.advance(300_000);
    c.settle();
    const all = pods(c, 'app=web');
    const evicted = all.filter((p) => p.spec.nodeName === 'kind-worker');
    expect(evicted.every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true);
    const live = all.filter((p) => !p.metadata.deletionTimestamp);
    expect(live).toHaveLength(4);
    expect(live.every((p) => p.spec.nodeName === 'kind-worker2' && p.status?.phase === 'Running')).toBe(true);
    const first = onWorker[0] as Pod;
    expect(messages(eventsFor(c, 'Pod', first.metadata.name))).toContain(
      `Normal TaintManagerEviction: Marking for deletion Pod default/${first.metadata.name ?? ''}`,
    );
  });

  it('brings a node back: it turns Ready, loses its taints, and the stuck Terminating pods are cleaned up', () => {
    const c = createCluster({ profile: 'kind-multi', workers: 2, seed: 11, now: NOW });
    createDeployment(c, 'web', 'nginx:1.27', 4);
    c.settle();
    c.faults.nodeDown('kind-worker');
    c.advance(400_000);
    c.faults.nodeUp('kind-worker');
    c.settle();
    c.advance(10_000);
    c.settle();
    const n = node(c, 'kind-worker');
    expect(n.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    expect(n.spec.taints).toBeUndefined();
    expect(pods(c, 'app=web')).toHaveLength(4);
  });

  it('keeps a node that came back Ready for good: its kubelet adopts the existing Lease', () => {
    const c = createCluster({ profile: 'kind-multi', workers: 1, seed: 12, now: NOW });
    c.settle();
    c.faults.nodeDown('kind-worker');
    c.advance(120_000);
    expect(node(c, 'kind-worker').status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('Unknown');
    c.faults.nodeUp('kind-worker');
    c.advance(300_000);
    const n = node(c, 'kind-worker');
    expect(n.status?.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    expect(n.spec.taints).toBeUndefined();
  });

  it('makes a full node refuse new pods with "Too many pods"', () => {
    const c = createCluster({ profile: 'kind', seed: 5, now: NOW });
    c.faults.fillNode('kind-control-plane');
    c.settle();
    createDeployment(c, 'web', 'nginx', 1);
    c.settle();
    const [p] = pods(c, 'app=web');
    expect(p?.status?.phase).toBe('Pending');
    expect(messages(eventsFor(c, 'Pod', p?.metadata.name))).toEqual([
      'Warning FailedScheduling: 0/1 nodes are available: 1 Too many pods. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    ]);
  });
});
