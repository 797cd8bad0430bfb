// The sandbox's saved state (simulated cluster + terminal) in its own small database, apart from
// study progress: losing or resetting the sandbox can never touch reviews. One record, replaced
// whole on every save. Works in a Web Worker as well as on the page.

import { wrap, type IDBPDatabase } from 'idb';
import { StorageError, toStorageError } from './errors.ts';

export const SANDBOX_DB = 'kcna-sandbox';
const VERSION = 1;
const STORE = 'state';
const KEY = 'current';

/** One terminal line as saved: what was typed, or what a command printed. */
export interface StoredLine {
  kind: 'input' | 'stdout' | 'stderr' | 'notice';
  text: string;
}

export interface StoredSandbox {
  format: 'kcna-sandbox/v1';
  /** The serialised terminal session (a sim `SessionState`); checked by whoever restores it. */
  session: unknown;
  /** The end of the terminal's scrollback. */
  lines: StoredLine[];
  /** Epoch ms of the save, from the caller. */
  savedAt: number;
}

export class SandboxStore {
  readonly #db: IDBPDatabase;

  constructor(db: IDBPDatabase) {
    this.#db = db;
  }

  /** Replaces the saved sandbox; StorageError ('quota', 'write') on failure, the old record kept. */
  async save(state: StoredSandbox): Promise<void> {
    try {
      await this.#db.put(STORE, state, KEY);
    } catch (e) {
      throw toStorageError(e);
    }
  }

  /** The saved sandbox, or null when there is none or it is not in a format this app knows. */
  async load(): Promise<StoredSandbox | null> {
    let value: unknown;
    try {
      value = await this.#db.get(STORE, KEY);
    } catch (e) {
      throw toStorageError(e, 'unavailable');
    }
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Partial<StoredSandbox>;
    if (v.format !== 'kcna-sandbox/v1' || !Array.isArray(v.lines)) return null;
    return v as StoredSandbox;
  }

  async clear(): Promise<void> {
    try {
      await this.#db.delete(STORE, KEY);
    } catch (e) {
      throw toStorageError(e);
    }
  }

  close(): void {
    this.#db.close();
  }
}

export async function openSandboxStore(opts: { name?: string; indexedDB?: IDBFactory } = {}): Promise<SandboxStore> {
  const factory = opts.indexedDB ?? (typeof indexedDB === 'undefined' ? undefined : indexedDB);
  if (!factory) throw new StorageError('unavailable');
  try {
    const request = factory.open(opts.name ?? SANDBOX_DB, VERSION);
    request.addEventListener('upgradeneeded', () => {
      if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
    });
    const db = (await wrap(request)) as unknown as IDBPDatabase;
    db.addEventListener('versionchange', () => db.close());
    return new SandboxStore(db);
  } catch (e) {
    throw toStorageError(e, 'unavailable');
  }
}
