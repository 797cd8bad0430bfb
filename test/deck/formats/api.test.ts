/// <reference types="node" />
// The API the Decks screen and the CLI use: progress and cancellation, typed errors, the
// sanitizer, the printable view, and defensive handling of card kinds added later.

import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WindowLike } from 'dompurify';
import {
  CHUNK,
  exportDeck,
  importDeckFile,
  ImportError,
  printableHtml,
  sanitizeHtml,
  type ExportFormat,
} from '../../../src/deck/formats/index.ts';
import { useNodeFormatsRuntime } from '../../../src/deck/node/formats-runtime.ts';
import type { Card, Deck } from '../../../src/deck/schema.ts';
import { bigDeck, fixtureDeck } from './fixtures.ts';

beforeAll(() => useNodeFormatsRuntime());

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (d: Uint8Array | string) => (typeof d === 'string' ? enc(d) : d);

describe('progress and cancellation', () => {
  it.each(['apkg', 'csv', 'tsv', 'moodle', 'gift'] as const)(
    '%s export reports progress every chunk of cards up to the total',
    async (format: ExportFormat) => {
      const calls: [number, number][] = [];
      await exportDeck(bigDeck(1000), format, { onProgress: (done, total) => calls.push([done, total]) });
      expect(calls[0]).toEqual([0, 1000]);
      expect(calls.at(-1)).toEqual([1000, 1000]);
      expect(calls.filter(([done]) => done > 0 && done < 1000).every(([done]) => done % CHUNK === 0)).toBe(true);
    },
  );

  it('import reports progress while reading and validating', async () => {
    const csv = String((await exportDeck(bigDeck(600), 'csv')).data);
    const calls: number[] = [];
    await importDeckFile('big.csv', enc(csv), { onProgress: (done) => calls.push(done) });
    expect(calls).toContain(600);
    expect(calls.length).toBeGreaterThan(4);
  });

  it('an aborted export rejects with an AbortError', async () => {
    const controller = new AbortController();
    const run = exportDeck(bigDeck(2000), 'apkg', {
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= CHUNK) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('an aborted import rejects with an AbortError and returns no deck', async () => {
    const apkg = (await exportDeck(bigDeck(1000), 'apkg')).data as Uint8Array;
    const controller = new AbortController();
    const run = importDeckFile('big.apkg', apkg, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= CHUNK) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('an already aborted signal stops before any work', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(exportDeck(fixtureDeck(), 'json', { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
    await expect(importDeckFile('x.csv', enc('a,b'), { signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});

describe('errors a user can act on', () => {
  it('reports every problem of an invalid YAML deck with file:line:column', async () => {
    const yaml = stringify({ ...fixtureDeck(), cards: [{ ...fixtureDeck().cards[2], answer: 9 }] });
    const err = await importDeckFile('decks/bad.yaml', enc(yaml)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/decks\/bad\.yaml:\d+:\d+: answer index 9 is out of range/);
  });

  it('refuses an unsupported file type and names what it accepts', async () => {
    await expect(importDeckFile('slides.pptx', enc('x'))).rejects.toThrow(
      /slides\.pptx: unsupported file type; import a \.yaml/,
    );
  });

  it('uses the given deck id for an imported deck', async () => {
    const { deck } = await importDeckFile('x.tsv', enc('front\tback\n'), { deckId: 'my-deck' });
    expect(deck.id).toBe('my-deck');
  });
});

describe('sanitizeHtml', () => {
  it('keeps formatting and drops scripts, handlers and javascript: links', () => {
    const out = sanitizeHtml(
      '<p>Hi <b>there</b><script>x()</script><a href="javascript:x()" onclick="x()">l</a><img src="a.png" onerror="x()"></p>',
    );
    expect(out).toBe('<p>Hi <b>there</b><a rel="noopener noreferrer" target="_blank">l</a><img src="a.png"></p>');
  });

  it('works with an explicitly passed window', () => {
    const win = new JSDOM('').window as unknown as WindowLike;
    expect(sanitizeHtml('<svg onload="x()"><circle/></svg><i>ok</i>', win)).toBe('<i>ok</i>');
  });
});

describe('printableHtml', () => {
  it('is a self-contained page with a print stylesheet, a CSP and no scripts', () => {
    const html = printableHtml(fixtureDeck());
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@media print');
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
    expect(html).not.toMatch(/<script/i);
    const doc = new JSDOM(html).window.document;
    const attributes = Array.from(doc.querySelectorAll('*')).flatMap((el) =>
      Array.from(el.attributes).map((a) => a.name),
    );
    expect(attributes.filter((a) => /^on/i.test(a))).toEqual([]);
  });

  it('shows every card, grouped by domain, with its answer and text escaped', () => {
    const doc = new JSDOM(printableHtml(fixtureDeck())).window.document;
    expect(doc.querySelectorAll('article.card')).toHaveLength(fixtureDeck().cards.length);
    expect(Array.from(doc.querySelectorAll('h2')).map((h) => h.textContent)).toEqual([
      'Kubernetes Fundamentals (44% of the exam)',
      'Container Orchestration (28% of the exam)',
      'Cloud Native Application Delivery (16% of the exam)',
      'Cloud Native Architecture (12% of the exam)',
    ]);
    const tricky = doc.getElementById('card-tricky-text');
    expect(tricky?.querySelector('.front')?.textContent).toContain('Tricky <b>not bold</b> & "quotes"');
    expect(tricky?.querySelectorAll('b, script, img')).toHaveLength(0);
    expect(doc.getElementById('card-scheduler-binds')?.querySelector('.back')?.textContent).toContain(
      'B. kube-scheduler',
    );
  });
});

describe('card kinds added later (a kind this code does not know)', () => {
  const drill = {
    id: 'drill-scale',
    kind: 'drill',
    domain: 'kubernetes-fundamentals',
    competency: 'administration',
    title: 'Scale a Deployment to 3 replicas',
    command: 'kubectl scale deployment web --replicas=3',
  } as unknown as Card;
  const deck: Deck = { ...fixtureDeck(), cards: [...fixtureDeck().cards, drill] };

  it('exports them to Anki with a generic note type that keeps the whole card', async () => {
    const out = await exportDeck(deck, 'apkg');
    const db = new Database(Buffer.from(unzipSync(out.data as Uint8Array)['collection.anki2'] as Uint8Array));
    const models = JSON.parse(db.prepare('SELECT models FROM col').pluck().get() as string) as Record<
      string,
      { name: string }
    >;
    expect(Object.values(models).map((m) => m.name)).toContain('KCNA Card');
    const flds = (db.prepare('SELECT flds FROM notes ORDER BY id DESC LIMIT 1').pluck().get() as string).split('\x1f');
    expect(flds[0]).toBe('Scale a Deployment to 3 replicas');
    expect(flds[2]).toContain('&quot;kind&quot;:&quot;drill&quot;');
    db.close();
    expect(out.counts).toMatchObject({ drill: 1 });
  });

  it('exports them to every other format without failing', async () => {
    for (const format of ['csv', 'tsv', 'moodle', 'gift', 'json'] as const) {
      const out = await exportDeck(deck, format);
      expect(String(out.data)).toContain('Scale a Deployment to 3 replicas');
    }
    expect(printableHtml(deck)).toContain('Scale a Deployment to 3 replicas');
  });

  it('refuses to import a kind the schema does not know yet, naming the card', async () => {
    const out = await exportDeck(deck, 'apkg');
    const err = await importDeckFile('future.apkg', bytes(out.data)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/card "drill-scale": unknown card kind "drill"/);
  });
});
