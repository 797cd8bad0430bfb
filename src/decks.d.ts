// The build-time deck manifest provided by src/deck/node/vite-plugin.ts.
declare module 'virtual:decks' {
  import type { Deck, DeckSummary } from './deck/index.ts';
  export interface DeckEntry extends DeckSummary {
    /** Hash of the compiled deck: changes whenever any card changes. */
    version: string;
    load: () => Promise<Deck>;
  }
  export const decks: DeckEntry[];
}
