// Pod garbage collector: force-deletes pods bound to nodes that no longer exist, and terminating
// pods on nodes that are out of service, so their controllers can move on.

import type { Pod } from '../api/types.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Controller, ControllerContext } from './context.ts';

const NAME = 'pod-garbage-collector';
const INTERVAL = 20_000;

export class PodGCController implements Controller {
  readonly name = NAME;
  readonly queue = new WorkQueue();
  readonly #ctx: ControllerContext;
  #last = -Infinity;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
  }

  periodic(now: number): void {
    if (now - this.#last < INTERVAL) return;
    this.#last = now;
    this.queue.add('orphaned-pods');
  }

  /** gcOrphaned: pods whose node object is gone. */
  reconcile(): void {
    const nodes = this.#ctx.informers.nodes;
    const orphans: Pod[] = [];
    for (const p of this.#ctx.informers.pods.list())
      if (p.spec.nodeName && !nodes.get(p.spec.nodeName)) orphans.push(p);
    for (const p of orphans) {
      this.#ctx.request(NAME, {
        verb: 'delete',
        group: '',
        version: 'v1',
        resource: 'pods',
        namespace: p.metadata.namespace ?? '',
        name: p.metadata.name ?? '',
        gracePeriodSeconds: 0,
      });
    }
  }
}
