// The sim-backed half of deck validation (node side, run after the fast schema checks): every
// quiz `verify` scenario and every lab runs in the simulated cluster, and disagreements come back
// as problems at the card's file:line:column.

import { readFileSync } from 'node:fs';
import type { DeckProblem } from '../errors.ts';
import type { Deck } from '../schema.ts';
import { locateIn } from '../validate.ts';
import { verifyLab, verifyQuiz } from '../../sim/labs/index.ts';
import { provideEagerly } from '../../sim/node/eager.ts';

provideEagerly();

/** Simulated start time of every verification run (fixed, so results are reproducible). */
export const VERIFY_NOW = Date.UTC(2026, 0, 1);

export function simulateDeck(deck: Deck, source: string, file: string): DeckProblem[] {
  const locate = locateIn(source, file);
  const out: DeckProblem[] = [];
  deck.cards.forEach((card, i) => {
    const found =
      card.kind === 'quiz'
        ? [verifyQuiz(card, VERIFY_NOW)].filter((p) => p !== null)
        : card.kind === 'lab'
          ? verifyLab(card, VERIFY_NOW)
          : [];
    for (const p of found) out.push(locate(['cards', i, ...p.path], `${card.id}: ${p.message}`));
  });
  return out;
}

/** Runs simulateDeck on loaded deck files (re-reading their text for locations). */
export function simulateDecks(decks: readonly { file: string; deck: Deck }[]): DeckProblem[] {
  return decks.flatMap(({ file, deck }) => simulateDeck(deck, readFileSync(file, 'utf8'), file));
}
