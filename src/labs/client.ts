// The page's side of the lab worker: typed calls that resolve with the worker's reply.

import { RpcClient, type WorkerLike } from '../sandbox/rpc.ts';
import type { LabCalls, LabWorkerMessage } from './protocol.ts';

/** What the client needs from a Worker (an in-page fake in tests). */
export type LabWorkerLike = WorkerLike<LabWorkerMessage>;

export class LabClient extends RpcClient<LabCalls, LabWorkerMessage> {
  constructor(worker: LabWorkerLike) {
    super(worker, { loadFailed: 'the lab could not be loaded', closed: 'the lab was closed' });
  }
}

/** Starts a lab worker (its own chunk, loaded only when a lab card is shown). */
export function startLabWorker(): LabClient {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'lab' });
  return new LabClient(worker as LabWorkerLike);
}
