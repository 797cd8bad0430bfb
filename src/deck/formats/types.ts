// Shared types of the deck import/export layer: formats, options, results and the typed
// ImportError whose message a user can act on (with file:line:column when it is known).

export type ExportFormat = 'apkg' | 'csv' | 'tsv' | 'moodle' | 'gift' | 'json';

export const EXPORT_FORMATS: readonly ExportFormat[] = ['apkg', 'csv', 'tsv', 'moodle', 'gift', 'json'];

export interface TransferOptions {
  /** Called every few hundred cards with the cards done so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting rejects the promise with a DOMException named "AbortError". */
  signal?: AbortSignal;
}

export interface ExportOptions extends TransferOptions {
  /**
   * Export time in epoch milliseconds, used for Anki note/card ids and modification times.
   * Pass the real time when exporting for students: Anki only updates an existing note
   * when the incoming one is newer. Defaults to EXPORT_EPOCH so output is reproducible.
   */
  now?: number;
}

export interface ImportOptions extends TransferOptions {
  /** Deck id for the imported deck (default: derived from the file or the deck inside it). */
  deckId?: string;
}

export interface ExportResult {
  data: Uint8Array | string;
  fileName: string;
  mimeType: string;
  /** Cards written, per kind. */
  counts: Record<string, number>;
}

/** 2025-11-01T00:00:00Z: the default export time, so the same deck gives the same bytes. */
export const EXPORT_EPOCH = Date.UTC(2025, 10, 1);

export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

export function formatLocation(loc: SourceLocation): string {
  if (loc.line === undefined) return loc.file;
  return `${loc.file}:${loc.line}:${loc.column ?? 1}`;
}

/** An import that cannot go ahead. Nothing has been stored when this is thrown. */
export class ImportError extends Error {
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  constructor(message: string, where?: SourceLocation) {
    super(where ? `${formatLocation(where)}: ${message}` : message);
    this.name = 'ImportError';
    this.file = where?.file ?? '';
    this.line = where?.line;
    this.column = where?.column;
  }
}

/** Count cards per kind (every kind present, in first-seen order). */
export function countKinds(cards: readonly { kind: string }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const c of cards) counts[c.kind] = (counts[c.kind] ?? 0) + 1;
  return counts;
}

/** "12 cards (8 flashcard, 3 quiz, 1 prompt)" */
export function describeCounts(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = Object.entries(counts).map(([k, n]) => `${n} ${k}`);
  return `${total} card${total === 1 ? '' : 's'}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}
