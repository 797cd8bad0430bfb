// Instructor CLI over src/deck:
//   npm run deck -- validate [paths...]
//   npm run deck -- export <deck file> --format apkg|csv|tsv|moodle|gift|json|print --out <file>
//   npm run deck -- import <file> --out <deck.yaml> [--deck-id <id>]
// Exits non-zero with a message on any problem; prints a one-line summary on success.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { formatProblem } from '../deck/errors.ts';
import {
  countKinds,
  deckToYaml,
  describeCounts,
  EXPORT_FORMATS,
  exportDeck,
  importDeckFile,
  printableHtml,
  type ExportFormat,
} from '../deck/formats/index.ts';
import { loadDecks } from '../deck/node/load.ts';
import { simulateDecks } from '../deck/node/simulate.ts';
import { useNodeFormatsRuntime } from '../deck/node/formats-runtime.ts';
import { CARD_KINDS, deckJsonSchema } from '../deck/schema.ts';

const USAGE = `Usage:
  npm run deck -- validate [paths...]   check deck files (default: decks/)
  npm run deck -- export <deck file> --format ${EXPORT_FORMATS.join('|')}|print --out <file> [--now <ISO date>]
  npm run deck -- import <file> --out <deck.yaml> [--deck-id <id>]
                 (.yaml .json .csv .tsv .txt .apkg .gift)
  npm run deck -- schema [--out <file>]  write the JSON Schema editors use (default: decks/schema.json)`;

class UsageError extends Error {}

function validate(paths: string[]): number {
  const { decks, problems } = loadDecks(paths.length ? paths : ['decks']);
  // Quiz keys and labs are run in the simulated cluster once the decks parse.
  if (!problems.length) problems.push(...simulateDecks(decks));
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

/** Positional arguments and --name value options. */
function parseArgs(args: string[], allowed: readonly string[]): { positional: string[]; options: Map<string, string> } {
  const positional: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    const name = m[1] as string;
    if (!allowed.includes(name)) throw new UsageError(`unknown option --${name}`);
    const value = m[2] ?? args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
  }
  return { positional, options };
}

function required(options: Map<string, string>, name: string): string {
  const value = options.get(name);
  if (!value) throw new UsageError(`missing --${name}`);
  return value;
}

async function exportCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ['format', 'out', 'now']);
  if (positional.length !== 1) throw new UsageError('export takes exactly one deck file');
  const file = positional[0] as string;
  const format = required(options, 'format');
  const out = required(options, 'out');
  if (format !== 'print' && !(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`unknown format "${format}"; use ${EXPORT_FORMATS.join(', ')} or print`);
  }
  const { decks, problems } = loadDecks([file]);
  for (const p of problems) console.error(formatProblem(p));
  const deck = decks[0]?.deck;
  if (problems.length || !deck) {
    console.error(`error: ${file} is not a valid deck; nothing was exported.`);
    return 1;
  }
  // Anki updates a note only when the incoming copy is newer, so the export time follows the
  // deck file's modification time (reproducible for an unchanged file) unless --now is given.
  const nowText = options.get('now');
  const now = nowText ? Date.parse(nowText) : Math.floor(statSync(file).mtimeMs);
  if (Number.isNaN(now)) throw new UsageError(`--now "${nowText ?? ''}" is not a date (use e.g. 2026-01-31T12:00:00Z)`);
  useNodeFormatsRuntime();
  if (format === 'print') {
    writeFileSync(out, printableHtml(deck));
    console.log(`Wrote ${describeCounts(countKinds(deck.cards))} to ${out} (printable HTML)`);
    return 0;
  }
  const result = await exportDeck(deck, format as ExportFormat, { now });
  writeFileSync(out, result.data);
  console.log(`Wrote ${describeCounts(result.counts)} to ${out} (${format})`);
  return 0;
}

async function importCommand(args: string[]): Promise<number> {
  const { positional, options } = parseArgs(args, ['out', 'deck-id']);
  if (positional.length !== 1) throw new UsageError('import takes exactly one file');
  const file = positional[0] as string;
  const out = required(options, 'out');
  if (!/\.ya?ml$/.test(out)) throw new UsageError('--out must be a .yaml file (the deck file to write)');
  useNodeFormatsRuntime();
  const deckId = options.get('deck-id');
  const result = await importDeckFile(file, new Uint8Array(readFileSync(file)), deckId ? { deckId } : {});
  for (const w of result.warnings) console.error(`warning: ${w}`);
  writeFileSync(out, await deckToYaml(result.deck));
  console.log(`Read ${describeCounts(result.counts)} from ${file} into ${out} (deck "${result.deck.id}")`);
  return 0;
}

/** Regenerates the editor schema from the zod schema (a test checks the committed copy). */
function schemaCommand(args: string[]): number {
  const { options, positional } = parseArgs(args, ['out']);
  if (positional.length) throw new UsageError(`unexpected argument "${positional[0]}"`);
  const out = options.get('out') ?? 'decks/schema.json';
  writeFileSync(out, JSON.stringify(deckJsonSchema(), null, 2) + '\n');
  console.log(`Wrote ${out}.`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validate(rest);
    case 'export':
      return exportCommand(rest);
    case 'import':
      return importCommand(rest);
    case 'schema':
      return schemaCommand(rest);
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

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(`error: ${err instanceof Error ? err.message : String(err)}`);
    if (err instanceof UsageError) console.error(USAGE);
    process.exitCode = 1;
  },
);
