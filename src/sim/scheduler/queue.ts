// The scheduling queue: activeQ (ready to try, by priority then arrival), a back-off for pods that
// failed (1s doubling to 10s), and unschedulable pods that wait for a cluster event (a node change
// or a pod leaving) or 5 minutes before they are tried again.

import type { Pod } from '../api/types.ts';

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

interface Entry extends QueuedPod {
  pod: Pod | undefined;
  removed: boolean;
  /** Handed out by pop() and not queued again since: in neither activeQ nor unschedulable. */
  popped: boolean;
  priority: number;
  seq: number;
  attempts: number;
  backoffUntil: number;
  unschedulableSince: number;
}

export class SchedulingQueue {
  #entries = new Map<string, Entry>();
  #active = new Set<string>();
  #unschedulable = new Set<string>();
  #seq = 0;
  /** Whether activeQ may hold a key without an entry (see remove()). */
  #strays = false;

  /** Queues the pod, or (already queued) just keeps this newer version of it. */
  add(key: string, priority: number, pod?: Pod): void {
    const e = this.#entries.get(key);
    if (e) {
      if (pod) e.pod = pod;
    } else {
      this.#entries.set(key, {
        key,
        pod,
        removed: false,
        popped: false,
        priority,
        seq: ++this.#seq,
        attempts: 0,
        backoffUntil: 0,
        unschedulableSince: 0,
      });
      this.#active.add(key);
    }
  }

  remove(key: string): void {
    const e = this.#entries.get(key);
    if (e) {
      e.removed = true;
      this.#entries.delete(key);
      if (e.popped && !this.#strays) return;
    } else if (!this.#strays) return;
    // Keys in activeQ/unschedulable have an entry, except after retry() of a key never added.
    this.#active.delete(key);
    this.#unschedulable.delete(key);
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
    e.popped = false;
    this.#active.delete(key);
    this.#unschedulable.add(key);
  }

  /** A transient failure (e.g. bind error): retry after back-off. */
  retry(key: string, now: number): void {
    if (!this.#entries.has(key)) this.#strays = true;
    this.unschedulable(key, now);
    this.#unschedulable.delete(key);
    this.#active.add(key);
  }

  /** MoveAllToActiveOrBackoffQueue: something changed that may make pods schedulable. */
  moveAllToActive(): void {
    // Called on every node heartbeat, and mostly nothing waits.
    if (this.#unschedulable.size === 0) return;
    for (const k of this.#unschedulable) this.#active.add(k);
    this.#unschedulable.clear();
  }

  /** Pods to try now, in queue order. */
  pop(now: number): QueuedPod[] {
    for (const k of this.#unschedulable) {
      const e = this.#entries.get(k);
      if (e && now - e.unschedulableSince >= MAX_UNSCHEDULABLE) {
        this.#unschedulable.delete(k);
        this.#active.add(k);
      }
    }
    const ready: Entry[] = [];
    // forEach: pop() runs once a round, too rarely to be optimised, and an unoptimised for-of
    // allocates a result object per queued pod.
    this.#active.forEach((k) => {
      const e = this.#entries.get(k);
      if (e && e.backoffUntil <= now) ready.push(e);
    });
    ready.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    for (const e of ready) {
      this.#active.delete(e.key);
      e.popped = true;
    }
    return ready;
  }

  /** Pods waiting in activeQ (including back-off). */
  get activeCount(): number {
    return this.#active.size;
  }

  get pendingCount(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#strays = false;
    this.#entries.clear();
    this.#active.clear();
    this.#unschedulable.clear();
  }
}
