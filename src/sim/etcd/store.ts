// etcd: a revisioned key-value store. Every write gets the next cluster-wide revision; keys keep
// createRevision/modRevision/version like etcd's mvccpb.KeyValue; a bounded history lets the API
// server resume watches from a revision until it is compacted; snapshots save and restore it all.
// Only the API server talks to this module.

import { deepFreeze } from '../api/meta.ts';

export interface KeyValue {
  readonly key: string;
  readonly value: unknown;
  readonly createRevision: number;
  readonly modRevision: number;
  readonly version: number;
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

interface Bucket {
  readonly map: Map<string, KeyValue>;
  sorted: string[] | null;
}

function bucketOf(key: string): string {
  return key.slice(0, key.lastIndexOf('/') + 1);
}

export class EtcdStore {
  #rev = 0;
  #compacted = 0;
  #buckets = new Map<string, Bucket>();
  #history: StoreEvent[] = [];
  #historyLimit: number;
  #listeners = new Set<(ev: StoreEvent) => void>();
  #resetListeners = new Set<() => void>();
  #size = 0;

  constructor(opts: { historyLimit?: number } = {}) {
    this.#historyLimit = opts.historyLimit ?? 2_000;
  }

  get revision(): number {
    return this.#rev;
  }

  get compactRevision(): number {
    return this.#compacted;
  }

  get size(): number {
    return this.#size;
  }

  get(key: string): KeyValue | undefined {
    return this.#buckets.get(bucketOf(key))?.map.get(key);
  }

  /** get(key) when the caller already knows `dir`, which must equal bucketOf(key). */
  getIn(dir: string, key: string): KeyValue | undefined {
    return this.#buckets.get(dir)?.map.get(key);
  }

  /** All keys under a directory prefix (ending in '/'), in key order like an etcd range read. */
  range(prefix: string): KeyValue[] {
    const names = [...this.#buckets.keys()].filter((b) => b.startsWith(prefix)).sort();
    const out: KeyValue[] = [];
    for (const name of names) {
      const bucket = this.#buckets.get(name);
      if (!bucket) continue;
      if (!bucket.sorted) bucket.sorted = [...bucket.map.keys()].sort();
      for (const k of bucket.sorted) {
        const kv = bucket.map.get(k);
        if (kv) out.push(kv);
      }
    }
    return out;
  }

  /** Number of keys under a prefix without materialising them. */
  count(prefix: string): number {
    let n = 0;
    for (const [name, b] of this.#buckets) if (name.startsWith(prefix)) n += b.map.size;
    return n;
  }

  /**
   * Transactional put: succeeds only if the key's modRevision equals `expectMod`
   * (0 = key must not exist; undefined = unconditional). Returns the new KeyValue or the current one on failure.
   */
  put(
    key: string,
    value: unknown,
    expectMod?: number,
    dir?: string,
  ): { ok: true; kv: KeyValue } | { ok: false; current: KeyValue | undefined } {
    // `dir`, if given, must equal bucketOf(key): it saves the slice and its hashing.
    const bname = dir ?? bucketOf(key);
    let bucket = this.#buckets.get(bname);
    const prev = bucket?.map.get(key);
    if (expectMod !== undefined && (prev?.modRevision ?? 0) !== expectMod) return { ok: false, current: prev };
    if (!bucket) {
      bucket = { map: new Map(), sorted: null };
      this.#buckets.set(bname, bucket);
    }
    const rev = ++this.#rev;
    const kv: KeyValue = {
      key,
      value,
      createRevision: prev ? prev.createRevision : rev,
      modRevision: rev,
      version: prev ? prev.version + 1 : 1,
    };
    bucket.map.set(key, kv);
    if (!prev) {
      bucket.sorted = null;
      this.#size++;
    }
    this.#emit({ type: 'PUT', kv, prevKv: prev });
    return { ok: true, kv };
  }

  delete(key: string, expectMod?: number): { ok: true; kv: KeyValue } | { ok: false; current: KeyValue | undefined } {
    const bucket = this.#buckets.get(bucketOf(key));
    const prev = bucket?.map.get(key);
    if (!bucket || !prev || (expectMod !== undefined && prev.modRevision !== expectMod))
      return { ok: false, current: prev };
    bucket.map.delete(key);
    bucket.sorted = null;
    this.#size--;
    const rev = ++this.#rev;
    const kv: KeyValue = { ...prev, modRevision: rev };
    this.#emit({ type: 'DELETE', kv, prevKv: prev });
    return { ok: true, kv };
  }

  #emit(ev: StoreEvent): void {
    this.#history.push(ev);
    if (this.#history.length > this.#historyLimit * 2) {
      const drop = this.#history.length - this.#historyLimit;
      const last = this.#history[drop - 1];
      if (last) this.#compacted = last.kv.modRevision;
      this.#history.splice(0, drop);
    }
    for (const l of this.#listeners) l(ev);
  }

  /** Subscribe to every change (the API server's single watch on etcd). */
  subscribe(listener: (ev: StoreEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Called after restore or wipe: all history is gone, watchers must relist. */
  onReset(listener: () => void): () => void {
    this.#resetListeners.add(listener);
    return () => this.#resetListeners.delete(listener);
  }

  /** Events with revision > `after`, oldest first. Throws CompactedError if they are gone. */
  historySince(after: number): StoreEvent[] {
    if (after < this.#compacted) throw new CompactedError(after, this.#compacted);
    const first = this.#history[0];
    if (first && after + 1 < first.kv.modRevision && after < this.#compacted)
      throw new CompactedError(after, this.#compacted);
    // Binary search for the first event after `after`.
    let lo = 0;
    let hi = this.#history.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const ev = this.#history[mid];
      if (ev && ev.kv.modRevision <= after) lo = mid + 1;
      else hi = mid;
    }
    return this.#history.slice(lo);
  }

  /** `etcdctl compact <rev>`: history at or before rev is discarded. */
  compact(rev: number): void {
    const target = Math.min(rev, this.#rev);
    if (target <= this.#compacted) return;
    this.#compacted = target;
    this.#history = this.#history.filter((e) => e.kv.modRevision > target);
  }

  snapshot(): Snapshot {
    const kvs: KeyValue[] = [];
    for (const name of [...this.#buckets.keys()].sort()) {
      for (const kv of this.range(name)) if (bucketOf(kv.key) === name) kvs.push(kv);
    }
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
      let bucket = this.#buckets.get(bname);
      if (!bucket) {
        bucket = { map: new Map(), sorted: null };
        this.#buckets.set(bname, bucket);
      }
      bucket.map.set(kv.key, { ...kv, value: deepFreeze(structuredClone(kv.value)) });
      this.#size++;
    }
    this.#rev = Math.max(this.#rev, s.revision) + 1;
    this.#compacted = this.#rev;
    this.#history = [];
    for (const l of this.#resetListeners) l();
    return true;
  }

  /** Lose every key, as when etcd's data directory is gone. */
  wipe(): void {
    this.restore({ format: 'sim-etcd/v1', revision: this.#rev, kvs: [] });
  }
}
