// `npm run bench`: runs every test/bench/*.bench.ts (each default-exports a function returning
// rows) and prints one table of figures against their budgets. Exits 1 if a budget is missed.
// Pass names to run a subset: `npm run bench -- sim kubectl`.

import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { provideEagerly } from '../../src/sim/node/eager.ts';

provideEagerly();

export interface BenchRow {
  name: string;
  value: number;
  unit: 'ms' | 'KiB' | 'MB' | 'score';
  budget: number;
  better: 'lower' | 'higher';
}

const only = process.argv.slice(2);
const files = readdirSync('test/bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: (BenchRow & { suite: string })[] = [];
let failed = false;
for (const file of files) {
  const suite = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`running ${suite}…\n`);
  try {
    const mod = (await import(pathToFileURL(resolve('test/bench', file)).href)) as {
      default: () => Promise<BenchRow[]>;
    };
    for (const row of await mod.default()) rows.push({ ...row, suite });
  } catch (e) {
    failed = true;
    console.error(`${suite}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
}

const fmt = (n: number, unit: string) => `${unit === 'score' ? n.toFixed(0) : n.toFixed(n < 10 ? 2 : 1)} ${unit}`;
const table = rows.map((r) => {
  const ok = r.better === 'lower' ? r.value <= r.budget : r.value >= r.budget;
  if (!ok) failed = true;
  return [
    r.suite,
    r.name,
    fmt(r.value, r.unit),
    `${r.better === 'lower' ? '≤' : '≥'} ${fmt(r.budget, r.unit)}`,
    ok ? 'ok' : 'OVER',
  ];
});
const head = ['suite', 'benchmark', 'measured', 'budget', ''];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i]!.length)));
const line = (cells: string[]) =>
  cells
    .map((c, i) => c.padEnd(widths[i]!))
    .join('  ')
    .trimEnd();
console.log(line(head));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const t of table) console.log(line(t));
process.exitCode = failed ? 1 : 0;
