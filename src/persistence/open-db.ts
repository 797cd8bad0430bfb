// Opening the database: runs the upgrade path inside the versionchange transaction and maps
// failures to StorageError (no IndexedDB, blocked by an old tab, failed migration).

import { wrap } from 'idb';
import { StorageError, toStorageError } from './errors.ts';
import { upgrade } from './migrations.ts';
import type { UpgradeTx } from './migrations.ts';
import { DB_VERSION } from './schema.ts';
import type { Db } from './tx.ts';

export async function openDb(factory: IDBFactory | undefined, name: string, now: number): Promise<Db> {
  if (!factory) throw new StorageError('unavailable');
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(name, DB_VERSION);
  } catch (e) {
    throw toStorageError(e, 'unavailable');
  }
  let upgradeFailure: unknown = null;
  let blocked = false;
  request.addEventListener('upgradeneeded', (event) => {
    const tx = request.transaction;
    if (!tx) return;
    upgrade(wrap(request.result), event.oldVersion, wrap(tx) as unknown as UpgradeTx, now).catch((e: unknown) => {
      upgradeFailure = e;
      tx.abort();
    });
  });
  const db = await new Promise<Db>((resolve, reject) => {
    // An older tab keeps the database open and ignores our upgrade request: tell the learner
    // instead of waiting forever. Should the other tab close later, the late connection is closed.
    request.addEventListener('blocked', () => {
      blocked = true;
      reject(new StorageError('blocked'));
    });
    wrap(request).then(
      (opened) => {
        if (blocked) opened?.close();
        else if (opened) resolve(opened as unknown as Db);
        else reject(new StorageError('unavailable'));
      },
      (e: unknown) => reject(toStorageError(upgradeFailure ?? e, 'unavailable')),
    );
  });
  // Another tab wants a newer schema: step aside so its upgrade is not blocked.
  db.addEventListener('versionchange', () => db.close());
  return db;
}
