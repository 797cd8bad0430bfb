// Schema creation and upgrades, run inside IndexedDB's versionchange transaction. Each step
// takes the database from version N-1 to N, so any old database walks the whole path.

import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { cardRecordProblem, toStored } from './stored-card.ts';
import type { QuarantineEntry, StoredCard } from './schema.ts';
import type { CardRecord } from '../study/index.ts';

/** Untyped views: the typed schema describes the latest version only. */
type AnyDb = IDBPDatabase<unknown>;
export type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/** Version 1: the first shipped layout. */
export function createV1(db: AnyDb): void {
  const cards = db.createObjectStore('cards', { keyPath: 'key' });
  cards.createIndex('due', 'due');
  cards.createIndex('deckId', 'deckId');
  const reviews = db.createObjectStore('reviews', { keyPath: 'id', autoIncrement: true });
  reviews.createIndex('reviewedAt', 'reviewedAt');
  db.createObjectStore('meta', { keyPath: 'key' });
  db.createObjectStore('decks', { keyPath: 'deckId' });
  db.createObjectStore('quarantine', { keyPath: 'id', autoIncrement: true });
}

/**
 * Version 2: derived `queue`/`stage` fields and compound indexes so the queue and the Home
 * counts are bounded index reads. Rewrites every card; a card that cannot be read is moved to
 * quarantine instead of failing the upgrade. `now` stamps quarantine entries.
 */
export async function upgradeToV2(tx: UpgradeTx, now: number): Promise<void> {
  const cards = tx.objectStore('cards');
  cards.deleteIndex('due');
  cards.deleteIndex('deckId');
  cards.createIndex('queueDue', ['queue', 'due']);
  cards.createIndex('queueOrder', ['queue', 'order', 'key']);
  cards.createIndex('domainQueueDue', ['domain', 'queue', 'due']);
  cards.createIndex('domainStage', ['domain', 'stage']);
  cards.createIndex('buriedUntil', 'buriedUntil');
  tx.objectStore('reviews').createIndex('stateAt', ['stateBefore', 'reviewedAt']);

  const quarantine = tx.objectStore('quarantine');
  let cursor = await cards.openCursor();
  while (cursor) {
    const v: unknown = cursor.value;
    const problem = cardRecordProblem(v);
    if (problem === null) {
      const old = v as CardRecord & Partial<Pick<StoredCard, 'deckEnabled' | 'removed'>>;
      const flags = { deckEnabled: old.deckEnabled ?? true, removed: old.removed ?? false };
      await cursor.update(toStored(old, flags));
    } else {
      const entry: QuarantineEntry = { store: 'cards', key: String(cursor.key), value: v, reason: problem, at: now };
      await quarantine.add(entry);
      await cursor.delete();
    }
    cursor = await cursor.continue();
  }
}

/** Walks `db` from `oldVersion` to the latest version. */
export async function upgrade(db: AnyDb, oldVersion: number, tx: UpgradeTx, now: number): Promise<void> {
  if (oldVersion < 1) createV1(db);
  if (oldVersion < 2) await upgradeToV2(tx, now);
}
