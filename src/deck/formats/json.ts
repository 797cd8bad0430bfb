// The project's own format: JSON export (the deck as the schema describes it, lossless) and
// YAML/JSON import through the same validator as authored deck files, so problems point at
// the exact file:line:column. deckToYaml writes an imported deck back as a deck file.

import { formatProblem } from '../errors.ts';
import type { Deck } from '../schema.ts';
import { ImportError, type ImportOptions } from './types.ts';
import type { ImportResult } from './finish-import.ts';
import { countKinds } from './types.ts';

export function exportJson(deck: Deck): string {
  return `${JSON.stringify(deck, null, 2)}\n`;
}

export async function importDeckSource(
  fileName: string,
  text: string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const { validateDeckSource } = await import('../validate.ts');
  const { deck, problems } = validateDeckSource(text, fileName);
  if (!deck) {
    const shown = problems.slice(0, 20).map(formatProblem).join('\n');
    const more = problems.length > 20 ? `\n… and ${problems.length - 20} more problem(s)` : '';
    throw new ImportError(
      `the deck is not valid (${problems.length} problem(s)); nothing was imported:\n${shown}${more}`,
    );
  }
  const result = opts.deckId ? { ...deck, id: opts.deckId } : deck;
  return { deck: result, warnings: [], counts: countKinds(result.cards) };
}

/** A deck as a YAML deck file (for `deck import --out deck.yaml`). */
export async function deckToYaml(deck: Deck): Promise<string> {
  const { stringify } = await import('yaml');
  return stringify(deck, { lineWidth: 0 });
}
