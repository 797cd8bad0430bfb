// The progress store: the only object the app uses to read and write study progress.
// Every method takes `now` where time matters and never reads the clock.

import { defaultSettings } from '../study/types.ts';
import type { CardRecord, DomainCounts, ReviewLogEntry, StudySettings } from '../study/index.ts';
import { DEFAULT_DB_NAME, SETTINGS_KEY } from './schema.ts';
import type { DeckInfo, QuarantineEntry, StoredReview } from './schema.ts';
import { openDb } from './open-db.ts';
import { Requests, chunks, write } from './tx.ts';
import type { Db } from './tx.ts';
import { cardRecordProblem, toRecord, toStored } from './stored-card.ts';
import { clearQuarantine, listQuarantine, quarantineCards, splitCards } from './quarantine.ts';
import { setDeckEnabled, syncDeck } from './sync-deck.ts';
import type { DeckCard, SyncResult } from './sync-deck.ts';
import { domainSummary, homeCounts } from './counts.ts';
import type { HomeCounts } from './counts.ts';
import { defaultStorageManager, requestPersistence, storageStatus } from './storage-status.ts';
import type { StorageManagerLike, StorageStatus } from './storage-status.ts';
import { parseSettings } from './settings.ts';

export interface OpenOptions {
  /** Database name (tests use a unique name per test). */
  name?: string;
  /** IndexedDB factory; defaults to the global `indexedDB`. */
  indexedDB?: IDBFactory;
  /** `navigator.storage` stand-in; defaults to the real one when present. */
  storage?: StorageManagerLike;
  /** Stamps records quarantined during a schema upgrade. */
  now?: number;
}

export interface UndoResult {
  /** The card exactly as it was before the undone review. */
  record: CardRecord;
  /** The review-log entry that was removed. */
  log: ReviewLogEntry;
}

const MAX = Number.MAX_VALUE;

/**
 * Buried cards (buriedUntil > 0) whose bury ended at or before `now`. The lower bound is closed
 * at the smallest number above 0 rather than open at 0: every unburied card sits at 0 in the index,
 * and Chromium steps over an open bound's equal keys one by one (40 ms for 100,000 cards).
 */
const expiredBuries = (now: number): IDBKeyRange =>
  IDBKeyRange.bound(Number.MIN_VALUE, Math.max(now, Number.MIN_VALUE));

/** Opens (creating or upgrading as needed) the progress database. Throws StorageError. */
export async function openStore(opts: OpenOptions = {}): Promise<Store> {
  const factory = opts.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  const db = await openDb(factory, opts.name ?? DEFAULT_DB_NAME, opts.now ?? 0);
  return new Store(db, opts.storage ?? defaultStorageManager());
}

export class Store {
  readonly #db: Db;
  readonly #storage: StorageManagerLike | undefined;

  constructor(db: Db, storage: StorageManagerLike | undefined) {
    this.#db = db;
    this.#storage = storage;
  }

  // ---- Queue reads (bounded index reads; never the whole collection) ----

  /**
   * Up to `limit` cards of enabled decks, not suspended or buried, due at or before `until`,
   * earliest first (learning and review). Pass `now + 20 * 60_000` to include learning steps
   * coming due shortly. Unreadable records are quarantined and skipped.
   */
  async readDue(until: number, limit: number): Promise<CardRecord[]> {
    return this.#readQueue('queueDue', IDBKeyRange.bound(['due', -MAX], ['due', until]), limit, until);
  }

  /** Up to `limit` new cards of enabled decks in introduction order (deck order, interleaved). */
  async readNew(now: number, limit: number): Promise<CardRecord[]> {
    return this.#readQueue('queueOrder', IDBKeyRange.bound(['new'], ['new', []]), limit, now);
  }

  /** One card by key, or null (also null when it was unreadable and got quarantined). */
  async getCard(key: string, now: number): Promise<CardRecord | null> {
    const { good, bad } = splitCards([await this.#db.get('cards', key)].filter((v) => v !== undefined));
    await quarantineCards(this.#db, bad, now);
    const card = good[0];
    return card ? toRecord(card) : null;
  }

  async #readQueue(
    index: 'queueDue' | 'queueOrder',
    range: IDBKeyRange,
    limit: number,
    now: number,
  ): Promise<CardRecord[]> {
    // One read-only transaction in the usual case: the read itself plus a check for buried
    // cards whose day has passed. Releasing them or quarantining unreadable records changes
    // the result, so the read is then repeated.
    let released = false;
    for (;;) {
      const tx = this.#db.transaction('cards', 'readonly');
      const cards = tx.objectStore('cards');
      // Whether any bury has ended: the first key in the range is enough, no need to count them.
      const [expired, raw] = await Promise.all([
        released ? undefined : cards.index('buriedUntil').getKey(expiredBuries(now)),
        cards.index(index).getAll(range, limit),
      ]);
      if (expired !== undefined) {
        released = true;
        await this.releaseBuried(now);
        continue;
      }
      const { good, bad } = splitCards(raw);
      if (bad.length === 0) return good.map(toRecord);
      await quarantineCards(this.#db, bad, now);
    }
  }

  /** Puts buried cards whose day has passed back into their queue. Bounded by the buried count. */
  async releaseBuried(now: number): Promise<number> {
    const range = expiredBuries(now);
    if ((await this.#db.getKeyFromIndex('cards', 'buriedUntil', range)) === undefined) return 0;
    const { released, bad } = await write(this.#db, ['cards'], async (tx) => {
      const store = tx.objectStore('cards');
      const { good, bad } = splitCards(await store.index('buriedUntil').getAll(range));
      const puts = new Requests();
      for (const c of good) puts.add(store.put(toStored({ ...c, buriedUntil: 0 }, c)));
      await puts.done();
      return { released: good.length, bad };
    });
    // Unreadable ones would otherwise stay in the range and be found on every read.
    await quarantineCards(this.#db, bad, now);
    return released;
  }

  // ---- Reviews ----

  /**
   * Saves a review: the card's new state and its log entry in ONE transaction (both land or
   * neither). Returns the log entry's id. Throws StorageError; earlier data stays intact.
   */
  async commitReview(record: CardRecord, log: ReviewLogEntry): Promise<number> {
    if (log.key !== record.key) throw new RangeError(`Review log for ${log.key} does not match card ${record.key}.`);
    return write(this.#db, ['cards', 'reviews'], async (tx) => {
      const cards = tx.objectStore('cards');
      const existing = await cards.get(record.key);
      const flags = { deckEnabled: existing?.deckEnabled ?? true, removed: existing?.removed ?? false };
      const { id, ...rest } = log;
      const entry = { ...rest, previous: toRecord(log.previous) };
      // An explicit id must be new: `add` refuses to overwrite an existing entry.
      const stored = (id === undefined ? entry : { ...entry, id }) as StoredReview;
      const requests = new Requests();
      requests.add(cards.put(toStored(record, flags)));
      const logId = requests.add(tx.objectStore('reviews').add(stored));
      await requests.done();
      return logId;
    });
  }

  /**
   * Undoes the most recent review: restores the card exactly as it was and deletes the log
   * entry, in one transaction. Call repeatedly to step further back. Null when the log is empty.
   */
  async undoLast(now: number): Promise<UndoResult | null> {
    return write(this.#db, ['cards', 'reviews', 'quarantine'], async (tx) => {
      const cursor = await tx.objectStore('reviews').openCursor(null, 'prev');
      if (!cursor) return null;
      const entry = cursor.value;
      const problem = cardRecordProblem(entry.previous);
      await cursor.delete();
      if (problem !== null) {
        const q: QuarantineEntry = {
          store: 'reviews',
          key: String(cursor.key),
          value: entry,
          reason: problem,
          at: now,
        };
        await tx.objectStore('quarantine').add(q);
        return null;
      }
      const cards = tx.objectStore('cards');
      const current = await cards.get(entry.previous.key);
      const flags = { deckEnabled: current?.deckEnabled ?? true, removed: current?.removed ?? false };
      await cards.put(toStored(entry.previous, flags));
      return { record: toRecord(entry.previous), log: entry };
    });
  }

  /**
   * Writes card records as they are (restore, migration tools, benchmarks), CHUNK per
   * transaction. Cards keep their deck flags if already stored; otherwise their deck's
   * enabled state applies (enabled when the deck is unknown).
   */
  async putCards(records: readonly CardRecord[]): Promise<void> {
    const decks = new Map((await this.listDecks()).map((d) => [d.deckId, d.enabled]));
    for (const part of chunks(records)) {
      await write(this.#db, ['cards'], async (tx) => {
        const cards = tx.objectStore('cards');
        for (const r of part) {
          const problem = cardRecordProblem(r);
          if (problem !== null) throw new RangeError(`Card ${String(r.key)}: ${problem}`);
        }
        // All gets, then all puts, without a round trip per card.
        const gets = new Requests();
        const olds = await Promise.all(part.map((r) => gets.add(cards.get(r.key))));
        const puts = new Requests();
        for (const [i, r] of part.entries()) {
          const old = olds[i];
          const flags = {
            deckEnabled: old?.deckEnabled ?? decks.get(r.deckId) ?? true,
            removed: old?.removed ?? false,
          };
          puts.add(cards.put(toStored(r, flags)));
        }
        await puts.done();
      });
    }
  }

  // ---- Card flags ----

  /** Hides a card until `until` (epoch ms, usually `nextDayStart(now, tz)`). */
  async bury(key: string, until: number): Promise<CardRecord | null> {
    return this.#update(key, (r) => ({ ...r, buriedUntil: until }));
  }

  /** Suspends (on) or unsuspends (off) a card; a leech keeps its leech flag when unsuspended. */
  async suspend(key: string, on: boolean): Promise<CardRecord | null> {
    return this.#update(key, (r) => ({ ...r, suspended: on }));
  }

  async #update(key: string, change: (r: CardRecord) => CardRecord): Promise<CardRecord | null> {
    return write(this.#db, ['cards'], async (tx) => {
      const v = await tx.objectStore('cards').get(key);
      if (!v || cardRecordProblem(v) !== null) return null;
      const next = toStored(change(toRecord(v)), v);
      await tx.objectStore('cards').put(next);
      return toRecord(next);
    });
  }

  // ---- Decks ----

  /** Imports a deck version; see sync-deck.ts. `cards` may be the deck's CardMeta list. */
  async syncDeck(deckId: string, version: string, cards: readonly DeckCard[], now: number): Promise<SyncResult> {
    return syncDeck(this.#db, deckId, version, cards, now);
  }

  async setDeckEnabled(deckId: string, on: boolean, now: number): Promise<void> {
    return setDeckEnabled(this.#db, deckId, on, now);
  }

  async listDecks(): Promise<DeckInfo[]> {
    return this.#db.getAll('decks');
  }

  // ---- Counts ----

  async counts(now: number, tzOffsetMinutes: number, settings: StudySettings): Promise<HomeCounts> {
    await this.releaseBuried(now);
    return homeCounts(this.#db, now, tzOffsetMinutes, settings);
  }

  async domainSummary(now: number, tzOffsetMinutes: number): Promise<DomainCounts[]> {
    await this.releaseBuried(now);
    return domainSummary(this.#db, now, tzOffsetMinutes);
  }

  // ---- Settings ----

  /** Stored settings merged over the defaults; an unreadable value is quarantined. */
  async getSettings(now: number): Promise<StudySettings> {
    const row = await this.#db.get('meta', SETTINGS_KEY);
    if (!row) return { ...defaultSettings };
    const parsed = parseSettings(row.value);
    if (parsed.ok) return parsed.value;
    await write(this.#db, ['meta', 'quarantine'], async (tx) => {
      await tx
        .objectStore('quarantine')
        .add({ store: 'meta', key: SETTINGS_KEY, value: row.value, reason: parsed.reason, at: now });
      await tx.objectStore('meta').delete(SETTINGS_KEY);
    });
    return { ...defaultSettings };
  }

  async putSettings(settings: StudySettings): Promise<void> {
    const parsed = parseSettings(settings);
    if (!parsed.ok) throw new RangeError(`Invalid settings: ${parsed.reason}`);
    await write(this.#db, ['meta'], async (tx) => {
      await tx.objectStore('meta').put({ key: SETTINGS_KEY, value: { ...parsed.value } });
    });
  }

  // ---- Device storage ----

  /** Asks the browser to keep the data; true granted, false refused, null unsupported. */
  async requestPersistence(): Promise<boolean | null> {
    return requestPersistence(this.#storage);
  }

  async storageStatus(): Promise<StorageStatus> {
    return storageStatus(this.#storage);
  }

  // ---- Quarantine ----

  async listQuarantine(): Promise<QuarantineEntry[]> {
    return listQuarantine(this.#db);
  }

  async clearQuarantine(): Promise<void> {
    return clearQuarantine(this.#db);
  }

  /** The raw database, for backup and benchmarks inside this folder. */
  get db(): Db {
    return this.#db;
  }

  close(): void {
    this.#db.close();
  }
}

export type { HomeCounts, SyncResult, DeckCard };
