// etcd: a revisioned key-value store. Every write gets the next cluster-wide revision; keys keep
// createRevision/modRevision/version like etcd's mvccpb.KeyValue; a bounded history lets the API
// server resume watches from a revision until it is compacted; snapshots save and restore it all.
// Only the API server talks to this module.

import { deepFreeze, heapArray, isFrozen } from '../api/meta.ts';

export interface KeyValue {
  readonly key: string;
  readonly value: unknown;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
}

/**
 * A stored key-value. The key is kept as its directory (shared by every key of a bucket) and its
 * last segment, the object's name: lookups hash the short name, which objects already carry, and
 * a 200,000-key store does not hold 200,000 full key strings. `key` joins them when asked.
 * Two layouts: NewEntry for a key written once (version 1, created at its modRevision: most keys,
 * e.g. every Event) and Entry for the rest.
 */
abstract class StoredKv implements KeyValue {
  abstract readonly dir: string;
  abstract readonly name: string;
  abstract readonly value: unknown;
  abstract readonly createRevision: number;
  abstract readonly modRevision: number;
  abstract readonly version: number;

  get key(): string {
    return this.dir + this.name;
  }

  /** The plain shape (what JSON and snapshots show). */
  toJSON(): KeyValue {
    return {
      key: this.key,
      value: this.value,
      createRevision: this.createRevision,
      modRevision: this.modRevision,
      version: this.version,
    };
  }
}

class Entry extends StoredKv {
  constructor(
    readonly dir: string,
    readonly name: string,
    readonly value: unknown,
    readonly createRevision: number,
    readonly modRevision: number,
    readonly version: number,
  ) {
    super();
  }
}

/** A key at version 1: its createRevision is its modRevision (two fields fewer). */
class NewEntry extends StoredKv {
  constructor(
    readonly dir: string,
    readonly name: string,
    readonly value: unknown,
    readonly modRevision: number,
  ) {
    super();
  }

  get createRevision(): number {
    return this.modRevision;
  }

  get version(): number {
    return 1;
  }
}

/**
 * An entry that holds its value encoded, as real etcd holds the API server's protobuf bytes, and
 * decodes it when read: for keys written once or a few times and seldom read (Events), which then
 * cost one small object instead of a stored object tree. Made by the API server, stored by
 * tryCreateEntry or updateEntry, which stamp its revisions.
 */
export abstract class EncodedEntry extends StoredKv {
  modRevision = 0;

  get createRevision(): number {
    return LATER.get(this)?.[0] ?? this.modRevision;
  }

  get version(): number {
    return LATER.get(this)?.[1] ?? 1;
  }
}

/**
 * The key's createRevision and its version, for an EncodedEntry that is a later version of its key
 * (updateEntry): kept aside, not in a field, as every field costs every entry and few have one.
 */
const LATER = new WeakMap<EncodedEntry, readonly [createRevision: number, version: number]>();

function entry(
  dir: string,
  name: string,
  value: unknown,
  createRevision: number,
  modRevision: number,
  version: number,
): StoredKv {
  return version === 1 && createRevision === modRevision
    ? new NewEntry(dir, name, value, modRevision)
    : new Entry(dir, name, value, createRevision, modRevision, version);
}

/**
 * Gets each change as StoreEvent's fields (see subscribe). An object, not a callback: every API
 * server's own closure would be a new call target, throwing away #emit's code.
 */
export interface StoreListener {
  onStoreEvent(type: StoreEvent['type'], kv: KeyValue, prevKv: KeyValue | undefined): void;
}

export interface StoreEvent {
  readonly type: 'PUT' | 'DELETE';
  /** For DELETE: the last value, with modRevision set to the delete's revision. */
  readonly kv: KeyValue;
  readonly prevKv: KeyValue | undefined;
}

/** `etcdctl snapshot save` in plain JSON. */
export interface Snapshot {
  format: 'sim-etcd/v1';
  revision: number;
  kvs: KeyValue[];
}

export class CompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly compacted: number,
  ) {
    super(`mvcc: required revision has been compacted`);
  }
}

/**
 * What a bucket holds per name: the entry, or for a key written once the value alone when that is
 * a frozen plain object whose frozen metadata carries the write's revision as resourceVersion (as
 * every object the API server creates does): its entry (a NewEntry) follows from it, so it is made
 * when read instead of kept.
 */
type Slot = StoredKv | object;

interface Bucket {
  /** The directory (the bucket's key). */
  readonly dir: string;
  /** Entries (or stamped values) by name (the key's last segment). */
  readonly map: Map<string, Slot>;
  sorted: string[] | null;
}

function isPlainFrozen(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && isFrozen(v) && Object.getPrototypeOf(v) === Object.prototype;
}

/**
 * Whether `value` can stand for its entry as a key written once at revision `rv` (see Slot).
 * `frozen`: the caller just froze `value` and any object in it (they need no testing again).
 */
function standsForEntry(value: unknown, rv: string, frozen: boolean): value is object {
  if (frozen) {
    if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype) return false;
    const m = (value as Record<string, unknown>)['metadata'];
    return (
      typeof m === 'object' &&
      m !== null &&
      Object.getPrototypeOf(m) === Object.prototype &&
      (m as Record<string, unknown>)['resourceVersion'] === rv
    );
  }
  if (!isPlainFrozen(value)) return false;
  const m = value['metadata'];
  return isPlainFrozen(m) && m['resourceVersion'] === rv;
}

/**
 * Number(s), for the decimal revision strings stamped on stored objects by a loop over their
 * digits (Number() of a string whose hash was never computed is a runtime call).
 */
function revisionNumber(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return Number(s);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number(s);
    v = v * 10 + d;
  }
  return v;
}

/** The directory part of a stored key (without building the key). */
export function dirOf(kv: KeyValue): string {
  return kv instanceof StoredKv ? kv.dir : bucketOf(kv.key);
}

/** The directory of a key: everything up to and including its last '/'. */
export function bucketOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

export class EtcdStore {
  #rev = 0;
  #compacted = 0;
  #buckets = new Map<string, Bucket>();
  /**
   * The history, three slots per event (type, kv, prevKv): a write keeps no event object alive
   * through the thousands of writes after it; historySince makes them. A ring once full (it holds
   * at most 2 * historyLimit + 1 events): dropping the oldest moves #head, where removing them from
   * the front of an array would copy the rest and allocate an array of what it removed.
   */
  #history: unknown[] = heapArray();
  /** The slot of the oldest event's type. */
  #head = 0;
  /** Events held. */
  #events = 0;
  #historyLimit: number;
  /** Replaced, never changed in place: #emit's loop is a plain index loop (no Set iterator per write). */
  #listeners: readonly StoreListener[] = [];
  #resetListeners = new Set<() => void>();
  #size = 0;

  constructor(opts: { historyLimit?: number } = {}) {
    this.#historyLimit = opts.historyLimit ?? 2_000;
  }

  get revision(): number {
    return this.#rev;
  }

  /** The revision a string was last asked for, and that string. */
  #rvNum = 0;
  #rvStr = '0';

  /**
   * String(rev), remembered for the last revision asked: the API server stamps an object with the
   * next revision, then writes it, and the write compares that stamp (the same string, at once).
   */
  revisionString(rev: number): string {
    if (rev !== this.#rvNum) {
      this.#rvNum = rev;
      if (Number.isSafeInteger(rev) && rev >= 0) {
        // String(rev) is String(rev / 10, truncated) and the last digit: the number-to-string
        // conversion (a runtime call for a number not in V8's small cache) runs once per ten
        // revisions; the join of two short strings is a flat string made in generated code.
        // Below 10 no call: a new store's first revisions come before this function has type
        // feedback, and a call without feedback would throw away its code (and write's).
        const hi = Math.floor(rev / 10);
        if (hi !== this.#rvHi) {
          this.#rvHi = hi;
          this.#rvHiStr = hi ? String(hi) : '';
        }
        this.#rvStr = this.#rvHiStr + (DIGITS[rev - hi * 10] as string);
      } else this.#rvStr = String(rev);
    }
    return this.#rvStr;
  }

  /** revisionString's cached String(Math.floor(rev / 10)). */
  #rvHi = -1;
  #rvHiStr = '';

  get size(): number {
    return this.#size;
  }

  get(key: string): KeyValue | undefined {
    const dir = bucketOf(key);
    return this.getIn(dir, key.slice(dir.length));
  }

  /** The value at key `dir + name`, where `dir` ends in '/' and `name` has no '/'. */
  getIn(dir: string, name: string): KeyValue | undefined {
    const bucket = this.#buckets.get(dir);
    const slot = bucket?.map.get(name);
    return bucket && slot !== undefined ? this.#kvOf(bucket, name, slot) : undefined;
  }

  /** Whether key `dir + name` exists. */
  hasIn(dir: string, name: string): boolean {
    return this.#buckets.get(dir)?.map.has(name) === true;
  }

  /** getIn(dir, name)?.value, without making the entry of a key that holds its value alone. */
  valueIn(dir: string, name: string): unknown {
    const slot = this.#buckets.get(dir)?.map.get(name);
    return slot instanceof StoredKv ? slot.value : slot;
  }

  /** All keys under a directory prefix (ending in '/'), in key order like an etcd range read. */
  range(prefix: string): KeyValue[] {
    const names = [...this.#buckets.keys()].filter((b) => b.startsWith(prefix)).sort();
    const out: KeyValue[] = [];
    for (const name of names) {
      const bucket = this.#buckets.get(name);
      if (!bucket) continue;
      // Names sort as their keys do: every key of a bucket shares the directory.
      if (!bucket.sorted) bucket.sorted = [...bucket.map.keys()].sort();
      for (const k of bucket.sorted) {
        const slot = bucket.map.get(k);
        if (slot !== undefined) out.push(this.#kvOf(bucket, k, slot));
      }
    }
    return out;
  }

  /**
   * Transactional put: succeeds only if the key's modRevision equals `expectMod`
   * (0 = key must not exist; undefined = unconditional). Returns the new KeyValue or the current one on failure.
   */
  put(
    key: string,
    value: unknown,
    expectMod?: number,
  ): { ok: true; kv: KeyValue } | { ok: false; current: KeyValue | undefined } {
    const dir = bucketOf(key);
    const name = key.slice(dir.length);
    const kv = this.#putIn(dir, name, value, expectMod);
    // On a failed put nothing changed: the current entry is what the put found.
    return kv ? { ok: true, kv } : { ok: false, current: this.getIn(dir, name) };
  }

  /**
   * put(dir + name, ...).ok, without the result object (the API server's writes), where `dir`
   * ends in '/' and `name` has no '/'. `frozen`: the caller has deep-frozen `value` (as the API
   * server does every object it stores).
   */
  tryPutIn(dir: string, name: string, value: unknown, expectMod?: number, frozen = false): boolean {
    return this.#putIn(dir, name, value, expectMod, frozen) !== undefined;
  }

  #putIn(
    dir: string,
    name: string,
    value: unknown,
    expectMod: number | undefined,
    frozen = false,
  ): KeyValue | undefined {
    let bucket = this.#buckets.get(dir);
    const slot = bucket?.map.get(name);
    const prev = bucket && slot !== undefined ? this.#kvOf(bucket, name, slot) : undefined;
    if (expectMod !== undefined && (prev?.modRevision ?? 0) !== expectMod) return undefined;
    bucket ??= this.#bucket(dir);
    const rev = ++this.#rev;
    const kv = prev
      ? new Entry(prev.dir, prev.name, value, prev.createRevision, rev, prev.version + 1)
      : new NewEntry(bucket.dir, name, value, rev);
    bucket.map.set(name, !prev && standsForEntry(value, this.revisionString(rev), frozen) ? value : kv);
    if (!prev) {
      bucket.sorted = null;
      this.#size++;
    }
    this.#emit('PUT', kv, prev);
    return kv;
  }

  /**
   * Creates key `entry.dir + entry.name` (its dir ending in '/', its name without '/') holding the
   * entry itself, stamped with the next revision. False, changing nothing, if the key exists.
   * `absent`: the caller has just found the key missing (hasIn), with nothing written since; the
   * key is then not looked up twice (in a bucket of 100,000 Events each lookup misses the cache).
   */
  tryCreateEntry(entry: EncodedEntry, absent = false): boolean {
    const bucket = this.#bucket(entry.dir);
    if (!absent && bucket.map.has(entry.name)) return false;
    entry.modRevision = ++this.#rev;
    bucket.map.set(entry.name, entry);
    bucket.sorted = null;
    this.#size++;
    this.#emit('PUT', entry, undefined);
    return true;
  }

  /**
   * Writes the next version of key `dir + name` as an EncodedEntry if the key holds one now:
   * `next` makes it from the current one (or declines, with undefined: nothing changes). What
   * put does with the new entry's value, but the value stays encoded. Returns the stored entry,
   * stamped with the write's revision.
   */
  updateEntry(
    dir: string,
    name: string,
    next: (cur: EncodedEntry) => EncodedEntry | undefined,
  ): EncodedEntry | undefined {
    const map = this.#buckets.get(dir)?.map;
    const prev = map?.get(name);
    if (!(prev instanceof EncodedEntry)) return undefined;
    const entry = next(prev);
    if (entry === undefined) return undefined;
    LATER.set(entry, [prev.createRevision, prev.version + 1]);
    entry.modRevision = ++this.#rev;
    map?.set(name, entry);
    this.#emit('PUT', entry, prev);
    return entry;
  }

  delete(key: string, expectMod?: number): { ok: true; kv: KeyValue } | { ok: false; current: KeyValue | undefined } {
    const dir = bucketOf(key);
    return this.deleteIn(dir, key.slice(dir.length), expectMod);
  }

  /** delete() of key `dir + name`, where `dir` ends in '/' and `name` has no '/'. */
  deleteIn(
    dir: string,
    name: string,
    expectMod?: number,
  ): { ok: true; kv: KeyValue } | { ok: false; current: KeyValue | undefined } {
    const bucket = this.#buckets.get(dir);
    const slot = bucket?.map.get(name);
    const prev = bucket && slot !== undefined ? this.#kvOf(bucket, name, slot) : undefined;
    if (!bucket || !prev || (expectMod !== undefined && prev.modRevision !== expectMod))
      return { ok: false, current: prev };
    bucket.map.delete(name);
    bucket.sorted = null;
    this.#size--;
    const rev = ++this.#rev;
    const kv = entry(prev.dir, prev.name, prev.value, prev.createRevision, rev, prev.version);
    this.#emit('DELETE', kv, prev);
    return { ok: true, kv };
  }

  /** The entry #kvOf made last. */
  #made: NewEntry | undefined;

  /**
   * The entry of a slot of `bucket` under `name`. One made for a stored value is remembered: a
   * read of a key is often followed by a write of it, which needs the entry again (a value stands
   * for one key's one version, so the same value means the same entry).
   */
  #kvOf(bucket: Bucket, name: string, slot: Slot): StoredKv {
    if (slot instanceof StoredKv) return slot;
    const made = this.#made;
    if (made !== undefined && made.value === slot) return made;
    const m = (slot as { metadata: { resourceVersion: string } }).metadata;
    return (this.#made = new NewEntry(bucket.dir, name, slot, revisionNumber(m.resourceVersion)));
  }

  /** The bucket of directory `dir`, made if missing. */
  #bucket(dir: string): Bucket {
    let bucket = this.#buckets.get(dir);
    if (!bucket) this.#buckets.set(dir, (bucket = { dir, map: new Map(), sorted: null }));
    return bucket;
  }

  #emit(type: StoreEvent['type'], kv: KeyValue, prevKv: KeyValue | undefined): void {
    const h = this.#history;
    // Until the ring is full the oldest event is at 0 and the next slot is at the end.
    const at = this.#slot(this.#events);
    if (at === h.length) h.push(type, kv, prevKv);
    else {
      h[at] = type;
      h[at + 1] = kv;
      h[at + 2] = prevKv;
    }
    if (++this.#events > this.#historyLimit * 2) this.#trim();
    const ls = this.#listeners;
    for (let i = 0; i < ls.length; i++) (ls[i] as StoreListener).onStoreEvent(type, kv, prevKv);
  }

  /** Keeps the newest historyLimit events (#emit's rare path, apart to keep #emit small). */
  #trim(): void {
    const drop = this.#events - this.#historyLimit;
    const last = this.#kvAt(drop - 1);
    if (last) this.#compacted = last.modRevision;
    this.#drop(drop);
  }

  /** The slot of the history's i-th event (0: the oldest). */
  #slot(i: number): number {
    const at = this.#head + i * 3;
    const size = (this.#historyLimit * 2 + 1) * 3;
    return at < size ? at : at - size;
  }

  /** The kv of the history's i-th event. */
  #kvAt(i: number): KeyValue | undefined {
    return this.#history[this.#slot(i) + 1] as KeyValue | undefined;
  }

  /** Drops the oldest `n` events, emptying their slots (nothing keeps their values alive). */
  #drop(n: number): void {
    const h = this.#history;
    const from = this.#head;
    const to = this.#slot(n);
    if (n >= this.#events) {
      h.length = 0;
      this.#head = 0;
      this.#events = 0;
      return;
    }
    if (from < to) h.fill(undefined, from, to);
    else {
      h.fill(undefined, from);
      h.fill(undefined, 0, to);
    }
    this.#head = to;
    this.#events -= n;
  }

  /**
   * Subscribe to every change (the API server's single watch on etcd). The listener gets the
   * StoreEvent's fields (no event object per write).
   */
  subscribe(listener: StoreListener): () => void {
    this.#listeners = [...this.#listeners, listener];
    return () => {
      this.#listeners = this.#listeners.filter((l) => l !== listener);
    };
  }

  /** Called after restore or wipe: all history is gone, watchers must relist. */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /** Events with revision > `after`, oldest first. Throws CompactedError if they are gone. */
  historySince(after: number): StoreEvent[] {
    if (after < this.#compacted) throw new CompactedError(after, this.#compacted);
    const h = this.#history;
    const out: StoreEvent[] = [];
    for (let i = this.#firstAfter(after); i < this.#events; i++) {
      const at = this.#slot(i);
      out.push({
        type: h[at] as StoreEvent['type'],
        kv: h[at + 1] as KeyValue,
        prevKv: h[at + 2] as KeyValue | undefined,
      });
    }
    return out;
  }

  /** Index of the first history event with modRevision > rev (binary search: revisions ascend). */
  #firstAfter(rev: number): number {
    let lo = 0;
    let hi = this.#events;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const kv = this.#kvAt(mid);
      if (kv && kv.modRevision <= rev) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** `etcdctl compact <rev>`: history at or before rev is discarded. */
  compact(rev: number): void {
    const target = Math.min(rev, this.#rev);
    if (target <= this.#compacted) return;
    this.#compacted = target;
    const n = this.#firstAfter(target);
    if (n > 0) this.#drop(n);
  }

  snapshot(): Snapshot {
    // Every key, in key order (range's order: directories sorted, then names in each).
    const kvs = this.range('');
    // Entry.toJSON gives the plain KeyValue shape.
    return JSON.parse(JSON.stringify({ format: 'sim-etcd/v1', revision: this.#rev, kvs })) as Snapshot;
  }

  /**
   * `etcdctl snapshot restore`: replaces all data. The revision never goes backwards.
   * Returns false (and changes nothing) if `s` is not a snapshot this store wrote.
   */
  restore(s: Snapshot): boolean {
    const ok =
      typeof s === 'object' &&
      s !== null &&
      s.format === 'sim-etcd/v1' &&
      Number.isInteger(s.revision) &&
      Array.isArray(s.kvs) &&
      s.kvs.every(
        (kv) =>
          typeof kv === 'object' &&
          kv !== null &&
          typeof kv.key === 'string' &&
          kv.key.startsWith('/registry/') &&
          Number.isInteger(kv.modRevision),
      );
    if (!ok) return false;
    this.#buckets.clear();
    this.#size = 0;
    for (const kv of s.kvs) {
      const bname = bucketOf(kv.key);
      const bucket = this.#bucket(bname);
      const name = kv.key.slice(bname.length);
      if (!bucket.map.has(name)) this.#size++;
      bucket.map.set(
        name,
        entry(
          bname,
          name,
          deepFreeze(structuredClone(kv.value)),
          Number.isInteger(kv.createRevision) ? kv.createRevision : kv.modRevision,
          kv.modRevision,
          Number.isInteger(kv.version) ? kv.version : 1,
        ),
      );
    }
    this.#rev = Math.max(this.#rev, s.revision) + 1;
    this.#compacted = this.#rev;
    this.#history = heapArray();
    this.#head = 0;
    this.#events = 0;
    for (const l of this.#resetListeners) l();
    return true;
  }

  /** Lose every key, as when etcd's data directory is gone. */
  wipe(): void {
    this.restore({ format: 'sim-etcd/v1', revision: this.#rev, kvs: [] });
  }
}
