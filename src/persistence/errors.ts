// Typed storage failures with messages a learner can act on. A failed write never touches what
// was saved before (each write is one transaction), so the UI can keep the card and offer retry.

export type StorageErrorKind = 'quota' | 'write' | 'unavailable' | 'blocked' | 'version';

const messages: Record<StorageErrorKind, string> = {
  quota: 'Storage is full: free some space on this device, then retry. Your earlier progress is safe.',
  write: 'Could not save to this device. Retry in a moment; your earlier progress is safe.',
  unavailable:
    'This browser does not allow offline storage here (private window or blocked site data), so progress cannot be saved.',
  blocked: 'The app is open in another tab with an older version. Close the other tabs, then reload.',
  version:
    'This device holds progress saved by a newer version of the app. Reload to get the latest version; your progress is safe.',
};

export class StorageError extends Error {
  override readonly name = 'StorageError';
  readonly kind: StorageErrorKind;

  constructor(kind: StorageErrorKind, cause?: unknown) {
    super(messages[kind], { cause });
    this.kind = kind;
  }

  /** True when retrying later can succeed (quota freed, transient failure). */
  get retryable(): boolean {
    return this.kind === 'quota' || this.kind === 'write';
  }
}

function errorName(e: unknown): string {
  if (typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string') return e.name;
  return '';
}

/** Maps an IndexedDB failure to a StorageError (a StorageError passes through unchanged). */
export function toStorageError(e: unknown, fallback: StorageErrorKind = 'write'): StorageError {
  if (e instanceof StorageError) return e;
  const name = errorName(e);
  if (name === 'QuotaExceededError') return new StorageError('quota', e);
  // Chromium reports a full disk during commit as an UnknownError with a quota message.
  if (e instanceof Error && /quota|disk (is )?full/i.test(e.message)) return new StorageError('quota', e);
  // Opening with a lower version than stored: an older cached app met a newer database.
  if (name === 'VersionError') return new StorageError('version', e);
  if (name === 'SecurityError' || name === 'InvalidAccessError') return new StorageError('unavailable', e);
  return new StorageError(fallback, e);
}
