/// <reference types="node" />
// The hostile corpus: script payloads in every import format, zip archives that try to escape
// or exhaust, truncated archives and malformed CSV/YAML/JSON/GIFT. None executes script, none
// crashes (every failure is an ImportError with a message), each gets a message.

import Database from 'better-sqlite3';
import { strToU8, zipSync } from 'fflate';
import { JSDOM } from 'jsdom';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportDeck,
  importDeckFile,
  ImportError,
  printableHtml,
  sanitizeHtml,
} from '../../../src/deck/formats/index.ts';
import { useNodeFormatsRuntime } from '../../../src/deck/node/formats-runtime.ts';
import type { Deck } from '../../../src/deck/schema.ts';
import { fixtureDeck } from './fixtures.ts';
import { HTML_PAYLOADS, MALFORMED_TEXT, zipCases } from './hostile-cases.ts';

const dir = mkdtempSync(join(tmpdir(), 'kcna-hostile-'));
let validApkg: Uint8Array = new Uint8Array();
beforeAll(async () => {
  useNodeFormatsRuntime();
  validApkg = (await exportDeck(fixtureDeck(), 'apkg')).data as Uint8Array;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const enc = (s: string) => new TextEncoder().encode(s);
/** The message a user gets about a hostile field: it was cleaned, or the card was skipped. */
const WARNED = /removed unsafe HTML|skipped/;

/** Render HTML in a jsdom that runs scripts; report whether the sentinel was ever set. */
function runsScript(html: string): boolean {
  const dom = new JSDOM(`<!doctype html><body>${html}</body>`, { runScripts: 'dangerously' });
  const win = dom.window as unknown as { __pwned?: number; document: Document; close(): void };
  // Fire the handlers a user could trigger.
  for (const el of Array.from(win.document.querySelectorAll('*'))) {
    for (const type of ['click', 'mouseover', 'focus', 'error', 'load', 'toggle', 'pointerenter']) {
      el.dispatchEvent(new win.document.defaultView!.Event(type));
    }
  }
  const pwned = win.__pwned !== undefined;
  win.close();
  return pwned;
}

/** No script element, no on* attribute, no javascript:/vbscript:/data: URL in any attribute. */
function assertInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    expect([
      'SCRIPT',
      'IFRAME',
      'OBJECT',
      'EMBED',
      'SVG',
      'MATH',
      'STYLE',
      'FORM',
      'BASE',
      'META',
      'LINK',
    ]).not.toContain(el.nodeName.toUpperCase());
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name).not.toMatch(/^on/i);
      expect(attr.value.replace(/[\s\p{Cc}]/gu, '')).not.toMatch(/^(javascript|vbscript|data):/i);
    }
  }
}

function foreignApkg(front: string, back: string): Uint8Array {
  const file = join(dir, `p-${Math.floor(performance.now() * 1000)}.anki2`);
  const db = new Database(file);
  db.exec(`CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer, ver integer, dty integer, usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);
CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text, flds text, sfld integer, csum integer, flags integer, data text);
CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, mod integer, usn integer, type integer, queue integer, due integer, ivl integer, factor integer, reps integer, lapses integer, left integer, odue integer, odid integer, flags integer, data text);`);
  db.prepare("INSERT INTO col VALUES (1,0,0,0,11,0,0,0,'{}',?,?,'{}','{}')").run(
    JSON.stringify({ '7': { id: 7, name: 'Basic', type: 0, flds: [{ name: 'Front' }, { name: 'Back' }] } }),
    JSON.stringify({ '1': { id: 1, name: 'Evil <img src=x onerror=alert(1)>' } }),
  );
  db.prepare("INSERT INTO notes VALUES (1,'g',7,0,0,' evil<script> ',?,'',0,0,'')").run(`${front}\x1f${back}`);
  db.prepare("INSERT INTO cards VALUES (1,1,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,'')").run();
  db.close();
  return zipSync({ 'collection.anki2': new Uint8Array(readFileSync(file)), media: strToU8('{}') });
}

function giftEscape(s: string): string {
  return s.replace(/[\\~=#{}:]/g, (c) => `\\${c}`);
}

/** Import must resolve with a message, or reject with an ImportError; nothing it yields runs script. */
async function importSafely(file: string, data: Uint8Array): Promise<{ deck?: Deck; messages: string[] }> {
  try {
    const { deck, warnings } = await importDeckFile(file, data);
    const page = printableHtml(deck);
    expect(runsScript(page)).toBe(false);
    expect(page).not.toMatch(/<script/i);
    return { deck, messages: warnings };
  } catch (err) {
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message.length).toBeGreaterThan(10);
    return { messages: [(err as Error).message] };
  }
}

describe('hostile HTML', () => {
  it.each(HTML_PAYLOADS.map((p, i) => [i, p] as const))('payload %i is sanitized to inert HTML: %s', (_i, payload) => {
    const clean = sanitizeHtml(payload);
    assertInert(clean);
    expect(runsScript(clean)).toBe(false);
  });

  it('the payloads do run when not sanitized (the check can fail)', () => {
    expect(runsScript('<img src=x onerror="window.__pwned=1">')).toBe(true);
    expect(runsScript('<div onclick="window.__pwned=1">x</div>')).toBe(true);
  });

  it.each(HTML_PAYLOADS.map((p, i) => [i, p] as const))(
    'payload %i in an HTML CSV is imported as text with a warning',
    async (_i, payload) => {
      const csv = `#separator:Tab\n#html:true\nFront ${payload.replace(/[\t\n]/g, ' ')} end\tBack ${payload.replace(/[\t\n]/g, ' ')}\n`;
      const { deck, messages } = await importSafely('evil.tsv', enc(csv));
      expect(messages.join('\n')).toMatch(WARNED);
      expect(JSON.stringify(deck?.cards ?? [])).not.toContain('__pwned=1</script');
    },
  );

  it.each(HTML_PAYLOADS.map((p, i) => [i, p] as const))(
    'payload %i in an Anki package note is imported safely with a message',
    async (_i, payload) => {
      const { messages } = await importSafely('evil.apkg', foreignApkg(`Q ${payload}`, `A ${payload}`));
      expect(messages.join('\n')).toMatch(WARNED);
    },
  );

  it.each(HTML_PAYLOADS.map((p, i) => [i, p] as const))(
    'payload %i in a GIFT [html] question is imported safely with a message',
    async (_i, payload) => {
      const gift = `::evil::[html]Q ${giftEscape(payload)}{=A ${giftEscape(payload)} ~B}\n`;
      const { messages } = await importSafely('evil.gift', enc(gift));
      expect(messages.join('\n')).toMatch(WARNED);
    },
  );
});

describe('hostile archives', () => {
  it('covers at least 100 hostile inputs in total', () => {
    expect(
      HTML_PAYLOADS.length * 4 + zipCases(new Uint8Array(30)).length + MALFORMED_TEXT.length,
    ).toBeGreaterThanOrEqual(100);
  });

  it.each(zipCases(new Uint8Array(0)).map((c) => [c.name, c.file] as const))(
    'rejects %s with a clear message',
    async (name) => {
      const c = zipCases(validApkg).find((z) => z.name === name);
      if (!c) throw new Error(name);
      const { deck, messages } = await importSafely(c.file, c.data);
      expect(deck).toBeUndefined();
      expect(messages[0]).toMatch(c.message);
      expect(messages[0]).toContain(c.file);
    },
  );
});

describe('malformed text files', () => {
  it.each(MALFORMED_TEXT.map((c) => [c.name, c.file] as const))(
    '%s gets a message and does not crash',
    async (name) => {
      const c = MALFORMED_TEXT.find((t) => t.name === name);
      if (!c) throw new Error(name);
      const { messages } = await importSafely(c.file, enc(c.text));
      expect(messages.length).toBeGreaterThan(0);
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    },
  );
});
