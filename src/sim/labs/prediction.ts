// The prediction half of a lab: the learner picks what will happen, the scenario runs in their
// terminal, and the pick is judged by what the simulation did (its events and state), not only by
// the key written in the deck.

import type { LabCard } from '../../deck/schema.ts';
import type { ClusterFactory, Session } from '../shell/index.ts';
import { choiceNames, runOutcome, type Outcome } from './outcome.ts';

export interface PredictionResult extends Outcome {
  choice: number;
  correct: boolean;
  /** The choice the simulation bore out (the deck's key when the simulation was ambiguous). */
  actual: number;
  message: string;
}

export function runPrediction(
  card: LabCard,
  run: { session: Session; clusters: ClusterFactory },
  choice: number,
): PredictionResult {
  const p = card.prediction;
  if (!p) throw new Error(`lab ${card.id} has no prediction`);
  const outcome = runOutcome(run.session, run.clusters, p.scenario, p.expect);
  const actual = outcome.observed.length === 1 ? (outcome.observed[0] ?? p.answer) : p.answer;
  const correct = choice === actual;
  const message = correct
    ? `Right: the simulation shows ${choiceNames(p.choices, [actual])}.`
    : `Not quite: the simulation shows ${choiceNames(p.choices, [actual])}.`;
  return { ...outcome, choice, correct, actual, message };
}
