// The Sandbox screen's state: starts the sandbox worker, restores the saved session into a
// terminal, keeps the latest cluster view, drives simulated time (pause, step, 1x, 10x) and
// turns fault buttons into the terminal commands that cause them, so every fault is visible
// and repeatable by typing.

import { startSandboxWorker, type SandboxClient } from '../sandbox/client.ts';
import type { RequestView, SandboxView } from '../sandbox/protocol.ts';
import { clock } from './clock.ts';
import { TerminalState, type TerminalBackend } from './terminal.svelte.ts';

export type Speed = 0 | 1 | 10;
const TICK_EVERY_MS = 250;
/** One press of Step: one round of every component (the simulation's tick). */
export const STEP_MS = 1000;
const TRAFFIC_KEPT = 8;

function backendFor(client: SandboxClient): TerminalBackend {
  return {
    run: (line) => client.call('run', { line, now: clock.now() }),
    complete: (line, cursor) => client.call('complete', { line, cursor }),
    suggestions: () => client.call('suggestions', {}),
  };
}

export class SandboxState {
  status = $state<'starting' | 'ready' | 'error'>('starting');
  error = $state('');
  /** The latest message for the learner (restored, could not save...); a polite live region. */
  notice = $state('');
  view = $state.raw<SandboxView | null>(null);
  /** The newest API requests, newest last, for the traffic list. */
  traffic = $state.raw<RequestView[]>([]);
  /** Bumped with each view that carried requests, to replay the highlight animation. */
  pulse = $state(0);
  speed = $state<Speed>(1);
  readonly terminal: TerminalState;
  readonly #client: SandboxClient;
  #timer: ReturnType<typeof setInterval> | undefined;
  #advancing = false;
  #onHide = (): void => {
    if (document.visibilityState === 'hidden') void this.persist();
  };

  constructor(client: SandboxClient = startSandboxWorker()) {
    this.#client = client;
    this.terminal = new TerminalState(backendFor(client));
    client.onView = (v) => this.#receive(v);
    client.onNotice = (text) => {
      this.notice = text;
    };
  }

  #receive(v: SandboxView): void {
    this.view = v;
    this.terminal.suggestions = v.suggestions;
    const reqs = v.cluster?.requests ?? [];
    if (reqs.length) {
      this.traffic = [...this.traffic, ...reqs].slice(-TRAFFIC_KEPT);
      this.pulse++;
    }
  }

  async start(): Promise<void> {
    try {
      const r = await this.#client.call('init', { now: clock.now() });
      this.terminal.load(r);
      this.notice = r.notice;
      this.status = 'ready';
      document.addEventListener('visibilitychange', this.#onHide);
      this.#schedule();
    } catch (e) {
      this.status = 'error';
      this.error = e instanceof Error ? e.message : String(e);
    }
  }

  #schedule(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.speed > 0) this.#timer = setInterval(() => void this.advance(TICK_EVERY_MS * this.speed), TICK_EVERY_MS);
  }

  /** Lets `ms` of simulated time pass; skipped while the previous slice is still running. */
  async advance(ms: number): Promise<void> {
    if (this.#advancing || this.status !== 'ready') return;
    this.#advancing = true;
    try {
      await this.#client.call('advance', { ms });
    } finally {
      this.#advancing = false;
    }
  }

  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.#schedule();
    if (speed === 0) void this.persist();
  }

  step(): Promise<void> {
    return this.advance(STEP_MS);
  }

  async persist(): Promise<void> {
    if (this.status === 'ready') await this.#client.call('persist', { now: clock.now() });
  }

  async reset(): Promise<void> {
    const r = await this.#client.call('reset', { now: clock.now() });
    this.terminal.load(r);
    this.traffic = [];
    this.notice = r.notice;
  }

  /** Runs a command in the terminal as if typed (fault buttons, the empty state's button). */
  runCommand(command: string): Promise<unknown> {
    return this.terminal.run(command);
  }

  /** Saves, then stops the worker (the screen was left). */
  async close(): Promise<void> {
    clearInterval(this.#timer);
    document.removeEventListener('visibilitychange', this.#onHide);
    await this.persist().catch(() => undefined);
    this.#client.terminate();
  }
}
