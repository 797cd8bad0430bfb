// Endpoints controller: for every Service with a selector, the ready and not-ready pod IPs that
// match it, with the Service's target ports resolved against the pods' container ports.

import type { EndpointAddress, EndpointSubset, Endpoints, Labels, Pod, Service } from '../api/types.ts';
import { isFrozen, objectKey, splitKey } from '../api/meta.ts';
import { canonicalJson } from '../api/names.ts';
import { matchesSelector, selectorFromObject, type Selector } from '../api/labels.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { Controller, ControllerContext } from './context.ts';
import { isPodReady } from './controller-utils.ts';

const NAME = 'endpoint-controller';

function targetPort(svcPort: NonNullable<Service['spec']['ports']>[number], pod: Pod): number | undefined {
  const t = svcPort.targetPort ?? svcPort.port;
  if (typeof t === 'number') return t;
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === t) return p.containerPort;
  return undefined;
}

/** Parsed Service selectors, per (frozen) spec.selector object: pod events ask on every change. */
const selectors = new WeakMap<object, Selector | null>();
function serviceSelector(selector: Labels): Selector | null {
  let sel = typeof selector === 'object' ? selectors.get(selector) : undefined;
  if (sel === undefined) {
    sel = selectorFromObject({ matchLabels: selector });
    if (typeof selector === 'object' && isFrozen(selector)) selectors.set(selector, sel);
  }
  return sel;
}

export class EndpointsController implements Controller {
  readonly name = NAME;
  readonly queue = new WorkQueue();
  readonly #ctx: ControllerContext;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    const { services, pods } = ctx.informers;
    // Each namespace's Services as an array, dropped on any Service change: every pod event scans
    // them, and walking the index's iterator instead allocates on each of those events.
    const byNamespace = new Map<string, readonly Service[]>();
    const enqueue = (s: Service): void => this.queue.add(objectKey(s));
    const changed = (s: Service): void => {
      byNamespace.clear();
      enqueue(s);
    };
    services.on({ add: changed, update: (_a, b) => changed(b), delete: changed });
    const forPod = (p: Pod): void => {
      const ns = p.metadata.namespace ?? '';
      let list = byNamespace.get(ns);
      if (list === undefined) {
        list = [...services.byIndex('namespace', ns)];
        byNamespace.set(ns, list);
      }
      for (let i = 0; i < list.length; i++) {
        const s = list[i] as Service;
        if (s.spec.selector && matchesSelector(serviceSelector(s.spec.selector), p.metadata.labels)) enqueue(s);
      }
    };
    pods.on({
      add: forPod,
      update: (a, b) => (a.status === b.status && a.metadata === b.metadata ? undefined : forPod(b)),
      delete: forPod,
    });
  }

  reconcile(key: string): void {
    const { namespace, name } = splitKey(key);
    const svc = this.#ctx.informers.services.get(key);
    const cur = this.#ctx.informers.endpoints.get(key);
    const base = { group: '', version: 'v1', resource: 'endpoints', namespace };
    if (!svc) {
      if (cur) this.#ctx.request(NAME, { ...base, verb: 'delete', name });
      return;
    }
    if (!svc.spec.selector) return;
    const sel = serviceSelector(svc.spec.selector);
    const subsets: EndpointSubset[] = [];
    const ports = svc.spec.ports ?? [];
    const groups = new Map<
      string,
      {
        ready: EndpointAddress[];
        notReady: EndpointAddress[];
        ports: { name?: string; port: number; protocol: string }[];
      }
    >();
    // The pods of the Service's namespace, from the whole pod cache: a namespace index would cost
    // an entry per pod and work on every pod change, and here most pods share one namespace.
    for (const pod of this.#ctx.informers.pods.list()) {
      if (pod.metadata.namespace !== namespace) continue;
      if (!pod.status?.podIP || pod.metadata.deletionTimestamp || !matchesSelector(sel, pod.metadata.labels)) continue;
      const resolved = ports
        .map((p) => ({
          ...(p.name ? { name: p.name } : {}),
          port: targetPort(p, pod) ?? 0,
          protocol: p.protocol ?? 'TCP',
        }))
        .filter((p) => p.port > 0);
      const gkey = canonicalJson(resolved);
      let g = groups.get(gkey);
      if (!g) {
        g = { ready: [], notReady: [], ports: resolved };
        groups.set(gkey, g);
      }
      const addr: EndpointAddress = {
        ip: pod.status.podIP,
        nodeName: pod.spec.nodeName ?? '',
        targetRef: { kind: 'Pod', namespace, name: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '' },
      };
      (isPodReady(pod) ? g.ready : g.notReady).push(addr);
    }
    const byIp = (a: EndpointAddress, b: EndpointAddress): number => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
    for (const g of groups.values()) {
      const s: EndpointSubset = { ports: g.ports };
      if (g.ready.length) s.addresses = g.ready.sort(byIp);
      if (g.notReady.length) s.notReadyAddresses = g.notReady.sort(byIp);
      subsets.push(s);
    }
    const body: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name, namespace, labels: svc.metadata.labels },
      subsets,
    };
    if (!cur) {
      this.#ctx.request(NAME, { ...base, verb: 'create', body });
      return;
    }
    if (canonicalJson(cur.subsets ?? []) === canonicalJson(subsets)) return;
    this.#ctx.request(NAME, { ...base, verb: 'update', name, body: { ...cur, subsets } });
  }
}
