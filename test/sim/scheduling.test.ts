import { describe, expect, it } from 'vitest';
import {
  actions,
  createDeployment,
  createPod,
  deploymentBody,
  eventsFor,
  kind,
  kubectl,
  messages,
  pods,
} from './helpers.ts';
import { createCluster, type Pod } from '../../src/sim/index.ts';
import type { Node } from '../../src/sim/api/types.ts';
import { normalizeScores } from '../../src/sim/scheduler/scheduler.ts';
import { NOW } from './helpers.ts';
import { podTopologySpread } from '../../src/sim/scheduler/plugins/pod-topology-spread.ts';
import { cycleState, nodeInfoFor, type NodeInfo } from '../../src/sim/scheduler/framework.ts';

function nodeInfos(names: string[], zone?: (name: string) => string): NodeInfo[] {
  return names.map((name, i) => {
    const labels: Record<string, string> = { 'kubernetes.io/hostname': name };
    if (zone) labels['topology.kubernetes.io/zone'] = zone(name);
    const ni = nodeInfoFor({ apiVersion: 'v1', kind: 'Node', metadata: { name, labels }, spec: {} });
    ni.slot = i;
    return ni;
  });
}

/** PodTopologySpread's raw and normalized scores for a ReplicaSet pod, given its siblings per node. */
function spreadScores(
  nodes: NodeInfo[],
  siblings: number[],
  allNodes: NodeInfo[] = nodes,
): { raw: number[]; normalized: number[] } {
  const state = cycleState({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'web-1',
      namespace: 'default',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: 'rs-uid', controller: true }],
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  } as Pod);
  state.spread = new Map(allNodes.map((ni, i) => [ni, siblings[i] ?? 0] as const).filter(([, n]) => n > 0));
  const out = new Float64Array(nodes.length);
  podTopologySpread.score(state, nodes, nodes.length, out);
  const raw = [...out];
  const max = Math.max(0, ...raw);
  const min = Math.min(...raw);
  return { raw, normalized: raw.map((s) => podTopologySpread.normalize?.(s, max, min) ?? s) };
}

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

  it("counts an init container's request: the largest of them, or the app containers' sum if larger", () => {
    const c = kind();
    const create = (name: string, initCpu: string) =>
      createPod(c, name, {
        initContainers: [
          { name: 'setup', image: 'busybox', command: ['true'], resources: { requests: { cpu: initCpu } } },
        ],
        containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m' } } }],
      });
    // The app needs 100m, but its init container 64 CPUs at first: no node has that much.
    create('init-hungry', '64');
    create('init-light', '50m');
    c.settle();
    const hungry = pods(c).find((x) => x.metadata.name === 'init-hungry') as Pod;
    expect(hungry.spec.nodeName).toBeUndefined();
    expect(messages(eventsFor(c, 'Pod', 'init-hungry'))).toEqual([
      'Warning FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.',
    ]);
    expect((pods(c).find((x) => x.metadata.name === 'init-light') as Pod).status?.phase).toBe('Running');
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

  it('scores spreading with the system default constraints as the real PodTopologySpread does', () => {
    // Hostname constraint (maxSkew 3): round(pods on the node x ln(candidates + 2) + 2), then
    // NormalizeScore maps s to 100 x (max + min - s) / max.
    const three = nodeInfos(['a', 'b', 'c']);
    expect(spreadScores(three, [0, 1, 2])).toEqual({ raw: [2, 4, 5], normalized: [100, 60, 40] });
    // A pod without a controller has no default constraint: every node scores the same.
    expect(podTopologySpread.normalize?.(0, 0, 0)).toBe(100);
    // Zones (maxSkew 5) add the zone's pods x ln(zones + 2) + 4 on nodes that carry the label:
    // here zone-1 holds 3 sibling pods, zone-2 none.
    const zoned = nodeInfos(['a', 'b', 'c', 'd'], (n) => (n === 'a' || n === 'b' ? 'zone-1' : 'zone-2'));
    const { raw } = spreadScores(zoned, [1, 2, 0, 0]);
    const host = Math.log(6);
    const zone = Math.log(4);
    expect(raw).toEqual([
      Math.round(host + 2 + 3 * zone + 4),
      Math.round(2 * host + 2 + 3 * zone + 4),
      Math.round(2 + 4),
      Math.round(2 + 4),
    ]);
  });

  it("normalizes each cycle's scores on their own, whatever the reused buffer held before", () => {
    // The buffer is reused across cycles: entries past this cycle's two candidates are stale.
    const scores = new Float64Array([4, 2, 50, 0]);
    normalizeScores(scores, 2, (s, max, min) => podTopologySpread.normalize?.(s, max, min) ?? s);
    // max 4, min 2 over the two candidates: 100 x (4 + 2 - s) / 4.
    expect([...scores.subarray(0, 2)]).toEqual([50, 100]);
  });

  it('sees a node fill up between two pods of one ReplicaSet (the kept Filter pass is checked again)', () => {
    const c = createCluster({ profile: 'kind-multi', workers: 3, seed: 5, now: NOW });
    c.settle();
    // Room for one replica per worker: each pod lands on a node the previous ones have not filled.
    const worker = c.list('nodes')[1] as Node;
    const cpu = Number.parseInt(String(worker.status?.allocatable?.['cpu'] ?? '0'), 10);
    const body = deploymentBody('big', 'nginx:1.27', 4, {
      resources: { requests: { cpu: String(Math.ceil(cpu * 0.6)) } },
    });
    kubectl(c, { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'default', body });
    c.settle();
    const placed = pods(c, 'app=big').map((p) => p.spec.nodeName);
    expect(placed.filter((n) => n).sort()).toEqual(['kind-worker', 'kind-worker2', 'kind-worker3']);
    const pending = pods(c, 'app=big').find((p) => !p.spec.nodeName);
    expect(messages(eventsFor(c, 'Pod', pending?.metadata.name)).at(-1)).toBe(
      'Warning FailedScheduling: 0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    );
  });

  it('spreads a small Deployment across nodes after a wider one filled them', () => {
    const c = createCluster({ profile: 'kind-multi', workers: 4, seed: 11, now: NOW });
    const deploy = (name: string, replicas: number): void => {
      createDeployment(c, name, 'nginx:1.27', replicas);
      c.settle();
    };
    deploy('wide', 8);
    deploy('pair', 2);
    const nodesOf = (app: string): string[] => pods(c, `app=${app}`).map((p) => p.spec.nodeName ?? '');
    expect(new Set(nodesOf('wide')).size).toBe(4);
    expect(new Set(nodesOf('pair')).size).toBe(2);
  });
});
