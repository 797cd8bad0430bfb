import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBObjectStore } from 'fake-indexeddb';
import { applyReview, defaultSettings } from '../../src/study/index.ts';
import { BackupError, StorageError, exportBackup, importBackup } from '../../src/persistence/index.ts';
import type { Store } from '../../src/persistence/index.ts';
import { NOW, deckCards, freshStore } from './helpers.ts';

const stores: Store[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) s.close();
});

async function open(): Promise<Store> {
  const s = await freshStore();
  stores.push(s);
  return s;
}

async function studied(): Promise<Store> {
  const s = await open();
  await s.syncDeck('a', '3', deckCards(1_200), NOW);
  await s.syncDeck('b', '1', deckCards(5), NOW);
  await s.setDeckEnabled('b', false, NOW);
  await s.putSettings({ ...defaultSettings, newPerDay: 12 });
  for (const card of await s.readNew(NOW, 3)) {
    const r = applyReview(card, 3, NOW, defaultSettings);
    await s.commitReview(r.record, r.log);
  }
  await s.suspend('a/c00010', true);
  await s.syncDeck('a', '4', deckCards(1_199), NOW);
  return s;
}

describe('backup', () => {
  it('restores every card, review, deck and setting into another database', async () => {
    const source = await studied();
    const file = JSON.stringify(await exportBackup(source, NOW));
    const target = await open();
    await target.syncDeck('other', '1', deckCards(2), NOW);
    expect(await importBackup(target, JSON.parse(file))).toEqual({ cards: 1_205, reviews: 3 });

    expect(await target.listDecks()).toEqual(await source.listDecks());
    expect(await target.getSettings(NOW)).toEqual(await source.getSettings(NOW));
    expect(await target.counts(NOW, 0, defaultSettings)).toEqual(await source.counts(NOW, 0, defaultSettings));
    expect(await target.domainSummary(NOW, 0)).toEqual(await source.domainSummary(NOW, 0));
    expect(await target.getCard('a/c00010', NOW)).toEqual(await source.getCard('a/c00010', NOW));
    expect(await target.readNew(NOW, 5)).toEqual(await source.readNew(NOW, 5));
    expect(await target.getCard('other/c00000', NOW)).toBeNull();
    // The review log came along: undo still works after a restore.
    expect((await target.undoLast(NOW))?.record.state).toBe('new');
  });

  it('refuses a file that is not a progress backup and leaves progress as it was', async () => {
    const s = await studied();
    const before = await s.counts(NOW, 0, defaultSettings);
    await expect(importBackup(s, { hello: 'world' })).rejects.toBeInstanceOf(BackupError);
    const newer = { ...(await exportBackup(s, NOW)), schemaVersion: 99 };
    await expect(importBackup(s, newer)).rejects.toThrow(/newer version of the app/);
    expect(await s.counts(NOW, 0, defaultSettings)).toEqual(before);
  });

  it('leaves progress untouched when the restore cannot be written', async () => {
    const s = await studied();
    const backup = await exportBackup(s, NOW);
    const target = await studied();
    await target.putSettings({ ...defaultSettings, newPerDay: 3 });
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(importBackup(target, backup)).rejects.toBeInstanceOf(StorageError);
    vi.restoreAllMocks();
    expect((await target.getSettings(NOW)).newPerDay).toBe(3);
    expect((await target.counts(NOW, 0, defaultSettings)).reviewedToday).toBe(3);
  });
});
