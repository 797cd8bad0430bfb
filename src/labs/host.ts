// What the lab worker does, without the worker: one lab session at a time (start replaces it,
// which is also how Reset works), terminal commands, the goal check and the prediction run.
// worker.ts wires it to postMessage; tests drive it directly.

import type { LabCard } from '../deck/schema.ts';
import { checkLab, describeCheck, runCommands, runLabSetup, runPrediction, type LabRun } from '../sim/labs/index.ts';
import { stripAnsi } from '../sandbox/lines.ts';
import type { LabCallMessage, LabCalls, LabStarted, LabWorkerMessage, StoredLine } from './protocol.ts';

function setupNotice(card: LabCard): string {
  const where = card.profile === 'managed' ? 'Your kubeconfig points at a managed cluster. ' : '';
  if (card.setup.length === 0) return `${where}Nothing is set up yet: the terminal is yours.`;
  return `${where}Already done for you:\n${card.setup.map((c) => `  $ ${c.split('\n')[0] ?? c}`).join('\n')}`;
}

export class LabHost {
  readonly #post: (msg: LabWorkerMessage) => void;
  #card: LabCard | null = null;
  #run: LabRun | null = null;
  #queue: Promise<void> = Promise.resolve();

  constructor(post: (msg: LabWorkerMessage) => void) {
    this.#post = post;
  }

  receive(msg: LabCallMessage): Promise<void> {
    this.#queue = this.#queue.then(() => {
      try {
        this.#post({ id: msg.id, ok: true, result: this.handle(msg) });
      } catch (e) {
        this.#post({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
      }
    });
    return this.#queue;
  }

  #current(): { card: LabCard; run: LabRun } {
    if (!this.#card || !this.#run) throw new Error('the lab is not started');
    return { card: this.#card, run: this.#run };
  }

  start(card: LabCard, seed: number, now: number, replay = false): LabStarted {
    this.#card = card;
    const run = runLabSetup(card, seed, now, { tty: true });
    this.#run = run;
    const lines: StoredLine[] = [{ kind: 'notice', text: setupNotice(card) }];
    if (replay && card.prediction) {
      runCommands(run.session, card.prediction.scenario);
      lines.push({
        kind: 'notice',
        text: `The prediction's commands ran again:\n${card.prediction.scenario.map((c) => `  $ ${c.split('\n')[0] ?? c}`).join('\n')}`,
      });
    }
    return { lines, suggestions: run.session.suggestions() };
  }

  handle(msg: LabCallMessage): LabCalls[typeof msg.call]['result'] {
    switch (msg.call) {
      case 'start':
        return this.start(msg.args.card, msg.args.seed, msg.args.now, msg.args.replay);
      case 'run':
        return this.#current().run.session.run(msg.args.line);
      case 'complete':
        return this.#current().run.session.complete(msg.args.line, msg.args.cursor);
      case 'suggestions':
        return this.#current().run.session.suggestions();
      case 'check': {
        const { card, run } = this.#current();
        const r = checkLab(card, run);
        return {
          passed: r.passed,
          results: r.results.map((x) => ({ description: describeCheck(x.check), ok: x.ok, message: x.message })),
        };
      }
      case 'predict': {
        const { card, run } = this.#current();
        const p = runPrediction(card, run, msg.args.choice);
        // The transcript already interleaves "$ command" lines with their output.
        const lines: StoredLine[] = p.transcript
          ? [{ kind: 'stdout', text: stripAnsi(p.transcript).replace(/\n$/, '') }]
          : [];
        return { correct: p.correct, actual: p.actual, message: p.message, lines };
      }
    }
  }
}
