import { describe, expect, it } from 'vitest';
import { CompactedError, EncodedEntry, EtcdStore, type StoreEvent } from '../../src/sim/etcd/store.ts';

describe('etcd store', () => {
  it('gives every write the next revision and keeps create/mod revisions and versions per key', () => {
    const s = new EtcdStore();
    s.put('/registry/pods/default/a', { v: 1 });
    s.put('/registry/pods/default/b', { v: 1 });
    const r = s.put('/registry/pods/default/a', { v: 2 });
    expect(r).toMatchObject({ ok: true, kv: { createRevision: 1, modRevision: 3, version: 2 } });
    expect(s.put('/registry/pods/default/a', { v: 3 }, 1)).toMatchObject({ ok: false });
    expect(s.range('/registry/pods/').map((kv) => kv.key)).toEqual([
      '/registry/pods/default/a',
      '/registry/pods/default/b',
    ]);
  });

  it('replays history after a revision until it is compacted', () => {
    const s = new EtcdStore();
    for (let i = 0; i < 5; i++) s.put(`/registry/configmaps/default/c${i}`, { i });
    expect(s.historySince(3).map((e) => e.kv.key)).toEqual([
      '/registry/configmaps/default/c3',
      '/registry/configmaps/default/c4',
    ]);
    s.compact(4);
    expect(() => s.historySince(2)).toThrow(CompactedError);
    expect(s.historySince(4)).toHaveLength(1);
  });

  it('saves a plain-JSON snapshot and restores it after the data is lost', () => {
    const s = new EtcdStore();
    s.put('/registry/namespaces/default', { metadata: { name: 'default' } });
    const snap = JSON.parse(JSON.stringify(s.snapshot())) as ReturnType<EtcdStore['snapshot']>;
    s.wipe();
    expect(s.size).toBe(0);
    s.restore(snap);
    expect(s.get('/registry/namespaces/default')?.value).toEqual({ metadata: { name: 'default' } });
    expect(s.revision).toBeGreaterThan(snap.revision);
  });

  it('spells revisions as String(rev) and reads them back from a stored value written once', () => {
    const s = new EtcdStore();
    const revs = [0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 123_456, 999_999, 1_000_000, 2 ** 31, 2 ** 53 - 1];
    for (let r = 0; r < 2_000; r++) revs.push(r);
    for (const r of revs) expect(s.revisionString(r)).toBe(String(r));
    // A frozen value stamped with its write's revision is kept alone; its entry is rebuilt on read.
    for (let i = 0; i < 120; i++) {
      const rv = s.revisionString(s.revision + 1);
      s.put(
        `/registry/events/default/e${i}`,
        Object.freeze({ metadata: Object.freeze({ name: `e${i}`, resourceVersion: rv }) }),
      );
    }
    const kv = s.get('/registry/events/default/e99');
    expect(kv).toMatchObject({ createRevision: 100, modRevision: 100, version: 1 });
    expect(s.range('/registry/events/').map((e) => e.modRevision)).toEqual(
      s
        .range('/registry/events/')
        .map((e) => Number((e.value as { metadata: { resourceVersion: string } }).metadata.resourceVersion)),
    );
  });

  it('keeps an encoded entry as later versions of its key (updateEntry), with etcd revisions', () => {
    /** An encoded value: its metadata carries the entry's modRevision, as an Event's does. */
    class Counted extends EncodedEntry {
      readonly dir = '/registry/events/default/';
      constructor(
        readonly name: string,
        readonly count: number,
      ) {
        super();
      }

      get value(): unknown {
        return { metadata: { name: this.name, resourceVersion: String(this.modRevision) }, count: this.count };
      }
    }
    const s = new EtcdStore();
    const seen: StoreEvent[] = [];
    s.subscribe({ onStoreEvent: (type, kv, prevKv) => seen.push({ type, kv, prevKv }) });
    const key = '/registry/events/default/e';
    const dir = '/registry/events/default/';
    expect(s.tryCreateEntry(new Counted('e', 1))).toBe(true);
    s.put('/registry/pods/default/p', { v: 1 });
    s.put('/registry/events/default/plain', { metadata: { name: 'plain' } });
    // No such key, a key that holds no entry, or declined: nothing changes.
    const counts: number[] = [];
    const next = (cur: EncodedEntry) => {
      counts.push((cur as Counted).count);
      return new Counted('e', (cur as Counted).count + 1);
    };
    expect(s.updateEntry(dir, 'x', next)).toBeUndefined();
    expect(s.updateEntry(dir, 'plain', next)).toBeUndefined();
    expect(s.updateEntry(dir, 'e', () => undefined)).toBeUndefined();
    expect(s.revision).toBe(3);
    const two = s.updateEntry(dir, 'e', next);
    expect(two).toMatchObject({ count: 2, modRevision: 4 });
    expect(s.updateEntry(dir, 'e', next)).toMatchObject({ count: 3, modRevision: 5 });
    expect(counts).toEqual([1, 2]);
    const plain = { key, createRevision: 1, modRevision: 5, version: 3 };
    expect(s.get(key)).toMatchObject({ ...plain, value: { metadata: { resourceVersion: '5' }, count: 3 } });
    expect(seen.slice(3).map((e) => [e.type, e.kv.modRevision, e.kv.version, e.prevKv?.modRevision])).toEqual([
      ['PUT', 4, 2, 1],
      ['PUT', 5, 3, 4],
    ]);
    expect(s.historySince(3).map((e) => (e.kv.value as { count: number }).count)).toEqual([2, 3]);
    expect(s.size).toBe(3);
    // Snapshots show the plain entry; a restore keeps its revisions; a delete ends the key.
    const snap = s.snapshot();
    expect(snap.kvs.find((kv) => kv.key === key)).toEqual({ ...plain, value: s.get(key)?.value });
    s.restore(snap);
    expect(s.get(key)).toMatchObject(plain);
    expect(s.updateEntry(dir, 'e', next)).toBeUndefined();
    expect(s.delete(key)).toMatchObject({ ok: true, kv: { createRevision: 1, version: 3 } });
  });
});
