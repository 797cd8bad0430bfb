// The page's side of the sandbox worker: typed calls that resolve with the worker's reply, and
// subscriptions to the views and notices it pushes.

import type { Calls, SandboxView, WorkerMessage } from './protocol.ts';
import { RpcClient, type Reply, type WorkerLike as RpcWorkerLike } from './rpc.ts';

/** What the client needs from a Worker (a fake in tests). */
export type WorkerLike = RpcWorkerLike<WorkerMessage>;

export class SandboxClient extends RpcClient<Calls, WorkerMessage> {
  onView: (view: SandboxView) => void = () => {};
  onNotice: (text: string) => void = () => {};

  constructor(worker: WorkerLike) {
    super(worker, { loadFailed: 'the simulation could not be loaded', closed: 'the sandbox was closed' });
  }

  protected override pushed(msg: Exclude<WorkerMessage, Reply>): void {
    if (msg.push === 'view') this.onView(msg.view);
    else this.onNotice(msg.text);
  }
}

/** Starts the sandbox worker (its own chunk, loaded only with the Sandbox screen). */
export function startSandboxWorker(): SandboxClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'sandbox' });
  return new SandboxClient(worker as WorkerLike);
}
