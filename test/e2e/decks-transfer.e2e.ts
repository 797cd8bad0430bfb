// Instructors in the app: export the lesson deck as an Anki package and as CSV, import a CSV.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { newContext, startHarness, type Harness } from './harness.ts';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h?.close();
});

describe('deck export and import on the Decks screen', () => {
  it('exports the lesson deck as .apkg and CSV, and imports a CSV deck into the reviews', async () => {
    const ctx = await newContext(h, { width: 390, height: 844 });
    const page = await ctx.newPage();
    await page.goto(h.url + '/#/decks');
    const lesson = page.locator('li', { has: page.getByRole('heading', { name: 'Kubernetes architecture' }) });
    await lesson.waitFor();

    await lesson.getByLabel('Export format').selectOption('apkg');
    const [apkg] = await Promise.all([
      page.waitForEvent('download'),
      lesson.getByRole('button', { name: 'Export' }).click(),
    ]);
    assert.equal(apkg.suggestedFilename(), 'kubernetes-architecture.apkg');
    const apkgBytes = readFileSync((await apkg.path()) ?? '');
    assert.equal(apkgBytes.subarray(0, 4).toString('latin1'), 'PK\u0003\u0004', 'an .apkg is a zip archive');
    await page.getByText(/^Exported kubernetes-architecture\.apkg: \d+ cards/).waitFor();

    await lesson.getByLabel('Export format').selectOption('csv');
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      lesson.getByRole('button', { name: 'Export' }).click(),
    ]);
    const csvText = readFileSync((await csv.path()) ?? '', 'utf8');
    assert.match(csvText, /^#separator:Comma$/m);
    assert.match(csvText, /^#guid column:\d+$/m);

    const importCsv = [
      '#separator:Comma',
      '#html:false',
      '#columns:Front,Back,Tags',
      'What does kubelet do?,Runs the pods bound to its node,kubelet',
      'What does kube-proxy do?,Programs Service routing on each node,networking',
    ].join('\n');
    await page
      .getByLabel('Deck file')
      .setInputFiles({ name: 'class-notes.csv', mimeType: 'text/csv', buffer: Buffer.from(importCsv) });
    const preview = page.getByRole('group', { name: 'Import preview' });
    await preview.getByText(/2 cards/).waitFor();
    await preview.getByRole('button', { name: 'Add deck' }).click();
    await page.getByText(/^Imported .*2 cards/).waitFor();
    const imported = page.locator('li', { hasText: '(imported)' });
    assert.match((await imported.textContent()) ?? '', /2 cards/);

    await page.goto(h.url + '/#/');
    await page.waitForFunction(() => /\d/.test(document.querySelector('dd')?.textContent ?? ''));
    // The imported cards are schedulable: they show up in the domain totals after a reload too.
    await page.reload();
    await page.getByRole('heading', { name: 'Today' }).waitFor();
    await page.goto(h.url + '/#/decks');
    await page.locator('li', { hasText: '(imported)' }).waitFor();
    await ctx.close();
  });
});
