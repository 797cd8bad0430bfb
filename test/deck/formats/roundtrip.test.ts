/// <reference types="node" />
// YAML -> each export -> import gives back the same cards, as far as each format carries them.
// What each format loses is stated by the test for it.

import { beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { exportDeck, importDeckFile, type ExportFormat } from '../../../src/deck/formats/index.ts';
import { useNodeFormatsRuntime } from '../../../src/deck/node/formats-runtime.ts';
import { validateDeckSource } from '../../../src/deck/validate.ts';
import type { Deck } from '../../../src/deck/schema.ts';
import { fixtureDeck } from './fixtures.ts';

beforeAll(() => useNodeFormatsRuntime());

const NOW = Date.UTC(2026, 0, 15, 12);

function bytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

/** The authored deck, parsed from YAML exactly like a deck file in decks/. */
function authored(): Deck {
  const { deck, problems } = validateDeckSource(stringify(fixtureDeck()), 'fixture.yaml');
  expect(problems).toEqual([]);
  return deck as Deck;
}

async function roundTrip(format: ExportFormat): Promise<{ deck: Deck; warnings: string[] }> {
  const source = authored();
  const out = await exportDeck(source, format, { now: NOW });
  return importDeckFile(out.fileName, bytes(out.data));
}

describe('round trips from YAML through each format', () => {
  it('JSON loses nothing: the whole deck comes back equal', async () => {
    const { deck, warnings } = await roundTrip('json');
    expect(deck).toEqual(authored());
    expect(warnings).toEqual([]);
  });

  it('the .apkg gives back every card exactly (ids, kinds, text, answers, feedback, tags, source, quiz verify scenarios, labs via the hidden Data field) and the description; it loses only the deck source', async () => {
    const { deck, warnings } = await roundTrip('apkg');
    const source = authored();
    expect(deck.cards).toEqual(source.cards);
    expect(deck.id).toBe('fixture-deck');
    expect(deck.title).toBe(source.title);
    expect(deck.description).toBe(source.description);
    expect(deck.source).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it.each(['csv', 'tsv'] as const)(
    '%s gives back every card exactly (via its KCNA column); it loses the deck description and source',
    async (format) => {
      const { deck, warnings } = await roundTrip(format);
      const source = authored();
      expect(deck.cards).toEqual(source.cards);
      expect(deck.title).toBe(source.title);
      expect(deck.description).toBeUndefined();
      expect(warnings).toEqual([]);
    },
  );

  it('GIFT gives back every card exactly when read by this app (tags, source, key points, verify scenarios and labs ride in // kcna: comments); it loses the deck id, description and source', async () => {
    const { deck, warnings } = await roundTrip('gift');
    const source = authored();
    expect(deck.cards).toEqual(source.cards);
    expect(deck.title).toBe(source.title);
    expect(deck.id).not.toBe(source.id);
    expect(deck.description).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('GIFT without the // kcna: comments (as another tool would keep it) loses tags, sources, key points, verify scenarios and lab structure: prompts and labs become flashcards', async () => {
    const out = await exportDeck(authored(), 'gift', { now: NOW });
    const stripped = String(out.data).replace(/^\/\/ kcna:.*$/gm, '');
    const { deck } = await importDeckFile('bank.gift', bytes(stripped));
    const source = authored();
    expect(deck.cards.map((c) => c.id)).toEqual(source.cards.map((c) => c.id));
    expect(deck.cards.every((c) => c.tags === undefined && c.source === undefined)).toBe(true);
    const prompt = deck.cards.find((c) => c.id === 'reconcile-loop');
    expect(prompt).toMatchObject({
      kind: 'flashcard',
      back: expect.stringContaining('A controller watches desired state'),
    });
    const quiz = deck.cards.find((c) => c.id === 'service-types');
    expect(quiz).toMatchObject({ kind: 'quiz', multiple: true, answers: [0, 1, 3] });
    expect(deck.cards.find((c) => c.id === 'scale-web-lab')).toMatchObject({
      kind: 'flashcard',
      front: expect.stringContaining('Goal: Make `web` run 3'),
    });
    expect(deck.cards.find((c) => c.id === 'verify-quiz')).not.toHaveProperty('verify');
  });

  it('CSV without the KCNA column (Front/Back only, as after editing in Anki) becomes flashcards with the choices and key in their text', async () => {
    const out = await exportDeck(authored(), 'csv', { now: NOW });
    const withoutKcna = String(out.data)
      .replace('#columns:Front,Back,Tags,GUID,KCNA', '#columns:Front,Back,Tags,GUID')
      .replace(/,"\{[^\n]*\}"$/gm, '');
    const { deck } = await importDeckFile('edited.csv', bytes(withoutKcna));
    expect(deck.cards).toHaveLength(8);
    expect(deck.cards.every((c) => c.kind === 'flashcard')).toBe(true);
    const quiz = deck.cards[2];
    expect(quiz).toMatchObject({
      front: expect.stringContaining('- kube-scheduler'),
      back: expect.stringContaining('B. kube-scheduler'),
    });
    // Domain and competency still come back from the kcna:: tag.
    expect(quiz).toMatchObject({
      domain: 'kubernetes-fundamentals',
      competency: 'scheduling',
      tags: ['control-plane'],
    });
  });

  it('re-exporting the same deck at the same time gives the same bytes (deterministic output)', async () => {
    for (const format of ['apkg', 'csv', 'tsv', 'gift', 'moodle', 'json'] as const) {
      const a = await exportDeck(authored(), format, { now: NOW });
      const b = await exportDeck(authored(), format, { now: NOW });
      expect(bytes(a.data)).toEqual(bytes(b.data));
    }
  });

  it('reports the cards written per kind with a file name and MIME type', async () => {
    const out = await exportDeck(authored(), 'apkg', { now: NOW });
    expect(out).toMatchObject({
      fileName: 'fixture-deck.apkg',
      mimeType: 'application/apkg',
      counts: { flashcard: 2, quiz: 4, prompt: 1, lab: 1 },
    });
  });
});
