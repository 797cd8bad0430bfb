// The installable, offline study loop, driven in real Chromium against the production build.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  answerOneCard,
  hasHorizontalScroll,
  newContext,
  persistentContext,
  startHarness,
  waitForController,
  type Harness,
} from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

async function statValue(page: Page, label: string): Promise<string> {
  const dd = page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
  return (await dd.textContent())?.trim() ?? '';
}

describe('study app offline', () => {
  it('is controlled by its service worker on the first visit, then studies and counts a review with the network off', async () => {
    const ctx = await newContext(h);
    const page = await ctx.newPage();
    await page.goto(h.url + '/');
    await waitForController(page);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true);
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.waitForFunction(() => /\d/.test(document.querySelector('dd')?.textContent ?? ''));
    assert.equal(await statValue(page, 'Reviewed today'), '0');

    await ctx.setOffline(true);
    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.getByRole('link', { name: 'Study', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Study' }).waitFor();
    await page.locator('#card-question').waitFor();
    await answerOneCard(page);
    await page.getByText('Done 1').waitFor();

    await page.reload();
    await page.goto(h.url + '/#/');
    await page.waitForFunction(() => /\d/.test(document.querySelector('dd')?.textContent ?? ''));
    assert.equal(await statValue(page, 'Reviewed today'), '1');
    await ctx.close();
  });

  it('reports no installability errors', async () => {
    const { context: ctx, dispose } = await persistentContext();
    const page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(h.url + '/');
    await waitForController(page);
    const cdp = await ctx.newCDPSession(page);
    const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
      installabilityErrors: { errorId: string }[];
    };
    assert.deepEqual(installabilityErrors, []);
    await dispose();
  });

  it('fits a 360 px wide screen without horizontal scrolling on every screen', async () => {
    const ctx = await newContext(h, { width: 360, height: 740 });
    const page = await ctx.newPage();
    for (const route of ['#/', '#/study', '#/sandbox', '#/decks', '#/settings']) {
      await page.goto(`${h.url}/${route}`);
      await page.locator('main h1').waitFor();
      await page.waitForTimeout(50);
      assert.equal(await hasHorizontalScroll(page), false, `horizontal scroll on ${route}`);
    }
    await ctx.close();
  });

  it('studies with the keyboard: Space reveals, number keys rate, Undo steps back', async () => {
    const ctx = await newContext(h, { width: 1280, height: 800 });
    const page = await ctx.newPage();
    await page.goto(h.url + '/#/study');
    await page.locator('#card-question').waitFor();
    const first = await page.locator('#card-question').textContent();
    await page.locator('main h1').click();
    await page.keyboard.press('Space');
    await page.getByRole('group', { name: 'How well did you know it?' }).waitFor();
    await page.keyboard.press('1');
    await page.getByText('Done 1').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByText('Last review undone.').waitFor();
    assert.equal(await page.locator('#card-question').textContent(), first);
    await ctx.close();
  });
});
