// `npm run bench`: runs every test/bench/*.bench.ts (each default-exports a function returning
// rows) and prints one table of figures against their budgets. Exits 1 if a budget is missed.
// Pass names to run a subset: `npm run bench -- sim kubectl`.
//
// Each suite runs in a Node process of its own (this file again, with --suite): a suite's timings
// and heap figures must not depend on what the suites before it left in the heap.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { provideEagerly } from '../../src/sim/node/eager.ts';

provideEagerly();

/** The line a suite's process prints its rows on, as JSON. */
const ROWS = 'bench-rows ';

export interface BenchRow {
  name: string;
  value: number;
  unit: 'ms' | 'KiB' | 'MB' | 'score';
  budget: number;
  better: 'lower' | 'higher';
}

const args = process.argv.slice(2);
const suiteAt = args.indexOf('--suite');
if (suiteAt !== -1) {
  // Child: run one suite and hand its rows (or its error) to the parent.
  const file = args[suiteAt + 1] ?? '';
  const mod = (await import(pathToFileURL(resolve('test/bench', file)).href)) as {
    default: () => Promise<BenchRow[]>;
  };
  console.log(ROWS + JSON.stringify(await mod.default()));
  process.exit(0);
}

const only = args;
const files = readdirSync('test/bench')
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: (BenchRow & { suite: string })[] = [];
let failed = false;
for (const file of files) {
  const suite = file.replace(/\.bench\.ts$/, '');
  process.stderr.write(`running ${suite}…\n`);
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1] ?? '', '--suite', file], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  let found = false;
  for (const out of (child.stdout ?? '').split('\n')) {
    if (out.startsWith(ROWS)) {
      found = true;
      for (const row of JSON.parse(out.slice(ROWS.length)) as BenchRow[]) rows.push({ ...row, suite });
    } else if (out !== '') console.log(out);
  }
  if (child.status !== 0 || !found) {
    failed = true;
    console.error(`${suite}: its process ended with ${child.status ?? child.signal ?? 'an error'} and no figures`);
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
