// Chunked work for long imports and exports: report progress, honour cancellation and yield
// to the event loop every few hundred items so a page stays responsive on big files.

import type { TransferOptions } from './types.ts';

export const CHUNK = 250;

export function abortError(): DOMException {
  return new DOMException('The import or export was cancelled.', 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}

/**
 * Let the page handle input and paint. A MessageChannel message is a macrotask like
 * setTimeout(0) but without its clamping (4 ms in browsers) or a sleep on a busy machine.
 */
export function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Progress of one pass over `total` items. Call `step(i)` after item i is done. */
export class Work {
  readonly #opts: TransferOptions;
  readonly #total: number;
  constructor(opts: TransferOptions | undefined, total: number) {
    this.#opts = opts ?? {};
    this.#total = total;
  }

  async start(): Promise<void> {
    throwIfAborted(this.#opts.signal);
    this.#opts.onProgress?.(0, this.#total);
  }

  /** After each item; every CHUNK items it reports, checks for abort and yields. */
  async step(done: number): Promise<void> {
    if (done % CHUNK !== 0 && done !== this.#total) return;
    this.#opts.onProgress?.(done, this.#total);
    throwIfAborted(this.#opts.signal);
    if (done !== this.#total) await yieldToEventLoop();
  }

  checkAbort(): void {
    throwIfAborted(this.#opts.signal);
  }
}

/** Map items in chunks with progress and cancellation. */
export async function mapChunked<T, R>(
  items: readonly T[],
  opts: TransferOptions | undefined,
  fn: (item: T, index: number) => R,
): Promise<R[]> {
  const work = new Work(opts, items.length);
  await work.start();
  const out: R[] = [];
  for (let i = 0; i < items.length; i++) {
    out.push(fn(items[i] as T, i));
    await work.step(i + 1);
  }
  return out;
}
