// What a kubectl invocation is given by its host (the sandbox Session): a connection to the
// current context's API server (or none), the simulated clock, files and standard input, and
// the kubeconfig. kubectl itself keeps no state between invocations, like the real binary.

import type { ApiRequest, ApiResponse } from '../apiserver/request.ts';

export interface WatchEvent {
  type: string;
  object: unknown;
}

/** The client side of the simulated API server. */
export interface ApiClient {
  handle(req: ApiRequest): ApiResponse;
  watch(req: ApiRequest, onEvent: (ev: WatchEvent) => void, onClose?: (status: unknown) => void): () => void;
}

export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  namespace: string;
}

export interface Kubeconfig {
  contexts(): ContextInfo[];
  currentContext(): string;
  useContext(name: string): boolean;
}

export interface KubectlEnv {
  /** The current context's API server, or null when nothing answers (no cluster, apiserver down). */
  api: ApiClient | null;
  /** The server URL kubectl would dial: `https://127.0.0.1:PORT` or `http://localhost:8080`. */
  server: string;
  /** The current context's namespace (`default` unless set). */
  namespace: string;
  kubeconfig: Kubeconfig;
  /** Simulated wall-clock time, epoch milliseconds. */
  now(): number;
  /** Lets simulated time pass (used while waiting and watching). */
  advance(ms: number): void;
  /** `kubectl get -w` stops after this much quiet simulated time (ms); 0 disables watching. */
  watchQuietMs: number;
  /** Upper bound of a watch in simulated ms. */
  watchMaxMs: number;
  /** Whether the cluster still has work in flight (a watch does not end while it has). */
  busy?(): boolean;
  readFile(path: string): string | undefined;
  stdin: string;
  /** Process id shown in klog lines. */
  pid: number;
  /** The same environment for another kubeconfig context (`--context`); null if it does not exist. */
  withContext?(name: string): KubectlEnv | null;
}

/** Where a command writes; order of stdout and stderr writes is kept, as a terminal shows it. */
export class Output {
  readonly chunks: Array<{ fd: 1 | 2; text: string }> = [];
  /** Optional live listener: sees each write as it happens (a watch streams through it). */
  constructor(readonly onChunk?: (chunk: { fd: 1 | 2; text: string }) => void) {}
  out(text: string): void {
    this.#write({ fd: 1, text });
  }
  err(text: string): void {
    this.#write({ fd: 2, text });
  }
  #write(chunk: { fd: 1 | 2; text: string }): void {
    if (!chunk.text) return;
    this.chunks.push(chunk);
    this.onChunk?.(chunk);
  }
  get stdout(): string {
    return this.chunks
      .filter((c) => c.fd === 1)
      .map((c) => c.text)
      .join('');
  }
  get stderr(): string {
    return this.chunks
      .filter((c) => c.fd === 2)
      .map((c) => c.text)
      .join('');
  }
}
