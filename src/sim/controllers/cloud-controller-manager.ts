// cloud-controller-manager (managed profile only): its service controller provisions a cloud load
// balancer for each LoadBalancer Service and writes the external IP into status.loadBalancer.
// Without it (kind) such Services keep EXTERNAL-IP <pending>.

import type { Service } from '../api/types.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { FakeClock } from '../clock.ts';
import type { Rand } from '../rand.ts';
import type { Component } from '../component.ts';
import { Informer } from '../client/informer.ts';
import { EventRecorder } from '../client/recorder.ts';
import { WorkQueue } from '../client/workqueue.ts';
import { objectKey, splitKey } from '../api/meta.ts';

const UA =
  'cloud-controller-manager/v1.30.0 (linux/amd64) kubernetes/7c48c2b/system:serviceaccount:kube-system:service-controller';
const PROVISION_MS = 3000;

export class CloudControllerManager implements Component {
  readonly name = 'cloud-controller-manager';
  readonly #api: ApiServer;
  readonly #rand: Rand;
  readonly #events: EventRecorder;
  readonly #queue = new WorkQueue();
  #services!: Informer<Service>;
  #provisioning = new Map<string, number>();
  #running = true;

  constructor(api: ApiServer, clock: FakeClock, rand: Rand) {
    this.#api = api;
    this.#rand = rand;
    this.#events = new EventRecorder(api, UA, { component: 'service-controller' }, clock, rand);
    this.#boot();
  }

  #boot(): void {
    this.#services = new Informer<Service>(this.#api, { group: '', version: 'v1', resource: 'services' }, UA);
    const enqueue = (s: Service): void => this.#queue.add(objectKey(s));
    this.#services.on({ add: enqueue, update: (_a, b) => enqueue(b) });
  }

  get running(): boolean {
    return this.#running;
  }

  stop(): void {
    this.#running = false;
    this.#services.stop();
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#boot();
  }

  busy(): boolean {
    return this.#running && (this.#queue.length > 0 || this.#provisioning.size > 0);
  }

  tick(now: number): void {
    if (!this.#running || !this.#services.sync()) return;
    this.#queue.promote(now);
    for (const key of this.#queue.drain()) this.#reconcile(key, now);
  }

  #reconcile(key: string, now: number): void {
    const svc = this.#services.get(key);
    if (!svc || svc.spec.type !== 'LoadBalancer' || (svc.status?.loadBalancer?.ingress ?? []).length > 0) {
      this.#provisioning.delete(key);
      return;
    }
    const started = this.#provisioning.get(key);
    if (started === undefined) {
      this.#events.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
      this.#provisioning.set(key, now);
      this.#queue.addAt(key, now + PROVISION_MS);
      return;
    }
    if (now < started + PROVISION_MS) {
      this.#queue.addAt(key, started + PROVISION_MS);
      return;
    }
    const ip = `34.${118 + this.#rand.int(20)}.${this.#rand.int(256)}.${1 + this.#rand.int(254)}`;
    const { namespace, name } = splitKey(key);
    const res = this.#api.handle({
      verb: 'update',
      group: '',
      version: 'v1',
      resource: 'services',
      subresource: 'status',
      namespace,
      name,
      body: { metadata: { name, namespace }, status: { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } } },
      userAgent: UA,
    });
    if (res.code === 200) {
      this.#provisioning.delete(key);
      this.#events.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
    }
  }
}
