import { afterEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src/study/index.ts';
import type { Store } from '../../src/persistence/index.ts';
import { reviewCard } from '../study/fixtures.ts';
import { HOUR, NOW, freshStore } from './helpers.ts';

let store: Store;
afterEach(() => store.close());

/** Writes a raw value into the cards store, bypassing every check (as a bug or old app might). */
async function putRaw(value: object): Promise<void> {
  const tx = store.db.transaction('cards', 'readwrite');
  await tx.objectStore('cards').put(value as Parameters<typeof tx.store.put>[0]);
  await tx.done;
}

describe('quarantine', () => {
  it('moves a corrupted card out of the queue and lists it, instead of crashing', async () => {
    store = await freshStore();
    const good = [reviewCard('a', 'one', NOW - 2 * HOUR), reviewCard('a', 'two', NOW - HOUR)];
    await store.putCards(good);
    const corrupt = {
      ...reviewCard('a', 'bad', NOW - 3 * HOUR),
      schemaVersion: 2,
      queue: 'due',
      deckEnabled: true,
      removed: false,
      stability: 'lots',
    };
    await putRaw(corrupt);

    expect(await store.readDue(NOW, 2)).toEqual(good);
    const entries = await store.listQuarantine();
    expect(entries).toEqual([
      { id: 1, store: 'cards', key: 'a/bad', value: corrupt, reason: 'stability is not a number', at: NOW },
    ]);
    expect(await store.getCard('a/bad', NOW)).toBeNull();
  });

  it('quarantines a record written by a newer version of the app', async () => {
    store = await freshStore();
    const future = {
      ...reviewCard('a', 'future', NOW - HOUR),
      schemaVersion: 9,
      queue: 'due',
      deckEnabled: true,
      removed: false,
    };
    await putRaw(future);
    expect(await store.getCard('a/future', NOW)).toBeNull();
    expect(await store.listQuarantine()).toMatchObject([
      { key: 'a/future', reason: 'written by a newer version of the app (schemaVersion 9)' },
    ]);
    await store.clearQuarantine();
    expect(await store.listQuarantine()).toEqual([]);
  });

  it('falls back to default settings when the stored settings cannot be read', async () => {
    store = await freshStore();
    const tx = store.db.transaction('meta', 'readwrite');
    await tx.store.put({ key: 'settings', value: { ...defaultSettings, desiredRetention: 'high' } });
    await tx.done;
    expect(await store.getSettings(NOW)).toEqual(defaultSettings);
    expect(await store.listQuarantine()).toMatchObject([{ store: 'meta', key: 'settings' }]);
  });

  it('keeps valid settings and rejects out-of-range ones', async () => {
    store = await freshStore();
    await store.putSettings({ ...defaultSettings, newPerDay: 5, desiredRetention: 0.85 });
    expect(await store.getSettings(NOW)).toEqual({ ...defaultSettings, newPerDay: 5, desiredRetention: 0.85 });
    await expect(store.putSettings({ ...defaultSettings, desiredRetention: 1.5 })).rejects.toThrow(/desiredRetention/);
  });
});

describe('quarantine of buried cards', () => {
  it('sets aside an unreadable buried card when its bury ends, and keeps reading the queue', async () => {
    store = await freshStore();
    await store.putCards([reviewCard('a', 'ok', NOW - HOUR)]);
    const corrupt = { ...reviewCard('a', 'bad', NOW - HOUR), buriedUntil: NOW - 1, schemaVersion: 2, lapses: null };
    await putRaw({ ...corrupt, queue: 'off', deckEnabled: true, removed: false });
    expect((await store.readDue(NOW, 10)).map((c) => c.key)).toEqual(['a/ok']);
    expect(await store.listQuarantine()).toMatchObject([{ key: 'a/bad', reason: 'lapses is not a number' }]);
  });
});
