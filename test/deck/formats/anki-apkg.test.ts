/// <reference types="node" />
// The .apkg is checked by an independent reader: better-sqlite3 (native SQLite) opens the
// collection that sql.js wrote and checks what Anki requires of a schema-11 collection.

import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportDeck, importDeckFile, ImportError } from '../../../src/deck/formats/index.ts';
import { noteGuid } from '../../../src/deck/formats/ids.ts';
import { useNodeFormatsRuntime } from '../../../src/deck/node/formats-runtime.ts';
import type { Deck } from '../../../src/deck/schema.ts';
import { fixtureDeck } from './fixtures.ts';

const NOW = Date.UTC(2026, 0, 15, 12);
const dir = mkdtempSync(join(tmpdir(), 'kcna-apkg-'));
beforeAll(() => useNodeFormatsRuntime());
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function apkg(deck: Deck = fixtureDeck(), now = NOW): Promise<Uint8Array> {
  const out = await exportDeck(deck, 'apkg', { now });
  return out.data as Uint8Array;
}

function open(pkg: Uint8Array): Database.Database {
  const files = unzipSync(pkg);
  return new Database(Buffer.from(files['collection.anki2'] as Uint8Array));
}

interface NoteRow {
  id: number;
  guid: string;
  mid: number;
  mod: number;
  tags: string;
  flds: string;
  sfld: string | number;
  csum: number;
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

describe('the .apkg read by an independent SQLite (better-sqlite3)', () => {
  it('holds collection.anki2 and an empty media map, and nothing else', async () => {
    const files = unzipSync(await apkg());
    expect(Object.keys(files).sort()).toEqual(['collection.anki2', 'media']);
    expect(new TextDecoder().decode(files['media'])).toBe('{}');
  });

  it('has the schema-11 tables and columns Anki requires and passes an integrity check', async () => {
    const db = open(await apkg());
    const columns = (table: string) =>
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
    expect(columns('col')).toEqual([
      'id',
      'crt',
      'mod',
      'scm',
      'ver',
      'dty',
      'usn',
      'ls',
      'conf',
      'models',
      'decks',
      'dconf',
      'tags',
    ]);
    expect(columns('notes')).toEqual([
      'id',
      'guid',
      'mid',
      'mod',
      'usn',
      'tags',
      'flds',
      'sfld',
      'csum',
      'flags',
      'data',
    ]);
    expect(columns('cards')).toEqual([
      'id',
      'nid',
      'did',
      'ord',
      'mod',
      'usn',
      'type',
      'queue',
      'due',
      'ivl',
      'factor',
      'reps',
      'lapses',
      'left',
      'odue',
      'odid',
      'flags',
      'data',
    ]);
    expect(columns('revlog')).toEqual(['id', 'cid', 'usn', 'ivl', 'lastIvl', 'factor', 'time', 'type', 'ease']);
    expect(columns('graves')).toEqual(['usn', 'oid', 'type']);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    const col = db.prepare('SELECT * FROM col').all() as { ver: number; crt: number }[];
    expect(col).toHaveLength(1);
    expect(col[0]?.ver).toBe(11);
    db.close();
  });

  it('has one note type per card kind (labs use the generic KCNA Card type), with the fields the notes use and templates without scripts', async () => {
    const db = open(await apkg());
    const models = JSON.parse(db.prepare('SELECT models FROM col').pluck().get() as string) as Record<
      string,
      {
        id: number;
        name: string;
        flds: { name: string; ord: number }[];
        tmpls: { qfmt: string; afmt: string }[];
        sortf: number;
      }
    >;
    const byName = Object.fromEntries(Object.values(models).map((m) => [m.name, m]));
    expect(Object.keys(byName).sort()).toEqual(['KCNA Card', 'KCNA Flashcard', 'KCNA Prompt', 'KCNA Quiz']);
    for (const [id, m] of Object.entries(models)) {
      expect(String(m.id)).toBe(id);
      expect(m.flds.map((f) => f.ord)).toEqual(m.flds.map((_, i) => i));
      expect(m.tmpls).toHaveLength(1);
      expect(`${m.tmpls[0]?.qfmt}${m.tmpls[0]?.afmt}`).not.toMatch(/<script|on\w+=/i);
    }
    // Quiz cards show their choices on the front and the key plus explanation on the back.
    expect(byName['KCNA Quiz']?.tmpls[0]?.qfmt).toContain('{{Choices}}');
    expect(byName['KCNA Quiz']?.tmpls[0]?.afmt).toMatch(/\{\{Answer\}\}[\s\S]*\{\{Explanation\}\}/);
    const notes = db.prepare('SELECT mid, flds FROM notes').all() as { mid: number; flds: string }[];
    for (const n of notes) {
      const model = models[String(n.mid)];
      expect(model).toBeDefined();
      expect(n.flds.split('\x1f')).toHaveLength(model?.flds.length ?? -1);
    }
    db.close();
  });

  it('stores sfld and csum as Anki computes them (first 8 hex digits of SHA-1 of the stripped first field)', async () => {
    const db = open(await apkg());
    const notes = db.prepare('SELECT * FROM notes').all() as NoteRow[];
    expect(notes).toHaveLength(fixtureDeck().cards.length);
    for (const n of notes) {
      const first = n.flds.split('\x1f')[0] ?? '';
      const stripped = stripHtml(first);
      expect(String(n.sfld)).toBe(stripped);
      const expected = parseInt(createHash('sha1').update(stripped, 'utf8').digest('hex').slice(0, 8), 16);
      expect(n.csum).toBe(expected);
    }
    db.close();
  });

  it('has the keys Anki requires in the note type, deck and deck options JSON of the col row', async () => {
    const db = open(await apkg());
    const row = db.prepare('SELECT conf, models, decks, dconf, tags FROM col').get() as Record<string, string>;
    const parsed = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, JSON.parse(v) as unknown]));
    const has = (obj: unknown, keys: string[]) =>
      expect(Object.keys(obj as object)).toEqual(expect.arrayContaining(keys));
    for (const model of Object.values(parsed['models'] as Record<string, Record<string, unknown>>)) {
      has(model, ['id', 'name', 'type', 'mod', 'usn', 'sortf', 'did', 'tmpls', 'flds', 'css', 'req']);
      for (const f of model['flds'] as object[]) has(f, ['name', 'ord', 'sticky', 'rtl', 'font', 'size']);
      for (const t of model['tmpls'] as object[]) has(t, ['name', 'ord', 'qfmt', 'afmt']);
    }
    for (const deck of Object.values(parsed['decks'] as Record<string, object>)) {
      has(deck, ['id', 'name', 'usn', 'lrnToday', 'revToday', 'newToday', 'timeToday', 'collapsed', 'dyn', 'conf']);
    }
    const dconf = (parsed['dconf'] as Record<string, Record<string, unknown>>)['1'];
    has(dconf, ['id', 'mod', 'name', 'usn', 'maxTaken', 'autoplay', 'timer', 'new', 'rev', 'lapse']);
    has(dconf?.['new'], ['delays', 'initialFactor', 'ints', 'order', 'perDay']);
    has(dconf?.['rev'], ['ease4', 'ivlFct', 'maxIvl', 'perDay']);
    has(dconf?.['lapse'], ['delays', 'leechAction', 'leechFails', 'minInt', 'mult']);
    expect(parsed['tags']).toEqual({});
    db.close();
  });

  it('has one new card per note, each in the subdeck of its KCNA domain', async () => {
    const deck = fixtureDeck();
    const db = open(await apkg(deck));
    const decks = JSON.parse(db.prepare('SELECT decks FROM col').pluck().get() as string) as Record<
      string,
      { name: string; id: number }
    >;
    expect(decks['1']?.name).toBe('Default');
    const names = Object.values(decks)
      .map((d) => d.name)
      .sort();
    expect(names).toContain('Fixture deck: <KCNA> & more');
    expect(names).toContain('Fixture deck: <KCNA> & more::Kubernetes Fundamentals');
    expect(names).toContain('Fixture deck: <KCNA> & more::Container Orchestration');
    const rows = db
      .prepare(
        'SELECT n.guid, c.did, c.ord, c.type, c.queue, count(*) OVER (PARTITION BY n.id) AS per FROM cards c JOIN notes n ON n.id = c.nid',
      )
      .all() as { guid: string; did: number; ord: number; type: number; queue: number; per: number }[];
    expect(rows).toHaveLength(deck.cards.length);
    for (const card of deck.cards) {
      const row = rows.find((r) => r.guid === noteGuid(deck.id, card.id));
      expect(row).toMatchObject({ ord: 0, type: 0, queue: 0, per: 1 });
      expect(decks[String(row?.did)]?.name).toMatch(new RegExp(`::${card.domain.split('-')[0] ?? ''}`, 'i'));
    }
    db.close();
  });

  it('tags every note with kcna::domain::competency and the card tags', async () => {
    const db = open(await apkg());
    const tags = db.prepare('SELECT tags FROM notes ORDER BY id').pluck().all() as string[];
    expect(tags[0]).toBe(' kcna::kubernetes-fundamentals::core-concepts glossary cka ');
    expect(tags.every((t) => /^ kcna::[a-z-]+::[a-z-]+( |$)/.test(t))).toBe(true);
    db.close();
  });

  it('keeps note GUIDs stable across exports and newer modification times, so re-importing updates notes', async () => {
    const first = open(await apkg(fixtureDeck(), NOW));
    const edited = fixtureDeck();
    const card0 = edited.cards[0];
    if (card0?.kind === 'flashcard') card0.back = 'Edited back';
    const second = open(await apkg(edited, NOW + 86_400_000));
    const read = (db: Database.Database) =>
      db.prepare('SELECT guid, mod FROM notes ORDER BY id').all() as { guid: string; mod: number }[];
    const a = read(first);
    const b = read(second);
    expect(b.map((r) => r.guid)).toEqual(a.map((r) => r.guid));
    expect(new Set(a.map((r) => r.guid)).size).toBe(a.length);
    expect(b.every((r, i) => r.mod > (a[i]?.mod ?? Infinity))).toBe(true);
    first.close();
    second.close();
  });

  it('escapes card text in fields, so card HTML never carries a script', async () => {
    const db = open(await apkg());
    const flds = db.prepare('SELECT flds FROM notes').pluck().all() as string[];
    expect(flds.join('\n')).not.toMatch(/<script|<img/i);
    expect(flds.join('\n')).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    db.close();
  });
});

/** A collection written by better-sqlite3, as another Anki tool would make it. */
function foreignPackage(
  notes: { flds: string[]; tags: string; model: 'basic' | 'cloze' }[],
  extra: Record<string, Uint8Array> = {},
): Uint8Array {
  const file = join(dir, `foreign-${Math.floor(performance.now() * 1000)}.anki2`);
  const db = new Database(file);
  db.exec(`CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null, odid integer not null, flags integer not null, data text not null);`);
  const models = {
    '100': { id: 100, name: 'Basic', type: 0, flds: [{ name: 'Front' }, { name: 'Back' }] },
    '200': { id: 200, name: 'Cloze', type: 1, flds: [{ name: 'Text' }, { name: 'Back Extra' }] },
  };
  const decks = { '1': { id: 1, name: 'Default' }, '5': { id: 5, name: 'Spanish::Container Orchestration' } };
  db.prepare("INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', ?, ?, '{}', '{}')").run(
    JSON.stringify(models),
    JSON.stringify(decks),
  );
  notes.forEach((n, i) => {
    db.prepare("INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, '', 0, 0, '')").run(
      1000 + i,
      `g${i}`,
      n.model === 'basic' ? 100 : 200,
      n.tags,
      n.flds.join('\x1f'),
    );
    db.prepare("INSERT INTO cards VALUES (?, ?, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, '')").run(
      2000 + i,
      1000 + i,
    );
  });
  db.close();
  const bytes = new Uint8Array(readFileSync(file));
  return zipSync({ 'collection.anki2': bytes, media: strToU8('{}'), ...extra });
}

describe('importing Anki packages', () => {
  it('reads notes of any note type as flashcards, with sanitized text, kcna tags and the subdeck domain', async () => {
    const pkg = foreignPackage([
      {
        model: 'basic',
        tags: ' Vocab kcna::container-orchestration::security ',
        flds: ['<b>Hola</b><script>window.x=1</script>', 'Hello<img src=x onerror="alert(1)"><br>world'],
      },
      { model: 'cloze', tags: '', flds: ['The {{c1::scheduler}} binds pods', 'extra &amp; more'] },
    ]);
    const { deck, warnings } = await importDeckFile('spanish.apkg', pkg);
    expect(deck.title).toBe('Spanish');
    expect(deck.cards).toHaveLength(2);
    expect(deck.cards[0]).toMatchObject({
      kind: 'flashcard',
      front: 'Hola',
      back: 'Hello\nworld',
      domain: 'container-orchestration',
      competency: 'security',
      tags: ['vocab'],
    });
    expect(deck.cards[1]).toMatchObject({
      kind: 'flashcard',
      front: 'The […] binds pods',
      back: 'The scheduler binds pods\n\nextra & more',
      domain: 'container-orchestration',
    });
    expect(deck.cards.every((c) => /^[a-z0-9][a-z0-9-]*$/.test(c.id))).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/^removed unsafe HTML .* from 2 field\(s\)$/)]);
  });

  it('gives imported cards stable ids: importing the same package twice gives the same ids', async () => {
    const pkg = foreignPackage([
      { model: 'basic', tags: '', flds: ['What is a Pod?', 'The smallest deployable unit'] },
    ]);
    const a = await importDeckFile('p.apkg', pkg);
    const b = await importDeckFile('p.apkg', pkg);
    expect(a.deck.cards.map((c) => c.id)).toEqual(b.deck.cards.map((c) => c.id));
    expect(a.deck.cards[0]?.id).toMatch(/^what-is-a-pod-[0-9a-f]{6}$/);
  });

  it('explains how to export for older Anki versions when the package is the newer anki21b format', async () => {
    const pkg = zipSync({
      'collection.anki21b': new Uint8Array([0x28, 0xb5, 0x2f, 0xfd]),
      'collection.anki2': new Uint8Array(10),
      meta: new Uint8Array([8, 3]),
    });
    await expect(importDeckFile('new.apkg', pkg)).rejects.toThrow(/Support older Anki versions/);
  });

  it('explains the same when only the placeholder "please update" collection is readable', async () => {
    const pkg = foreignPackage([
      {
        model: 'basic',
        tags: '',
        flds: ['Please update to the latest Anki version, then import the .colpkg/.apkg file again.', ''],
      },
    ]);
    await expect(importDeckFile('placeholder.apkg', pkg)).rejects.toThrow(/Support older Anki versions/);
  });

  it('rejects a package without a collection, and a damaged collection, with a message', async () => {
    await expect(importDeckFile('empty.apkg', zipSync({ media: strToU8('{}') }))).rejects.toThrow(/no Anki collection/);
    const garbage = zipSync({ 'collection.anki2': strToU8('SQLite format 3\0' + 'x'.repeat(5000)) });
    const err = await importDeckFile('bad.apkg', garbage).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as Error).message).toMatch(/bad\.apkg.*damaged/);
  });
});
