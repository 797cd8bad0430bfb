// Home-screen numbers computed with index counts (no card is loaded), so they stay fast at
// 100,000 cards: due from queueDue, new from queueOrder, today's reviews from the review log's
// reviewedAt / stateAt indexes, per-domain counts from domainQueueDue and domainStage.

import { dayStart, nextDayStart } from '../study/day.ts';
import type { DomainCounts, StudySettings } from '../study/index.ts';
import type { Db } from './tx.ts';

export interface HomeCounts {
  /** Cards due at `now` (learning and review). */
  dueNow: number;
  /** Cards due before the next study day starts (04:00 local). */
  dueToday: number;
  /** New cards waiting in enabled decks. */
  newQueued: number;
  /** New cards that may still be introduced today: min(newQueued, newPerDay - introducedToday). */
  newAvailable: number;
  /** All reviews done today. */
  reviewedToday: number;
  /** Reviews of review-state cards today (counts against `reviewsPerDay`). */
  reviewsDoneToday: number;
  /** New cards introduced today (counts against `newPerDay`). */
  introducedToday: number;
}

const MAX = Number.MAX_VALUE;

export async function homeCounts(
  db: Db,
  now: number,
  tzOffsetMinutes: number,
  settings: StudySettings,
): Promise<HomeCounts> {
  const start = dayStart(now, tzOffsetMinutes);
  const end = nextDayStart(now, tzOffsetMinutes);
  const tx = db.transaction(['cards', 'reviews'], 'readonly');
  const cards = tx.objectStore('cards');
  const reviews = tx.objectStore('reviews');
  const today = (state: 'new' | 'review'): IDBKeyRange => IDBKeyRange.bound([state, start], [state, end], false, true);
  const [dueNow, dueToday, newQueued, reviewedToday, reviewsDoneToday, introducedToday] = await Promise.all([
    cards.index('queueDue').count(IDBKeyRange.bound(['due', -MAX], ['due', now])),
    cards.index('queueDue').count(IDBKeyRange.bound(['due', -MAX], ['due', end], false, true)),
    cards.index('queueDue').count(IDBKeyRange.bound(['new', -MAX], ['new', MAX])),
    reviews.index('reviewedAt').count(IDBKeyRange.bound(start, end, false, true)),
    reviews.index('stateAt').count(today('review')),
    reviews.index('stateAt').count(today('new')),
  ]);
  await tx.done;
  const newAvailable = Math.min(newQueued, Math.max(0, settings.newPerDay - introducedToday));
  return { dueNow, dueToday, newQueued, newAvailable, reviewedToday, reviewsDoneToday, introducedToday };
}

/** Per-domain counts (see `DomainCounts` in study), sorted by domain id. */
export async function domainSummary(db: Db, now: number, tzOffsetMinutes: number): Promise<DomainCounts[]> {
  const end = nextDayStart(now, tzOffsetMinutes);
  const tx = db.transaction('cards', 'readonly');
  const stageIndex = tx.store.index('domainStage');
  const dueIndex = tx.store.index('domainQueueDue');
  // One key per distinct [domain, stage] pair: a handful per domain, never one per card.
  const pairs: [string, string][] = [];
  let cursor = await stageIndex.openKeyCursor(null, 'nextunique');
  while (cursor) {
    pairs.push(cursor.key);
    cursor = await cursor.continue();
  }
  const map = new Map<string, DomainCounts>();
  const stageCounts = await Promise.all(pairs.map((p) => stageIndex.count(p)));
  for (const [i, [domain, stage]] of pairs.entries()) {
    if (stage === 'inactive') continue;
    const n = stageCounts[i] ?? 0;
    let c = map.get(domain);
    if (!c) {
      c = { domain, due: 0, new: 0, learned: 0, mature: 0, total: 0 };
      map.set(domain, c);
    }
    c.total += n;
    if (stage !== 'new') c.learned += n;
    if (stage === 'mature') c.mature += n;
  }
  const domains = [...map.values()];
  await Promise.all(
    domains.map(async (c) => {
      const d = c.domain;
      [c.due, c.new] = await Promise.all([
        dueIndex.count(IDBKeyRange.bound([d, 'due', -MAX], [d, 'due', end], false, true)),
        dueIndex.count(IDBKeyRange.bound([d, 'new', -MAX], [d, 'new', MAX])),
      ]);
    }),
  );
  await tx.done;
  return domains.sort((a, b) => (a.domain < b.domain ? -1 : 1));
}
