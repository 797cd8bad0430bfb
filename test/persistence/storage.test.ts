import { afterEach, describe, expect, it } from 'vitest';
import type { Store, StorageManagerLike } from '../../src/persistence/index.ts';
import { StorageError, openStore } from '../../src/persistence/index.ts';
import { freshStore } from './helpers.ts';

let store: Store | undefined;
afterEach(() => store?.close());

describe('device storage', () => {
  it('asks the browser to persist the data and reports usage', async () => {
    const calls: string[] = [];
    const storage: StorageManagerLike = {
      persist: async () => (calls.push('persist'), true),
      persisted: async () => true,
      estimate: async () => ({ usage: 1_000, quota: 50_000 }),
    };
    store = await freshStore({ storage });
    expect(await store.requestPersistence()).toBe(true);
    expect(calls).toEqual(['persist']);
    expect(await store.storageStatus()).toEqual({ persisted: true, usage: 1_000, quota: 50_000 });
  });

  it('reports unknown status when the browser has no storage manager', async () => {
    store = await freshStore({ storage: {} });
    expect(await store.requestPersistence()).toBeNull();
    expect(await store.storageStatus()).toEqual({ persisted: null, usage: null, quota: null });
  });

  it('treats a refused or failing persistence request as not persisted', async () => {
    store = await freshStore({ storage: { persist: () => Promise.reject(new Error('denied')) } });
    expect(await store.requestPersistence()).toBe(false);
  });

  it('explains when this browser offers no offline storage at all', async () => {
    const noIdb = {
      open: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as IDBFactory;
    const error = await openStore({ indexedDB: noIdb }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ kind: 'unavailable', retryable: false });
  });
});

describe('opening the database', () => {
  it('reports a tab that keeps an older version open instead of waiting forever', async () => {
    const { openDB } = await import('idb');
    const { createV1 } = await import('../../src/persistence/migrations.ts');
    const { dbName } = await import('./helpers.ts');
    const name = dbName();
    const oldTab = await openDB(name, 1, { upgrade: (d) => createV1(d) });
    const error = await openStore({ name }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StorageError', kind: 'blocked' });
    oldTab.close();
  });
});

describe('opening a database from a newer app version', () => {
  it('asks the learner to reload instead of failing obscurely', async () => {
    const { openDB } = await import('idb');
    const { dbName } = await import('./helpers.ts');
    const name = dbName();
    (await openDB(name, 3)).close();
    const error = await openStore({ name }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'StorageError', kind: 'version' });
    expect((error as Error).message).toMatch(/newer version of the app/);
  });
});
