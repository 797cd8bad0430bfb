// Anki-ready CSV/TSV: Anki's header lines (#separator, #html, #notetype, #deck, #tags column,
// #guid column, #columns) and one row per card with Front and Back as HTML for the stock
// "Basic" note type, the tags (kcna::domain::competency first), a stable GUID, and a KCNA
// column with the card as JSON that Anki leaves unmapped and our importer reads back.
// Import reads that, or any Anki text export with or without header lines.

import type { Deck } from '../schema.ts';
import { cardFaces, type DraftCard } from './card-fields.ts';
import { csvField, parseCsv, type CsvRow } from './csv-parse.ts';
import { ankiTags } from './anki-apkg.ts';
import type { DraftDeck, DraftEntry } from './finish-import.ts';
import { htmlToText } from './html.ts';
import { noteGuid } from './ids.ts';
import { ImportError, type ImportOptions, type TransferOptions } from './types.ts';
import { Work } from './work.ts';

const SEPARATOR_NAMES: Record<string, string> = {
  comma: ',',
  tab: '\t',
  semicolon: ';',
  pipe: '|',
  space: ' ',
  colon: ':',
};

/** The CSV/TSV GUID differs from the .apkg one: the notes use Anki's Basic type, not ours. */
export function csvGuid(deckId: string, cardId: string): string {
  return noteGuid(deckId, `${cardId}/basic`);
}

export async function exportAnkiText(deck: Deck, separator: ',' | '\t', opts: TransferOptions = {}): Promise<string> {
  const sep = separator;
  const header = [
    `#separator:${sep === '\t' ? 'Tab' : 'Comma'}`,
    '#html:true',
    '#notetype:Basic',
    `#deck:${deck.title.replace(/[\r\n]+/g, ' ')}`,
    '#tags column:3',
    '#guid column:4',
    `#columns:${['Front', 'Back', 'Tags', 'GUID', 'KCNA'].join(sep)}`,
  ];
  const work = new Work(opts, deck.cards.length);
  await work.start();
  const rows: string[] = [];
  for (let i = 0; i < deck.cards.length; i++) {
    const card = deck.cards[i] as Deck['cards'][number];
    const { front, back } = cardFaces(card);
    const cells = [front, back, ankiTags(card).trim(), csvGuid(deck.id, card.id), JSON.stringify(card)];
    rows.push(cells.map((c) => csvField(c, sep)).join(sep));
    await work.step(i + 1);
  }
  return `${header.join('\n')}\n${rows.join('\n')}\n`;
}

interface Headers {
  separator?: string;
  html?: boolean;
  deck?: string;
  tagsColumn?: number;
  guidColumn?: number;
  /** The raw #columns value; split once the separator is known (it may come later). */
  columns?: string;
}

function readHeaders(lines: string[], file: string): { headers: Headers; count: number } {
  const headers: Headers = {};
  let count = 0;
  for (const raw of lines) {
    const m = /^#([a-z ]+):(.*)$/i.exec(raw.replace(/\r$/, ''));
    if (!m) break;
    count++;
    const key = (m[1] ?? '').trim().toLowerCase();
    const value = (m[2] ?? '').trim();
    const column = () => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1)
        throw new ImportError(`"#${key}:" needs a column number from 1, not "${value}"`, {
          file,
          line: count,
          column: 1,
        });
      return n - 1;
    };
    if (key === 'separator') {
      const sep = SEPARATOR_NAMES[value.toLowerCase()] ?? (value.length === 1 ? value : undefined);
      if (!sep)
        throw new ImportError(
          `unknown separator "${value}" (use Comma, Tab, Semicolon, Pipe, Space or one character)`,
          { file, line: count, column: 12 },
        );
      headers.separator = sep;
    } else if (key === 'html') headers.html = value.toLowerCase() === 'true';
    else if (key === 'deck') headers.deck = value;
    else if (key === 'tags column') headers.tagsColumn = column();
    else if (key === 'guid column') headers.guidColumn = column();
    else if (key === 'columns') headers.columns = value;
  }
  return { headers, count };
}

function guessSeparator(sample: string, fileName: string): string {
  if (/\.tsv$/i.test(fileName)) return '\t';
  const line = sample.split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '';
  const counts = ['\t', ',', ';', '|'].map((s) => [s, line.split(s).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : /\.csv$/i.test(fileName) ? ',' : '\t';
}

const LOOKS_HTML =
  /<(br|div|p|b|i|u|em|strong|span|img|a|ul|ol|li|table|script|svg|iframe)\b[^>]*>|<\/[a-z]+>|&(nbsp|amp|lt|gt|quot|#\d+);/i;

function findColumn(names: string[] | undefined, ...wanted: string[]): number {
  if (!names) return -1;
  return names.findIndex((n) => wanted.includes(n.trim().toLowerCase()));
}

export async function readAnkiText(fileName: string, text: string, opts: ImportOptions = {}): Promise<DraftDeck> {
  const body = text.replace(/^\ufeff/, '');
  const lines = body.split('\n', 64);
  const { headers, count } = readHeaders(lines, fileName);
  const separator = headers.separator ?? guessSeparator(body.slice(0, 4096), fileName);
  const columns =
    headers.columns === undefined ? undefined : (parseCsv(headers.columns, separator, fileName)[0]?.fields ?? []);
  const dataStart = lines.slice(0, count).reduce((off, l) => off + l.length + 1, 0);
  const rows = parseCsv(body.slice(dataStart), separator, fileName, count + 1);
  const tagsCol = headers.tagsColumn ?? findColumn(columns, 'tags');
  const guidCol = headers.guidColumn ?? findColumn(columns, 'guid');
  const kcnaCol = findColumn(columns, 'kcna');
  const frontCol = findColumn(columns, 'front', 'question');
  const backCol = findColumn(columns, 'back', 'answer');
  const work = new Work(opts, rows.length);
  await work.start();
  const entries: DraftEntry[] = [];
  const skipped: string[] = [];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as CsvRow;
    const where = { file: fileName, line: row.line, column: 1 };
    const f = row.fields;
    const special = new Set([tagsCol, guidCol, kcnaCol]);
    const content = f.map((v, i) => (special.has(i) ? null : v)).filter((v): v is string => v !== null);
    const isHtml = headers.html ?? f.some((v, i) => !special.has(i) && LOOKS_HTML.test(v));
    const toText = (v: string | undefined) => (v === undefined ? '' : isHtml ? htmlToText(v) : v.trim());
    const frontRaw = frontCol >= 0 ? f[frontCol] : content[0];
    const backParts = backCol >= 0 ? [f[backCol]] : content.slice(1);
    let draft: DraftCard = {
      kind: 'flashcard',
      front: toText(frontRaw),
      back: backParts.map(toText).filter(Boolean).join('\n\n'),
    };
    const kcna = kcnaCol >= 0 ? (f[kcnaCol] ?? '').trim() : '';
    if (kcna) {
      const parsed = parseCard(kcna);
      if (!parsed)
        skipped.push(`${fileName}:${row.line}:1: the KCNA column is not a card in JSON; used Front and Back instead`);
      else {
        if (frontRaw !== undefined && stale(parsed, frontRaw, f[backCol >= 0 ? backCol : 1])) {
          skipped.push(
            `${fileName}:${row.line}:1: Front/Back differ from the KCNA column; the KCNA column was used (clear it to import Front/Back)`,
          );
        }
        draft = parsed;
      }
    }
    const guid = guidCol >= 0 ? f[guidCol] : undefined;
    entries.push({
      draft,
      where,
      key: guid ? `guid:${guid}` : `csv:${String(draft['front'] ?? draft['question'] ?? row.line)}`,
      rawTags: tagsCol >= 0 ? (f[tagsCol] ?? '').split(/\s+/).filter(Boolean) : [],
    });
    await work.step(r + 1);
  }
  const title = headers.deck?.split('::')[0]?.trim();
  return { ...(title ? { title } : {}), entries, skipped };
}

function parseCard(json: string): DraftCard | null {
  try {
    const value: unknown = JSON.parse(json);
    return value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      typeof (value as { kind?: unknown }).kind === 'string'
      ? (value as DraftCard)
      : null;
  } catch {
    return null;
  }
}

/** Whether the visible Front/Back were edited after export (they no longer match the card). */
function stale(card: DraftCard, front: string, back: string | undefined): boolean {
  try {
    const faces = cardFaces(card as unknown as Deck['cards'][number]);
    return faces.front !== front || (back !== undefined && faces.back !== back);
  } catch {
    return false;
  }
}
