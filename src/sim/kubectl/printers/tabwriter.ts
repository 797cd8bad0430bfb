// Elastic tabstops as Go's text/tabwriter computes them (and liggitt/tabwriter's RememberWidths,
// which kubectl uses so `get -w` columns only ever grow). Cells are tab-terminated; the text after
// the last tab of a line is not part of any column, so the last column is never padded. A column
// block is a run of consecutive lines that have a cell in that column: this is why describe's
// alignment restarts after a line without tabs.

export class TabWriter {
  readonly #minwidth: number;
  readonly #padding: number;
  readonly #remember: boolean;
  #remembered: number[] = [];

  constructor(minwidth: number, padding: number, remember = false) {
    this.#minwidth = minwidth;
    this.#padding = padding;
    this.#remember = remember;
  }

  /**
   * Formats rows of cells (a table where every row has the same cells), one line per row. Same
   * result as format() on tab-joined lines, without building and re-splitting the text.
   */
  formatRows(rows: readonly (readonly string[])[]): string {
    const n = rows[0]?.length ?? 0;
    if (rows.some((r) => r.length !== n)) return this.format(rows.map((r) => r.join('\t') + '\n').join(''));
    const cols = n - 1;
    // Cell widths once, row-major; the last column is never measured.
    const cw = new Int32Array(rows.length * Math.max(cols, 1));
    const widths = new Array<number>(cols).fill(this.#minwidth);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] ?? [];
      for (let j = 0; j < cols; j++) {
        const w = cellWidth(r[j] ?? '');
        cw[k * cols + j] = w;
        if (w + this.#padding > (widths[j] ?? 0)) widths[j] = w + this.#padding;
      }
    }
    for (let j = 0; j < cols; j++) {
      if (!this.#remember) break;
      const prev = this.#remembered[j] ?? 0;
      if (prev > (widths[j] ?? 0)) widths[j] = prev;
      else this.#remembered[j] = widths[j] ?? 0;
    }
    const spaces = ' '.repeat(Math.max(0, ...widths));
    let out = '';
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k] ?? [];
      for (let j = 0; j < cols; j++) out += (r[j] ?? '') + spaces.slice(0, (widths[j] ?? 0) - (cw[k * cols + j] ?? 0));
      out += (r[cols] ?? '') + '\n';
    }
    return out;
  }

  /** Formats complete lines (each ending in '\n', or the final one without). */
  format(text: string): string {
    const trailingNewline = text.endsWith('\n');
    const lines = (trailingNewline ? text.slice(0, -1) : text).split('\n').map((l) => l.split('\t'));
    const out: string[] = [];
    this.#block(lines, 0, lines.length, [], out);
    return out.join('\n') + (trailingNewline ? '\n' : '');
  }

  #block(lines: string[][], line0: number, line1: number, widths: number[], out: string[]): void {
    const column = widths.length;
    for (let current = line0; current < line1; current++) {
      if (column >= (lines[current]?.length ?? 0) - 1) continue;
      this.#write(lines, line0, current, widths, out);
      line0 = current;
      let width = this.#minwidth;
      for (; current < line1; current++) {
        const line = lines[current] ?? [];
        if (column >= line.length - 1) break;
        const w = cellWidth(line[column] ?? '') + this.#padding;
        if (w > width) width = w;
      }
      if (this.#remember) {
        const prev = this.#remembered[column] ?? 0;
        if (prev > width) width = prev;
        else this.#remembered[column] = width;
      }
      this.#block(lines, line0, current, [...widths, width], out);
      line0 = current;
      current--;
    }
    this.#write(lines, line0, line1, widths, out);
  }

  #write(lines: string[][], from: number, to: number, widths: number[], out: string[]): void {
    for (let k = from; k < to; k++) {
      const cells = lines[k] ?? [];
      let s = '';
      cells.forEach((c, j) => {
        s += c;
        const w = widths[j];
        if (j < cells.length - 1 && w !== undefined) s += ' '.repeat(Math.max(0, w - cellWidth(c)));
      });
      out.push(s);
    }
  }
}

const NON_ASCII = /[^ -~]/;

function cellWidth(s: string): number {
  if (!NON_ASCII.test(s)) return s.length;
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    // Combining marks and variation selectors take no column, as in a terminal.
    if ((cp >= 0x300 && cp < 0x370) || (cp >= 0xfe00 && cp <= 0xfe0f)) continue;
    n++;
  }
  return n;
}

/** kubectl get's table layout: minwidth 6, padding 3, widths remembered for -w. */
export function tableWriter(): TabWriter {
  return new TabWriter(6, 3, true);
}

/** kubectl describe's layout: minwidth 0, padding 2. */
export function describeWriter(): TabWriter {
  return new TabWriter(0, 2);
}
