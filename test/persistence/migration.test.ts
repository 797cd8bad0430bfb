import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { applyReview, defaultSettings, newCardRecord } from '../../src/study/index.ts';
import type { CardRecord } from '../../src/study/index.ts';
import { DB_VERSION, openStore } from '../../src/persistence/index.ts';
import { createV1 } from '../../src/persistence/migrations.ts';
import { reviewCard } from '../study/fixtures.ts';
import { DAY, HOUR, NOW, dbName } from './helpers.ts';

/** Writes a version-1 database the way the first release did. */
async function seedV1(name: string): Promise<{ cards: CardRecord[] }> {
  const db = await openDB(name, 1, { upgrade: (d) => createV1(d) });
  const meta = {
    deckId: 'arch',
    kind: 'flashcard' as const,
    domain: 'kubernetes-fundamentals',
    competency: 'core-concepts',
  };
  const fresh = newCardRecord({ ...meta, key: 'arch/new', cardId: 'new', order: 0 }, NOW - DAY);
  const due = reviewCard('arch', 'due', NOW - HOUR, 12);
  const suspended = { ...reviewCard('arch', 'susp', NOW - HOUR), suspended: true };
  const buriedPast = { ...reviewCard('arch', 'buried', NOW - HOUR), buriedUntil: NOW - 2 * HOUR };
  const cards = [fresh, due, suspended, buriedPast];
  const tx = db.transaction(['cards', 'reviews', 'meta', 'decks'], 'readwrite');
  for (const c of cards)
    await tx.objectStore('cards').put({ ...c, schemaVersion: 1, deckEnabled: true, removed: false });
  await tx.objectStore('cards').put({ key: 'arch/broken', schemaVersion: 1, state: 'banana' });
  const r = applyReview(
    newCardRecord({ ...meta, key: 'arch/due', cardId: 'due', order: 1 }, NOW - 13 * DAY),
    3,
    NOW - 12 * DAY,
    defaultSettings,
  );
  await tx.objectStore('reviews').add(r.log);
  await tx.objectStore('meta').put({ key: 'settings', value: { ...defaultSettings, newPerDay: 7 } });
  await tx.objectStore('decks').put({ deckId: 'arch', version: '1', enabled: true, syncedAt: NOW - DAY, cardCount: 4 });
  await tx.done;
  db.close();
  return { cards };
}

describe('schema migration', () => {
  it('upgrades a version-1 database with data to version 2 without losing anything', async () => {
    const name = dbName();
    const { cards } = await seedV1(name);
    const store = await openStore({ name, now: NOW });

    expect(DB_VERSION).toBe(2);
    for (const c of cards) expect(await store.getCard(c.key, NOW)).toEqual(c);
    expect(await store.getSettings(NOW)).toEqual({ ...defaultSettings, newPerDay: 7 });
    expect(await store.listDecks()).toMatchObject([{ deckId: 'arch', version: '1', enabled: true }]);

    // The new compound indexes serve the queue: suspended stays out, the expired bury is released.
    expect((await store.readDue(NOW, 10)).map((c) => c.key)).toEqual(['arch/buried', 'arch/due']);
    expect((await store.readNew(NOW, 10)).map((c) => c.key)).toEqual(['arch/new']);

    // The v1 review log is kept and can still be undone.
    const undone = await store.undoLast(NOW);
    expect(undone?.record.state).toBe('new');
    expect(await store.getCard('arch/due', NOW)).toMatchObject({ state: 'new', reps: 0 });

    // The record the first version could not have written is set aside, not dropped silently.
    expect(await store.listQuarantine()).toMatchObject([
      { store: 'cards', key: 'arch/broken', reason: 'deckId is not text' },
    ]);
    store.close();
  });

  it('opens an upgraded database again without migrating twice', async () => {
    const name = dbName();
    const { cards } = await seedV1(name);
    (await openStore({ name, now: NOW })).close();
    const store = await openStore({ name, now: NOW });
    for (const c of cards) expect(await store.getCard(c.key, NOW)).toEqual(c);
    expect(await store.listQuarantine()).toHaveLength(1);
    store.close();
  });
});
