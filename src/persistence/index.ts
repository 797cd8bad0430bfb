// Public API of the persistence layer: the only code in the app that touches IndexedDB (idb).
//
//   const store = await openStore({ name?, indexedDB?, storage?, now? });  // throws StorageError
//   // Decks
//   await store.syncDeck(deckId, version, cards /* {cardId, kind, domain, competency, order}[] */, now);
//   await store.setDeckEnabled(deckId, on, now); await store.listDecks();
//   // Queue (bounded index reads, never the whole collection)
//   await store.readDue(until, limit);  // enabled, not suspended/buried, due <= until, earliest first
//   await store.readNew(now, limit);    // new cards in deck order, interleaved across decks
//   // Reviews (card state + log entry in ONE transaction; StorageError on failure, nothing lost)
//   const id = await store.commitReview(result.record, result.log);
//   await store.undoLast(now);          // -> { record, log } | null; call again to step back further
//   // Flags
//   await store.bury(key, nextDayStart(now, tz)); await store.suspend(key, on);
//   // Home
//   await store.counts(now, tz, settings);   // HomeCounts: dueNow, dueToday, newAvailable, ...
//   await store.domainSummary(now, tz);      // DomainCounts[] per KCNA domain
//   // Settings, device storage, quarantine, backup
//   await store.getSettings(now); await store.putSettings(s);
//   await store.requestPersistence(); await store.storageStatus();
//   await store.listQuarantine(); await store.clearQuarantine();
//   const backup = await exportBackup(store, now);   // JSON.stringify it into one file
//   await importBackup(store, JSON.parse(text));      // replaces all progress atomically; BackupError
//   store.close();
//
// Times are epoch ms passed in by the caller; `tz` is local minus UTC in minutes
// (`-new Date().getTimezoneOffset()`). Tests use fake-indexeddb (`import 'fake-indexeddb/auto'`)
// and a unique `name` per test.

export { openStore, Store } from './store.ts';
export type { OpenOptions, UndoResult, HomeCounts, SyncResult, DeckCard } from './store.ts';
export { StorageError } from './errors.ts';
export { exportBackup, importBackup, BackupError, BACKUP_FORMAT } from './backup.ts';
export type { ProgressBackup } from './backup.ts';
export type { StorageErrorKind } from './errors.ts';
export type { StorageManagerLike, StorageStatus } from './storage-status.ts';
export type { DeckInfo, QuarantineEntry } from './schema.ts';
export { DB_VERSION, DEFAULT_DB_NAME } from './schema.ts';
export { openUserDeckStore, UserDeckStore, USER_DECKS_DB } from './user-decks.ts';
export type { StoredUserDeck } from './user-decks.ts';
export { openSandboxStore, SandboxStore, SANDBOX_DB } from './sandbox-store.ts';
export type { StoredSandbox, StoredLine } from './sandbox-store.ts';
