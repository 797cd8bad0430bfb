import { describe, expect, it } from 'vitest';
import { EventRecorder } from '../../src/sim/client/recorder.ts';
import { FakeClock } from '../../src/sim/clock.ts';
import { Rand } from '../../src/sim/rand.ts';
import type { ApiServer } from '../../src/sim/apiserver/server.ts';
import type { Event, KubeObject } from '../../src/sim/api/types.ts';
import { EventEntry } from '../../src/sim/apiserver/event-entry.ts';

/** An API server stand-in that accepts every event and keeps what it was sent. */
function sink(): { api: ApiServer; created: Event[] } {
  const created: Event[] = [];
  const api = {
    handle(req: { verb: string; body?: unknown }) {
      // Recorders post typed EventEntry bodies; this is the Event as posted.
      if (req.verb === 'create')
        created.push(req.body instanceof EventEntry ? req.body.draft(false) : (req.body as Event));
      return { code: req.verb === 'create' ? 201 : 200, body: req.body };
    },
  } as unknown as ApiServer;
  return { api, created };
}

describe('event names', () => {
  it('are <object>.<hex of the Unix time in nanoseconds>, as fmt.Sprintf("%v.%x", name, t.UnixNano())', () => {
    const { api, created } = sink();
    // Times around carries of the low 32 bits and of the 20 bits the sub-millisecond draw covers.
    const times = [Date.UTC(2024, 4, 20, 10), 1_716_199_200_123, 4_294_967, 4_294_968, 1_099_511_627_776, 0, 1];
    const clock = new FakeClock(times[0] as number);
    const recorder = new EventRecorder(api, 'test', { component: 'test' }, clock, new Rand(7));
    const draws = new Rand(7);
    const expected: string[] = [];
    let n = 0;
    for (const t of times) {
      clock.set(t);
      for (let i = 0; i < 200; i++, n++) {
        const obj = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${n}`, namespace: 'default', uid: `u${n}` } };
        recorder.event(obj as KubeObject, 'Normal', 'Pulled', 'same message');
        const nanos = BigInt(t) * 1_000_000n + BigInt(draws.int(1_000_000));
        expected.push(`p${n}.${nanos.toString(16)}`);
      }
    }
    expect(created.map((e) => e.metadata.name)).toEqual(expected);
  });
});

describe('involvedObject', () => {
  it('describes the object as it is at each event, even one changed in place between events', () => {
    const { api, created } = sink();
    const clock = new FakeClock(Date.UTC(2024, 4, 20, 10));
    const recorder = new EventRecorder(api, 'test', { component: 'test' }, clock, new Rand(1));
    const meta = { name: 'p', namespace: 'default', uid: 'u1', resourceVersion: '1' };
    const obj = { apiVersion: 'v1', kind: 'Pod', metadata: meta } as KubeObject;
    recorder.event(obj, 'Normal', 'Pulled', 'a', 'spec.containers{c}');
    recorder.event(obj, 'Normal', 'Created', 'b', 'spec.containers{c}');
    meta.resourceVersion = '2';
    recorder.event(obj, 'Normal', 'Started', 'c', 'spec.containers{c}');
    recorder.event(obj, 'Normal', 'Killing', 'd');
    const base = { kind: 'Pod', namespace: 'default', name: 'p', uid: 'u1', apiVersion: 'v1' };
    expect(created.map((e) => e.involvedObject)).toEqual([
      { ...base, resourceVersion: '1', fieldPath: 'spec.containers{c}' },
      { ...base, resourceVersion: '1', fieldPath: 'spec.containers{c}' },
      { ...base, resourceVersion: '2', fieldPath: 'spec.containers{c}' },
      { ...base, resourceVersion: '2' },
    ]);
    // Consecutive events about one object version and field share one frozen reference.
    expect(created[1]?.involvedObject).toBe(created[0]?.involvedObject);
    expect(Object.isFrozen(created[2]?.involvedObject)).toBe(true);
  });
});

describe('posting', () => {
  it('an event recorded while the API server handles another one is posted with its own request', () => {
    const created: { name: string; ns: string; reason: string }[] = [];
    const requests = new Set<unknown>();
    const api = {
      handle(req: { verb: string; namespace?: string; body?: unknown }) {
        requests.add(req);
        const ev = req.body as EventEntry;
        // A watcher of the first event records another one, on another object, from inside the call.
        if (ev.reason === 'First')
          recorder.event(
            { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'q', namespace: 'other', uid: 'u2' } } as KubeObject,
            'Normal',
            'Nested',
            'inner',
          );
        // The outer request is read after the nested call returns.
        created.push({ name: ev.name, ns: req.namespace ?? '', reason: (req.body as EventEntry).reason });
        return { code: 201, body: req.body };
      },
    } as unknown as ApiServer;
    const clock = new FakeClock(Date.UTC(2024, 4, 20, 10));
    const recorder = new EventRecorder(api, 'test', { component: 'test' }, clock, new Rand(3));
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1' } };
    recorder.event(pod as KubeObject, 'Normal', 'First', 'outer');
    recorder.event(pod as KubeObject, 'Normal', 'Second', 'again');
    expect(created.map((c) => [c.ns, c.reason, c.name.split('.')[0]])).toEqual([
      ['other', 'Nested', 'q'],
      ['default', 'First', 'p'],
      ['default', 'Second', 'p'],
    ]);
    // The nested post used a request of its own; the next one reused the first.
    expect(requests.size).toBe(2);
  });
});
