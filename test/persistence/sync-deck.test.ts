import { afterEach, describe, expect, it } from 'vitest';
import { applyReview, defaultSettings } from '../../src/study/index.ts';
import type { Store } from '../../src/persistence/index.ts';
import { NOW, deckCards, freshStore } from './helpers.ts';

let store: Store;
afterEach(() => store.close());

describe('syncDeck', () => {
  it('keeps progress of existing cards when the deck is edited', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(3), NOW);
    const card = await store.getCard('a/c00001', NOW);
    if (!card) throw new Error('missing card');
    const r = applyReview(card, 3, NOW, defaultSettings);
    await store.commitReview(r.record, r.log);

    // Version 2 reorders the deck, moves a card to another domain and adds one.
    const v2 = [
      { ...deckCards(3)[1]!, order: 0, domain: 'container-orchestration' },
      { ...deckCards(3)[0]!, order: 1 },
      { ...deckCards(3)[2]!, order: 2 },
      { ...deckCards(4)[3]!, order: 3 },
    ];
    expect(await store.syncDeck('a', '2', v2, NOW)).toEqual({ added: 1, updated: 2, removed: 0, unchanged: 1 });
    expect(await store.getCard('a/c00001', NOW)).toEqual({ ...r.record, order: 0, domain: 'container-orchestration' });
    expect(await store.listDecks()).toMatchObject([{ deckId: 'a', version: '2', enabled: true, cardCount: 4 }]);
  });

  it('marks removed cards, keeps their progress, and restores them when they return', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(3), NOW);
    const card = await store.getCard('a/c00002', NOW);
    if (!card) throw new Error('missing card');
    const r = applyReview(card, 4, NOW, defaultSettings);
    await store.commitReview(r.record, r.log);

    expect(await store.syncDeck('a', '2', deckCards(2), NOW)).toMatchObject({ removed: 1 });
    expect((await store.readDue(NOW + 365 * 86_400_000, 10)).map((c) => c.key)).toEqual([]);
    expect(await store.syncDeck('a', '3', deckCards(3), NOW)).toMatchObject({ updated: 1, added: 0 });
    expect(await store.getCard('a/c00002', NOW)).toEqual(r.record);
    expect((await store.readDue(NOW + 365 * 86_400_000, 10)).map((c) => c.key)).toEqual(['a/c00002']);
  });

  it('removes every card of a deck synced empty, without touching other decks', async () => {
    store = await freshStore();
    await store.syncDeck('a', '1', deckCards(3), NOW);
    await store.syncDeck('ab', '1', deckCards(2), NOW);
    expect(await store.syncDeck('a', '2', [], NOW)).toEqual({ added: 0, updated: 0, removed: 3, unchanged: 0 });
    expect((await store.readNew(NOW, 10)).map((c) => c.key)).toEqual(['ab/c00000', 'ab/c00001']);
  });

  it('syncs a large deck in bounded transactions and resyncs it without rewriting', async () => {
    store = await freshStore();
    const cards = deckCards(5_000);
    expect(await store.syncDeck('big', '1', cards, NOW)).toMatchObject({ added: 5_000 });
    const v2 = cards.filter((_, i) => i % 1000 !== 0);
    expect(await store.syncDeck('big', '2', v2, NOW)).toEqual({ added: 0, updated: 0, removed: 5, unchanged: 4_995 });
    expect((await store.counts(NOW, 0, defaultSettings)).newQueued).toBe(4_995);
  });

  it('rejects a deck id containing a slash, which would make card keys ambiguous', async () => {
    store = await freshStore();
    await expect(store.syncDeck('a/b', '1', deckCards(1), NOW)).rejects.toThrow(/must not contain/);
  });
});
