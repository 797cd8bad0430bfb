import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBIndex, IDBObjectStore } from 'fake-indexeddb';
import { defaultSettings, newCardRecord } from '../../src/study/index.ts';
import type { CardRecord } from '../../src/study/index.ts';
import type { Store } from '../../src/persistence/index.ts';
import { reviewCard } from '../study/fixtures.ts';
import { DAY, HOUR, NOW, deckCards, freshStore } from './helpers.ts';

let store: Store;
afterEach(() => {
  vi.restoreAllMocks();
  store.close();
});

const keys = (cards: CardRecord[]): string[] => cards.map((c) => c.key);

describe('queue reads', () => {
  it('reads due cards earliest first, up to the limit, and not those due later', async () => {
    store = await freshStore();
    await store.putCards([
      reviewCard('a', 'later', NOW + HOUR),
      reviewCard('a', 'second', NOW - HOUR),
      reviewCard('a', 'first', NOW - 2 * DAY),
      reviewCard('a', 'third', NOW),
    ]);
    expect(keys(await store.readDue(NOW, 2))).toEqual(['a/first', 'a/second']);
    expect(keys(await store.readDue(NOW, 10))).toEqual(['a/first', 'a/second', 'a/third']);
  });

  it('never returns suspended, buried or removed cards, or cards of a disabled deck', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(3), NOW);
    await store.syncDeck('b', '1', deckCards(2), NOW);
    await store.putCards([
      reviewCard('a', 'c00000', NOW - HOUR),
      reviewCard('a', 'c00001', NOW - HOUR),
      reviewCard('b', 'c00000', NOW - HOUR),
    ]);
    await store.suspend('a/c00000', true);
    await store.bury('a/c00001', NOW + DAY);
    await store.setDeckEnabled('b', false, NOW);
    await store.syncDeck(
      'a',
      '2',
      deckCards(3).filter((c) => c.cardId !== 'c00002'),
      NOW,
    );
    expect(await store.readDue(NOW, 50)).toEqual([]);
    expect(await store.readNew(NOW, 50)).toEqual([]);

    await store.suspend('a/c00000', false);
    await store.setDeckEnabled('b', true, NOW);
    expect(keys(await store.readDue(NOW, 50)).sort()).toEqual(['a/c00000', 'b/c00000']);
    expect(keys(await store.readNew(NOW, 50))).toEqual(['b/c00001']);
  });

  it('introduces new cards in deck order, interleaved across decks', async () => {
    store = await freshStore();
    await store.syncDeck('b', '1', deckCards(3), NOW);
    await store.syncDeck('a', '1', deckCards(2), NOW);
    expect(keys(await store.readNew(NOW, 4))).toEqual(['a/c00000', 'b/c00000', 'a/c00001', 'b/c00001']);
  });

  it('brings a buried card back on the next study day', async () => {
    store = await freshStore();
    await store.putCards([reviewCard('a', 'x', NOW - HOUR)]);
    const tomorrow = NOW + DAY;
    const buried = await store.bury('a/x', tomorrow);
    expect(buried?.buriedUntil).toBe(tomorrow);
    expect(await store.readDue(NOW + HOUR, 10)).toEqual([]);
    const back = await store.readDue(tomorrow, 10);
    expect(keys(back)).toEqual(['a/x']);
    expect(back[0]?.buriedUntil).toBe(0);
  });

  it('reads the queue with bounded index reads, never the whole collection', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(300), NOW);
    await store.putCards(Array.from({ length: 300 }, (_, i) => reviewCard('b', `r${i}`, NOW - i * HOUR)));
    const storeGetAll = vi.spyOn(IDBObjectStore.prototype, 'getAll');
    const indexGetAll = vi.spyOn(IDBIndex.prototype, 'getAll');
    const cursors = vi.spyOn(IDBObjectStore.prototype, 'openCursor');
    expect(await store.readDue(NOW, 50)).toHaveLength(50);
    expect(await store.readNew(NOW, 20)).toHaveLength(20);
    expect(storeGetAll).not.toHaveBeenCalled();
    expect(cursors).not.toHaveBeenCalled();
    expect(indexGetAll.mock.calls.map((c) => c[1])).toEqual([50, 20]);
  });

  it('counts cards due today and new cards left after what was introduced today', async () => {
    store = await freshStore();
    const settings = { ...defaultSettings, newPerDay: 3 };
    await store.syncDeck('a', '1', deckCards(10), NOW);
    await store.putCards([
      reviewCard('b', 'now', NOW - HOUR),
      reviewCard('b', 'tonight', NOW + 10 * HOUR),
      reviewCard('b', 'tomorrow', NOW + DAY),
    ]);
    const [first] = await store.readNew(NOW, 1);
    if (!first) throw new Error('expected a new card');
    const { applyReview } = await import('../../src/study/index.ts');
    const r = applyReview(first, 3, NOW, settings);
    await store.commitReview(r.record, r.log);
    const counts = await store.counts(NOW, 0, settings);
    expect(counts).toEqual({
      dueNow: 1,
      dueToday: 3, // the learning card (10 min) and the two review cards due before 04:00 tomorrow
      newQueued: 9,
      newAvailable: 2,
      reviewedToday: 1,
      reviewsDoneToday: 0,
      introducedToday: 1,
    });
    // The next study day starts at 04:00: yesterday's introductions no longer count.
    const nextDay = await store.counts(NOW + DAY, 0, settings);
    expect(nextDay.introducedToday).toBe(0);
    expect(nextDay.newAvailable).toBe(3);
  });

  it('gives per-domain counts that match counting the records one by one', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(4), NOW);
    await store.syncDeck('b', '1', deckCards(3, { domain: 'cloud-native-architecture' }), NOW);
    const records = [
      reviewCard('a', 'c00000', NOW - HOUR, 30),
      reviewCard('a', 'c00001', NOW + 3 * DAY, 4),
      { ...reviewCard('b', 'c00000', NOW, 2), domain: 'cloud-native-architecture', suspended: true },
      {
        ...newCardRecord(
          {
            key: 'b/c00001',
            deckId: 'b',
            cardId: 'c00001',
            kind: 'quiz',
            domain: 'cloud-native-architecture',
            competency: 'observability',
            order: 1,
          },
          NOW,
        ),
        buriedUntil: NOW + DAY,
      },
    ];
    await store.putCards(records);
    const { summarizeDomains } = await import('../../src/study/index.ts');
    const allKeys = ['a', 'b'].flatMap((d) => deckCards(d === 'a' ? 4 : 3).map((c) => `${d}/${c.cardId}`));
    const all = await Promise.all(allKeys.map((k) => store.getCard(k, NOW)));
    const expected = summarizeDomains(
      all.filter((c) => c !== null),
      NOW,
      0,
    );
    expect(await store.domainSummary(NOW, 0)).toEqual(expected);
    expect(expected).toEqual([
      { domain: 'cloud-native-architecture', due: 0, new: 1, learned: 1, mature: 0, total: 3 },
      { domain: 'kubernetes-fundamentals', due: 1, new: 2, learned: 2, mature: 1, total: 4 },
    ]);
  });
});
