// App budgets measured in real Chromium: IndexedDB queue read and review commit at 100,000 cards,
// the first screen's JS+CSS (gzip), and Lighthouse mobile scores of Home.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/harness.ts';
import type { BenchRow } from './run.ts';

async function serve(root: string) {
  const server = await preview({
    root,
    build: { outDir: 'dist' },
    preview: { host: '127.0.0.1', port: 0 },
    logLevel: 'silent',
    configFile: false,
  });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
  return { url, close: () => new Promise<void>((r) => server.httpServer.close(() => r())) };
}

async function idbRows(exe: string): Promise<BenchRow[]> {
  await build({
    root: 'test/bench/idb',
    configFile: false,
    logLevel: 'silent',
    build: { outDir: 'dist', emptyOutDir: true },
  });
  const server = await serve('test/bench/idb');
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.goto(server.url + '/');
    await page.waitForFunction(() => typeof window.runIdbBench === 'function');
    const r = await page.evaluate((n) => window.runIdbBench(n), 100_000);
    return [
      {
        name: 'read next 50 due of 100,000 cards, first read',
        value: r.coldReadMs,
        unit: 'ms',
        budget: 20,
        better: 'lower',
      },
      {
        name: 'read next 50 due of 100,000 cards, median',
        value: r.warmReadMedianMs,
        unit: 'ms',
        budget: 20,
        better: 'lower',
      },
      { name: 'commit one review, p95', value: r.commitP95Ms, unit: 'ms', budget: 20, better: 'lower' },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

/** JS and CSS the Home screen requests on a normal visit (deck data already stored), gzip. */
async function firstScreenRows(exe: string): Promise<{ rows: BenchRow[]; url: string; close: () => Promise<void> }> {
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'silent' });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
  const close = () => new Promise<void>((r) => server.httpServer.close(() => r()));
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
  const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 360, height: 740 } });
  const page = await ctx.newPage();
  await page.goto(url + '/');
  await page.waitForFunction(() => /\d/.test(document.querySelector('dd')?.textContent ?? ''));
  const assets = new Set<string>();
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (/\.(js|css)$/.test(u.pathname)) assets.add(u.pathname);
  });
  await page.reload();
  await page.waitForFunction(() => /\d/.test(document.querySelector('dd')?.textContent ?? ''));
  await page.waitForLoadState('networkidle');
  await browser.close();
  const gz = (p: string) => gzipSync(readFileSync(`dist${p}`), { level: 9 }).length;
  const total = [...assets].reduce((sum, p) => sum + gz(p), 0);
  return {
    rows: [
      {
        name: `first screen JS+CSS, gzip (${assets.size} files)`,
        value: total / 1024,
        unit: 'KiB',
        budget: 45,
        better: 'lower',
      },
    ],
    url,
    close,
  };
}

/** Lighthouse's own advice for a stable figure: the median of several runs (3 here, fresh profiles). */
async function lighthouseRows(exe: string, url: string): Promise<BenchRow[]> {
  const { launch } = await import('chrome-launcher');
  const lighthouse = (await import('lighthouse')).default;
  const runs: Record<string, number>[] = [];
  for (let i = 0; i < 3; i++) {
    const chrome = await launch({ chromePath: exe, chromeFlags: CHROMIUM_ARGS });
    try {
      const result = await lighthouse(url + '/', {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
        formFactor: 'mobile',
      });
      const cats = result?.lhr.categories ?? {};
      runs.push(Object.fromEntries(Object.entries(cats).map(([id, c]) => [id, Math.round((c.score ?? 0) * 100)])));
    } finally {
      chrome.kill();
    }
  }
  const score = (id: string) => runs.map((r) => r[id] ?? 0).sort((a, b) => a - b)[1] ?? 0;
  return [
    {
      name: 'Lighthouse mobile: performance (Home, median of 3)',
      value: score('performance'),
      unit: 'score',
      budget: 95,
      better: 'higher',
    },
    {
      name: 'Lighthouse mobile: accessibility (Home)',
      value: score('accessibility'),
      unit: 'score',
      budget: 100,
      better: 'higher',
    },
    {
      name: 'Lighthouse mobile: best practices (Home)',
      value: score('best-practices'),
      unit: 'score',
      budget: 95,
      better: 'higher',
    },
    { name: 'Lighthouse mobile: SEO (Home)', value: score('seo'), unit: 'score', budget: 95, better: 'higher' },
  ];
}

export default async function (): Promise<BenchRow[]> {
  const exe = chromiumPath();
  if (!exe) throw new Error('Chromium not found: apt-get install -y chromium');
  await build({ logLevel: 'silent' });
  const rows = await idbRows(exe);
  const first = await firstScreenRows(exe);
  try {
    rows.push(...first.rows, ...(await lighthouseRows(exe, first.url)));
  } finally {
    await first.close();
  }
  return rows;
}
