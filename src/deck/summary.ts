// Small per-deck summaries (counts per kind and per domain) for the manifest and the Decks screen.

import type { CardKind, Deck } from './schema.ts';

export interface DeckSummary {
  id: string;
  title: string;
  description: string;
  cardCount: number;
  kinds: Partial<Record<CardKind, number>>;
  domains: Record<string, number>;
}

export function deckSummary(deck: Deck): DeckSummary {
  const kinds: Partial<Record<CardKind, number>> = {};
  const domains: Record<string, number> = {};
  for (const card of deck.cards) {
    kinds[card.kind] = (kinds[card.kind] ?? 0) + 1;
    domains[card.domain] = (domains[card.domain] ?? 0) + 1;
  }
  return {
    id: deck.id,
    title: deck.title,
    description: deck.description ?? '',
    cardCount: deck.cards.length,
    kinds,
    domains,
  };
}
