// The page's side of a worker's typed calls, shared by the sandbox and lab workers: each call gets
// an id, and the worker's reply with that id settles its promise.

/** A worker's answer to one call. */
export type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

/** What a client needs from a Worker (an in-page fake in tests). `M`: every message it sends. */
export interface WorkerLike<M = Reply> {
  postMessage(msg: unknown): void;
  addEventListener(type: 'message', fn: (ev: MessageEvent<M>) => void): void;
  addEventListener(type: 'error', fn: (ev: ErrorEvent) => void): void;
  terminate(): void;
}

/** The calls a worker answers (C's keys): each one's arguments and result. */
export type CallTable<C> = { [K in keyof C]: { args: unknown; result: unknown } };

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export interface RpcTexts {
  /** The error every waiting call gets when the worker's script fails to load or throws outside a call. */
  loadFailed: string;
  /** The error every waiting call gets when the page closes the worker. */
  closed: string;
}

export class RpcClient<C extends CallTable<C>, M extends Reply | object = Reply> {
  readonly #worker: WorkerLike<M>;
  readonly #pending = new Map<number, Pending>();
  readonly #texts: RpcTexts;
  #next = 1;

  constructor(worker: WorkerLike<M>, texts: RpcTexts) {
    this.#worker = worker;
    this.#texts = texts;
    worker.addEventListener('message', (ev) => {
      const msg = ev.data;
      if (isReply(msg)) this.#settle(msg);
      else this.pushed(msg as Exclude<M, Reply>);
    });
    worker.addEventListener('error', (ev) => this.#failAll(new Error(ev.message || texts.loadFailed)));
  }

  /** A message that is not a reply: what the worker pushes on its own. Ignored unless overridden. */
  protected pushed(msg: Exclude<M, Reply>): void {
    void msg;
  }

  #settle(msg: Reply): void {
    const p = this.#pending.get(msg.id);
    // A reply to a call already failed (the worker errored or was closed) changes nothing.
    if (!p) return;
    this.#pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.result);
    else p.reject(new Error(msg.error));
  }

  #failAll(e: Error): void {
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }

  call<K extends keyof C & string>(call: K, args: C[K]['args']): Promise<C[K]['result']> {
    const id = this.#next++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#worker.postMessage({ id, call, args });
    });
  }

  terminate(): void {
    this.#worker.terminate();
    this.#failAll(new Error(this.#texts.closed));
  }
}

function isReply(msg: unknown): msg is Reply {
  return typeof msg === 'object' && msg !== null && typeof (msg as { id?: unknown }).id === 'number';
}
