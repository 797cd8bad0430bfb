// Rules for lab cards and quiz `verify` scenarios that the schema cannot say: a lab has something
// to do, a prediction's key is in range and decidable, every choice has its matcher slot. The
// simulation itself is not run here (see src/sim/labs/verify.ts), so validation stays fast.

import type { DeckProblem } from './errors.ts';
import type { LabCard, QuizCard } from './schema.ts';
import type { LabCheck } from './lab-schema.ts';
import { answerKey } from './model.ts';
import type { Locator, Path } from './validate.ts';

function expectProblems(
  expect: readonly (LabCheck | null)[],
  choices: number,
  keys: readonly number[],
  base: Path,
  loc: Locator,
): DeckProblem[] {
  if (expect.length !== choices) {
    return [
      loc.at(
        base,
        `"expect" has ${expect.length} items but there are ${choices} choices (use null for a choice the simulation cannot decide)`,
      ),
    ];
  }
  return keys
    .filter((k) => k >= 0 && k < choices && expect[k] === null)
    .map((k) => loc.at([...base, k], `the keyed choice ${k + 1} needs a check: it is what the simulation must show`));
}

export function labProblems(card: LabCard, base: Path, loc: Locator): DeckProblem[] {
  const out: DeckProblem[] = [];
  const hasChecks = (card.checks?.length ?? 0) > 0;
  if (!hasChecks && !card.prediction) {
    out.push(loc.at(base, 'a lab needs "checks" (a goal to reach) or a "prediction" (or both)'));
  }
  if (hasChecks && !card.solution?.length) {
    out.push(loc.at(base, 'a lab with checks needs a "solution" (the commands that reach the goal)'));
  }
  const p = card.prediction;
  if (p) {
    const at: Path = [...base, 'prediction'];
    if (p.answer < 0 || p.answer >= p.choices.length) {
      out.push(
        loc.at(
          [...at, 'answer'],
          `answer index ${p.answer} is out of range: choices are numbered 0 to ${p.choices.length - 1}`,
        ),
      );
    }
    out.push(...expectProblems(p.expect, p.choices.length, [p.answer], [...at, 'expect'], loc));
  }
  return out;
}

export function verifyProblems(card: QuizCard, base: Path, loc: Locator): DeckProblem[] {
  if (!card.verify) return [];
  return expectProblems(card.verify.expect, card.choices.length, answerKey(card), [...base, 'verify', 'expect'], loc);
}
