// Namespace controller: when a namespace is being deleted (phase Terminating), delete everything
// in it, and once it is empty remove the "kubernetes" finalizer so the API server drops it.

import type { Namespace } from '../api/types.ts';
import { RESOURCES } from '../api/resources.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Controller, ControllerContext } from './context.ts';

const NAME = 'namespace-controller';

export class NamespaceController implements Controller {
  readonly name = NAME;
  readonly queue = new WorkQueue();
  readonly #ctx: ControllerContext;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    const enqueue = (ns: Namespace): void => {
      if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name ?? '');
    };
    ctx.informers.namespaces.on({ add: enqueue, update: (_a, b) => enqueue(b) });
  }

  reconcile(name: string, now: number): void {
    const ns = this.#ctx.informers.namespaces.get(name);
    if (!ns?.metadata.deletionTimestamp) return;
    let remaining = 0;
    for (const info of RESOURCES) {
      if (!info.namespaced) continue;
      const list = this.#ctx.request(NAME, {
        verb: 'list',
        group: info.group,
        version: info.version,
        resource: info.resource,
        namespace: name,
      });
      if (list.code !== 200) return;
      const items = (list.body as { items: { metadata: { deletionTimestamp?: string } }[] }).items;
      if (items.length === 0) continue;
      remaining += items.length;
      if (items.some((i) => !i.metadata.deletionTimestamp))
        this.#ctx.request(NAME, {
          verb: 'deletecollection',
          group: info.group,
          version: info.version,
          resource: info.resource,
          namespace: name,
        });
    }
    if (remaining > 0) {
      this.queue.addAt(name, now + 1000);
      return;
    }
    this.#ctx.request(NAME, {
      verb: 'update',
      group: '',
      version: 'v1',
      resource: 'namespaces',
      name,
      body: { ...ns, spec: { finalizers: [] } },
    });
  }
}
