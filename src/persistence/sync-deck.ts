// Bringing the cards store in line with a deck version: new cards are inserted, existing cards
// keep their progress (deck metadata such as order or domain is refreshed), cards the deck no
// longer has are marked removed (progress kept in case they return). Works in bounded
// transactions of CHUNK cards so 100,000 cards never sit in one transaction.

import { cardKey } from '../study/card-key.ts';
import { newCardRecord } from '../study/new-card.ts';
import type { CardMeta } from '../study/index.ts';
import { CHUNK, Requests, chunks, deckRange, write } from './tx.ts';
import type { Db } from './tx.ts';
import type { DeckInfo, StoredCard } from './schema.ts';
import { cardRecordProblem, toStored } from './stored-card.ts';
import type { DeckFlags } from './stored-card.ts';
import { splitCards } from './quarantine.ts';

/** A card as the deck describes it; `key` and `deckId` are derived from the sync arguments. */
export type DeckCard = Omit<CardMeta, 'key' | 'deckId'>;

export interface SyncResult {
  added: number;
  /** Existing cards whose deck metadata changed (progress kept). */
  updated: number;
  /** Cards marked removed because the deck no longer has them. */
  removed: number;
  unchanged: number;
}

const metaFields = ['kind', 'domain', 'competency', 'order'] as const;

/**
 * Cards per sync transaction. Queuing a put costs the main thread a structured clone and index
 * keys; 50 at a time keeps each task well under 50 ms on a slow phone, and the transactions in
 * between let the page stay responsive during a first start or a big deck update.
 */
export const SYNC_CHUNK = 50;

function sameMeta(a: StoredCard, b: CardMeta): boolean {
  return metaFields.every((f) => a[f] === b[f]);
}

export async function syncDeck(
  db: Db,
  deckId: string,
  version: string,
  cards: readonly DeckCard[],
  now: number,
): Promise<SyncResult> {
  if (deckId.includes('/')) throw new Error(`Deck id "${deckId}" must not contain "/".`);
  const previous = await db.get('decks', deckId);
  const enabled = previous?.enabled ?? true;
  const byKey = new Map<string, CardMeta>();
  for (const c of cards) {
    const key = cardKey(deckId, c.cardId);
    byKey.set(key, {
      key,
      deckId,
      cardId: c.cardId,
      kind: c.kind,
      domain: c.domain,
      competency: c.competency,
      order: c.order,
    });
  }
  const incoming = [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const result: SyncResult = { added: 0, updated: 0, removed: 0, unchanged: 0 };
  const flags: DeckFlags = { deckEnabled: enabled, removed: false };

  // Chunk i covers the key range (last key of chunk i-1, last key of chunk i]; the final chunk
  // extends to the end of the deck, so every stored card of the deck is visited exactly once.
  const parts = incoming.length > 0 ? chunks(incoming, SYNC_CHUNK) : [[]];
  let after: string | undefined;
  for (const [i, part] of parts.entries()) {
    const last = part.at(-1)?.key;
    const isFinal = i === parts.length - 1;
    const range = isFinal || last === undefined ? deckRange(deckId, after) : rangeBetween(deckId, after, last);
    await write(db, ['cards', 'quarantine'], async (tx) => {
      const store = tx.objectStore('cards');
      const existing = new Map<string, StoredCard>();
      const { good, bad } = splitCards(await store.getAll(range));
      for (const v of good) existing.set(v.key, v);
      // Requests are queued without awaiting each one: a round trip per card would make a
      // 100,000-card sync take minutes in Chromium. The transaction keeps them in order.
      const writes = new Requests();
      for (const b of bad) {
        writes.add(
          tx.objectStore('quarantine').add({ store: 'cards', key: b.key, value: b.value, reason: b.reason, at: now }),
        );
        writes.add(store.delete(b.key));
      }
      for (const meta of part) {
        const old = existing.get(meta.key);
        existing.delete(meta.key);
        if (!old) {
          writes.add(store.put(toStored(newCardRecord(meta, now), flags)));
          result.added += 1;
        } else if (old.removed || !sameMeta(old, meta) || old.deckEnabled !== enabled) {
          writes.add(store.put(toStored({ ...old, ...meta }, flags)));
          result.updated += 1;
        } else result.unchanged += 1;
      }
      // Stored cards in this range that the deck no longer has.
      for (const old of existing.values()) {
        if (old.removed) continue;
        writes.add(store.put(toStored(old, { deckEnabled: old.deckEnabled, removed: true })));
        result.removed += 1;
      }
      await writes.done();
    });
    after = last;
  }
  const info: DeckInfo = { deckId, version, enabled, syncedAt: now, cardCount: incoming.length };
  await write(db, ['decks'], async (tx) => {
    await tx.objectStore('decks').put(info);
  });
  return result;
}

function rangeBetween(deckId: string, after: string | undefined, last: string): IDBKeyRange {
  return after === undefined ? IDBKeyRange.bound(`${deckId}/`, last) : IDBKeyRange.bound(after, last, true, false);
}

/**
 * Enables or disables a deck: its cards leave or rejoin the queue. Runs in CHUNK-sized
 * transactions; the deck record is written last, so an interrupted switch is completed by
 * calling it again.
 */
export async function setDeckEnabled(db: Db, deckId: string, on: boolean, now: number): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const done = await write(db, ['cards'], async (tx) => {
      const store = tx.objectStore('cards');
      const batch = await store.getAll(deckRange(deckId, after), CHUNK);
      const writes = new Requests();
      for (const v of batch) {
        if (cardRecordProblem(v) !== null || v.deckEnabled === on) continue;
        writes.add(store.put(toStored(v, { deckEnabled: on, removed: v.removed })));
      }
      await writes.done();
      after = batch.at(-1)?.key;
      return batch.length < CHUNK;
    });
    if (done) break;
  }
  await write(db, ['decks'], async (tx) => {
    const store = tx.objectStore('decks');
    const info = await store.get(deckId);
    const next: DeckInfo = info
      ? { ...info, enabled: on }
      : { deckId, version: '', enabled: on, syncedAt: now, cardCount: 0 };
    await store.put(next);
  });
}
