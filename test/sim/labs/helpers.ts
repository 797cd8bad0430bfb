// Lab cards straight from the shipped deck, and a small driver for a learner's terminal.

import { readFileSync } from 'node:fs';
import { validateDeckSource, type LabCard } from '../../../src/deck/index.ts';
import { runLabSetup, type LabRun } from '../../../src/sim/labs/index.ts';

export const NOW = Date.UTC(2026, 0, 5, 9, 0, 0);
export const SEED = 7;

const deck = validateDeckSource(readFileSync('decks/kubernetes-labs.yaml', 'utf8'), 'decks/kubernetes-labs.yaml').deck;

export function lab(id: string): LabCard {
  const card = deck?.cards.find((c) => c.id === id);
  if (!card || card.kind !== 'lab') throw new Error(`no lab ${id} in decks/kubernetes-labs.yaml`);
  return card;
}

/** Starts the lab and runs the learner's commands; every command must succeed. */
export function start(card: LabCard, commands: readonly string[] = []): LabRun {
  const run = runLabSetup(card, SEED, NOW);
  if (run.failures.length) throw new Error(`setup failed: ${run.failures.join(', ')}`);
  type(run, commands);
  return run;
}

export function type(run: LabRun, commands: readonly string[]): void {
  for (const line of commands) {
    const r = run.session.run(line);
    if (r.exitCode !== 0) throw new Error(`\`${line}\` exited ${r.exitCode}: ${r.stderr}`);
  }
}
