// Sandbox budgets in real Chromium against the production build: the JS+CSS the Sandbox screen
// adds (its chunk, CSS and the simulation worker, gzip), the longest main-thread task while a
// 1,000-pod deployment rolls out at 10x, and Lighthouse accessibility of the Sandbox screen
// with a cluster, pods and events on it.

import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/harness.ts';
import type { BenchRow } from './run.ts';

declare global {
  interface Window {
    __longTasks?: number[];
  }
}

async function run(page: Page, line: string): Promise<void> {
  const before = await page.locator('[role=log] pre.input').count();
  const field = page.getByRole('textbox', { name: 'Command' });
  await field.fill(line);
  await field.press('Enter');
  await page.waitForFunction((n) => document.querySelectorAll('[role=log] pre.input').length > n, before, {
    timeout: 60_000,
  });
}

/** JS and CSS requested when going from Home to the Sandbox screen, plus the worker, gzip. */
async function chunkRows(page: Page, url: string): Promise<BenchRow[]> {
  await page.goto(url + '/');
  await page.waitForLoadState('networkidle');
  const assets = new Set<string>();
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (/\.(js|css)$/.test(u.pathname)) assets.add(u.pathname);
  });
  await page.getByRole('link', { name: 'Sandbox' }).first().click();
  await page.getByText('No cluster yet').waitFor();
  // A dedicated worker's script may not show up as a page request: take it from the chunk that starts it.
  for (const p of [...assets]) {
    const text = p.endsWith('.js') ? readFileSync(`dist${p}`, 'utf8') : '';
    for (const m of text.matchAll(/worker-[\w-]+\.js/g)) assets.add(`/assets/${m[0]}`);
  }
  const gz = (p: string) => gzipSync(readFileSync(`dist${p}`), { level: 9 }).length;
  const total = [...assets].reduce((sum, p) => sum + gz(p), 0);
  for (const p of assets) process.stderr.write(`  ${p} ${(gz(p) / 1024).toFixed(1)} KiB\n`);
  return [
    {
      name: `Sandbox screen JS+CSS+worker, gzip (${assets.size} files)`,
      value: total / 1024,
      unit: 'KiB',
      budget: 90,
      better: 'lower',
    },
  ];
}

/** Longest main-thread task reported by the browser (PerformanceObserver 'longtask', > 50 ms) during the rollout. */
async function rolloutRows(page: Page, url: string): Promise<BenchRow[]> {
  await page.addInitScript(() => {
    const tasks: number[] = [];
    window.__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
  await page.goto(url + '/#/sandbox');
  await page.getByText('No cluster yet').waitFor();
  await run(page, 'kind create cluster --name bench --config kind-multinode.yaml');
  await page.getByRole('button', { name: '10x' }).click();
  await page.waitForTimeout(1000);
  // Only what happens from here on counts: loading the page and creating the cluster do not.
  await page.evaluate(() => window.__longTasks?.splice(0));
  await run(page, 'kubectl create deployment big --image=nginx --replicas=1000');
  await page.waitForTimeout(20_000);
  const pods = (await page.locator('figcaption').innerText()).replace(/\.$/, '');
  const tasks = await page.evaluate(() => window.__longTasks ?? []);
  return [
    {
      name: `longest main-thread task, 1,000-pod rollout at 10x for 20 s (${tasks.length} long tasks; ${pods})`,
      value: Math.max(0, ...tasks),
      unit: 'ms',
      budget: 50,
      better: 'lower',
    },
  ];
}

async function lighthouseRows(exe: string, url: string): Promise<BenchRow[]> {
  const { launch } = await import('chrome-launcher');
  const lighthouse = (await import('lighthouse')).default;
  const chrome = await launch({ chromePath: exe, chromeFlags: CHROMIUM_ARGS });
  try {
    // Put a cluster with pods and events in the sandbox first, so the audit sees the full screen.
    const cdp = await chromium.connectOverCDP(`http://127.0.0.1:${chrome.port}`);
    const page = await (cdp.contexts()[0] ?? (await cdp.newContext())).newPage();
    await page.goto(url + '/#/sandbox');
    await page.getByText('No cluster yet').waitFor();
    await run(page, 'kind create cluster');
    await run(page, 'kubectl create deployment web --image=nginx --replicas=2');
    await page.locator('.timeline li').first().waitFor();
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.close();
    await cdp.close();
    const result = await lighthouse(url + '/#/sandbox', {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['accessibility'],
      formFactor: 'mobile',
      disableStorageReset: true,
    });
    const lhr = result?.lhr;
    const failed = Object.values(lhr?.audits ?? {})
      .filter((a) => a.score === 0 && a.scoreDisplayMode === 'binary')
      .map((a) => a.id);
    const score = Math.round((lhr?.categories.accessibility?.score ?? 0) * 100);
    return [
      {
        name: `Lighthouse mobile: accessibility (Sandbox with a cluster)${failed.length ? ` failing: ${failed.join(', ')}` : ''}`,
        value: score,
        unit: 'score',
        budget: 100,
        better: 'higher',
      },
    ];
  } finally {
    chrome.kill();
  }
}

export default async function (): Promise<BenchRow[]> {
  const exe = chromiumPath();
  if (!exe) throw new Error('Chromium not found: apt-get install -y chromium');
  await build({ logLevel: 'silent' });
  const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'silent' });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? '';
  const browser = await chromium.launch({ executablePath: exe, args: CHROMIUM_ARGS });
  try {
    const rows: BenchRow[] = [];
    const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 390, height: 844 } });
    rows.push(...(await chunkRows(await ctx.newPage(), url)));
    await ctx.close();
    const ctx2 = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
    rows.push(...(await rolloutRows(await ctx2.newPage(), url)));
    await ctx2.close();
    rows.push(...(await lighthouseRows(exe, url)));
    return rows;
  } finally {
    await browser.close();
    await new Promise<void>((r) => server.httpServer.close(() => r()));
  }
}
