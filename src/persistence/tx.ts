// Transaction helpers: every write runs in one transaction that either commits as a whole or
// is aborted, and failures surface as StorageError.

import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { toStorageError } from './errors.ts';
import type { KcnaDB } from './schema.ts';

export type Db = IDBPDatabase<KcnaDB>;
export type WriteTx<S extends StoreNames<KcnaDB>[]> = IDBPTransaction<KcnaDB, S, 'readwrite'>;

/** Cards per transaction for bulk work (deck sync, enabling decks, restore). */
export const CHUNK = 1000;

/**
 * Runs `body` in one read-write transaction over `stores`. If anything in it fails, the whole
 * transaction is aborted (nothing lands) and a StorageError is thrown.
 */
export async function write<S extends StoreNames<KcnaDB>[], T>(
  db: Db,
  stores: S,
  body: (tx: WriteTx<S>) => Promise<T>,
): Promise<T> {
  let tx: WriteTx<S>;
  try {
    tx = db.transaction(stores, 'readwrite');
  } catch (e) {
    throw toStorageError(e);
  }
  const done = tx.done;
  // Observed below; this keeps an abort from surfacing as an unhandled rejection meanwhile.
  done.catch(() => undefined);
  try {
    const result = await body(tx);
    await done;
    return result;
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already aborted by the failing request or finished.
    }
    throw toStorageError(e);
  }
}

/** Splits `items` into arrays of at most `size`. */
export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Key range of all cards of a deck (card keys are `"<deckId>/<cardId>"`). */
export function deckRange(deckId: string, after?: string): IDBKeyRange {
  const upper = `${deckId}/\uffff`;
  return after === undefined ? IDBKeyRange.bound(`${deckId}/`, upper) : IDBKeyRange.bound(after, upper, true, false);
}

/**
 * Requests issued without awaiting each one (one round trip per request would make bulk work
 * slow in Chromium). Each is observed as soon as it is added, so a later synchronous throw that
 * aborts the transaction cannot leave an unhandled rejection behind; `done` rethrows the first
 * failure.
 */
export class Requests {
  readonly #all: Promise<unknown>[] = [];

  add<T>(request: Promise<T>): Promise<T> {
    request.catch(() => undefined);
    this.#all.push(request);
    return request;
  }

  async done(): Promise<void> {
    await Promise.all(this.#all);
  }
}
