// Terminal scrollback as plain lines of data: what was typed and what a command printed, with
// terminal colour codes removed. Shared by the worker (which saves it) and the page (which shows it).

import type { RunResult, StoredLine } from './protocol.ts';

/** A chunk of output may be long (1,000 pods); the saved scrollback keeps only its start. */
export const MAX_SAVED_TEXT = 20_000;
export const MAX_LINES = 300;

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The lines a run adds below its input line; consecutive writes to one stream are merged. */
export function outputLines(result: RunResult): StoredLine[] {
  const out: StoredLine[] = [];
  for (const c of result.output) {
    const kind = c.fd === 1 ? 'stdout' : 'stderr';
    const text = stripAnsi(c.text);
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += text;
    else out.push({ kind, text });
  }
  for (const l of out) l.text = l.text.replace(/\n$/, '');
  return out;
}

/** Appends lines, keeping the newest `MAX_LINES`; with `clear` the screen starts empty. */
export function appendLines<T extends StoredLine>(lines: T[], added: T[], clear = false): T[] {
  const next = clear ? [] : lines.concat(added);
  return next.length > MAX_LINES ? next.slice(next.length - MAX_LINES) : next;
}

export function forSaving(lines: StoredLine[]): StoredLine[] {
  return lines.map((l) =>
    l.text.length > MAX_SAVED_TEXT
      ? { kind: l.kind, text: `${l.text.slice(0, MAX_SAVED_TEXT)}\n… (output cut when saved)` }
      : l,
  );
}
