// Shared browser-test harness: serves the production build (dist/) with `vite preview` on a free
// loopback port and drives Debian's Chromium through playwright-core. Never downloads a browser.

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath(): string | null {
  return CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** Flags that keep headless Chromium quiet on a machine with no outside network. */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Harness {
  url: string;
  browser: Browser;
  server: PreviewServer;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const path = chromiumPath();
  if (!path) throw new Error('Chromium not found: install it with `apt-get install -y chromium`.');
  if (!existsSync('dist/index.html')) throw new Error('dist/ is missing: run `npm run build` first.');
  const server = await preview({ preview: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'silent' });
  const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
  if (!url) throw new Error('vite preview did not report its address');
  const browser = await chromium.launch({ executablePath: path, args: CHROMIUM_ARGS });
  return {
    url,
    browser,
    server,
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
    },
  };
}

/** A fresh profile (own storage and service workers) with a phone-sized or desktop viewport. */
export async function newContext(
  h: Harness,
  viewport: { width: number; height: number } = { width: 360, height: 740 },
): Promise<BrowserContext> {
  return h.browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    hasTouch: viewport.width < 500,
    isMobile: viewport.width < 500,
    serviceWorkers: 'allow',
  });
}

/** Waits until a service worker controls the page (TOOLCHAIN gotcha 8: `ready` is not enough). */
export async function waitForController(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 20_000 });
}

export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

/**
 * A persistent (non-incognito) profile in a fresh temporary folder: installability and storage
 * persistence behave as in a normal browser window only there.
 */
export async function persistentContext(
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; dispose(): Promise<void> }> {
  const path = chromiumPath();
  if (!path) throw new Error('Chromium not found');
  const dir = mkdtempSync(join(tmpdir(), 'kcna-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: path,
    args: CHROMIUM_ARGS,
    viewport,
    serviceWorkers: 'allow',
  });
  return {
    context,
    async dispose() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Answers whatever card is on screen: reveal (or check a quiz) and rate Good/Again. */
export async function answerOneCard(page: Page): Promise<void> {
  const check = page.getByRole('button', { name: 'Check' });
  if (await check.isVisible()) {
    await page.locator('fieldset input').first().check();
    await check.click();
  } else {
    await page.getByRole('button', { name: 'Show answer' }).click();
  }
  const good = page.getByRole('button', { name: /^Good/ });
  const again = page.getByRole('button', { name: /^Again/ });
  await ((await good.isVisible()) ? good : again).click();
}
