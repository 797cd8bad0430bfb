// Test helpers: a fresh fake-indexeddb database per test, fixed dates, deck builders.
import 'fake-indexeddb/auto';
import { openStore } from '../../src/persistence/index.ts';
import type { DeckCard, OpenOptions, Store } from '../../src/persistence/index.ts';

export { NOW, MIN, HOUR, DAY } from '../study/fixtures.ts';

let counter = 0;

/** A unique database name, so tests never share state. */
export function dbName(): string {
  counter += 1;
  return `test-${counter}`;
}

export async function freshStore(opts: OpenOptions = {}): Promise<Store> {
  return openStore({ name: dbName(), ...opts });
}

export function deckCards(n: number, over: Partial<DeckCard> = {}, prefix = 'c'): DeckCard[] {
  return Array.from({ length: n }, (_, i) => ({
    cardId: `${prefix}${String(i).padStart(5, '0')}`,
    kind: 'flashcard' as const,
    domain: 'kubernetes-fundamentals',
    competency: 'core-concepts',
    order: i,
    ...over,
  }));
}
