// Sim-backed checks of deck content, run by `npm run deck -- validate`: a quiz's answer key must
// be what the simulated cluster does, and a lab must be solvable by its own solution while its
// untouched setup does not already pass.

import type { LabCard, QuizCard } from '../../deck/schema.ts';
import { answerKey } from '../../deck/model.ts';
import { Session, defaultClusterFactory } from '../shell/index.ts';
import { checkLab, runCommands, runLabSetup, type LabRun } from './lab.ts';
import { choiceNames, runOutcome } from './outcome.ts';

export interface VerifyProblem {
  /** Where in the card (for file:line:column), e.g. ['verify', 'expect']. */
  path: (string | number)[];
  message: string;
}

export const DEFAULT_VERIFY_SETUP = ['kind create cluster --name verify'];

const SEED = 20251101;

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

function failed(where: string, lines: readonly string[]): string {
  return `${where}: \`${lines[0] ?? ''}\` exited non-zero`;
}

/** Runs a quiz card's verify scenario: null when the key agrees with the simulation. */
export function verifyQuiz(card: QuizCard, now: number): VerifyProblem | null {
  const v = card.verify;
  if (!v) return null;
  const clusters = defaultClusterFactory();
  const session = new Session({ seed: SEED, now, clusters });
  const setup = runCommands(session, v.setup ?? DEFAULT_VERIFY_SETUP);
  if (setup.failures.length) return { path: ['verify', 'setup'], message: failed('verify setup', setup.failures) };
  const outcome = runOutcome(session, clusters, v.scenario, v.expect);
  if (outcome.failures.length)
    return { path: ['verify', 'scenario'], message: failed('verify scenario', outcome.failures) };
  const key = answerKey(card).filter((k) => v.expect[k] !== null);
  if (sameSet(key, outcome.observed)) return null;
  return {
    path: ['verify'],
    message: `verify: key says ${choiceNames(card.choices, key)} but the simulation shows ${choiceNames(card.choices, outcome.observed)}`,
  };
}

/** Setup, then the prediction's scenario (the learner predicts before working on the goal). */
function startLab(card: LabCard, now: number): { run: LabRun; failures: VerifyProblem[] } {
  const run = runLabSetup(card, SEED, now);
  if (run.failures.length) return { run, failures: [{ path: ['setup'], message: failed('lab setup', run.failures) }] };
  const scenario = runCommands(run.session, card.prediction?.scenario ?? []);
  const failures = scenario.failures.length
    ? [{ path: ['prediction', 'scenario'], message: failed('prediction scenario', scenario.failures) }]
    : [];
  return { run, failures };
}

/** Runs a lab's setup, prediction, checks and solution: the problems an author must fix. */
export function verifyLab(card: LabCard, now: number): VerifyProblem[] {
  const p = card.prediction;
  if (p) {
    const run = runLabSetup(card, SEED, now);
    if (run.failures.length) return [{ path: ['setup'], message: failed('lab setup', run.failures) }];
    const outcome = runOutcome(run.session, run.clusters, p.scenario, p.expect);
    if (outcome.failures.length)
      return [{ path: ['prediction', 'scenario'], message: failed('prediction scenario', outcome.failures) }];
    if (!sameSet([p.answer], outcome.observed)) {
      return [
        {
          path: ['prediction'],
          message: `verify: key says ${choiceNames(p.choices, [p.answer])} but the simulation shows ${choiceNames(p.choices, outcome.observed)}`,
        },
      ];
    }
  }
  if (!card.checks?.length) return [];
  const unsolved = startLab(card, now);
  if (unsolved.failures.length) return unsolved.failures;
  const out: VerifyProblem[] = [];
  if (checkLab(card, unsolved.run).passed) {
    out.push({ path: ['checks'], message: 'lab: the checks already pass before the learner does anything' });
  }
  const { run: solved } = startLab(card, now);
  const sol = runCommands(solved.session, card.solution ?? []);
  if (sol.failures.length) out.push({ path: ['solution'], message: failed('lab solution', sol.failures) });
  const result = checkLab(card, solved);
  if (!result.passed) {
    const why = result.results
      .filter((r) => !r.ok)
      .map((r) => r.message)
      .join('; ');
    out.push({ path: ['solution'], message: `lab: the solution does not reach the goal (${why})` });
  }
  return out;
}
