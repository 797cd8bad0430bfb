// The sandbox's clusters are the control plane's own (src/sim/index.ts): this adapter maps its
// Cluster facade onto the SimCluster port and keeps the cluster clock in whole simulated ticks
// while the session moves time in arbitrary milliseconds.

import {
  TICK_MS,
  createCluster,
  restoreCluster,
  type Cluster,
  type ClusterState,
  type ControlPlaneComponent,
  type Snapshot,
} from '../index.ts';
import type { ClusterFactory, ComponentState, SimCluster } from './cluster-port.ts';

class FacadeCluster implements SimCluster {
  readonly #c: Cluster;
  #pending = 0;

  constructor(c: Cluster) {
    this.#c = c;
  }

  get api(): SimCluster['api'] {
    return this.#c.api;
  }

  now(): number {
    return this.#c.clock.now();
  }

  advance(ms: number): void {
    this.#pending += ms;
    const n = Math.floor(this.#pending / TICK_MS);
    this.#pending -= n * TICK_MS;
    for (let i = 0; i < n; i++) this.#c.step();
  }

  busy(): boolean {
    return this.#c.busy();
  }

  stopComponent(name: string): void {
    this.#c.faults.stop(name as ControlPlaneComponent);
  }

  startComponent(name: string): void {
    this.#c.faults.start(name as ControlPlaneComponent);
  }

  nodeDown(node: string): void {
    this.#c.faults.nodeDown(node);
  }

  nodeUp(node: string): void {
    this.#c.faults.nodeUp(node);
  }

  wipeEtcd(): void {
    this.#c.faults.wipeEtcd();
  }

  snapshot(): unknown {
    return this.#c.etcd.snapshot();
  }

  restore(snapshot: unknown): void {
    this.#c.etcd.restore(snapshot as Snapshot);
  }

  components(): ComponentState[] {
    return this.#c
      .components()
      .map((s) => ({ name: s.name, running: s.running, node: s.node || undefined, kind: s.kind }));
  }

  nodeNames(): string[] {
    return this.#c.nodeNames();
  }

  serialize(): unknown {
    return { cluster: this.#c.serialize(), pending: this.#pending };
  }

  static restore(state: unknown): FacadeCluster {
    const s = state as { cluster: ClusterState; pending: number };
    const c = new FacadeCluster(restoreCluster(s.cluster));
    c.#pending = s.pending;
    return c;
  }
}

export function defaultClusterFactory(): ClusterFactory {
  return {
    create: (o) =>
      new FacadeCluster(
        createCluster({
          profile: o.profile,
          name: o.name,
          workers: o.profile === 'kind' ? undefined : o.workers,
          seed: o.seed,
          now: o.now,
        }),
      ),
    restore: (state) => FacadeCluster.restore(state),
  };
}
