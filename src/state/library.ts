// Card content by key, loaded lazily from the build-time deck chunks (virtual:decks).
// Scheduling state lives in persistence; this only answers "what does card X say?".

import { decks as manifest } from 'virtual:decks';
import type { Card, Deck, DeckSummary } from '../deck/index.ts';

export interface DeckEntry extends DeckSummary {
  /** Hash of the compiled deck: changes whenever any card changes. */
  version: string;
  load: () => Promise<Deck>;
}

export class DeckLibrary {
  readonly entries: readonly DeckEntry[];
  #loaded = new Map<string, Promise<Deck>>();

  constructor(entries: readonly DeckEntry[] = manifest as readonly DeckEntry[]) {
    this.entries = entries;
  }

  entry(deckId: string): DeckEntry | undefined {
    return this.entries.find((e) => e.id === deckId);
  }

  load(deckId: string): Promise<Deck> {
    let p = this.#loaded.get(deckId);
    if (!p) {
      const entry = this.entry(deckId);
      if (!entry) return Promise.reject(new Error(`The deck "${deckId}" is not part of this app version.`));
      p = entry.load();
      this.#loaded.set(deckId, p);
    }
    return p;
  }

  async card(deckId: string, cardId: string): Promise<Card | undefined> {
    const deck = await this.load(deckId);
    return deck.cards.find((c) => c.id === cardId);
  }
}
