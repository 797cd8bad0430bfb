// A terminal's state, independent of what runs the commands: the scrollback, the input line,
// command history (Up/Down), Tab completion and suggestion chips. The Sandbox screen plugs in the
// sandbox worker; a lab card can plug in its own session through the same TerminalBackend.

import type { Completion, RunResult, StoredLine } from '../sandbox/protocol.ts';
import { appendLines, outputLines } from '../sandbox/lines.ts';

export type { Completion, RunResult };

/** What runs the commands. Every call may be asynchronous (a worker) or not (an in-page session). */
export interface TerminalBackend {
  run(line: string): Promise<RunResult> | RunResult;
  complete(line: string, cursor: number): Promise<Completion> | Completion;
  suggestions(): Promise<string[]> | string[];
}

export interface TerminalLine extends StoredLine {
  id: number;
}

/** Adapts an in-page object with the Session's synchronous methods (a lab's Session) to a backend. */
export function sessionBackend(session: {
  run(line: string): RunResult;
  complete(line: string, cursor: number): Completion;
  suggestions(): string[];
}): TerminalBackend {
  return {
    run: (line) => session.run(line),
    complete: (line, cursor) => session.complete(line, cursor),
    suggestions: () => session.suggestions(),
  };
}

function commonPrefix(words: string[]): string {
  let p = words[0] ?? '';
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

export class TerminalState {
  lines = $state.raw<TerminalLine[]>([]);
  history = $state.raw<string[]>([]);
  input = $state('');
  running = $state(false);
  suggestions = $state.raw<string[]>([]);
  /** Several completions for the word at the cursor: shown so the learner can pick. */
  candidates = $state.raw<string[]>([]);
  /** Exit code of the last command (null before the first). */
  lastExit = $state<number | null>(null);
  #backend: TerminalBackend;
  #nextId = 1;
  /** Position while walking history with Up/Down; history.length means "the line being typed". */
  #cursor = 0;
  #draft = '';

  constructor(backend: TerminalBackend, initial: { lines?: StoredLine[]; history?: string[] } = {}) {
    this.#backend = backend;
    this.load(initial);
  }

  /** Replaces the scrollback and history (after a restore or a reset). */
  load(state: { lines?: StoredLine[]; history?: string[] }): void {
    this.lines = (state.lines ?? []).map((l) => ({ ...l, id: this.#nextId++ }));
    this.history = [...(state.history ?? [])];
    this.#cursor = this.history.length;
    this.candidates = [];
  }

  /** Adds a line of the app's own (not command output), e.g. "Your sandbox was restored." */
  note(text: string): void {
    this.#append([{ kind: 'notice', text }]);
  }

  #append(added: StoredLine[], clear = false): void {
    this.lines = appendLines(
      this.lines,
      added.map((l) => ({ ...l, id: this.#nextId++ })),
      clear,
    );
  }

  /** Runs the input line (or `line`), appends its output, refreshes the chips. Resolves with the result. */
  async run(line: string = this.input): Promise<RunResult | null> {
    const text = line.trim();
    if (this.running) return null;
    this.input = '';
    this.candidates = [];
    if (text === '') {
      this.#append([{ kind: 'input', text: '' }]);
      return null;
    }
    this.running = true;
    try {
      const r = await this.#backend.run(text);
      this.#append([{ kind: 'input', text }, ...outputLines(r)], r.clear);
      if (this.history[this.history.length - 1] !== text) this.history = [...this.history, text];
      this.lastExit = r.exitCode;
      return r;
    } catch (e) {
      this.#append([
        { kind: 'input', text },
        { kind: 'stderr', text: `error: ${e instanceof Error ? e.message : String(e)}` },
      ]);
      this.lastExit = 1;
      return null;
    } finally {
      this.#cursor = this.history.length;
      this.running = false;
      void this.refreshSuggestions();
    }
  }

  async refreshSuggestions(): Promise<void> {
    try {
      this.suggestions = await this.#backend.suggestions();
    } catch {
      this.suggestions = [];
    }
  }

  /** Completes the word before `cursor`. Returns the new cursor position, or null if nothing changed. */
  async complete(cursor: number = this.input.length): Promise<number | null> {
    const line = this.input;
    const c = await this.#backend.complete(line, cursor);
    if (this.input !== line) return null;
    const word = line.slice(c.from, cursor);
    const only = c.candidates.length === 1 ? c.candidates[0] : undefined;
    const insert = only !== undefined ? `${only} ` : commonPrefix(c.candidates);
    this.candidates = only !== undefined ? [] : c.candidates;
    if (insert.length <= word.length) return null;
    this.input = line.slice(0, c.from) + insert + line.slice(cursor);
    return c.from + insert.length;
  }

  historyUp(): void {
    if (this.#cursor === this.history.length) this.#draft = this.input;
    if (this.#cursor === 0) return;
    this.#cursor--;
    this.input = this.history[this.#cursor] ?? '';
  }

  historyDown(): void {
    if (this.#cursor >= this.history.length) return;
    this.#cursor++;
    this.input = this.#cursor === this.history.length ? this.#draft : (this.history[this.#cursor] ?? '');
  }

  /** Clears the screen (not the history). */
  clear(): void {
    this.lines = [];
    this.candidates = [];
  }
}
