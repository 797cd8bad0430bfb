// Deck formats benchmark (Node): export a 10,000-card deck to .apkg and import it back.
// Budgets from issue 7: export 3 s, import 5 s. Each figure is the best of three runs after a
// warm-up (which loads sql.js once, as an app session would). The CPU time of the best run is
// printed too: on a busy machine it is the fairer figure.

import { exportDeck, importDeckFile } from '../../src/deck/formats/index.ts';
import { useNodeFormatsRuntime } from '../../src/deck/node/formats-runtime.ts';
import { bigDeck } from '../deck/formats/fixtures.ts';

interface BenchRow {
  name: string;
  value: number;
  unit: 'ms' | 'KiB' | 'MB' | 'score';
  budget: number;
  better: 'lower' | 'higher';
}

/** Best wall time of `runs`, and the CPU time of that run (less sensitive to a busy machine). */
async function best(runs: number, fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  let min = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < runs; i++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    await fn();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    if (wall < min.wall) min = { wall, cpu: (used.user + used.system) / 1000 };
  }
  return min;
}

export default async function (): Promise<BenchRow[]> {
  useNodeFormatsRuntime();
  const deck = bigDeck(10_000);
  const now = Date.UTC(2026, 0, 1);
  let apkg = new Uint8Array();
  await exportDeck(bigDeck(10), 'apkg', { now });
  const exportMs = await best(3, async () => {
    apkg = (await exportDeck(deck, 'apkg', { now })).data as Uint8Array<ArrayBuffer>;
  });
  const importMs = await best(3, async () => {
    const { deck: back } = await importDeckFile('big-deck.apkg', apkg);
    if (back.cards.length !== deck.cards.length)
      throw new Error(`imported ${back.cards.length} of ${deck.cards.length} cards`);
  });
  process.stderr.write(
    `formats: CPU time export ${exportMs.cpu.toFixed(0)} ms, import ${importMs.cpu.toFixed(0)} ms\n`,
  );
  return [
    { name: 'export 10,000 cards to .apkg', value: exportMs.wall, unit: 'ms', budget: 3000, better: 'lower' },
    { name: 'import 10,000 cards from .apkg', value: importMs.wall, unit: 'ms', budget: 5000, better: 'lower' },
    { name: '.apkg size of 10,000 cards', value: apkg.length / 1024, unit: 'KiB', budget: 4096, better: 'lower' },
  ];
}
