// Deck exports and imports: the public API of src/deck/formats, used by the Decks screen and
// by `npm run deck -- export|import`. Load this module lazily (dynamic import): the heavy
// pieces (sql.js and its wasm, fflate, yaml, the validator) are imported inside the functions
// that need them, so they stay out of the first screen and out of this chunk.
//
//   exportDeck(deck, format, { onProgress, signal, now }) -> { data, fileName, mimeType, counts }
//     format: 'apkg' | 'csv' | 'tsv' | 'moodle' | 'gift' | 'json'. `data` is a Uint8Array for
//     apkg, a string otherwise. Pass `now: Date.now()` when exporting for students: Anki only
//     updates notes whose modification time is newer than the copy it has.
//   importDeckFile(fileName, bytes, { onProgress, signal, deckId }) -> { deck, warnings, counts }
//     Reads .yaml/.yml/.json (our schema), .csv/.tsv/.txt (Anki text, with or without header
//     lines), .apkg/.colpkg (legacy Anki packages) and .gift (or GIFT in .txt). Throws
//     ImportError with a message for the user (file:line:column when known); never stores
//     anything itself, so a failed import changes nothing.
//   sanitizeHtml(html, window?) -> safe HTML (DOMPurify; in Node pass a jsdom window or call
//     useNodeFormatsRuntime() from src/deck/node/formats-runtime.ts first).
//   printableHtml(deck) -> a self-contained HTML page with a print stylesheet and no scripts.
//
//   deckToYaml(deck) -> the deck as a YAML deck file (what `deck import --out` writes).
//
// Progress is reported every CHUNK cards; aborting the signal rejects with a DOMException
// named "AbortError". Work yields to the event loop between chunks. Import warnings (skipped
// entries, cards filed under the default domain, unsafe HTML removed) are for the user too.
//
// What a round trip through each format keeps (test/deck/formats/roundtrip.test.ts):
//   json   everything.
//   apkg   every card field (labs and quiz verify scenarios in hidden fields), deck id, title and
//          description; loses the deck `source`. Foreign notes become flashcards (first field /
//          the rest); media files are not imported.
//   csv/tsv every card field (KCNA column with the card as JSON) and the title; loses the deck
//          id (derived from the title), description and source. Without the KCNA column the
//          cards come back as flashcards of their Front/Back text.
//   gift   every card field when read by this app (// kcna: comments) and the title; loses the
//          deck id, description and source. Other tools drop the comments: tags, sources, key
//          points, verify scenarios and lab structure (prompts and labs become flashcards).
//   moodle export only (no import).

import type { Deck } from '../schema.ts';
import type { ImportResult } from './finish-import.ts';
// json.ts is light (yaml and the validator load inside its functions), so it is imported statically.
import { exportJson, importDeckSource } from './json.ts';
import {
  countKinds,
  ImportError,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
  type ImportOptions,
} from './types.ts';
import { sanitizeStats } from './sanitize.ts';
import { throwIfAborted } from './work.ts';

export { sanitizeHtml } from './sanitize.ts';
export { printableHtml } from './print.ts';
export { configureFormatsRuntime, type FormatsRuntime } from './runtime.ts';
export { CHUNK } from './work.ts';
export { deckToYaml } from './json.ts';
export {
  countKinds,
  describeCounts,
  EXPORT_EPOCH,
  EXPORT_FORMATS,
  ImportError,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
  type ImportOptions,
  type TransferOptions,
} from './types.ts';
export type { ImportResult } from './finish-import.ts';

/** Text files larger than this are refused (a deck of 10,000 cards is about 5 MB). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

const MIME: Record<ExportFormat, string> = {
  apkg: 'application/apkg',
  csv: 'text/csv;charset=utf-8',
  tsv: 'text/tab-separated-values;charset=utf-8',
  moodle: 'application/xml;charset=utf-8',
  gift: 'text/plain;charset=utf-8',
  json: 'application/json;charset=utf-8',
};

const SUFFIX: Record<ExportFormat, string> = {
  apkg: '.apkg',
  csv: '.csv',
  tsv: '.tsv',
  moodle: '.moodle.xml',
  gift: '.gift.txt',
  json: '.json',
};

export async function exportDeck(deck: Deck, format: ExportFormat, opts: ExportOptions = {}): Promise<ExportResult> {
  throwIfAborted(opts.signal);
  let data: Uint8Array | string;
  switch (format) {
    case 'apkg':
      data = await (await import('./anki-apkg.ts')).exportApkg(deck, opts);
      break;
    case 'csv':
    case 'tsv':
      data = await (await import('./anki-csv.ts')).exportAnkiText(deck, format === 'csv' ? ',' : '\t', opts);
      break;
    case 'moodle':
      data = await (await import('./moodle-xml.ts')).exportMoodleXml(deck, opts);
      break;
    case 'gift':
      data = await (await import('./gift.ts')).exportGift(deck, opts);
      break;
    case 'json':
      data = exportJson(deck);
      opts.onProgress?.(deck.cards.length, deck.cards.length);
      break;
    default:
      throw new Error(`unknown export format "${String(format)}"; use one of apkg, csv, tsv, moodle, gift, json`);
  }
  return { data, fileName: `${deck.id}${SUFFIX[format]}`, mimeType: MIME[format], counts: countKinds(deck.cards) };
}

type Reader = 'apkg' | 'source' | 'text' | 'gift';

function isZip(data: Uint8Array): boolean {
  return (
    data[0] === 0x50 &&
    data[1] === 0x4b &&
    (data[2] === 0x03 || data[2] === 0x05) &&
    (data[3] === 0x04 || data[3] === 0x06)
  );
}

function looksLikeGift(text: string): boolean {
  const first = text.split('\n').find((l) => l.trim() && !l.trim().startsWith('//')) ?? '';
  if (/^#(separator|html|columns|deck|notetype|tags)/i.test(first) || first.includes('\t')) return false;
  return /^\s*(::|\$CATEGORY:)/m.test(text) || /\{\s*(=|~|T\s*\}|F\s*\}|TRUE|FALSE)/.test(text);
}

function readerFor(fileName: string, data: Uint8Array): Reader | null {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'apkg' || ext === 'colpkg' || isZip(data)) return 'apkg';
  if (ext === 'yaml' || ext === 'yml' || ext === 'json') return 'source';
  if (ext === 'gift') return 'gift';
  if (ext === 'csv' || ext === 'tsv' || ext === 'txt') return 'text';
  return null;
}

function decodeText(fileName: string, data: Uint8Array): string {
  if (data.length > MAX_IMPORT_BYTES) {
    throw new ImportError(
      `the file is ${Math.round(data.length / 1048576)} MB; the limit is ${MAX_IMPORT_BYTES / 1048576} MB`,
      { file: fileName },
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\ufeff/, '');
  } catch {
    throw new ImportError(
      'the file is not UTF-8 text; save it as UTF-8 (CSV UTF-8 in spreadsheet programs) and try again',
      { file: fileName },
    );
  }
}

export async function importDeckFile(
  fileName: string,
  data: Uint8Array,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  throwIfAborted(opts.signal);
  const reader = readerFor(fileName, data);
  if (!reader) {
    throw new ImportError('unsupported file type; import a .yaml, .json, .csv, .tsv, .txt, .apkg or .gift file', {
      file: fileName,
    });
  }
  sanitizeStats.fieldsCleaned = 0;
  try {
    if (reader === 'source') return await importDeckSource(fileName, decodeText(fileName, data), opts);
    const { finishImport } = await import('./finish-import.ts');
    let draft;
    if (reader === 'apkg') {
      draft = await (await import('./anki-apkg-import.ts')).readApkg(fileName, data, opts);
    } else {
      const text = decodeText(fileName, data);
      draft =
        reader === 'gift' || looksLikeGift(text)
          ? await (await import('./gift-import.ts')).readGift(fileName, text, opts)
          : await (await import('./anki-csv.ts')).readAnkiText(fileName, text, opts);
    }
    throwIfAborted(opts.signal);
    if (draft.entries.length === 0) {
      const why = draft.skipped?.length ? `:\n${draft.skipped.slice(0, 10).join('\n')}` : '';
      throw new ImportError(`no cards found in the file${why}`, { file: fileName });
    }
    const result = await finishImport(draft, fileName, opts);
    if (sanitizeStats.fieldsCleaned) {
      result.warnings.push(
        `removed unsafe HTML (scripts, event handlers, javascript: links, SVG/MathML, frames or forms) from ${sanitizeStats.fieldsCleaned} field(s)`,
      );
    }
    return result;
  } catch (err) {
    if (err instanceof ImportError || (err instanceof DOMException && err.name === 'AbortError')) throw err;
    throw new ImportError(`could not read the file (${err instanceof Error ? err.message : String(err)})`, {
      file: fileName,
    });
  }
}
