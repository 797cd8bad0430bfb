// Runs the browser suites (test/e2e/*.e2e.ts) with node's test runner against the production
// build. In CI (CI=true) a missing Chromium is a failure; elsewhere it is one loud skip line.

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { chromiumPath } from './harness.ts';

if (!chromiumPath()) {
  const msg = 'Chromium not found: install it with `apt-get install -y chromium` to run the browser tests.';
  if (process.env.CI) {
    console.error(`ERROR: ${msg}`);
    process.exit(1);
  }
  console.error(`\n!!!!! BROWSER TESTS SKIPPED. ${msg} !!!!!\n`);
  process.exit(0);
}

const only = process.argv.slice(2);
const files = readdirSync('test/e2e')
  .filter((f) => f.endsWith('.e2e.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
  .map((f) => `test/e2e/${f}`);

const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
