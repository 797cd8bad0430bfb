// Export a deck as an Anki package (.apkg): the legacy `collection.anki2` SQLite database
// (schema 11, which current Anki desktop and AnkiDroid import) plus an empty `media` map.
// One note type per card kind, one subdeck per KCNA domain, note GUIDs from deck id + card
// id so a re-import updates notes, and the domain and competency as a kcna:: tag.

import { findDomain } from '../domains.ts';
import type { Card, Deck } from '../schema.ts';
import { cardToNote, NOTE_TYPES, type NoteKind } from './card-fields.ts';
import { ankiStripHtml, textToHtml } from './html.ts';
import { ankiObjectId, noteGuid } from './ids.ts';
import { colConf, DEFAULT_DCONF, deckJson, modelJson, SCHEMA_11 } from './anki-schema.ts';
import { loadSqlJs } from './runtime.ts';
import { sha1Text } from './sha1.ts';
import { EXPORT_EPOCH, type ExportOptions } from './types.ts';
import { Work } from './work.ts';

/** Anki's duplicate-check checksum: the first 32 bits of SHA-1 of the stripped first field. */
export function fieldChecksum(firstFieldHtml: string): number {
  const h = sha1Text(ankiStripHtml(firstFieldHtml));
  return (((h[0] as number) << 24) | ((h[1] as number) << 16) | ((h[2] as number) << 8) | (h[3] as number)) >>> 0;
}

/** The kcna:: tag (domain and competency) plus the card's own tags, as Anki writes them. */
export function ankiTags(card: Card): string {
  const tags = [`kcna::${card.domain}::${card.competency}`, ...(card.tags ?? [])];
  return ` ${tags.join(' ')} `;
}

export function domainDeckName(deck: Deck, domainId: string): string {
  const clean = (s: string) => s.replace(/::/g, ':').trim();
  return `${clean(deck.title)}::${clean(findDomain(domainId)?.title ?? domainId)}`;
}

/** The `collection.anki2` database bytes. */
export async function buildCollection(deck: Deck, opts: ExportOptions = {}): Promise<Uint8Array> {
  const now = opts.now ?? EXPORT_EPOCH;
  const secs = Math.floor(now / 1000);
  const work = new Work(opts, deck.cards.length);
  await work.start();
  const SQL = await loadSqlJs();
  work.checkAbort();
  const db = new SQL.Database();
  try {
    db.run(SCHEMA_11);
    const notes = deck.cards.map(cardToNote);
    const parentId = ankiObjectId(`kcna-deck:${deck.id}`);
    const decks: Record<string, Record<string, unknown>> = {
      '1': deckJson(1, 'Default', secs),
      // kcnaDeckId is an extra key Anki keeps with the deck; our importer reads it back.
      [parentId]: {
        ...deckJson(
          parentId,
          deck.title.replace(/::/g, ':'),
          secs,
          deck.description ? textToHtml(deck.description) : '',
        ),
        kcnaDeckId: deck.id,
      },
    };
    const domainDeck = new Map<string, number>();
    for (const card of deck.cards) {
      if (domainDeck.has(card.domain)) continue;
      const id = ankiObjectId(`kcna-deck:${deck.id}/${card.domain}`);
      domainDeck.set(card.domain, id);
      decks[id] = deckJson(id, domainDeckName(deck, card.domain), secs);
    }
    // Note type ids depend only on the kind, so every exported deck shares the same types.
    const modelIds = new Map<NoteKind, number>();
    const models: Record<string, Record<string, unknown>> = {};
    for (const { type } of notes) {
      if (modelIds.has(type.kind)) continue;
      const id = ankiObjectId(`kcna-notetype:${type.kind}:${type.fields.join(',')}`);
      modelIds.set(type.kind, id);
      models[id] = modelJson(NOTE_TYPES[type.kind], id, parentId, secs);
    }
    const firstModel = modelIds.values().next().value ?? ankiObjectId('kcna-notetype:flashcard');
    db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
      Math.floor(secs / 86400) * 86400,
      now,
      now,
      JSON.stringify(colConf(firstModel, parentId)),
      JSON.stringify(models),
      JSON.stringify(decks),
      JSON.stringify(DEFAULT_DCONF),
      '{}',
    ]);
    db.run('BEGIN');
    const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
    const insertCard = db.prepare('INSERT INTO cards VALUES (?, ?, ?, 0, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)');
    try {
      for (let i = 0; i < deck.cards.length; i++) {
        const card = deck.cards[i] as Card;
        const note = notes[i] as (typeof notes)[number];
        const noteId = now + i;
        const first = note.fields[0] ?? '';
        insertNote.run([
          noteId,
          noteGuid(deck.id, card.id),
          modelIds.get(note.type.kind) ?? 0,
          secs,
          ankiTags(card),
          note.fields.join('\x1f'),
          ankiStripHtml(first),
          fieldChecksum(first),
          '',
        ]);
        insertCard.run([noteId, noteId, domainDeck.get(card.domain) ?? parentId, secs, i + 1, '']);
        await work.step(i + 1);
      }
    } finally {
      insertNote.free();
      insertCard.free();
    }
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

/** The .apkg bytes: collection.anki2 and an empty media map, zipped. */
export async function exportApkg(deck: Deck, opts: ExportOptions = {}): Promise<Uint8Array> {
  const collection = await buildCollection(deck, opts);
  const { zipSync, strToU8 } = await import('fflate');
  // A fixed entry time keeps the bytes reproducible; zip stores local time without a zone.
  const mtime = new Date(opts.now ?? EXPORT_EPOCH);
  return zipSync({
    'collection.anki2': [collection, { level: 6, mtime }],
    media: [strToU8('{}'), { level: 6, mtime }],
  });
}
