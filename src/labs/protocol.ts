// The typed messages between the Study screen's lab card (client.ts) and the lab worker
// (worker.ts), which owns the lab's terminal session and simulated cluster. Plain data only.

import type { LabCard } from '../deck/schema.ts';
import type { Completion, RunResult } from '../sim/shell/index.ts';
import type { StoredLine } from '../persistence/sandbox-store.ts';
import type { Reply } from '../sandbox/rpc.ts';

export type { Completion, RunResult, StoredLine };

export interface LabStarted {
  /** What the terminal shows first: a notice about what the setup did. */
  lines: StoredLine[];
  suggestions: string[];
}

export interface CheckView {
  /** What the check asks for, e.g. "deployment demo has 1 ready replica". */
  description: string;
  ok: boolean;
  /** What the simulation showed. */
  message: string;
}

export interface LabCheckView {
  passed: boolean;
  results: CheckView[];
}

export interface PredictionView {
  correct: boolean;
  /** The choice the simulation bore out. */
  actual: number;
  message: string;
  /** The scenario's commands and output, for the terminal. */
  lines: StoredLine[];
}

export interface LabCalls {
  /** `replay`: also run the prediction's scenario (a Reset after the learner has predicted). */
  start: { args: { card: LabCard; seed: number; now: number; replay?: boolean }; result: LabStarted };
  run: { args: { line: string }; result: RunResult };
  complete: { args: { line: string; cursor: number }; result: Completion };
  suggestions: { args: Record<string, never>; result: string[] };
  check: { args: Record<string, never>; result: LabCheckView };
  predict: { args: { choice: number }; result: PredictionView };
}

export type LabCallName = keyof LabCalls;

export type LabCallMessage = { [K in LabCallName]: { id: number; call: K; args: LabCalls[K]['args'] } }[LabCallName];

export type LabWorkerMessage = Reply;
