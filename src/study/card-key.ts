// Card identity: progress is keyed on deck id + card id, never on position or content.

/** `"<deckId>/<cardId>"`. Deck ids must not contain "/" (card ids may). */
export function cardKey(deckId: string, cardId: string): string {
  return `${deckId}/${cardId}`;
}
