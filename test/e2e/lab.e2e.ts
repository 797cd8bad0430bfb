// A lab card in the Study screen, driven in real Chromium against the production build: the
// learner works in the lab terminal, Check lets the simulated cluster settle and passes, the card
// is graded Good and rescheduled, and after a reload it is no longer waiting to be studied.

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { answerOneCard, newContext, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

const LAB_TITLE = 'Your first local cluster';
const PREDICTION_TITLE = 'Who replaces a deleted Pod?';

async function progress(page: Page): Promise<{ new: number; learning: number; done: number }> {
  const text = (await page.locator('.progress').textContent()) ?? '';
  const num = (label: string) => Number(new RegExp(`${label} (\\d+)`).exec(text)?.[1] ?? 0);
  return { new: num('New'), learning: num('Learning'), done: num('Done') };
}

/** Answers other cards (Show answer, Good; a lab by Show solution or a prediction) until `title` is on screen. */
async function studyUntilLab(page: Page, title = LAB_TITLE): Promise<void> {
  for (let i = 0; i < 12; i++) {
    const question = page.locator('#card-question');
    await question.waitFor();
    const text = (await question.textContent()) ?? '';
    if (text.includes(title)) return;
    if (await page.getByRole('region', { name: 'Lab', exact: true }).isVisible()) {
      // Another lab: give up on a goal; a prediction-only lab has no solution to show, so predict.
      const predict = page.getByRole('group', { name: /Predict/ });
      if (await predict.getByRole('button', { name: 'Run it' }).isVisible()) {
        await predict.locator('input').first().check();
        await predict.getByRole('button', { name: 'Run it' }).click();
      } else await page.getByRole('button', { name: 'Show solution' }).click();
      await page.getByRole('button', { name: /^Again/ }).click();
    } else await answerOneCard(page);
    // The rating is saved before the next card replaces this one: wait for it, or the next round
    // would read this card's question and buttons.
    await page.waitForFunction((prev) => document.querySelector('#card-question')?.textContent !== prev, text);
  }
  throw new Error(`the lab "${title}" never came up`);
}

describe('lab cards in Study', () => {
  it('completes a lab in its terminal, grades it Good and reschedules it', async () => {
    const ctx = await newContext(h);
    const page = await ctx.newPage();
    await page.goto(h.url + '/#/study');
    await page.getByRole('heading', { name: 'Study' }).waitFor();
    await studyUntilLab(page);
    const before = await progress(page);

    const terminal = page.getByRole('region', { name: 'Lab terminal' });
    await terminal.waitFor();
    await page.getByText('Nothing is set up yet').waitFor();

    await terminal.getByRole('textbox', { name: 'Command' }).fill('kind create cluster --name k8s-intro');
    await terminal.getByRole('button', { name: 'Run' }).click();
    await terminal.getByText('Set kubectl context to "kind-k8s-intro"').waitFor();
    // Check lets the cluster settle for two simulated minutes: in the lab's worker, not on the page.
    assert.ok(
      page.workers().some((w) => /worker/.test(w.url())),
      'the lab session runs in a dedicated worker',
    );
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

    await page.reload();
    await page.getByRole('heading', { name: 'Study' }).waitFor();
    await page.locator('#card-question').waitFor();
    assert.doesNotMatch((await page.locator('#card-question').textContent()) ?? '', new RegExp(LAB_TITLE));
    await ctx.close();
  });

  it('runs a prediction lab: the pick is judged by what the simulated cluster did', async () => {
    const ctx = await newContext(h);
    const page = await ctx.newPage();
    await page.goto(h.url + '/#/study');
    await page.getByRole('heading', { name: 'Study' }).waitFor();
    await studyUntilLab(page, PREDICTION_TITLE);
    const before = await progress(page);
    const predict = page.getByRole('group', { name: /Predict/ });
    await predict.getByLabel(/ReplicaSet controller/).check();
    await predict.getByRole('button', { name: 'Run it' }).click();
    await page.getByText(/^Right: the simulation shows/).waitFor();
    await page
      .getByRole('region', { name: 'Lab terminal' })
      .getByText('$ kubectl delete pod -l app=web', { exact: false })
      .waitFor();
    await page.getByText('Passed at the first try.').waitFor();
    await page.getByRole('button', { name: /^Good/ }).click();
    await page.getByText(`Done ${before.done + 1}`).waitFor();
    await ctx.close();
  });
});
