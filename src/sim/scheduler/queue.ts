// The scheduling queue: activeQ (ready to try, by priority then arrival), a back-off for pods that
// failed (1s doubling to 10s), and unschedulable pods that wait for a cluster event (a node change
// or a pod leaving) or 5 minutes before they are tried again.

import type { Pod } from '../api/types.ts';
import { heapArray } from '../api/meta.ts';

const INITIAL_BACKOFF = 1000;
const MAX_BACKOFF = 10_000;
const MAX_UNSCHEDULABLE = 5 * 60_000;

/** A queued pod (QueuedPodInfo): kept up to date by add() with each version the informer sees. */
export interface QueuedPod {
  readonly key: string;
  /** The latest version, if known (a pod re-queued after a failed bind is looked up again). */
  readonly pod: Pod | undefined;
  /** Left the queue (remove()) after pop() handed it out. */
  readonly removed: boolean;
}

/** Where an entry is: handed out by pop() (and not queued again since), activeQ, or unschedulable. */
const POPPED = 0;
const ACTIVE = 1;
const UNSCHEDULABLE = 2;

interface Entry extends QueuedPod {
  pod: Pod | undefined;
  removed: boolean;
  where: typeof POPPED | typeof ACTIVE | typeof UNSCHEDULABLE;
  /** In #activeList (which may still hold it after it left activeQ: pop() drops such entries). */
  listed: boolean;
  priority: number;
  seq: number;
  attempts: number;
  backoffUntil: number;
  unschedulableSince: number;
}

export class SchedulingQueue {
  #entries = new Map<string, Entry>();
  /**
   * activeQ: the entries whose `where` is ACTIVE, in no particular order (pop() sorts what it hands
   * out), and stale ones that left it, dropped by the next pop(). A flag per entry rather than a Set
   * of keys: every pod passes through here, and a key Set costs two more hash operations per pod.
   */
  #activeList = heapArray<Entry>();
  #activeN = 0;
  #unschedulable = new Set<Entry>();
  #seq = 0;
  /** Keys in activeQ without an entry: retry() of a key never added (they count as active). */
  #strays = new Set<string>();

  #activate(e: Entry): void {
    if (e.where === ACTIVE) return;
    e.where = ACTIVE;
    this.#activeN++;
    if (!e.listed) {
      e.listed = true;
      this.#activeList.push(e);
    }
  }

  /** Queues the pod, or (already queued) just keeps this newer version of it. */
  add(key: string, priority: number, pod?: Pod): void {
    const e = this.#entries.get(key);
    if (e) {
      if (pod) e.pod = pod;
    } else {
      const added: Entry = {
        key,
        pod,
        removed: false,
        where: POPPED,
        listed: false,
        priority,
        seq: ++this.#seq,
        attempts: 0,
        backoffUntil: 0,
        unschedulableSince: 0,
      };
      this.#entries.set(key, added);
      this.#activate(added);
      if (this.#strays.size !== 0) this.#strays.delete(key);
    }
  }

  remove(key: string): void {
    const e = this.#entries.get(key);
    if (e) {
      e.removed = true;
      this.#entries.delete(key);
      if (e.where === ACTIVE) this.#activeN--;
      else if (e.where === UNSCHEDULABLE) this.#unschedulable.delete(e);
      e.where = POPPED;
    } else if (this.#strays.size !== 0) this.#strays.delete(key);
  }

  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** The pod could not be placed: wait for an event (or the periodic flush). */
  unschedulable(key: string, now: number): void {
    const e = this.#entries.get(key);
    if (!e) return;
    e.attempts++;
    e.backoffUntil = now + Math.min(INITIAL_BACKOFF * 2 ** (e.attempts - 1), MAX_BACKOFF);
    e.unschedulableSince = now;
    if (e.where === ACTIVE) this.#activeN--;
    e.where = UNSCHEDULABLE;
    this.#unschedulable.add(e);
  }

  /** A transient failure (e.g. bind error): retry after back-off. */
  retry(key: string, now: number): void {
    const e = this.#entries.get(key);
    if (!e) {
      this.#strays.add(key);
      return;
    }
    this.unschedulable(key, now);
    this.#unschedulable.delete(e);
    this.#activate(e);
  }

  /** MoveAllToActiveOrBackoffQueue: something changed that may make pods schedulable. */
  moveAllToActive(): void {
    // Called on every node heartbeat, and mostly nothing waits.
    if (this.#unschedulable.size === 0) return;
    for (const e of this.#unschedulable) this.#activate(e);
    this.#unschedulable.clear();
  }

  /** Pods to try now, in queue order. */
  pop(now: number): QueuedPod[] {
    for (const e of this.#unschedulable) {
      if (now - e.unschedulableSince >= MAX_UNSCHEDULABLE) {
        this.#unschedulable.delete(e);
        this.#activate(e);
      }
    }
    const ready: Entry[] = [];
    const list = this.#activeList;
    let kept = 0;
    for (let i = 0; i < list.length; i++) {
      const e = list[i] as Entry;
      if (e.where !== ACTIVE) e.listed = false;
      else if (e.backoffUntil <= now) {
        e.where = POPPED;
        e.listed = false;
        ready.push(e);
      } else list[kept++] = e;
    }
    list.length = kept;
    this.#activeN -= ready.length;
    ready.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    return ready;
  }

  /** Pods waiting in activeQ (including back-off). */
  get activeCount(): number {
    return this.#activeN + this.#strays.size;
  }

  get pendingCount(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
    this.#activeList = heapArray<Entry>();
    this.#activeN = 0;
    this.#unschedulable.clear();
    this.#strays.clear();
  }
}
