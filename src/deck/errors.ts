// Typed deck errors: every problem names the file, line and column, and says what to do.

export interface DeckProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatProblem(p: DeckProblem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.message}`;
}

export class DeckError extends Error {
  readonly problems: readonly DeckProblem[];
  constructor(problems: readonly DeckProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'DeckError';
    this.problems = problems;
  }
}
