// A lab card in the Study screen, driven in real Chromium against the production build: the
// learner works in the lab terminal, Check lets the simulated cluster settle and passes, the card
// is graded Good and rescheduled, and after a reload it is no longer waiting to be studied.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { newContext, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const LAB_TITLE = 'Your first local cluster';

async function progress(page: Page): Promise<{ new: number; learning: number; done: number }> {
  const text = (await page.locator('.progress').textContent()) ?? '';
  const num = (label: string) => Number(new RegExp(`${label} (\\d+)`).exec(text)?.[1] ?? 0);
  return { new: num('New'), learning: num('Learning'), done: num('Done') };
}

/** Answers non-lab cards (Show answer, Good) until the lab card is on screen. */
async function studyUntilLab(page: Page): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const question = page.locator('#card-question');
    await question.waitFor();
    if (((await question.textContent()) ?? '').includes(LAB_TITLE)) return;
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
  throw new Error(`the lab "${LAB_TITLE}" never came up`);
}

describe('lab cards in Study', () => {
  it('completes a lab in its terminal, grades it Good and reschedules it', async () => {
    const ctx = await newContext(h);
    const page = await ctx.newPage();
    const longTasks: number[] = [];
    await page.exposeFunction('reportLongTask', (ms: number) => longTasks.push(ms));
    await page.addInitScript(() => {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries())
          (window as unknown as { reportLongTask(ms: number): void }).reportLongTask(e.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(h.url + '/#/study');
    await page.getByRole('heading', { name: 'Study' }).waitFor();
    await studyUntilLab(page);
    const before = await progress(page);

    const terminal = page.getByRole('region', { name: 'Lab terminal' });
    await terminal.waitFor();
    await page.getByText('Nothing is set up yet').waitFor();
    longTasks.length = 0;

    await terminal.getByRole('textbox', { name: 'Command' }).fill('kind create cluster --name k8s-intro');
    await terminal.getByRole('button', { name: 'Run' }).click();
    await terminal.getByText('Set kubectl context to "kind-k8s-intro"').waitFor();
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByText('Goal reached.').waitFor();

    // Passed at the first try, with no hints: graded Good.
    await page.getByText('Passed at the first try.').waitFor();
    const good = page.getByRole('button', { name: /^Good/ });
    assert.match((await good.textContent()) ?? '', /\d+\s*(m|min|h|d)/);
    await good.click();

    await page.getByText(`Done ${before.done + 1}`).waitFor();
    const afterGrade = await progress(page);
    assert.equal(afterGrade.new, before.new - 1);
    assert.equal(afterGrade.learning, before.learning + 1);
    console.log(`long tasks: ${JSON.stringify(longTasks)}`);
    assert.deepEqual(longTasks, [], 'the lab cluster runs in a worker: no main-thread task over 50 ms');

    await page.reload();
    await page.getByRole('heading', { name: 'Study' }).waitFor();
    await page.locator('#card-question').waitFor();
    assert.doesNotMatch((await page.locator('#card-question').textContent()) ?? '', new RegExp(LAB_TITLE));
    await ctx.close();
  });
});
