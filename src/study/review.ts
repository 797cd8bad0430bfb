// Applying a rating to a card record: FSRS scheduling plus leech detection. Pure: the caller
// stores the returned record and log entry together (see persistence `commitReview`).

import { schedule } from './scheduler.ts';
import { formatInterval } from './interval-label.ts';
import { DAY_MS } from './day.ts';
import type { CardRecord, Rating, ReviewResult, StudySettings } from './types.ts';

/** Lapses after which a card is flagged as a leech and suspended (Anki's default). */
export const leechThreshold = 8;

export { newCardRecord } from './new-card.ts';

/**
 * A leech is flagged when lapses reach the threshold, and again every half threshold after that
 * (8, 12, 16, ...) in case the learner unsuspended it, like Anki.
 */
function isLeechLapse(before: number, after: number): boolean {
  if (after <= before || after < leechThreshold) return false;
  return (after - leechThreshold) % Math.ceil(leechThreshold / 2) === 0;
}

/** Rates `rec` at `now`. Does not mutate `rec`. */
export function applyReview(rec: CardRecord, rating: Rating, now: number, settings: StudySettings): ReviewResult {
  const next = schedule(rec, rating, now, settings, rec.key);
  const becameLeech = isLeechLapse(rec.lapses, next.lapses);
  const record: CardRecord = {
    ...rec,
    ...next,
    buriedUntil: 0,
    leech: rec.leech || becameLeech,
    suspended: rec.suspended || becameLeech,
  };
  return {
    record,
    becameLeech,
    log: {
      key: rec.key,
      deckId: rec.deckId,
      domain: rec.domain,
      rating,
      reviewedAt: now,
      stateBefore: rec.state,
      stateAfter: next.state,
      dueAfter: next.due,
      scheduledDays: next.scheduledDays,
      elapsedDays: rec.lastReview === null ? 0 : Math.max(0, Math.round((now - rec.lastReview) / DAY_MS)),
      previous: structuredClone(rec),
    },
  };
}

/** Labels of the interval each rating would give, for the rating buttons. */
export function previewIntervals(rec: CardRecord, now: number, settings: StudySettings): Record<Rating, string> {
  const label = (r: Rating): string => formatInterval(schedule(rec, r, now, settings, rec.key).due - now);
  return { 1: label(1), 2: label(2), 3: label(3), 4: label(4) };
}
