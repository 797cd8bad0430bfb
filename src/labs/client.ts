// The page's side of the lab worker: typed calls that resolve with the worker's reply.

import type { LabCallName, LabCalls, LabWorkerMessage } from './protocol.ts';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

/** What the client needs from a Worker (an in-page fake in tests). */
export interface LabWorkerLike {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', fn: (ev: MessageEvent<LabWorkerMessage>) => void): void;
  addEventListener(type: 'error', fn: (ev: ErrorEvent) => void): void;
  terminate(): void;
}

export class LabClient {
  readonly #worker: LabWorkerLike;
  readonly #pending = new Map<number, Pending>();
  #next = 1;

  constructor(worker: LabWorkerLike) {
    this.#worker = worker;
    worker.addEventListener('message', (ev) => {
      const msg = ev.data;
      const p = this.#pending.get(msg.id);
      if (!p) return;
      this.#pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.result);
      else p.reject(new Error(msg.error));
    });
    worker.addEventListener('error', (ev) => this.#failAll(new Error(ev.message || 'the lab could not be loaded')));
  }

  #failAll(e: Error): void {
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }

  call<K extends LabCallName>(call: K, args: LabCalls[K]['args']): Promise<LabCalls[K]['result']> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, call, args });
    });
  }

  terminate(): void {
    this.#worker.terminate();
    this.#failAll(new Error('the lab was closed'));
  }
}

/** Starts a lab worker (its own chunk, loaded only when a lab card is shown). */
export function startLabWorker(): LabClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'lab' });
  return new LabClient(worker as LabWorkerLike);
}
