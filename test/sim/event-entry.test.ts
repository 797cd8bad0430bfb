import { describe, expect, it } from 'vitest';
import { createDeployment, kind, kubectl } from './helpers.ts';
import {
  CoreEventEntry,
  EventCountPatch,
  SeriesEventEntry,
  type EventEntry,
  type EventOrigin,
} from '../../src/sim/apiserver/event-entry.ts';
import type { Cluster, Event, ObjectReference, Pod } from '../../src/sim/index.ts';

// Components post their Events as typed EventEntry bodies, which the API server keeps in etcd as
// they are and decodes when read. Whatever reads them must see what the general create path would
// have stored for the same Event.

const ORIGIN: EventOrigin = Object.freeze({
  source: Object.freeze({ component: 'kubelet', host: 'kind-control-plane' }),
  reportingComponent: 'kubelet',
  reportingInstance: 'kind-control-plane',
});

function firstPod(c: Cluster): Pod {
  const pods = kubectl(c, { verb: 'list', resource: 'pods', namespace: 'default' }).body as { items: Pod[] };
  const pod = pods.items[0];
  if (!pod) throw new Error('no pod');
  return pod;
}

/** The reference to a pod's container `web`, as the kubelet's events carry it. */
function involvedOf(pod: Pod): ObjectReference {
  const m = pod.metadata;
  return Object.freeze({
    kind: 'Pod',
    namespace: m.namespace,
    name: m.name,
    uid: m.uid,
    apiVersion: 'v1',
    resourceVersion: m.resourceVersion,
    fieldPath: 'spec.containers{web}',
  });
}

/** An events.k8s.io-style Scheduled event if `count` is undefined, else a core/v1 Pulled event. */
function entryFor(pod: Pod, name: string, ns: string, count: number | undefined): EventEntry {
  const involved = involvedOf(pod);
  const at = '2024-05-20T10:00:00Z';
  return count === undefined
    ? new SeriesEventEntry(
        name,
        ns,
        involved,
        'Scheduled',
        'Successfully assigned',
        ORIGIN,
        'Normal',
        '2024-05-20T10:00:00.000000Z',
        'Binding',
      )
    : new CoreEventEntry(
        name,
        ns,
        involved,
        'Pulled',
        'Container image "nginx" already present',
        ORIGIN,
        'Normal',
        at,
        at,
        count,
      );
}

function post(c: Cluster, body: unknown, ns = 'default') {
  return c.api.handle({
    verb: 'create',
    group: '',
    version: 'v1',
    resource: 'events',
    namespace: ns,
    body,
    transfer: true,
    userAgent: 'kubelet',
  });
}

function getEvent(c: Cluster, name: string): Event {
  return kubectl(c, { verb: 'get', resource: 'events', namespace: 'default', name }).body as Event;
}

/** The object without what differs between two stored copies (name, uid, resourceVersion). */
function comparable(e: Event): string {
  const { name: _n, uid: _u, resourceVersion: _r, ...meta } = e.metadata;
  return JSON.stringify({ ...e, metadata: meta });
}

describe('Events posted as EventEntry bodies', () => {
  it('read back exactly as the general create path stores the same Event (both shapes)', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 1);
    c.settle();
    const pod = firstPod(c);
    const involvedObject = involvedOf(pod);
    const source = { component: 'kubelet', host: 'kind-control-plane' };
    // The Events as a client would post them, written out here in their own order.
    const plain = (name: string, count: number | undefined): Event =>
      count === undefined
        ? {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name, namespace: 'default' },
            involvedObject,
            reason: 'Scheduled',
            message: 'Successfully assigned',
            source,
            firstTimestamp: null,
            lastTimestamp: null,
            type: 'Normal',
            eventTime: '2024-05-20T10:00:00.000000Z',
            action: 'Binding',
            reportingComponent: 'kubelet',
            reportingInstance: 'kind-control-plane',
          }
        : {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name, namespace: 'default' },
            involvedObject,
            reason: 'Pulled',
            message: 'Container image "nginx" already present',
            source,
            firstTimestamp: '2024-05-20T10:00:00Z',
            lastTimestamp: '2024-05-20T10:00:00Z',
            count,
            type: 'Normal',
            eventTime: null,
            reportingComponent: 'kubelet',
            reportingInstance: 'kind-control-plane',
          };
    for (const count of [1, undefined]) {
      const typed = entryFor(pod, `typed-${count ?? 'series'}`, 'default', count);
      expect(post(c, typed).code).toBe(201);
      expect(
        kubectl(c, {
          verb: 'create',
          resource: 'events',
          namespace: 'default',
          body: plain(`plain-${count ?? 'series'}`, count),
        }).code,
      ).toBe(201);
      const a = getEvent(c, typed.name);
      const b = getEvent(c, `plain-${count ?? 'series'}`);
      expect(comparable(a)).toBe(comparable(b));
      // Key order too: kubectl -o yaml/json prints fields in stored order.
      expect(Object.keys(a)).toEqual(Object.keys(b));
      expect(Object.keys(a.metadata)).toEqual(Object.keys(b.metadata));
      expect(a.metadata.resourceVersion).toBe(
        String(c.etcd.get(`/registry/events/default/${typed.name}`)?.modRevision),
      );
      expect(a.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(Object.isFrozen(a) && Object.isFrozen(a.metadata) && Object.isFrozen(a.involvedObject)).toBe(true);
    }
  });

  it('answer a taken name with 409 AlreadyExists and a missing namespace with 404, storing nothing', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 1);
    c.settle();
    const pod = firstPod(c);
    expect(post(c, entryFor(pod, 'dup', 'default', 1)).code).toBe(201);
    const rev = c.etcd.revision;
    const again = post(c, entryFor(pod, 'dup', 'default', 1));
    expect(again.code).toBe(409);
    expect((again.body as { reason: string }).reason).toBe('AlreadyExists');
    const nowhere = post(c, entryFor(pod, 'x', 'nowhere', 1), 'nowhere');
    expect(nowhere.code).toBe(404);
    expect((nowhere.body as { message: string }).message).toBe('namespaces "nowhere" not found');
    expect(c.etcd.revision).toBe(rev);
  });

  it('go the general way when not the simple case, with the same errors as a plain body', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 1);
    c.settle();
    const pod = firstPod(c);
    // An invalid name: 422 Invalid, as for the plain Event.
    const bad = post(c, entryFor(pod, 'Not_Valid', 'default', 1));
    const badPlain = post(c, entryFor(pod, 'Not_Valid', 'default', 1).draft(false));
    expect(bad.code).toBe(422);
    expect(bad.body).toEqual(badPlain.body);
    // The body's namespace differs from the request's: 400, as for the plain Event.
    const other = post(c, entryFor(pod, 'elsewhere', 'kube-system', 1), 'default');
    expect(other.code).toBe(400);
    expect(other.body).toEqual(post(c, entryFor(pod, 'elsewhere', 'kube-system', 1).draft(false), 'default').body);
  });

  it("take a recorder's count patch in their entry, with what the general patch gives a plain Event", () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 1);
    c.settle();
    const pod = firstPod(c);
    const typed = entryFor(pod, 'typed', 'default', 1);
    expect(typed.uid).toBe('');
    expect(post(c, typed).code).toBe(201);
    const uidAtCreate = getEvent(c, 'typed').metadata.uid;
    expect(uidAtCreate).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // The same Event, created the general way (stored decoded): its patches go the general way.
    expect(post(c, entryFor(pod, 'plain', 'default', 1).draft(false)).code).toBe(201);
    const watched: Record<string, [string, string][]> = { typed: [], plain: [] };
    c.api.watch(
      { verb: 'watch', group: '', version: 'v1', resource: 'events', namespace: 'default', userAgent: 'kubectl' },
      (ev) => {
        const e = ev.object as Event;
        watched[e.metadata.name ?? '']?.push([ev.type, JSON.stringify(e)]);
      },
    );
    const patchOf = (name: string, body: unknown) =>
      c.api.handle({
        verb: 'patch',
        group: '',
        version: 'v1',
        resource: 'events',
        namespace: 'default',
        name,
        patchType: 'strategic',
        body,
        userAgent: 'kubelet',
      });
    const created = {
      typed: c.etcd.get('/registry/events/default/typed')?.createRevision ?? 0,
      plain: c.etcd.get('/registry/events/default/plain')?.createRevision ?? 0,
    };
    /**
     * The JSON of an Event (or its etcd entry) as `name` stood for it: its name and uid as '?', its
     * revisions counted from its creation's.
     */
    const asJson = (e: unknown, name: 'typed' | 'plain', uid: string) =>
      (typeof e === 'string' ? e : JSON.stringify(e))
        .replace(`"name":"${name}"`, '"name":"?"')
        .replace(`"/registry/events/default/${name}"`, '"?"')
        .replace(`"uid":"${uid}"`, '"uid":"?"')
        // The first resourceVersion is the Event's (its metadata comes before involvedObject).
        .replace(/"resourceVersion":"(\d+)"/, (_, n: string) => `"resourceVersion":"+${Number(n) - created[name]}"`)
        .replace(
          /"(createRevision|modRevision)":(\d+)/g,
          (_, k: string, n: string) => `"${k}":+${Number(n) - created[name]}`,
        );
    const bodies = [
      { count: 2, lastTimestamp: '2024-05-20T10:01:00Z', message: 'Container image "nginx" already present' },
      { count: 3, lastTimestamp: '2024-05-20T10:02:00Z', message: '(combined from similar events): again' },
      // Changes nothing: not written.
      { count: 3, lastTimestamp: '2024-05-20T10:02:00Z', message: '(combined from similar events): again' },
    ];
    for (const body of bodies) {
      const out: Record<string, { res: unknown; rev: number; kv: unknown }> = {};
      for (const name of ['typed', 'plain'] as const) {
        const before = c.etcd.revision;
        // The recorder's body, and the same as a plain object.
        const res = patchOf(
          name,
          name === 'typed' ? new EventCountPatch(body.count, body.lastTimestamp, body.message) : { ...body },
        );
        expect(res.code).toBe(200);
        const kv = c.etcd.get(`/registry/events/default/${name}`);
        const uid = (kv?.value as Event).metadata.uid ?? '';
        out[name] = {
          res: asJson(res.body, name, uid),
          rev: c.etcd.revision - before,
          kv: asJson(kv, name, uid),
        };
        // What the next request reads, and the revisions etcd shows.
        expect(asJson(getEvent(c, name), name, uid)).toBe(asJson(kv?.value, name, uid));
        expect((kv?.value as Event).metadata.resourceVersion).toBe(String(kv?.modRevision));
      }
      expect(out['typed']).toEqual(out['plain']);
    }
    // The typed Event is still held by an entry (the patches took the fast path), now at version 3.
    // (Kept encoded: each read decodes it anew.)
    const typedKv = c.etcd.get('/registry/events/default/typed');
    expect(typedKv?.value).not.toBe(typedKv?.value);
    expect(c.etcd.get('/registry/events/default/typed')).toMatchObject({ version: 3 });
    // Watchers saw the same events.
    const plainUid = getEvent(c, 'plain').metadata.uid ?? '';
    const typedUid = getEvent(c, 'typed').metadata.uid ?? '';
    // Every version of the key keeps the UID drawn at create.
    expect(typedUid).toBe(uidAtCreate);
    expect(watched['typed']?.map(([t]) => t)).toEqual(['ADDED', 'MODIFIED', 'MODIFIED']);
    expect(watched['typed']?.map(([t, e]) => [t, asJson(e, 'typed', typedUid)])).toEqual(
      watched['plain']?.map(([t, e]) => [t, asJson(e, 'plain', plainUid)]),
    );
    // A patch the fast path does not take (another field) still works on the entry's Event.
    const other = patchOf('typed', { count: 4, reason: 'Other' });
    expect(other.code).toBe(200);
    expect(getEvent(c, 'typed')).toMatchObject({ count: 4, reason: 'Other', message: bodies[1]?.message });
  });

  it('reach event watchers, kubectl get events, etcd snapshots and a restore', () => {
    const c = kind();
    const seen: string[] = [];
    c.api.watch(
      { verb: 'watch', group: '', version: 'v1', resource: 'events', namespace: 'default', userAgent: 'kubectl' },
      (ev) => seen.push(`${ev.type} ${(ev.object as Event).reason} ${(ev.object as Event).involvedObject.name}`),
    );
    createDeployment(c, 'web', 'nginx', 1);
    c.settle();
    const pod = firstPod(c).metadata.name ?? '';
    expect(seen).toContain(`ADDED Scheduled ${pod}`);
    expect(seen).toContain(`ADDED Started ${pod}`);
    const listed = kubectl(c, { verb: 'list', resource: 'events', namespace: 'default' }).body as { items: Event[] };
    expect(listed.items.filter((e) => e.involvedObject.name === pod).map((e) => e.reason)).toEqual(
      expect.arrayContaining(['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']),
    );
    const snap = c.etcd.snapshot();
    const stored = snap.kvs.filter((kv) => kv.key.startsWith('/registry/events/default/'));
    expect(stored.length).toBe(listed.items.length);
    expect(stored.map((kv) => kv.value)).toEqual(listed.items);
    c.etcd.wipe();
    expect(kubectl(c, { verb: 'list', resource: 'events', namespace: 'default' }).body).toMatchObject({ items: [] });
    c.etcd.restore(snap);
    const back = kubectl(c, { verb: 'list', resource: 'events', namespace: 'default' }).body as { items: Event[] };
    expect(back.items).toEqual(listed.items);
  });

  it("keep each Event's namespace, type and UID apart when one origin posts many", () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 1);
    c.settle();
    const involved = involvedOf(firstPod(c));
    const at = '2024-05-20T10:00:00Z';
    const posted: { name: string; ns: string; type: 'Normal' | 'Warning' }[] = [];
    // More than a UID table holds at first (it grows), over two namespaces and both types.
    for (let i = 0; i < 60; i++) {
      const ns = i % 3 === 0 ? 'kube-system' : 'default';
      const type = i % 2 === 0 ? 'Normal' : 'Warning';
      const name = `many-${i}`;
      const ev =
        i % 5 === 0
          ? new SeriesEventEntry(
              name,
              ns,
              involved,
              'Scheduled',
              `m${i}`,
              ORIGIN,
              type,
              '2024-05-20T10:00:00.000000Z',
              'Binding',
            )
          : new CoreEventEntry(name, ns, involved, 'Pulled', `m${i}`, ORIGIN, type, at, at, 1);
      expect(post(c, ev, ns).code).toBe(201);
      posted.push({ name, ns, type });
    }
    const read = () =>
      posted.map(({ name, ns }) => kubectl(c, { verb: 'get', resource: 'events', namespace: ns, name }).body as Event);
    const first = read();
    expect(first.map((e) => [e.metadata.name, e.metadata.namespace, e.type])).toEqual(
      posted.map(({ name, ns, type }) => [name, ns, type]),
    );
    const uids = first.map((e) => e.metadata.uid);
    expect(new Set(uids).size).toBe(60);
    for (const uid of uids)
      expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // A count patch keeps the UID (and the rest); reads give the same UIDs again.
    const res = c.api.handle({
      verb: 'patch',
      group: '',
      version: 'v1',
      resource: 'events',
      namespace: 'default',
      name: 'many-1',
      patchType: 'strategic',
      body: new EventCountPatch(2, '2024-05-20T10:01:00Z', 'again'),
      userAgent: 'kubelet',
    });
    expect(res.code).toBe(200);
    expect(res.body).toMatchObject({ count: 2, type: 'Warning', message: 'again', metadata: { uid: uids[1] } });
    expect(read().map((e) => e.metadata.uid)).toEqual(uids);
  });
});
