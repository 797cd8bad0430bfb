import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBObjectStore } from 'fake-indexeddb';
import { applyReview, defaultSettings } from '../../src/study/index.ts';
import type { CardRecord, Rating } from '../../src/study/index.ts';
import { StorageError } from '../../src/persistence/index.ts';
import type { Store } from '../../src/persistence/index.ts';
import { reviewCard } from '../study/fixtures.ts';
import { DAY, HOUR, MIN, NOW, deckCards, freshStore } from './helpers.ts';

let store: Store;
afterEach(() => {
  vi.restoreAllMocks();
  store.close();
});

async function review(key: string, rating: Rating, now: number): Promise<CardRecord> {
  const card = await store.getCard(key, now);
  if (!card) throw new Error(`missing ${key}`);
  const result = applyReview(card, rating, now, defaultSettings);
  await store.commitReview(result.record, result.log);
  return result.record;
}

describe('reviews', () => {
  it('saves the new card state together with a review-log entry', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(1), NOW);
    const after = await review('a/c00000', 3, NOW);
    expect(await store.getCard('a/c00000', NOW)).toEqual(after);
    expect((await store.counts(NOW, 0, defaultSettings)).reviewedToday).toBe(1);
  });

  it('undoes several reviews in turn, restoring each previous state exactly', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(2), NOW);
    const original0 = await store.getCard('a/c00000', NOW);
    const original1 = await store.getCard('a/c00001', NOW);
    await review('a/c00000', 3, NOW);
    const afterFirst = await review('a/c00000', 1, NOW + 10 * MIN);
    await review('a/c00001', 4, NOW + 11 * MIN);

    const u1 = await store.undoLast(NOW);
    expect(u1?.record).toEqual(original1);
    expect(await store.getCard('a/c00001', NOW)).toEqual(original1);
    const u2 = await store.undoLast(NOW);
    expect(u2?.log.rating).toBe(1);
    expect(await store.getCard('a/c00000', NOW)).toEqual(u2?.record);
    expect(u2?.record).not.toEqual(afterFirst);
    await store.undoLast(NOW);
    expect(await store.getCard('a/c00000', NOW)).toEqual(original0);
    expect(await store.undoLast(NOW)).toBeNull();
    const counts = await store.counts(NOW, 0, defaultSettings);
    expect(counts.reviewedToday).toBe(0);
    expect(counts.introducedToday).toBe(0);
  });

  it('writes neither the card nor the log entry when the log write fails', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(2), NOW);
    await review('a/c00000', 3, NOW);
    const before = await store.getCard('a/c00001', NOW);
    const card = before;
    if (!card) throw new Error('missing card');
    const result = applyReview(card, 3, NOW, defaultSettings);
    // Log id 1 is taken: `add` violates the key constraint after the card put succeeded.
    await expect(store.commitReview(result.record, { ...result.log, id: 1 })).rejects.toBeInstanceOf(StorageError);
    expect(await store.getCard('a/c00001', NOW)).toEqual(before);
    expect((await store.counts(NOW, 0, defaultSettings)).reviewedToday).toBe(1);
  });

  it('reports a full disk as a StorageError the learner can act on, keeping saved progress', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(2), NOW);
    const saved = await review('a/c00000', 3, NOW);
    const card = await store.getCard('a/c00001', NOW);
    if (!card) throw new Error('missing card');
    const result = applyReview(card, 3, NOW + MIN, defaultSettings);
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    const error = await store.commitReview(result.record, result.log).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ kind: 'quota', retryable: true });
    expect((error as Error).message).toBe(
      'Storage is full: free some space on this device, then retry. Your earlier progress is safe.',
    );
    expect(await store.getCard('a/c00000', NOW)).toEqual(saved);
    expect(await store.getCard('a/c00001', NOW)).toEqual(card);

    // Space freed: the retry lands.
    vi.restoreAllMocks();
    await store.commitReview(result.record, result.log);
    expect(await store.getCard('a/c00001', NOW)).toEqual(result.record);
  });

  it('suspends a leech on its 8th lapse and keeps it out of the queue', async () => {
    store = await freshStore();
    await store.putCards([{ ...reviewCard('a', 'x', NOW - HOUR, 10), lapses: 7 }]);
    const card = await store.getCard('a/x', NOW);
    if (!card) throw new Error('missing card');
    const result = applyReview(card, 1, NOW, defaultSettings);
    expect(result.becameLeech).toBe(true);
    await store.commitReview(result.record, result.log);
    expect(await store.readDue(NOW + DAY, 10)).toEqual([]);
    expect(await store.getCard('a/x', NOW)).toMatchObject({ leech: true, suspended: true, lapses: 8 });
    // Unsuspending keeps the leech flag and puts the card back in the queue.
    await store.suspend('a/x', false);
    expect(await store.readDue(NOW + DAY, 10)).toMatchObject([{ key: 'a/x', leech: true, suspended: false }]);
  });

  it('undoes a review that made a card a leech', async () => {
    store = await freshStore();
    const start = { ...reviewCard('a', 'x', NOW - HOUR, 10), lapses: 7 };
    await store.putCards([start]);
    await review('a/x', 1, NOW);
    await store.undoLast(NOW);
    expect(await store.getCard('a/x', NOW)).toEqual(start);
    expect(await store.readDue(NOW, 10)).toEqual([start]);
  });
});
