// Runs a scenario after the learner (or the deck validator) has committed to an answer, and
// reports which choices the simulation bears out: each choice's check is evaluated on the settled
// cluster, with event checks limited to events the scenario caused.

import type { LabCheck } from '../../deck/lab-schema.ts';
import type { ClusterFactory, Session } from '../shell/index.ts';
import { evaluateCheck, type CheckResult } from './checks.ts';
import { runCommands } from './lab.ts';
import { eventKey, events } from './observe.ts';
import { SETTLE_MS } from './settle.ts';

export interface Outcome {
  /** Indexes of the choices whose check held. */
  observed: number[];
  /** One result per choice (null where the choice has no check). */
  results: (CheckResult | null)[];
  transcript: string;
  failures: string[];
}

function eventMark(session: Session): Set<string> {
  const api = session.currentCluster()?.api;
  if (!api) return new Set();
  try {
    return new Set(events(api).map(eventKey));
  } catch {
    return new Set();
  }
}

export function runOutcome(
  session: Session,
  clusters: ClusterFactory,
  scenario: readonly string[],
  expect: readonly (LabCheck | null)[],
): Outcome {
  const before = eventMark(session);
  const { transcript, failures } = runCommands(session, scenario);
  session.advance(SETTLE_MS);
  const results = expect.map((check) => (check ? evaluateCheck(check, { session, clusters, before }) : null));
  const observed = results.flatMap((r, i) => (r?.ok ? [i] : []));
  return { observed, results, transcript, failures };
}

/** "A", "B and C": the choices by letter, or "none of the choices". */
export function choiceNames(choices: readonly string[], indexes: readonly number[]): string {
  if (indexes.length === 0) return 'none of the choices';
  return indexes.map((i) => `"${choices[i] ?? `choice ${i + 1}`}"`).join(' and ');
}
