// Stable identifiers derived from hashes, never from clocks or randomness: Anki GUIDs from
// deck id + card id (so re-importing an updated deck updates notes), Anki object ids, and
// card ids for imported cards that have none.

import { sha1Text } from './sha1.ts';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A 48-bit unsigned integer from the hash of `text`. */
export function hash48(text: string): number {
  const h = sha1Text(text);
  let n = 0;
  for (let i = 0; i < 6; i++) n = n * 256 + (h[i] as number);
  return n;
}

/** The Anki note GUID of a card: 10 base62 characters from SHA-1 of deck id + card id. */
export function noteGuid(deckId: string, cardId: string): string {
  const h = sha1Text(`kcna-note:${deckId}/${cardId}`);
  let out = '';
  for (let i = 0; i < 10; i++) out += BASE62[(h[i] as number) % 62];
  return out;
}

/** A positive id in Anki's millisecond range, stable for the given key. */
export function ankiObjectId(key: string): number {
  return 1_400_000_000_000 + (hash48(key) % 100_000_000_000);
}

/** A short lower-case hex hash for readable ids. */
export function shortHash(text: string, length = 6): string {
  return hash48(text).toString(16).padStart(12, '0').slice(0, length);
}

/** "What does etcd store?" -> "what-does-etcd-store" (at most `words` words, ASCII only). */
export function slug(text: string, words = 6): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, words)
    .join('-')
    .slice(0, 48)
    .replace(/-+$/, '');
}

/** A card id for an imported card without one: readable slug plus a hash of a stable key. */
export function derivedCardId(text: string, key: string): string {
  const s = slug(text);
  return s ? `${s}-${shortHash(key)}` : `card-${shortHash(key)}`;
}

export const CARD_ID = /^[a-z0-9][a-z0-9-]*$/;
