// A small RFC 4180 reader for Anki-style CSV/TSV: any one-character separator, quoted fields
// with "" escapes and embedded newlines, and the line and column of every row and field so
// problems can point at the source. An unterminated quote is an error, not silent data loss.

import { ImportError } from './types.ts';

export interface CsvRow {
  fields: string[];
  line: number;
}

export function parseCsv(text: string, separator: string, file: string, firstLine = 1): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = firstLine;
  let rowLine = firstLine;
  let i = 0;
  let atFieldStart = true;
  const n = text.length;
  const endRow = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0] === '')) rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
    atFieldStart = true;
  };
  while (i < n) {
    const c = text[i] as string;
    if (c === '#' && atFieldStart && fields.length === 0) {
      // A line starting with # is a comment, as in Anki's importer.
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end + 1;
      line++;
      rowLine = line;
      continue;
    }
    if (atFieldStart && c === '"') {
      const startLine = line;
      const startCol = i - text.lastIndexOf('\n', i - 1);
      i++;
      for (;;) {
        if (i >= n) {
          throw new ImportError('a quoted field is never closed (missing ")', {
            file,
            line: startLine,
            column: startCol,
          });
        }
        const q = text[i] as string;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      atFieldStart = false;
      // Anything between the closing quote and the next separator is kept, as Anki does.
      continue;
    }
    if (c === separator) {
      fields.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
      i++;
      line++;
      rowLine = line;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (field !== '' || fields.length) endRow();
  return rows;
}

/** Quote a field if it needs it (separator, quote, newline, or a leading # or space). */
export function csvField(value: string, separator: string): string {
  if (value.includes(separator) || /["\r\n]/.test(value) || /^[#\s]/.test(value)) {
    return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}
