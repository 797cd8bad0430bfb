// A de-duplicating work queue of object keys, like client-go's workqueue: adding a key that is
// already waiting does nothing; delayed adds become ready when the fake clock reaches them.

import { heapArray } from '../api/meta.ts';

const NOTHING: readonly string[] = Object.freeze([]);
/** Up to this many waiting keys, a queue finds a repeat by searching them (see #queued). */
const SMALL = 8;

export class WorkQueue {
  #queue = heapArray<string>();
  /**
   * The keys in #queue, once it holds more than SMALL: a short queue (a kubelet's, most rounds) is
   * searched instead, so most queues never make a Set, nor clear one at every drain.
   */
  #queued: Set<string> | undefined;
  /** Made by the first addAt (many queues never delay a key: one empty Map less each). */
  #delayed: Map<string, number> | undefined;
  /**
   * The key added last, while it waits (drain() and clear() forget it): a repeat of it needs no
   * lookup. Over a third of all adds are such repeats (a pod's events in a row queue its owner, or
   * its kubelet's sync, again and again).
   */
  #last: string | undefined;

  add(key: string): void {
    if (key === this.#last) return;
    this.#last = key;
    const queue = this.#queue;
    let queued = this.#queued;
    if (queued === undefined) {
      if (queue.length < SMALL) {
        if (!queue.includes(key)) queue.push(key);
        return;
      }
      queued = this.#queued = new Set(queue);
    }
    // One hash operation whether or not the key is new: add() leaves the size alone for a key
    // already waiting (most adds are such repeats: every pod event queues its owner again).
    const n = queued.size;
    queued.add(key);
    if (queued.size !== n) queue.push(key);
  }

  /** Adds the key once `now` reaches `at` (keeps the earliest time if already delayed). */
  addAt(key: string, at: number): void {
    const delayed = (this.#delayed ??= new Map());
    const cur = delayed.get(key);
    if (cur === undefined || at < cur) delayed.set(key, at);
  }

  /** Moves due delayed keys into the queue. */
  promote(now: number): void {
    const delayed = this.#delayed;
    if (delayed === undefined || delayed.size === 0) return;
    for (const [k, at] of delayed) {
      if (at <= now) {
        delayed.delete(k);
        this.add(k);
      }
    }
  }

  /** Takes every key queued right now; keys added while they are processed wait for the next round. */
  drain(): readonly string[] {
    // Most queues are empty most rounds (a thousand kubelets tick every round): no new array then.
    if (this.#queue.length === 0) return NOTHING;
    const items = this.#queue;
    this.#queue = heapArray<string>();
    this.#queued = undefined;
    this.#last = undefined;
    return items;
  }

  get length(): number {
    return this.#queue.length;
  }

  get delayedCount(): number {
    return this.#delayed?.size ?? 0;
  }

  clear(): void {
    this.#queue = heapArray<string>();
    this.#queued = undefined;
    this.#last = undefined;
    this.#delayed?.clear();
  }
}
