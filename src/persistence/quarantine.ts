// Records that could not be read are moved here instead of crashing the app, and listed in
// Settings so a learner (or a bug report) can see what was set aside.

import { write } from './tx.ts';
import type { Db } from './tx.ts';
import type { QuarantineEntry, StoredCard } from './schema.ts';
import { parseStoredCard } from './stored-card.ts';

export interface Bad {
  key: string;
  value: unknown;
  reason: string;
}

/** Splits raw card values into readable cards and bad ones. */
export function splitCards(values: readonly unknown[]): { good: StoredCard[]; bad: Bad[] } {
  const good: StoredCard[] = [];
  const bad: Bad[] = [];
  for (const v of values) {
    const parsed = parseStoredCard(v);
    if (parsed.ok) good.push(parsed.value);
    else bad.push({ key: keyOf(v), value: v, reason: parsed.reason });
  }
  return { good, bad };
}

function keyOf(v: unknown): string {
  if (typeof v === 'object' && v !== null && 'key' in v) return String(v.key);
  return '?';
}

/** Moves bad card records out of the cards store, in one transaction. */
export async function quarantineCards(db: Db, bad: readonly Bad[], now: number): Promise<void> {
  if (bad.length === 0) return;
  await write(db, ['cards', 'quarantine'], async (tx) => {
    for (const b of bad) {
      const entry: QuarantineEntry = { store: 'cards', key: b.key, value: b.value, reason: b.reason, at: now };
      await tx.objectStore('quarantine').add(entry);
      await tx.objectStore('cards').delete(b.key);
    }
  });
}

export async function listQuarantine(db: Db): Promise<QuarantineEntry[]> {
  return db.getAll('quarantine');
}

export async function clearQuarantine(db: Db): Promise<void> {
  await write(db, ['quarantine'], async (tx) => {
    await tx.objectStore('quarantine').clear();
  });
}
