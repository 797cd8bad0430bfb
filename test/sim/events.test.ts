import { describe, expect, it } from 'vitest';
import { createDeployment, createScriptPod, eventsFor, kind, kubectl, scale } from './helpers.ts';
import type { Event } from '../../src/sim/index.ts';

// client-go's EventCorrelator, as every component but the scheduler records events through it:
// repeats are counted on one Event, ten distinct messages of one reason about one object within
// ten minutes are combined, and one object gets 25 events, then one per five minutes.

function byReason(evs: Event[], reason: string): Event[] {
  return evs.filter((e) => e.reason === reason);
}

describe('event correlation (client-go EventCorrelator)', () => {
  it("combines the ReplicaSet controller's SuccessfulCreate events from the tenth on, and stops at 25", () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 30);
    c.settle();
    const rsName = eventsFor(c, 'ReplicaSet').find((e) => e.reason === 'SuccessfulCreate')?.involvedObject.name;
    const created = byReason(eventsFor(c, 'ReplicaSet', rsName), 'SuccessfulCreate');
    const combined = created.filter((e) => e.message?.startsWith('(combined from similar events): Created pod: '));
    const single = created.filter((e) => !e.message?.startsWith('(combined'));
    // Nine events of their own, then one combined event counting the 10th to the 25th.
    expect(single).toHaveLength(9);
    expect(single.every((e) => e.count === 1 && e.reportingComponent === 'replicaset-controller')).toBe(true);
    expect(combined).toHaveLength(1);
    expect(combined[0]?.count).toBe(16);
    // The aggregate copy carries the source but no reporting fields, as client-go builds it.
    expect(combined[0]?.source).toEqual({ component: 'replicaset-controller' });
    expect(combined[0]?.reportingComponent).toBe('');
    // All 30 pods exist: the spam filter drops events, never the work.
    expect(
      (kubectl(c, { verb: 'list', resource: 'pods', namespace: 'default' }).body as { items: unknown[] }).items,
    ).toHaveLength(30);
  });

  it('drops the events of an object whose bucket is empty, and lets it speak again as the bucket refills', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 30);
    c.settle();
    const rs = eventsFor(c, 'ReplicaSet').find((e) => e.reason === 'SuccessfulCreate')?.involvedObject.name;
    scale(c, 'web', 28);
    c.settle();
    expect(byReason(eventsFor(c, 'ReplicaSet', rs), 'SuccessfulDelete')).toHaveLength(0);
    // Eleven minutes refill two tokens (one per five minutes): two of the next three deletions are recorded.
    c.advance(11 * 60_000);
    scale(c, 'web', 25);
    c.settle();
    const deleted = byReason(eventsFor(c, 'ReplicaSet', rs), 'SuccessfulDelete');
    expect(deleted).toHaveLength(2);
    expect(deleted.every((e) => e.message?.startsWith('Deleted pod: '))).toBe(true);
  });

  it('counts a repeating event on one Event (x N) instead of writing a new one each time', () => {
    const c = kind();
    createScriptPod(c, 'crashy', 'exit 1');
    c.advance(120_000);
    const evs = eventsFor(c, 'Pod', 'crashy');
    for (const reason of ['Created', 'Started']) {
      const same = byReason(evs, reason);
      expect(same, reason).toHaveLength(1);
      expect(same[0]?.count, reason).toBeGreaterThanOrEqual(3);
      expect(same[0]?.lastTimestamp, reason).not.toBe(same[0]?.firstTimestamp);
    }
    const pulled = byReason(evs, 'Pulled').filter((e) => e.message?.includes('already present on machine'));
    expect(pulled).toHaveLength(1);
    expect(pulled[0]?.count).toBeGreaterThanOrEqual(2);
  });
});
