// What the sandbox needs from a simulated cluster, and how it makes one. The real implementation
// adapts the control plane's facade (src/sim/index.ts); tests may pass their own factory.

import type { ApiClient } from '../kubectl/index.ts';

export type ClusterProfile = 'kind' | 'kind-multi' | 'managed';

export interface ComponentState {
  name: string;
  running: boolean;
  /** Node the component runs on, if known. */
  node?: string;
  kind?: 'control-plane' | 'node';
}

export interface SimCluster {
  readonly api: ApiClient;
  /** The cluster's clock (it may run ahead of the session while the cluster bootstraps). */
  now(): number;
  advance(ms: number): void;
  /** Whether any component has work in flight (image pulls, queued reconciles). */
  busy(): boolean;
  stopComponent(name: string): void;
  startComponent(name: string): void;
  nodeDown(node: string): void;
  nodeUp(node: string): void;
  wipeEtcd(): void;
  snapshot(): unknown;
  restore(snapshot: unknown): void;
  components(): ComponentState[];
  nodeNames(): string[];
  serialize(): unknown;
}

export interface CreateClusterOptions {
  profile: ClusterProfile;
  name: string;
  workers: number;
  seed: number;
  now: number;
}

export interface ClusterFactory {
  create(opts: CreateClusterOptions): SimCluster;
  restore(state: unknown, now: number): SimCluster;
}

/** Components `sim stop|start` accepts. */
export const CONTROL_PLANE_COMPONENTS = [
  'kube-apiserver',
  'etcd',
  'kube-scheduler',
  'kube-controller-manager',
] as const;
