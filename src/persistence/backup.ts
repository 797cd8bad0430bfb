// Backup and restore of all progress as one JSON document. Restore replaces everything in a
// single transaction, so a failed restore leaves the previous progress untouched.

import type { CardRecord, ReviewLogEntry, StudySettings } from '../study/index.ts';
import { CARD_SCHEMA_VERSION, SETTINGS_KEY } from './schema.ts';
import type { DeckInfo, StoreName, StoredReview } from './schema.ts';
import type { Store } from './store.ts';
import { CHUNK, Requests, write } from './tx.ts';
import type { Db } from './tx.ts';
import { cardRecordProblem, toRecord, toStored } from './stored-card.ts';
import { parseSettings } from './settings.ts';

export const BACKUP_FORMAT = 'kcna-progress';

export interface ProgressBackup {
  format: typeof BACKUP_FORMAT;
  /** Card schema version of the app that wrote it. */
  schemaVersion: number;
  /** Epoch ms. */
  exportedAt: number;
  settings: StudySettings;
  decks: DeckInfo[];
  cards: (CardRecord & { removed: boolean })[];
  reviews: ReviewLogEntry[];
}

/** A backup file that cannot be restored; the message says why in the learner's terms. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** Reads a whole store page by page, so no single request returns 100,000 records. */
async function readAll<N extends 'cards' | 'reviews'>(db: Db, name: N): Promise<unknown[]> {
  const out: unknown[] = [];
  let after: IDBValidKey | undefined;
  for (;;) {
    const range = after === undefined ? null : IDBKeyRange.lowerBound(after, true);
    const [page, keys] = await Promise.all([db.getAll(name, range, CHUNK), db.getAllKeys(name, range, CHUNK)]);
    out.push(...page);
    after = keys.at(-1);
    if (page.length < CHUNK) return out;
  }
}

export async function exportBackup(store: Store, now: number): Promise<ProgressBackup> {
  const db = store.db;
  const cards = (await readAll(db, 'cards'))
    .filter((c): c is CardRecord & { removed: boolean } => cardRecordProblem(c) === null)
    .map((c) => ({ ...toRecord(c), removed: c.removed }));
  const reviews = (await readAll(db, 'reviews')) as StoredReview[];
  return {
    format: BACKUP_FORMAT,
    schemaVersion: CARD_SCHEMA_VERSION,
    exportedAt: now,
    settings: await store.getSettings(now),
    decks: await store.listDecks(),
    cards,
    reviews,
  };
}

function check(v: unknown): ProgressBackup {
  const bad = (why: string): BackupError =>
    new BackupError(`This file cannot be restored: ${why}. Your current progress was not changed.`);
  if (typeof v !== 'object' || v === null || (v as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw bad('it is not a KCNA progress backup');
  }
  const b = v as Partial<ProgressBackup>;
  if (typeof b.schemaVersion !== 'number' || b.schemaVersion > CARD_SCHEMA_VERSION) {
    throw bad('it was made by a newer version of the app; update the app first');
  }
  if (!Array.isArray(b.cards) || !Array.isArray(b.reviews) || !Array.isArray(b.decks)) throw bad('parts are missing');
  for (const c of b.cards) {
    const problem = cardRecordProblem(c);
    if (problem) throw bad(`card ${String((c as { key?: unknown }).key)}: ${problem}`);
  }
  for (const r of b.reviews) {
    if (typeof r !== 'object' || r === null || cardRecordProblem(r.previous) !== null)
      throw bad('a review entry is damaged');
  }
  const settings = parseSettings(b.settings);
  if (!settings.ok) throw bad(`settings: ${settings.reason}`);
  return { ...(b as ProgressBackup), settings: settings.value };
}

/**
 * Replaces all progress with `backup` (parsed JSON). Throws BackupError for a file that cannot be
 * restored and StorageError when writing fails; in both cases nothing changes.
 */
export async function importBackup(store: Store, backup: unknown): Promise<{ cards: number; reviews: number }> {
  const b = check(backup);
  const enabled = new Map(b.decks.map((d) => [d.deckId, d.enabled]));
  const stores: StoreName[] = ['cards', 'reviews', 'decks', 'meta'];
  await write(store.db, stores, async (tx) => {
    const requests = new Requests();
    for (const name of ['cards', 'reviews', 'decks'] as const) requests.add(tx.objectStore(name).clear());
    for (const d of b.decks) requests.add(tx.objectStore('decks').put(d));
    for (const c of b.cards) {
      const flags = { deckEnabled: enabled.get(c.deckId) ?? true, removed: c.removed === true };
      requests.add(tx.objectStore('cards').put(toStored(c, flags)));
    }
    for (const r of b.reviews) requests.add(tx.objectStore('reviews').put(r as StoredReview));
    requests.add(tx.objectStore('meta').put({ key: SETTINGS_KEY, value: b.settings }));
    await requests.done();
  });
  return { cards: b.cards.length, reviews: b.reviews.length };
}
