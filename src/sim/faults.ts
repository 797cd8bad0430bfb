// Fault injection for labs: stop/start control-plane components, power a node off/on, fill a
// node's resources, lose etcd. On kind profiles a stopped component's static pod also goes away
// (its manifest was moved out of /etc/kubernetes/manifests), as on a real kubeadm node.

import type { ApiServer } from './apiserver/server.ts';
import type { EtcdStore } from './etcd/store.ts';
import type { Kubelet } from './kubelet/kubelet.ts';
import type { Component, ControlPlaneComponent } from './component.ts';

export interface FaultState {
  stopped: ControlPlaneComponent[];
  nodesDown: string[];
  filled: string[];
}

interface Deps {
  api: ApiServer;
  etcd: EtcdStore;
  setEtcdUp: (up: boolean) => void;
  etcdUp: () => boolean;
  components: () => Component[];
  kubelets: readonly Kubelet[];
  controlPlaneKubelet: Kubelet | undefined;
}

export class Faults {
  readonly #d: Deps;
  readonly #down = new Set<string>();
  readonly #filled = new Set<string>();

  constructor(deps: Deps) {
    this.#d = deps;
  }

  #component(name: ControlPlaneComponent): Component | undefined {
    return this.#d.components().find((c) => c.name === name);
  }

  #kubelet(node: string): Kubelet | undefined {
    return this.#d.kubelets.find((x) => x.name === node);
  }

  stop(name: ControlPlaneComponent): void {
    if (name === 'kube-apiserver') this.#d.api.stop();
    else if (name === 'etcd') this.#d.setEtcdUp(false);
    else this.#component(name)?.stop();
    this.#d.controlPlaneKubelet?.setStaticPod(name, false);
  }

  start(name: ControlPlaneComponent): void {
    if (name === 'kube-apiserver') this.#d.api.start();
    else if (name === 'etcd') this.#d.setEtcdUp(true);
    else this.#component(name)?.start();
    this.#d.controlPlaneKubelet?.setStaticPod(name, true);
  }

  isRunning(name: ControlPlaneComponent): boolean {
    if (name === 'kube-apiserver') return this.#d.api.running;
    if (name === 'etcd') return this.#d.etcdUp();
    return this.#component(name)?.running ?? false;
  }

  /** The node loses power: kubelet, containerd and every container on it stop. */
  /** Returns false if there is no such node. */
  nodeDown(node: string): boolean {
    const k = this.#kubelet(node);
    if (!k) return false;
    k.powerOff();
    this.#down.add(node);
    return true;
  }

  nodeUp(node: string): boolean {
    const k = this.#kubelet(node);
    if (!k) return false;
    k.powerOn();
    this.#down.delete(node);
    return true;
  }

  /** The node's allocatable resources shrink to what is already in use: new pods no longer fit. */
  fillNode(node: string): boolean {
    const k = this.#kubelet(node);
    if (!k) return false;
    k.fill();
    this.#filled.add(node);
    return true;
  }

  unfillNode(node: string): boolean {
    const k = this.#kubelet(node);
    if (!k) return false;
    k.unfill();
    this.#filled.delete(node);
    return true;
  }

  /** etcd's data is lost: every object is gone (take a snapshot first to restore it). */
  wipeEtcd(): void {
    this.#d.etcd.wipe();
  }

  state(): FaultState {
    const stopped = (
      ['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager'] as const
    ).filter((c) => (c !== 'cloud-controller-manager' || this.#component(c) !== undefined) && !this.isRunning(c));
    return { stopped, nodesDown: [...this.#down], filled: [...this.#filled] };
  }

  apply(s: FaultState): void {
    for (const c of s.stopped) this.stop(c);
    for (const n of s.nodesDown) this.nodeDown(n);
    for (const n of s.filled) this.fillNode(n);
  }
}
