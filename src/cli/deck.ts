// Instructor CLI: `npm run deck -- validate [paths]` (export/import are added by the formats work).

import { formatProblem } from '../deck/errors.ts';
import { loadDecks } from '../deck/node/load.ts';
import { CARD_KINDS } from '../deck/schema.ts';

const USAGE = `Usage:
  npm run deck -- validate [paths...]   check deck files (default: decks/)`;

function validate(paths: string[]): number {
  const { decks, problems } = loadDecks(paths.length ? paths : ['decks']);
  for (const p of problems) console.error(formatProblem(p));
  for (const { file, deck } of decks) {
    const counts = CARD_KINDS.map((k) => `${deck.cards.filter((c) => c.kind === k).length} ${k}`).join(', ');
    console.log(`${file}: ${deck.cards.length} cards (${counts})`);
  }
  if (problems.length) {
    console.error(`${problems.length} problem(s) found.`);
    return 1;
  }
  console.log(`OK: ${decks.length} deck(s) valid.`);
  return 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest);
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return command === undefined ? 1 : 0;
    default:
      console.error(`error: unknown command "${command}"\n${USAGE}`);
      return 1;
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
