/// <reference types="node" />
// Anki-ready CSV/TSV: header lines on export; Anki text files with or without headers on import.

import { beforeAll, describe, expect, it } from 'vitest';
import { exportDeck, importDeckFile, ImportError } from '../../../src/deck/formats/index.ts';
import { useNodeFormatsRuntime } from '../../../src/deck/node/formats-runtime.ts';
import { parseCsv } from '../../../src/deck/formats/csv-parse.ts';
import { fixtureDeck } from './fixtures.ts';

beforeAll(() => useNodeFormatsRuntime());

const enc = (s: string) => new TextEncoder().encode(s);

describe('CSV and TSV export', () => {
  it('starts with Anki header lines naming separator, HTML, deck, note type, tags and GUID columns', async () => {
    const csv = String((await exportDeck(fixtureDeck(), 'csv')).data);
    expect(csv.split('\n').slice(0, 7)).toEqual([
      '#separator:Comma',
      '#html:true',
      '#notetype:Basic',
      '#deck:Fixture deck: <KCNA> & more',
      '#tags column:3',
      '#guid column:4',
      '#columns:Front,Back,Tags,GUID,KCNA',
    ]);
    const tsv = String((await exportDeck(fixtureDeck(), 'tsv')).data);
    expect(tsv.split('\n')[0]).toBe('#separator:Tab');
    expect(tsv.split('\n')[6]).toBe('#columns:Front\tBack\tTags\tGUID\tKCNA');
  });

  it('writes one row per card with HTML-escaped Front and Back, the quiz choices on the front and the key on the back', async () => {
    const csv = String((await exportDeck(fixtureDeck(), 'csv')).data);
    const rows = parseCsv(csv, ',', 'x.csv');
    expect(rows).toHaveLength(fixtureDeck().cards.length);
    const quiz = rows[2]?.fields ?? [];
    expect(quiz[0]).toBe(
      'Which component assigns a Pod to a node?<ol type="A"><li>kubelet</li><li>kube-scheduler</li><li>etcd</li><li>kube-proxy &lt;iptables&gt;</li></ol>',
    );
    expect(quiz[1]).toMatch(/^<b>Answer:<\/b><br>B\. kube-scheduler<br><br>The scheduler only binds/);
    expect(quiz[2]).toBe('kcna::kubernetes-fundamentals::scheduling control-plane');
    expect(quiz[3]).toMatch(/^[0-9A-Za-z]{10}$/);
    expect(rows[1]?.fields[1]).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('importing Anki text files', () => {
  it('reads a headerless tab-separated Anki export as flashcards (plain text, no HTML guessing needed)', async () => {
    const txt = 'What is a Pod?\tThe smallest deployable unit\nWhat is etcd?\tA key-value store\n';
    const { deck, counts } = await importDeckFile('notes.txt', enc(txt));
    expect(counts).toEqual({ flashcard: 2 });
    expect(deck.cards[0]).toMatchObject({
      front: 'What is a Pod?',
      back: 'The smallest deployable unit',
      domain: 'kubernetes-fundamentals',
      competency: 'core-concepts',
    });
    expect(deck.id).toBe('notes');
  });

  it('reads a headerless comma CSV with quoted fields, embedded newlines and doubled quotes', async () => {
    const csv = 'front,back\n"Say ""hi""","line one\nline two"\n';
    const { deck } = await importDeckFile('plain.csv', enc(csv));
    expect(deck.cards.map((c) => (c.kind === 'flashcard' ? [c.front, c.back] : []))).toEqual([
      ['front', 'back'],
      ['Say "hi"', 'line one\nline two'],
    ]);
  });

  it('uses the #html, #tags column and #deck headers of a hand-made file', async () => {
    const csv =
      '#separator:Semicolon\n#html:true\n#deck:Net::Sub\n#tags column:3\nA <b>Service</b>;"stable &amp; virtual IP";kcna::container-orchestration::networking Exam\n';
    const { deck } = await importDeckFile('net.csv', enc(csv));
    expect(deck.title).toBe('Net');
    expect(deck.cards[0]).toMatchObject({
      front: 'A Service',
      back: 'stable & virtual IP',
      domain: 'container-orchestration',
      competency: 'networking',
      tags: ['exam'],
    });
  });

  it('keeps text that only looks like markup when the file says #html:false', async () => {
    const csv = '#separator:Tab\n#html:false\nEXTERNAL-IP shows <none>\tNo load balancer <b>yet</b>\n';
    const { deck } = await importDeckFile('kubectl.tsv', enc(csv));
    expect(deck.cards[0]).toMatchObject({ front: 'EXTERNAL-IP shows <none>', back: 'No load balancer <b>yet</b>' });
  });

  it('warns when Front/Back were edited after export and the KCNA column was used', async () => {
    const csv = String((await exportDeck(fixtureDeck(), 'csv')).data).replace(
      'What does etcd store?,',
      'What does etcd keep?,',
    );
    const { warnings } = await importDeckFile('edited.csv', enc(csv));
    expect(warnings).toEqual([expect.stringMatching(/^edited\.csv:8:1: Front\/Back differ from the KCNA column/)]);
  });

  it('reports an unterminated quote with file:line:column and imports nothing', async () => {
    const err = await importDeckFile('bad.csv', enc('a,b\nc,"never closed\nmore\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).message).toBe('bad.csv:2:3: a quoted field is never closed (missing ")');
    expect((err as ImportError).line).toBe(2);
  });

  it('reports problems the validator finds with the row they came from', async () => {
    const csv =
      '#separator:Comma\n#html:false\n#columns:Front,Back,KCNA\nQ,A,"{""kind"":""quiz"",""question"":""Pick"",""choices"":[""a"",""b""],""answer"":5,""explanation"":""x""}"\n';
    await expect(importDeckFile('deck.csv', enc(csv))).rejects.toThrow(
      /deck\.csv:4:1: card "pick-[0-9a-f]{6}": answer index 5 is out of range/,
    );
  });

  it('skips rows with an empty front and says which', async () => {
    const { deck, warnings } = await importDeckFile('gaps.tsv', enc('\tno front\nok\tfine\n'));
    expect(deck.cards).toHaveLength(1);
    expect(warnings).toEqual([
      'gaps.tsv:1:1: skipped a card with an empty front',
      '1 card(s) had no kcna:: tag; they were filed under kubernetes-fundamentals / core-concepts. Edit the deck to change that.',
    ]);
  });

  it('refuses a file that is not UTF-8 text', async () => {
    await expect(importDeckFile('latin1.csv', new Uint8Array([0x66, 0xe9, 0x2c, 0x62, 0x0a]))).rejects.toThrow(
      /not UTF-8 text/,
    );
  });
});
