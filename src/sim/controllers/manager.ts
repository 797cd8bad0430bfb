// kube-controller-manager: one process running many level-triggered controllers over shared
// informers. Each round it refreshes the informers and lets every controller drain its work queue.
// Stopping and starting it is a process restart: caches and queues are rebuilt from a fresh list.

import type { ApiServer } from '../apiserver/server.ts';
import type { ApiRequest } from '../apiserver/request.ts';
import type { FakeClock } from '../clock.ts';
import type { Rand } from '../rand.ts';
import type { Component } from '../component.ts';
import { EventRecorder } from '../client/recorder.ts';
import type { Informer } from '../client/informer.ts';
import type { KubeObject } from '../api/types.ts';
import {
  newInformers,
  userAgentFor,
  type Controller,
  type ControllerContext,
  type SharedInformers,
} from './context.ts';
import { ReplicaSetController } from './replicaset.ts';
import { DeploymentController } from './deployment.ts';
import { DaemonSetController } from './daemonset.ts';
import { NodeLifecycleController } from './node-lifecycle.ts';
import { GarbageCollector } from './garbage-collector.ts';
import { NamespaceController } from './namespace.ts';
import { EndpointsController } from './endpoints.ts';
import { PodGCController } from './podgc.ts';

export class ControllerManager implements Component {
  readonly name = 'kube-controller-manager';
  readonly #api: ApiServer;
  readonly #clock: FakeClock;
  readonly #rand: Rand;
  #informers!: SharedInformers;
  /** #informers' values, in their order (tick() syncs them every round). */
  #informerList: Informer<KubeObject>[] = [];
  #controllers: Controller[] = [];
  #running = true;

  constructor(api: ApiServer, clock: FakeClock, rand: Rand) {
    this.#api = api;
    this.#clock = clock;
    this.#rand = rand;
    this.#boot();
  }

  get running(): boolean {
    return this.#running;
  }

  #boot(): void {
    this.#informers = newInformers(this.#api, userAgentFor('shared-informers'));
    this.#informerList = Object.values(this.#informers) as Informer<KubeObject>[];
    const recorders = new Map<string, EventRecorder>();
    // The last controller's user agent: requests come in runs from one controller (a burst of creates).
    let lastController = '';
    let lastUa = '';
    const ctx: ControllerContext = {
      api: this.#api,
      clock: this.#clock,
      rand: this.#rand,
      informers: this.#informers,
      // Every request object is built fresh for this call, so it gets the user agent in place
      // rather than being copied (thousands of pod creates per round).
      request: (controller, req) => {
        const r = req as ApiRequest;
        if (controller !== lastController) {
          lastController = controller;
          lastUa = userAgentFor(controller);
        }
        r.userAgent = lastUa;
        return this.#api.handle(r);
      },
      recorder: (component) => {
        let r = recorders.get(component);
        if (!r) {
          r = new EventRecorder(this.#api, userAgentFor(component), { component }, this.#clock, this.#rand);
          recorders.set(component, r);
        }
        return r;
      },
    };
    this.#controllers = [
      new DeploymentController(ctx),
      new ReplicaSetController(ctx),
      new DaemonSetController(ctx),
      new NodeLifecycleController(ctx),
      new EndpointsController(ctx),
      new NamespaceController(ctx),
      new GarbageCollector(ctx),
      new PodGCController(ctx),
    ];
  }

  controller(name: string): Controller | undefined {
    return this.#controllers.find((c) => c.name === name);
  }

  stop(): void {
    if (!this.#running) return;
    this.#running = false;
    for (const inf of Object.values(this.#informers)) inf.stop();
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#boot();
  }

  busy(): boolean {
    if (!this.#running) return false;
    return this.#controllers.some((c) => c.queue.length > 0 || (c.busy?.() ?? false));
  }

  tick(now: number): void {
    if (!this.#running) return;
    // Indexed loops: this runs a few times per second of simulated time, too seldom for V8 to
    // optimise it, and an unoptimised for-of allocates an iterator and a result per key (thousands
    // of node keys per round on a big cluster).
    const informers = this.#informerList;
    for (let i = 0; i < informers.length; i++) if (!(informers[i] as Informer<KubeObject>).sync()) return;
    const controllers = this.#controllers;
    for (let i = 0; i < controllers.length; i++) {
      const c = controllers[i] as Controller;
      c.queue.promote(now);
      c.periodic?.(now);
      const keys = c.queue.drain();
      for (let j = 0; j < keys.length; j++) c.reconcile(keys[j] as string, now);
    }
  }
}
