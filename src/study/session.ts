// One study session: which card to show next, built from records the store read (due cards and
// new cards) and the daily limits. In-memory and pure; the caller persists each review first and
// then tells the session (`record`), so a failed write keeps the card on screen.
//
// Order of `next(now)`:
//   1. a learning/relearning card that is due now (short steps are time-sensitive);
//   2. due reviews and new cards, new ones spread evenly among the reviews (reviews first);
//   3. when only learning cards remain, the earliest one is shown early if it is due within
//      `learnAheadMs` (20 minutes by default, like Anki); otherwise `next` returns null and
//      `nextLearningDue()` tells the UI when to come back ("next card in 8m").

import { nextDayStart } from './day.ts';
import type { CardRecord, ReviewResult, StudySettings } from './types.ts';

export interface SessionOptions {
  /** Cards due now (learning, relearning and review), e.g. `store.readDue(now, limit)`. */
  due: readonly CardRecord[];
  /** New cards in introduction order, e.g. `store.readNew(now, limit)`. */
  fresh: readonly CardRecord[];
  settings: StudySettings;
  now: number;
  /** Local time minus UTC in minutes (`-new Date().getTimezoneOffset()`). */
  tzOffsetMinutes: number;
  /** Reviews of review-state cards already done today (counts against `reviewsPerDay`);
   *  pass `counts.reviewsDoneToday` from the store. */
  reviewedToday?: number;
  /** New cards already introduced today (counts against `newPerDay`). */
  introducedToday?: number;
  /** How far ahead a waiting learning card may be shown when nothing else is left. */
  learnAheadMs?: number;
}

type Source = 'learning' | 'review' | 'new';

interface HistoryItem {
  source: Source;
  previous: CardRecord;
}

export interface SessionRemaining {
  learning: number;
  review: number;
  new: number;
}

const isLearning = (r: CardRecord): boolean => r.state === 'learning' || r.state === 'relearning';
const byDue = (a: CardRecord, b: CardRecord): number => a.due - b.due || (a.key < b.key ? -1 : 1);

export class StudySession {
  #learning: CardRecord[] = [];
  #reviews: CardRecord[];
  #fresh: CardRecord[];
  #reviewTotal: number;
  #newTotal: number;
  #reviewsShown = 0;
  #newShown = 0;
  #history: HistoryItem[] = [];
  #pinned: CardRecord | null = null;
  readonly #dayEnd: number;
  readonly #learnAheadMs: number;

  constructor(opts: SessionOptions) {
    const { settings } = opts;
    const reviewsLeft = Math.max(0, settings.reviewsPerDay - (opts.reviewedToday ?? 0));
    const newLeft = Math.max(0, settings.newPerDay - (opts.introducedToday ?? 0));
    const usable = (r: CardRecord): boolean => !r.suspended && r.buriedUntil <= opts.now;
    this.#learning = opts.due.filter((r) => usable(r) && isLearning(r)).sort(byDue);
    this.#reviews = opts.due
      .filter((r) => usable(r) && r.state === 'review' && r.due <= opts.now)
      .sort(byDue)
      .slice(0, reviewsLeft);
    this.#fresh = opts.fresh.filter((r) => usable(r) && r.state === 'new').slice(0, newLeft);
    this.#reviewTotal = this.#reviews.length;
    this.#newTotal = this.#fresh.length;
    this.#dayEnd = nextDayStart(opts.now, opts.tzOffsetMinutes);
    this.#learnAheadMs = opts.learnAheadMs ?? 20 * 60_000;
  }

  /** The card to show at `now`, or null when nothing is left or due yet. Same answer until `record`. */
  next(now: number): CardRecord | null {
    if (this.#pinned) return this.#pinned;
    const learning = this.#learning[0];
    if (learning && learning.due <= now) return learning;
    const review = this.#reviews[0];
    const fresh = this.#fresh[0];
    if (review && fresh) {
      // New card k (1-based) is due once (k / (newTotal + 1)) of the reviews are done.
      const newDue = (this.#newShown + 1) / (this.#newTotal + 1) <= this.#reviewsShown / this.#reviewTotal;
      return newDue ? fresh : review;
    }
    if (review ?? fresh) return review ?? fresh ?? null;
    if (learning && learning.due <= now + this.#learnAheadMs) return learning;
    return null;
  }

  /** Epoch ms at which the earliest waiting learning card comes due, or null if none waits. */
  nextLearningDue(): number | null {
    return this.#learning[0]?.due ?? null;
  }

  /** True when no card is left for this session (learning cards waiting count as left). */
  get done(): boolean {
    return !this.#pinned && this.#learning.length + this.#reviews.length + this.#fresh.length === 0;
  }

  /** Cards left per queue, for the progress line. */
  remaining(): SessionRemaining {
    const r = { learning: this.#learning.length, review: this.#reviews.length, new: this.#fresh.length };
    if (this.#pinned) r[this.#sourceOf(this.#pinned)] += 1;
    return r;
  }

  /**
   * Records a committed review: the card leaves its queue; a learning card whose next step falls
   * within today comes back in this session when due. Call after the store saved the review.
   */
  record(result: ReviewResult): void {
    const { previous } = result.log;
    const source = this.#take(previous.key) ?? this.#sourceOf(previous);
    if (source === 'review') this.#reviewsShown += 1;
    if (source === 'new') this.#newShown += 1;
    this.#history.push({ source, previous });
    const rec = result.record;
    if (isLearning(rec) && !rec.suspended && rec.due < this.#dayEnd) {
      this.#learning.push(rec);
      this.#learning.sort(byDue);
    }
  }

  /**
   * Steps back over the last recorded review: the card's previous state is shown next. Returns the
   * restored record, or null when there is nothing to undo. Pair it with `store.undoLast()`.
   */
  undo(): CardRecord | null {
    const item = this.#history.pop();
    if (!item) return null;
    this.#take(item.previous.key);
    if (this.#pinned) this.#putBack(this.#pinned);
    if (item.source === 'review') this.#reviewsShown -= 1;
    if (item.source === 'new') this.#newShown -= 1;
    this.#pinned = item.previous;
    return item.previous;
  }

  /** How many reviews `undo` can step back over. */
  get undoDepth(): number {
    return this.#history.length;
  }

  /** Drops a card from the session (after bury or suspend). */
  remove(key: string): void {
    this.#take(key);
  }

  #sourceOf(rec: CardRecord): Source {
    if (rec.state === 'new') return 'new';
    return isLearning(rec) ? 'learning' : 'review';
  }

  #putBack(rec: CardRecord): void {
    const source = this.#sourceOf(rec);
    if (source === 'learning') {
      this.#learning.push(rec);
      this.#learning.sort(byDue);
    } else if (source === 'review') this.#reviews.unshift(rec);
    else this.#fresh.unshift(rec);
  }

  /** Removes the card with `key` from whichever queue holds it; returns that queue. */
  #take(key: string): Source | null {
    if (this.#pinned?.key === key) {
      const source = this.#sourceOf(this.#pinned);
      this.#pinned = null;
      return source;
    }
    const queues: [Source, CardRecord[]][] = [
      ['learning', this.#learning],
      ['review', this.#reviews],
      ['new', this.#fresh],
    ];
    for (const [source, queue] of queues) {
      const i = queue.findIndex((r) => r.key === key);
      if (i >= 0) {
        queue.splice(i, 1);
        return source;
      }
    }
    return null;
  }
}
