// Node-side deck loading for the CLI and the build: read files, validate, collect problems.
// (Kept out of the barrel: it imports node:fs, which the browser bundle must not see.)

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { DeckProblem } from '../errors.ts';
import type { Deck } from '../schema.ts';
import { validateDeckSource } from '../validate.ts';

export interface LoadedDeck {
  file: string;
  deck: Deck;
}

export interface LoadResult {
  decks: LoadedDeck[];
  problems: DeckProblem[];
}

const DECK_FILE = /\.(ya?ml|json)$/;

/** Expand directories to the deck files inside them (schema.json and coverage files excluded). */
export function deckFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        const full = join(p, name);
        if (statSync(full).isDirectory()) continue;
        if (DECK_FILE.test(name) && !/schema\.json$|\.coverage\.ya?ml$/.test(name)) out.push(full);
      }
    } else out.push(p);
  }
  return out;
}

export function loadDecks(paths: readonly string[], cwd = process.cwd()): LoadResult {
  const decks: LoadedDeck[] = [];
  const problems: DeckProblem[] = [];
  const deckIds = new Map<string, string>();
  for (const file of deckFiles(paths)) {
    const shown = relative(cwd, file) || file;
    const result = validateDeckSource(readFileSync(file, 'utf8'), shown);
    problems.push(...result.problems);
    if (!result.deck) continue;
    const other = deckIds.get(result.deck.id);
    if (other) {
      problems.push({
        file: shown,
        line: 1,
        column: 1,
        message: `duplicate deck id "${result.deck.id}" (also in ${other})`,
      });
      continue;
    }
    deckIds.set(result.deck.id, shown);
    decks.push({ file: shown, deck: result.deck });
  }
  return { decks, problems };
}
