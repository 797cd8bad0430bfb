// The page's side of the sandbox worker: typed calls that resolve with the worker's reply, and
// subscriptions to the views and notices it pushes. Also a TerminalBackend for the Terminal.

import type { CallName, Calls, SandboxView, WorkerMessage } from './protocol.ts';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/** What the client needs from a Worker (a fake in tests). */
export interface WorkerLike {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', fn: (ev: MessageEvent<WorkerMessage>) => void): void;
  addEventListener(type: 'error', fn: (ev: ErrorEvent) => void): void;
  terminate(): void;
}

export class SandboxClient {
  readonly #worker: WorkerLike;
  readonly #pending = new Map<number, Pending>();
  #next = 1;
  onView: (view: SandboxView) => void = () => {};
  onNotice: (text: string) => void = () => {};

  constructor(worker: WorkerLike) {
    this.#worker = worker;
    worker.addEventListener('message', (ev) => this.#receive(ev.data));
    // The worker's script failed to load or threw outside a call: fail every waiting call.
    worker.addEventListener('error', (ev) =>
      this.#failAll(new Error(ev.message || 'the simulation could not be loaded')),
    );
  }

  #failAll(e: Error): void {
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }

  #receive(msg: WorkerMessage): void {
    if ('push' in msg) {
      if (msg.push === 'view') this.onView(msg.view);
      else this.onNotice(msg.text);
      return;
    }
    const p = this.#pending.get(msg.id);
    if (!p) return;
    this.#pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(msg.error));
  }

  call<K extends CallName>(call: K, args: Calls[K]['args']): Promise<Calls[K]['result']> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, call, args });
    });
  }

  terminate(): void {
    this.#worker.terminate();
    this.#failAll(new Error('the sandbox was closed'));
  }
}

/** Starts the sandbox worker (its own chunk, loaded only with the Sandbox screen). */
export function startSandboxWorker(): SandboxClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'sandbox' });
  return new SandboxClient(worker as WorkerLike);
}
