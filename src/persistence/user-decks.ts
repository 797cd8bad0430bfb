// Decks the learner or instructor imported in the app (Decks screen). Kept in their own small
// database so an import is one atomic write: a failed import leaves everything as it was.

import { wrap, type DBSchema, type IDBPDatabase } from 'idb';
import type { Deck } from '../deck/schema.ts';
import { StorageError, toStorageError } from './errors.ts';

export interface StoredUserDeck {
  id: string;
  deck: Deck;
  /** Hash-like version: changes when the deck is re-imported with other content. */
  version: string;
  importedAt: number;
  fileName: string;
}

interface UserDeckSchema extends DBSchema {
  decks: { key: string; value: StoredUserDeck };
}

export const USER_DECKS_DB = 'kcna-user-decks';

export class UserDeckStore {
  readonly #db: IDBPDatabase<UserDeckSchema>;
  constructor(db: IDBPDatabase<UserDeckSchema>) {
    this.#db = db;
  }

  /** Every imported deck; records that are not decks are skipped (and left in place). */
  async list(): Promise<StoredUserDeck[]> {
    const all = await this.#db.getAll('decks');
    return all.filter((d) => typeof d?.id === 'string' && Array.isArray(d.deck?.cards));
  }

  async put(entry: StoredUserDeck): Promise<void> {
    try {
      await this.#db.put('decks', entry);
    } catch (e) {
      throw toStorageError(e);
    }
  }

  async remove(id: string): Promise<void> {
    await this.#db.delete('decks', id);
  }

  close(): void {
    this.#db.close();
  }
}

export async function openUserDeckStore(opts: { name?: string; indexedDB?: IDBFactory } = {}): Promise<UserDeckStore> {
  const factory = opts.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  if (!factory) throw new StorageError('unavailable');
  try {
    const request = factory.open(opts.name ?? USER_DECKS_DB, 1);
    request.addEventListener('upgradeneeded', () => {
      request.result.createObjectStore('decks', { keyPath: 'id' });
    });
    const db = (await wrap(request)) as unknown as IDBPDatabase<UserDeckSchema>;
    db.addEventListener('versionchange', () => db.close());
    return new UserDeckStore(db);
  } catch (e) {
    throw toStorageError(e, 'unavailable');
  }
}
