// Persistent-storage request and usage estimate (navigator.storage), injectable for tests.

/** The part of `navigator.storage` the app uses. */
export interface StorageManagerLike {
  persist?(): Promise<boolean>;
  persisted?(): Promise<boolean>;
  estimate?(): Promise<{ usage?: number; quota?: number }>;
}

export interface StorageStatus {
  /** True when the browser promised not to evict the data; null when it cannot tell. */
  persisted: boolean | null;
  /** Bytes used and available to this site, when the browser reports them. */
  usage: number | null;
  quota: number | null;
}

export function defaultStorageManager(): StorageManagerLike | undefined {
  return typeof navigator === 'undefined' ? undefined : navigator.storage;
}

/**
 * Asks the browser to keep this site's data (call at a meaningful moment, e.g. after the first
 * review). Returns true if granted, false if refused, null if unsupported. Never throws.
 */
export async function requestPersistence(storage: StorageManagerLike | undefined): Promise<boolean | null> {
  if (!storage?.persist) return null;
  try {
    return await storage.persist();
  } catch {
    return false;
  }
}

export async function storageStatus(storage: StorageManagerLike | undefined): Promise<StorageStatus> {
  let persisted: boolean | null = null;
  let usage: number | null = null;
  let quota: number | null = null;
  try {
    if (storage?.persisted) persisted = await storage.persisted();
    if (storage?.estimate) {
      const e = await storage.estimate();
      usage = e.usage ?? null;
      quota = e.quota ?? null;
    }
  } catch {
    // Some browsers reject in private mode; unknown is an honest answer.
  }
  return { persisted, usage, quota };
}
