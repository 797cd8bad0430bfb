// Benchmark helpers for the IndexedDB budgets, runnable in a browser page (real Chromium) and
// under fake-indexeddb in unit tests. Budgets (checked by the caller): reading the next 50 due
// cards out of 100,000 within 20 ms; p95 of committing one review within 20 ms.
// Bench code may read the clock (performance.now) to time things; the data stays deterministic.

import { applyReview, defaultSettings, newCardRecord } from '../study/index.ts';
import type { CardRecord, CardState } from '../study/index.ts';
import type { Store } from './store.ts';

const DAY = 86_400_000;
const domains = [
  'kubernetes-fundamentals',
  'container-orchestration',
  'cloud-native-application-delivery',
  'cloud-native-architecture',
];

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32), so every run seeds the same data. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Fills `store` with a deck `bench` of `n` cards: about 60% in review (due from 30 days ago to
 * 60 days ahead), 5% learning, the rest new; a few suspended. Returns the number of due cards.
 */
export async function seedBenchCollection(store: Store, n: number, now: number): Promise<number> {
  const rand = prng(42);
  const metas = Array.from({ length: n }, (_, i) => ({
    cardId: `b${i}`,
    kind: 'flashcard' as const,
    domain: domains[i % domains.length] ?? 'kubernetes-fundamentals',
    competency: 'core-concepts',
    order: i,
  }));
  await store.syncDeck('bench', '1', metas, now);
  const records: CardRecord[] = [];
  let due = 0;
  for (const [i, m] of metas.entries()) {
    const roll = rand();
    if (roll >= 0.65) continue; // stays new
    const state: CardState = roll < 0.05 ? 'learning' : 'review';
    const days = state === 'review' ? 1 + Math.floor(rand() * 90) : 0;
    const dueAt = now + Math.floor((rand() * 90 - 30) * DAY);
    if (dueAt <= now) due += 1;
    const base = newCardRecord({ ...m, key: `bench/${m.cardId}`, deckId: 'bench' }, now);
    records.push({
      ...base,
      state,
      due: dueAt,
      stability: Math.max(days, 0.5),
      difficulty: 5,
      scheduledDays: days,
      learningSteps: 0,
      reps: 3,
      lastReview: dueAt - days * DAY,
      suspended: i % 97 === 0,
    });
  }
  await store.putCards(records);
  return due - records.filter((r) => r.suspended && r.due <= now).length;
}

export interface StoreTimings {
  /** Slowest of 5 reads of the next 50 due cards (the first one is cold). */
  readNext50Ms: number;
  /** 95th percentile of committing one review (card + log in one transaction). */
  commitP95Ms: number;
  /** How many reviews were committed (and undone afterwards). */
  commits: number;
}

/** Measures the queue read and the review commit; leaves the collection as it found it. */
export async function measureStore(store: Store, now: number, commits = 40): Promise<StoreTimings> {
  let readNext50Ms = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await store.readDue(now, 50);
    readNext50Ms = Math.max(readNext50Ms, performance.now() - t0);
  }
  const cards = await store.readDue(now, commits);
  const times: number[] = [];
  for (const card of cards) {
    const result = applyReview(card, 3, now, defaultSettings);
    const t0 = performance.now();
    await store.commitReview(result.record, result.log);
    times.push(performance.now() - t0);
  }
  for (let i = 0; i < cards.length; i++) await store.undoLast(now);
  times.sort((a, b) => a - b);
  const p95 = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)] ?? 0;
  return { readNext50Ms, commitP95Ms: p95, commits: times.length };
}
