// Card content by key, loaded lazily from the build-time deck chunks (virtual:decks).
// Scheduling state lives in persistence; this only answers "what does card X say?".

import { decks as manifest } from 'virtual:decks';
import type { Card, Deck, DeckSummary } from '../deck/index.ts';
import { deckSummary } from '../deck/summary.ts';

export interface DeckEntry extends DeckSummary {
  /** Hash of the compiled deck: changes whenever any card changes. */
  version: string;
  load: () => Promise<Deck>;
}

export interface LibraryEntry extends DeckEntry {
  /** Imported in the app (stored in IndexedDB) rather than shipped with this build. */
  imported: boolean;
}

export class DeckLibrary {
  readonly builtIn: readonly DeckEntry[];
  #entries: LibraryEntry[];
  #loaded = new Map<string, Promise<Deck>>();
  #index = new Map<string, Map<string, Card>>();

  constructor(entries: readonly DeckEntry[] = manifest as readonly DeckEntry[]) {
    this.builtIn = entries;
    this.#entries = entries.map((e) => ({ ...e, imported: false }));
  }

  get entries(): readonly LibraryEntry[] {
    return this.#entries;
  }

  /** Replaces the imported decks (built-in ones keep their place first). */
  setImported(decks: readonly { deck: Deck; version: string }[]): void {
    for (const { deck } of decks) {
      this.#loaded.delete(deck.id);
      this.#index.delete(deck.id);
    }
    const imported = decks.map(({ deck, version }) => ({
      ...deckSummary(deck),
      version,
      imported: true,
      load: () => Promise.resolve(deck),
    }));
    this.#entries = [...this.builtIn.map((e) => ({ ...e, imported: false })), ...imported];
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
    let index = this.#index.get(deckId);
    if (!index) {
      const deck = await this.load(deckId);
      index = new Map(deck.cards.map((c) => [c.id, c]));
      this.#index.set(deckId, index);
    }
    return index.get(cardId);
  }
}
