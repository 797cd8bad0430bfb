// Fan-out of etcd changes to API watch streams. Pod watches filtered by spec.nodeName (every
// kubelet has one) are indexed by node so a pod write wakes only its node's kubelet.
// Deliveries are queued so that a callback issuing a new request cannot reorder events.

import type { KubeObject, Status } from '../api/types.ts';
import type { ResourceInfo } from '../api/resources.ts';
import { matchesSelector, type Selector } from '../api/labels.ts';
import { matchesFields, type FieldSelector } from '../api/fields.ts';
import { heapArray } from '../api/meta.ts';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent {
  type: WatchEventType;
  object: unknown;
}

export interface Watcher {
  info: ResourceInfo;
  namespace: string | undefined;
  labels: Selector;
  fields: FieldSelector;
  nodeName: string | undefined;
  deliver: (ev: WatchEvent) => void;
  transform: ((obj: KubeObject) => unknown) | undefined;
  onClose: ((status: Status) => void) | undefined;
  closed: boolean;
}

export function watcherMatches(w: Watcher, obj: KubeObject | undefined): boolean {
  if (!obj) return false;
  if (w.namespace && obj.metadata.namespace !== w.namespace) return false;
  if (w.nodeName !== undefined && (obj as { spec?: { nodeName?: string } }).spec?.nodeName !== w.nodeName) return false;
  if (w.labels.length > 0 && !matchesSelector(w.labels, obj.metadata.labels)) return false;
  if (w.fields.length > 0 && !matchesFields(w.fields, obj)) return false;
  return true;
}

export class WatchHub {
  /** Keyed by the (singleton) ResourceInfo, so routing a change builds no key string. */
  // Arrays used as sets (in insertion order, no duplicates): publish walks them per change with an
  // index loop, where a Set's iterator would allocate; watches come and go seldom.
  #byResource = new Map<ResourceInfo, Watcher[]>();
  #podsByNode = new Map<string, Watcher[]>();
  /**
   * Queued deliveries: #queueW[i] gets #queueE[i], for i < #queued.
   */
  #queueW = heapArray<Watcher | undefined>();
  #queueE = heapArray<WatchEvent | undefined>();
  #queued = 0;
  #draining = false;
  /** The events of the change being published, made on first use. */
  #added: WatchEvent | undefined;
  #modified: WatchEvent | undefined;
  #deleted: WatchEvent | undefined;

  add(w: Watcher): () => void {
    const set = this.#setFor(w, true);
    if (!set.includes(w)) set.push(w);
    return () => this.remove(w);
  }

  remove(w: Watcher): void {
    w.closed = true;
    const set = this.#setFor(w, false);
    const i = set ? set.indexOf(w) : -1;
    if (i >= 0) set?.splice(i, 1);
  }

  #setFor(w: Watcher, create: true): Watcher[];
  #setFor(w: Watcher, create: false): Watcher[] | undefined;
  #setFor(w: Watcher, create: boolean): Watcher[] | undefined {
    const byNode = w.info.resource === 'pods' && w.nodeName !== undefined;
    if (byNode) {
      const node = w.nodeName ?? '';
      let set = this.#podsByNode.get(node);
      if (!set && create) {
        set = [];
        this.#podsByNode.set(node, set);
      }
      return set;
    }
    let set = this.#byResource.get(w.info);
    if (!set && create) {
      set = [];
      this.#byResource.set(w.info, set);
    }
    return set;
  }

  /** Whether a change of this resource can reach any watcher (pods: always worth publishing). */
  watches(info: ResourceInfo): boolean {
    return info.resource === 'pods' || (this.#byResource.get(info)?.length ?? 0) > 0;
  }

  /** Routes one stored change to every interested watcher. */
  publish(info: ResourceInfo, prev: KubeObject | undefined, next: KubeObject | undefined): void {
    this.#added = undefined;
    this.#modified = undefined;
    this.#deleted = undefined;
    const general = this.#byResource.get(info);
    if (general) for (let i = 0; i < general.length; i++) this.#consider(general[i] as Watcher, prev, next);
    if (info.resource === 'pods') {
      const a = (prev as { spec?: { nodeName?: string } } | undefined)?.spec?.nodeName;
      const b = (next as { spec?: { nodeName?: string } } | undefined)?.spec?.nodeName;
      if (a) this.#considerNode(a, prev, next);
      if (b && b !== a) this.#considerNode(b, prev, next);
    }
    this.drain();
  }

  #considerNode(node: string, prev: KubeObject | undefined, next: KubeObject | undefined): void {
    const set = this.#podsByNode.get(node);
    if (set) for (let i = 0; i < set.length; i++) this.#consider(set[i] as Watcher, prev, next);
  }

  #consider(w: Watcher, prev: KubeObject | undefined, next: KubeObject | undefined): void {
    const was = watcherMatches(w, prev);
    const is = watcherMatches(w, next);
    // Watchers of one change share its (read-only) event objects.
    if (is)
      this.enqueue(
        w,
        was
          ? (this.#modified ??= { type: 'MODIFIED', object: next })
          : (this.#added ??= { type: 'ADDED', object: next }),
      );
    else if (was) this.enqueue(w, (this.#deleted ??= { type: 'DELETED', object: next ?? prev }));
  }

  enqueue(w: Watcher, ev: WatchEvent): void {
    const i = this.#queued++;
    this.#queueW[i] = w;
    this.#queueE[i] = ev;
  }

  drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    try {
      // The fields are read each time: a delivery may close everything (closeAll replaces them).
      for (let i = 0; i < this.#queued; i++) {
        const w = this.#queueW[i] as Watcher;
        const ev = this.#queueE[i] as WatchEvent;
        if (w.closed) continue;
        try {
          w.deliver(w.transform ? { type: ev.type, object: w.transform(ev.object as KubeObject) } : ev);
        } catch {
          // A failing watch client must not break the API server.
        }
      }
    } finally {
      // Emptied, not replaced: the arrays keep their capacity for the next change.
      const qw = this.#queueW;
      const qe = this.#queueE;
      for (let i = 0; i < this.#queued; i++) {
        qw[i] = undefined;
        qe[i] = undefined;
      }
      this.#queued = 0;
      this.#draining = false;
    }
  }

  /** Ends every watch (API server stopped, or etcd restored underneath it). */
  closeAll(status: Status): void {
    const all: Watcher[] = [];
    for (const set of this.#byResource.values()) all.push(...set);
    for (const set of this.#podsByNode.values()) all.push(...set);
    this.#byResource.clear();
    this.#podsByNode.clear();
    this.#queueW = heapArray();
    this.#queueE = heapArray();
    this.#queued = 0;
    for (const w of all) {
      w.closed = true;
      try {
        w.onClose?.(status);
      } catch {
        // ignore client errors
      }
    }
  }

  get size(): number {
    let n = 0;
    for (const s of this.#byResource.values()) n += s.length;
    for (const s of this.#podsByNode.values()) n += s.length;
    return n;
  }
}
