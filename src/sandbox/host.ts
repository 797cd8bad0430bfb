// What the sandbox worker does, without the worker: owns one terminal Session (and so the
// simulated clusters), runs calls one at a time, saves after each command and when asked, and
// pushes compact views. The simulation never reads the clock: `now` arrives with the calls.
// worker.ts wires it to postMessage; tests drive it directly.

import { Session, defaultClusterFactory, type SessionState } from '../sim/shell/index.ts';
import type { SandboxStore, StoredLine } from '../persistence/sandbox-store.ts';
import { ViewBuilder } from './view.ts';
import { appendLines, forSaving, outputLines } from './lines.ts';
import type { CallMessage, Calls, InitResult, WorkerMessage } from './protocol.ts';

/** Fixed, so the same commands give the same cluster (names, IPs) for every learner and test. */
export const SANDBOX_SEED = 20251;

export interface HostDeps {
  openStore(): Promise<SandboxStore>;
  post(msg: WorkerMessage): void;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class SandboxHost {
  readonly #deps: HostDeps;
  #session: Session | null = null;
  #lines: StoredLine[] = [];
  #store: SandboxStore | null = null;
  #saving: Promise<void> = Promise.resolve();
  #queue: Promise<void> = Promise.resolve();
  readonly #views = new ViewBuilder();
  /** Suggestions change with commands (and faults, which are commands), not with passing time. */
  #suggested: string[] = [];

  constructor(deps: HostDeps) {
    this.#deps = deps;
  }

  /** Queues a call: one at a time, in order, so a command never runs before init restored the session. */
  receive(msg: CallMessage): Promise<void> {
    this.#queue = this.#queue.then(() =>
      this.#handle(msg).then(
        (result) => {
          this.#deps.post({ id: msg.id, ok: true, result });
          if (msg.call === 'init' || msg.call === 'run' || msg.call === 'reset')
            this.#suggested = this.#session?.suggestions() ?? [];
          if (msg.call !== 'complete' && msg.call !== 'suggestions' && msg.call !== 'persist') this.#pushView();
        },
        (e: unknown) => this.#deps.post({ id: msg.id, ok: false, error: message(e) }),
      ),
    );
    return this.#queue;
  }

  #fresh(now: number): Session {
    return new Session({ seed: SANDBOX_SEED, now, clusters: defaultClusterFactory(), tty: true });
  }

  #current(): Session {
    if (!this.#session) throw new Error('the sandbox is not started yet');
    return this.#session;
  }

  #pushView(): void {
    if (this.#session) this.#deps.post({ push: 'view', view: this.#views.build(this.#session, this.#suggested) });
  }

  /** Saves the session and scrollback; a failure is told to the learner, never thrown. */
  #save(now: number): Promise<void> {
    const store = this.#store;
    const s = this.#session;
    if (!store || !s) return this.#saving;
    const record = {
      format: 'kcna-sandbox/v1' as const,
      session: s.toJSON(),
      lines: forSaving(this.#lines),
      savedAt: now,
    };
    this.#saving = this.#saving
      .then(() => store.save(record))
      .catch((e: unknown) =>
        this.#deps.post({ push: 'notice', text: `The sandbox could not be saved: ${message(e)}` }),
      );
    return this.#saving;
  }

  async #init(now: number): Promise<InitResult> {
    let notice = '';
    try {
      this.#store = await this.#deps.openStore();
    } catch (e) {
      notice = `The sandbox cannot be saved on this device: ${message(e)}`;
    }
    const saved = this.#store ? await this.#store.load().catch(() => null) : null;
    if (saved) {
      try {
        const state = saved.session as SessionState;
        if (state?.version !== 1) throw new Error('unknown session format');
        this.#session = Session.fromJSON(state, defaultClusterFactory());
        this.#lines = saved.lines;
        notice = 'Your sandbox was restored.';
      } catch {
        await this.#store?.clear().catch(() => undefined);
        notice = 'The saved sandbox could not be restored, so a new one was started.';
      }
    }
    if (!this.#session) {
      this.#session = this.#fresh(now);
      this.#lines = [];
    }
    return { lines: this.#lines, history: [...this.#session.history], notice };
  }

  async #reset(now: number): Promise<InitResult> {
    this.#session = this.#fresh(now);
    this.#lines = [];
    await this.#saving;
    await this.#store?.clear().catch(() => undefined);
    return { lines: [], history: [], notice: 'A new, empty sandbox was started.' };
  }

  async #handle(msg: CallMessage): Promise<Calls[typeof msg.call]['result']> {
    switch (msg.call) {
      case 'init':
        return this.#init(msg.args.now);
      case 'run': {
        const r = this.#current().run(msg.args.line);
        this.#lines = appendLines(this.#lines, [{ kind: 'input', text: msg.args.line }, ...outputLines(r)], r.clear);
        void this.#save(msg.args.now);
        return r;
      }
      case 'complete':
        return this.#current().complete(msg.args.line, msg.args.cursor);
      case 'suggestions':
        return this.#current().suggestions();
      case 'advance':
        this.#current().advance(msg.args.ms);
        return null;
      case 'persist':
        await this.#save(msg.args.now);
        return null;
      case 'reset':
        return this.#reset(msg.args.now);
    }
  }
}
