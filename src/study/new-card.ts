// A card never studied. Written out here rather than asked of ts-fsrs so that code which only
// adds cards (deck sync on app start) does not pull the scheduler into the first screen's bundle;
// a test checks these fields equal ts-fsrs's empty card.

import type { CardMeta, CardRecord, FsrsFields } from './types.ts';

export function emptyCardFields(now: number): FsrsFields {
  return {
    state: 'new',
    due: now,
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    lastReview: null,
  };
}

/** A fresh record for a card never studied. */
export function newCardRecord(meta: CardMeta, now: number): CardRecord {
  return { ...meta, ...emptyCardFields(now), suspended: false, leech: false, buriedUntil: 0 };
}
