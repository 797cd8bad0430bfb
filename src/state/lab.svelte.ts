// A lab card's state on the Study screen: its own worker-backed terminal session, the
// prediction (if any), hints revealed one at a time, Check / Show solution / Reset, and the
// attempt record the StudyController turns into a rating.

import type { LabCard } from '../deck/index.ts';
import type { LabAttempt } from '../study/index.ts';
import { startLabWorker, type LabClient } from '../labs/client.ts';
import type { LabCheckView, PredictionView } from '../labs/protocol.ts';
import { clock } from './clock.ts';
import { TerminalState } from './terminal.svelte.ts';

/** A stable seed per card, so a lab's cluster (names, IPs) is the same every time. */
function seedFor(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

export class LabState {
  status = $state<'starting' | 'ready' | 'working' | 'error'>('starting');
  error = $state('');
  hintsShown = $state(0);
  failedChecks = $state(0);
  lastCheck = $state.raw<LabCheckView | null>(null);
  prediction = $state.raw<PredictionView | null>(null);
  passed = $state(false);
  gaveUp = $state(false);
  readonly card: LabCard;
  readonly terminal: TerminalState;
  readonly #client: LabClient;
  readonly #onFinish: (attempt: LabAttempt) => void;

  constructor(card: LabCard, onFinish: (attempt: LabAttempt) => void, client: LabClient = startLabWorker()) {
    this.card = card;
    this.#client = client;
    this.#onFinish = onFinish;
    this.terminal = new TerminalState({
      run: (line) => client.call('run', { line }),
      complete: (line, cursor) => client.call('complete', { line, cursor }),
      suggestions: () => client.call('suggestions', {}),
    });
  }

  get hasGoal(): boolean {
    return (this.card.checks?.length ?? 0) > 0;
  }

  /** The learner still has to predict before working on the goal. */
  get predicting(): boolean {
    return this.card.prediction !== undefined && this.prediction === null;
  }

  get finished(): boolean {
    return this.passed || this.gaveUp;
  }

  async #do<T>(work: () => Promise<T>): Promise<T | null> {
    this.status = 'working';
    try {
      const r = await work();
      this.status = 'ready';
      return r;
    } catch (e) {
      this.status = 'error';
      this.error = e instanceof Error ? e.message : String(e);
      return null;
    }
  }

  /** Sets the lab up (again, on Reset): a fresh cluster with the setup applied. */
  async start(): Promise<void> {
    const args = {
      card: $state.snapshot(this.card) as LabCard,
      seed: seedFor(this.card.id),
      now: clock.now(),
      replay: this.prediction !== null,
    };
    const r = await this.#do(() => this.#client.call('start', args));
    if (!r) return;
    this.terminal.load({ lines: r.lines });
    this.terminal.suggestions = r.suggestions;
    this.lastCheck = null;
  }

  async predict(choice: number): Promise<void> {
    if (!this.predicting || this.status !== 'ready') return;
    const r = await this.#do(() => this.#client.call('predict', { choice }));
    if (!r) return;
    this.prediction = r;
    for (const l of r.lines) this.terminal.note(l.text);
    void this.terminal.refreshSuggestions();
    if (!this.hasGoal) {
      this.passed = r.correct;
      this.#finish();
    }
  }

  async check(): Promise<void> {
    if (this.finished || this.predicting || this.status !== 'ready') return;
    const r = await this.#do(() => this.#client.call('check', {}));
    if (!r) return;
    this.lastCheck = r;
    if (r.passed) {
      this.passed = true;
      this.#finish();
    } else this.failedChecks++;
  }

  hint(): void {
    if (this.hintsShown < (this.card.hints?.length ?? 0)) this.hintsShown++;
  }

  /** "Show solution": the learner gives up; the card is graded Again. */
  giveUp(): void {
    if (this.finished) return;
    this.gaveUp = true;
    this.#finish();
  }

  #finish(): void {
    this.#onFinish({
      passed: this.passed,
      gaveUp: this.gaveUp,
      hintsUsed: this.hintsShown,
      failedChecks: this.failedChecks,
      predictionCorrect: this.prediction ? this.prediction.correct : null,
    });
  }

  dispose(): void {
    this.#client.terminate();
  }
}
