import { describe, expect, it } from 'vitest';
import { createCluster, type Cluster } from '../../src/sim/index.ts';
import { createDeployment, kubectl, NOW, pods, scale } from './helpers.ts';

function scenario(seed: number): Cluster {
  const c = createCluster({ profile: 'kind-multi', workers: 2, seed, now: NOW });
  createDeployment(c, 'web', 'nginx', 3);
  c.settle();
  const [p] = pods(c, 'app=web');
  kubectl(c, { verb: 'delete', resource: 'pods', namespace: 'default', name: p?.metadata.name ?? '' });
  c.settle();
  scale(c, 'web', 5);
  createDeployment(c, 'broken', 'nginx:0.0.0', 1);
  c.advance(30_000);
  return c;
}

function eventLog(c: Cluster): string[] {
  return c
    .events({})
    .map(
      (e) =>
        `${e.metadata.name ?? ''} ${e.lastTimestamp ?? e.eventTime ?? ''} ${e.reason ?? ''} ${e.message ?? ''} x${e.count ?? 0}`,
    );
}

describe('determinism', () => {
  it('produces the identical event log, names and objects for the same seed and commands', () => {
    const a = scenario(1234);
    const b = scenario(1234);
    expect(eventLog(a).length).toBeGreaterThan(50);
    expect(eventLog(a)).toEqual(eventLog(b));
    expect(JSON.stringify(a.etcd.snapshot())).toBe(JSON.stringify(b.etcd.snapshot()));
  });

  it('produces different generated names for a different seed', () => {
    const names = (c: Cluster): string[] => pods(c, 'app=web').map((p) => p.metadata.name ?? '');
    expect(names(scenario(1))).not.toEqual(names(scenario(2)));
  });
});
