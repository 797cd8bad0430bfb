/// <reference types="node" />
// The .apkg collection read by a reader that shares no code with SQLite at all: the small
// file-format reader in sqlite-reader.ts (written from the SQLite file-format spec), checked
// against what better-sqlite3 reads from the same bytes.

import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDeck } from '../../../src/deck/formats/index.ts';
import { useNodeFormatsRuntime } from '../../../src/deck/node/formats-runtime.ts';
import type { Deck } from '../../../src/deck/schema.ts';
import { bigDeck, fixtureDeck } from './fixtures.ts';
import { readSqliteTables, type SqliteTable } from './sqlite-reader.ts';

const NOW = Date.UTC(2026, 0, 15, 12);
beforeAll(() => useNodeFormatsRuntime());

async function collection(deck: Deck = fixtureDeck()): Promise<Uint8Array> {
  const out = await exportDeck(deck, 'apkg', { now: NOW });
  const files = unzipSync(out.data as Uint8Array);
  const bytes = files['collection.anki2'];
  if (!bytes) throw new Error('no collection.anki2 in the package');
  return bytes;
}

function table(tables: Map<string, SqliteTable>, name: string): SqliteTable {
  const t = tables.get(name);
  if (!t) throw new Error(`no table ${name}`);
  return t;
}

/** Rows of a table as objects keyed by column name. */
function records(t: SqliteTable): Record<string, unknown>[] {
  return t.rows.map((row) => Object.fromEntries(t.columns.map((c, i) => [c, row[i]])));
}

function stripHtml(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Every table as better-sqlite3 reads it, rows in rowid order. */
function nativeTables(bytes: Uint8Array): Map<string, unknown[][]> {
  const db = new Database(Buffer.from(bytes));
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
  const out = new Map<string, unknown[][]>();
  for (const name of names)
    out.set(name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all() as unknown[][]);
  db.close();
  return out;
}

describe('the .apkg collection read by a pure-TypeScript SQLite file reader', () => {
  it('has the schema-11 tables, one col row with a note type per card kind and a subdeck per domain', async () => {
    const deck = fixtureDeck();
    const tables = readSqliteTables(await collection(deck));
    expect([...tables.keys()].sort()).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
    expect(table(tables, 'graves').columns).toEqual(['usn', 'oid', 'type']);
    const col = records(table(tables, 'col'));
    expect(col).toHaveLength(1);
    expect(col[0]?.['ver']).toBe(11);
    const models = JSON.parse(col[0]?.['models'] as string) as Record<
      string,
      { id: number; name: string; flds: unknown[] }
    >;
    const decks = JSON.parse(col[0]?.['decks'] as string) as Record<string, { id: number; name: string }>;
    const kinds = new Set(deck.cards.map((c) => c.kind));
    expect(Object.keys(models)).toHaveLength(kinds.size);
    for (const [id, m] of Object.entries(models)) expect(String(m.id)).toBe(id);
    const domains = new Set(deck.cards.map((c) => c.domain));
    const subdecks = Object.values(decks).filter((d) => d.name.startsWith(`${deck.title}::`));
    expect(subdecks).toHaveLength(domains.size);
  });

  it('has one note per card, with fields matching its note type and sfld/csum as Anki computes them', async () => {
    const deck = fixtureDeck();
    const tables = readSqliteTables(await collection(deck));
    const col = records(table(tables, 'col'))[0];
    const models = JSON.parse(col?.['models'] as string) as Record<string, { flds: unknown[] }>;
    const notes = records(table(tables, 'notes'));
    expect(notes).toHaveLength(deck.cards.length);
    for (const n of notes) {
      expect(typeof n['id']).toBe('number');
      const flds = (n['flds'] as string).split('\x1f');
      expect(flds).toHaveLength(models[String(n['mid'])]?.flds.length ?? -1);
      const stripped = stripHtml(flds[0] ?? '');
      expect(String(n['sfld'])).toBe(stripped);
      const csum = parseInt(createHash('sha1').update(stripped, 'utf8').digest('hex').slice(0, 8), 16);
      expect(n['csum']).toBe(csum);
    }
    const noteIds = new Set(notes.map((n) => n['id']));
    const cards = records(table(tables, 'cards'));
    expect(cards).toHaveLength(notes.length);
    for (const c of cards) expect(noteIds.has(c['nid'])).toBe(true);
    expect(table(tables, 'revlog').rows).toHaveLength(0);
    expect(table(tables, 'graves').rows).toHaveLength(0);
  });

  it('reads exactly what better-sqlite3 reads, for the fixture deck, a deck with overflow pages and a multi-level b-tree', async () => {
    const long = fixtureDeck();
    const first = long.cards[0];
    if (first?.kind === 'flashcard') first.back = `${'Long answer with ünïcödé 🚀 '.repeat(3000)}end`;
    for (const deck of [fixtureDeck(), long, bigDeck(1500)]) {
      const bytes = await collection(deck);
      const mine = readSqliteTables(bytes);
      const native = nativeTables(bytes);
      expect([...mine.keys()].sort()).toEqual([...native.keys()].sort());
      for (const [name, rows] of native) expect(table(mine, name).rows).toEqual(rows);
      expect(table(mine, 'notes').rows).toHaveLength(deck.cards.length);
    }
  });

  it('reads every serial type, a 65536-byte page size (stored as 1) and long overflow chains like better-sqlite3', () => {
    for (const pageSize of [512, 65536]) {
      const db = new Database(':memory:');
      db.pragma(`page_size = ${pageSize}`);
      db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, "odd name" text, v, b blob, CONSTRAINT c UNIQUE (v))');
      const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
      const values = [
        0,
        1,
        -1,
        127,
        -128,
        300,
        -40000,
        8388607,
        -8388608,
        2 ** 31,
        -(2 ** 40),
        2 ** 47 - 1,
        2 ** 53 - 1,
      ];
      values.forEach((v, i) => insert.run(i * 1000 - 5000, `tëxt ${i}`, v, Buffer.from([i, 255 - i])));
      insert.run(null, 'x'.repeat(200_000) + '日本', 1.5, Buffer.alloc(70_000, 7));
      insert.run(null, null, -0.25, null);
      const bytes = new Uint8Array(db.serialize());
      const native = db.prepare('SELECT * FROM t ORDER BY rowid').raw().all() as unknown[][];
      db.close();
      expect(((bytes[16] ?? 0) << 8) | (bytes[17] ?? 0)).toBe(pageSize === 65536 ? 1 : pageSize);
      const t = table(readSqliteTables(bytes), 't');
      expect(t.columns).toEqual(['id', 'odd name', 'v', 'b']);
      const asBytes = (rows: unknown[][]) => rows.map((r) => r.map((v) => (v instanceof Uint8Array ? [...v] : v)));
      expect(asBytes(t.rows)).toEqual(asBytes(native));
    }
  });

  it('rejects a truncated, garbage or damaged file with an Error instead of crashing or hanging', async () => {
    const bytes = await collection(bigDeck(300));
    const pageSize = ((bytes[16] ?? 0) << 8) | (bytes[17] ?? 0);
    expect(() => readSqliteTables(bytes.subarray(0, 50))).toThrow(Error);
    expect(() => readSqliteTables(bytes.subarray(0, 3000))).toThrow(Error);
    expect(() => readSqliteTables(bytes.subarray(0, pageSize * 2))).toThrow(/out of range|outside/);
    expect(() => readSqliteTables(new TextEncoder().encode(`SQLite format 3\0${'x'.repeat(5000)}`))).toThrow(Error);
    expect(() => readSqliteTables(new Uint8Array(8192))).toThrow(/not an SQLite database/);
    // Random damage anywhere in the file: every outcome is a result or an Error.
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 300; i++) {
      const damaged = bytes.slice();
      for (let j = 0; j < 8; j++) damaged[rand(damaged.length)] = rand(256);
      try {
        readSqliteTables(damaged);
      } catch (e) {
        expect(e).toBeInstanceOf(Error);
      }
    }
  });
});
