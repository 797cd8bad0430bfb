// Shared fixtures: fixed dates and card builders (no wall clock anywhere).
import { newCardRecord } from '../../src/study/index.ts';
import type { CardKind, CardMeta, CardRecord } from '../../src/study/index.ts';

/** Monday 5 January 2026, 09:00 UTC. */
export const NOW = Date.UTC(2026, 0, 5, 9, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export function meta(deckId: string, cardId: string, order: number, over: Partial<CardMeta> = {}): CardMeta {
  const kind: CardKind = 'flashcard';
  return {
    key: `${deckId}/${cardId}`,
    deckId,
    cardId,
    kind,
    domain: 'kubernetes-fundamentals',
    competency: 'core-concepts',
    order,
    ...over,
  };
}

export function newCard(deckId: string, cardId: string, order = 0, now = NOW): CardRecord {
  return newCardRecord(meta(deckId, cardId, order), now);
}

/** A review-state card due at `due` with a `days` interval. */
export function reviewCard(deckId: string, cardId: string, due: number, days = 5): CardRecord {
  return {
    ...newCard(deckId, cardId),
    state: 'review',
    due,
    stability: days,
    difficulty: 5,
    scheduledDays: days,
    reps: 3,
    lastReview: due - days * DAY,
  };
}
