// Running a lab card: a fresh terminal session with the setup applied, and the goal check the
// "Check" button runs. Reset is runLabSetup again with the same seed.

import type { LabCard } from '../../deck/schema.ts';
import { Session, defaultClusterFactory, type ClusterFactory } from '../shell/index.ts';
import { evaluateCheck, type CheckResult } from './checks.ts';
import { settleAndHold } from './settle.ts';

export interface LabOptions {
  clusters?: ClusterFactory;
  /** Terminal output as a TTY would get it (kind's ✓ lines). */
  tty?: boolean;
}

export interface LabRun {
  session: Session;
  clusters: ClusterFactory;
  /** The setup commands and their output, as a terminal would show them. */
  transcript: string;
  /** Setup commands that exited non-zero (an authoring mistake). */
  failures: string[];
}

export interface LabCheckResult {
  passed: boolean;
  results: CheckResult[];
}

/** The cluster factory a lab uses: on a `managed` lab, clusters come up as managed clusters. */
export function labClusters(
  card: Pick<LabCard, 'profile'>,
  base: ClusterFactory = defaultClusterFactory(),
): ClusterFactory {
  if (card.profile !== 'managed') return base;
  return {
    create: (o) => base.create({ ...o, profile: 'managed', workers: 3 }),
    restore: (state, now) => base.restore(state, now),
  };
}

/** Runs commands in the session; returns the transcript and the commands that failed. */
export function runCommands(session: Session, commands: readonly string[]): { transcript: string; failures: string[] } {
  let transcript = '';
  const failures: string[] = [];
  for (const line of commands) {
    const r = session.run(line);
    transcript += `$ ${line.split('\n').join('\n> ')}\n${r.output.map((c) => c.text).join('')}`;
    if (r.exitCode !== 0) failures.push(line);
  }
  return { transcript, failures };
}

export function runLabSetup(card: LabCard, seed: number, now: number, opts: LabOptions = {}): LabRun {
  const clusters = labClusters(card, opts.clusters);
  const session = new Session({ seed, now, clusters, tty: opts.tty ?? false });
  return { session, clusters, ...runCommands(session, card.setup) };
}

/**
 * Lets the cluster settle, then checks the goal: passed only if every check holds at each sample
 * of the hold window. `results` describe the last sample taken.
 */
export function checkLab(card: LabCard, run: Pick<LabRun, 'session' | 'clusters'>): LabCheckResult {
  const checks = card.checks ?? [];
  let results: CheckResult[] = [];
  const passed = settleAndHold(run.session, () => {
    results = checks.map((check) => evaluateCheck(check, { session: run.session, clusters: run.clusters }));
    return results.every((r) => r.ok);
  });
  return { passed, results };
}
