// Wiring: etcd, the API server, the control plane and one kubelet per node, advanced together by a
// fake clock. step() is one deterministic round; settle() runs rounds until nothing is happening.

import type { Event, KubeObject } from './api/types.ts';
import { FakeClock } from './clock.ts';
import { Rand } from './rand.ts';
import { EtcdStore, type Snapshot } from './etcd/store.ts';
import { ApiServer } from './apiserver/server.ts';
import { SystemController } from './apiserver/system-controller.ts';
import { Scheduler } from './scheduler/scheduler.ts';
import { ControllerManager } from './controllers/manager.ts';
import { Kubelet } from './kubelet/kubelet.ts';
import { KubeProxy } from './proxy/kube-proxy.ts';
import { CloudControllerManager } from './controllers/cloud-controller-manager.ts';
import { clusterName, KIND_IMAGES, nodeConfigs, STATIC_PODS, type ClusterOptions, type Profile } from './profiles.ts';
import { installAddons } from './addons.ts';
import { Faults, type FaultState } from './faults.ts';
import type { Component, ComponentStatus } from './component.ts';

export const TICK_MS = 1000;
const DEFAULT_MAX_STEPS = 600;

export interface ClusterState {
  format: 'sim-cluster/v1';
  options: ClusterOptions;
  now: number;
  steps: number;
  etcd: Snapshot;
  faults: FaultState;
}

export class Cluster {
  readonly options: ClusterOptions;
  readonly name: string;
  readonly profile: Profile;
  readonly clock: FakeClock;
  readonly etcd: EtcdStore;
  readonly api: ApiServer;
  readonly scheduler: Scheduler;
  readonly controllerManager: ControllerManager;
  readonly cloudControllerManager: CloudControllerManager | undefined;
  readonly faults: Faults;
  readonly #kubelets: Kubelet[];
  /** Made at the first proxy(node): a kube-proxy only talks to the API when its rules are looked at. */
  readonly #proxies = new Map<string, KubeProxy>();
  readonly #system: SystemController;
  #steps = 0;

  constructor(options: ClusterOptions) {
    this.options = options;
    this.name = clusterName(options);
    this.profile = options.profile;
    this.clock = new FakeClock(options.now);
    const seed = options.seed;
    this.etcd = new EtcdStore();
    this.api = new ApiServer(this.etcd, this.clock, new Rand(seed, 'kube-apiserver'));
    const configs = nodeConfigs(options, new Rand(seed, 'nodes'));
    const cpNode = configs[0]?.role === 'control-plane' ? (configs[0]?.name ?? '') : '';
    this.#system = new SystemController(this.api, configs[0]?.ip ?? '172.18.0.2');
    this.scheduler = new Scheduler(this.api, this.clock, new Rand(seed, 'kube-scheduler'), cpNode);
    this.controllerManager = new ControllerManager(this.api, this.clock, new Rand(seed, 'kube-controller-manager'));
    this.cloudControllerManager =
      options.profile === 'managed'
        ? new CloudControllerManager(this.api, this.clock, new Rand(seed, 'cloud-controller-manager'))
        : undefined;
    this.#kubelets = configs.map(
      (cfg) =>
        new Kubelet(
          cfg,
          { api: this.api, clock: this.clock, rand: new Rand(seed, `kubelet/${cfg.name}`) },
          {
            staticPods: cfg.role === 'control-plane' ? [...STATIC_PODS] : [],
            preload: KIND_IMAGES,
          },
        ),
    );
    this.faults = new Faults({
      api: this.api,
      etcd: this.etcd,
      setEtcdUp: (up) => {
        this.api.etcdUp = up;
        if (!up) this.api.dropWatches();
      },
      etcdUp: () => this.api.etcdUp,
      components: () => this.#controlPlane(),
      kubelets: this.#kubelets,
      controlPlaneKubelet: cpNode ? this.#kubelets[0] : undefined,
    });
  }

  /** Creates the system namespaces, the kubernetes Service and the add-ons, as kubeadm/kind do. */
  bootstrap(): void {
    this.#system.tick(this.clock.now(), true);
    installAddons(this.api, this.profile);
  }

  #controlPlane(): Component[] {
    const out: Component[] = [this.scheduler, this.controllerManager];
    if (this.cloudControllerManager) out.push(this.cloudControllerManager);
    return out;
  }

  get steps(): number {
    return this.#steps;
  }

  /** One deterministic round: the clock moves one tick, then every running component works its queue. */
  step(): void {
    this.clock.advance(TICK_MS);
    this.#steps++;
    const now = this.clock.now();
    this.#system.tick(now);
    this.controllerManager.tick(now);
    this.cloudControllerManager?.tick(now);
    this.scheduler.tick(now);
    // Indexed: step() runs once a round, too seldom to be optimised, and an unoptimised for-of
    // allocates per kubelet.
    const kubelets = this.#kubelets;
    for (let i = 0; i < kubelets.length; i++) (kubelets[i] as Kubelet).tick(now);
  }

  /** Whether any component has work in flight (back-off waits do not count). */
  busy(): boolean {
    if (!this.api.running || !this.api.etcdUp) return false;
    return this.#controlPlane().some((c) => c.busy()) || this.#kubelets.some((k) => k.busy());
  }

  /** Steps until a round changes nothing (lease renewals aside) and no component is busy. Returns the steps taken. */
  settle(opts: { maxSteps?: number } = {}): number {
    const max = opts.maxSteps ?? DEFAULT_MAX_STEPS;
    let n = 0;
    while (n < max) {
      const before = this.api.requestLog.mutations;
      this.step();
      n++;
      if (this.api.requestLog.mutations === before && !this.busy()) break;
    }
    return n;
  }

  /** Runs steps covering `ms` of simulated time. Returns the steps taken. */
  advance(ms: number): number {
    const n = Math.max(0, Math.ceil(ms / TICK_MS));
    for (let i = 0; i < n; i++) this.step();
    return n;
  }

  nodeNames(): string[] {
    return this.#kubelets.map((k) => k.name);
  }

  kubelet(node: string): Kubelet | undefined {
    return this.#kubelets.find((k) => k.name === node);
  }

  proxy(node: string): KubeProxy | undefined {
    let p = this.#proxies.get(node);
    if (p === undefined && this.kubelet(node)) {
      p = new KubeProxy(this.api, node, new Rand(this.options.seed, `kube-proxy/${node}`));
      this.#proxies.set(node, p);
    }
    return p;
  }

  components(): ComponentStatus[] {
    const hidden = this.profile === 'managed';
    const cp = hidden ? '' : (this.#kubelets[0]?.name ?? '');
    const out: ComponentStatus[] = [
      { name: 'etcd', node: cp, kind: 'control-plane', running: this.api.etcdUp },
      { name: 'kube-apiserver', node: cp, kind: 'control-plane', running: this.api.running },
      { name: 'kube-scheduler', node: cp, kind: 'control-plane', running: this.scheduler.running },
      { name: 'kube-controller-manager', node: cp, kind: 'control-plane', running: this.controllerManager.running },
    ];
    if (this.cloudControllerManager)
      out.push({
        name: 'cloud-controller-manager',
        node: '',
        kind: 'control-plane',
        running: this.cloudControllerManager.running,
      });
    for (const k of this.#kubelets) {
      out.push({ name: 'kubelet', node: k.name, kind: 'node', running: k.running });
      out.push({ name: 'containerd', node: k.name, kind: 'node', running: k.running });
      out.push({ name: 'kube-proxy', node: k.name, kind: 'node', running: k.running });
    }
    return out;
  }

  /** Events in etcd key order (as `kubectl get events` lists them); empty if the API is down. */
  events(opts: { namespace?: string } = {}): Event[] {
    const res = this.api.handle({
      verb: 'list',
      group: '',
      version: 'v1',
      resource: 'events',
      ...(opts.namespace ? { namespace: opts.namespace } : {}),
      userAgent: 'sandbox',
    });
    return res.code === 200 ? (res.body as { items: Event[] }).items : [];
  }

  /** Reads objects straight from the API as the sandbox UI would. */
  list<T extends KubeObject>(
    resource: string,
    opts: { group?: string; namespace?: string; labelSelector?: string; fieldSelector?: string } = {},
  ): T[] {
    const res = this.api.handle({
      verb: 'list',
      group: opts.group ?? (['deployments', 'replicasets', 'daemonsets'].includes(resource) ? 'apps' : ''),
      version: 'v1',
      resource,
      ...opts,
      userAgent: 'sandbox',
    });
    return res.code === 200 ? (res.body as { items: T[] }).items : [];
  }

  serialize(): ClusterState {
    return {
      format: 'sim-cluster/v1',
      options: { ...this.options },
      now: this.clock.now(),
      steps: this.#steps,
      etcd: this.etcd.snapshot(),
      faults: this.faults.state(),
    };
  }

  /** Rebuilds a cluster from serialize() output: etcd contents, time and faults; node agents adopt running containers. */
  static restore(state: ClusterState): Cluster {
    const c = new Cluster({ ...state.options, now: state.now, settle: false });
    c.#steps = state.steps;
    c.etcd.restore(state.etcd);
    for (const k of c.#kubelets) k.adoptRunning = true;
    c.faults.apply(state.faults);
    return c;
  }
}

export function createCluster(options: ClusterOptions): Cluster {
  const c = new Cluster(options);
  c.bootstrap();
  if (options.settle !== false) c.settle();
  return c;
}

export function restoreCluster(state: ClusterState): Cluster {
  return Cluster.restore(state);
}
