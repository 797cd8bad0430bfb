// What the cluster needs from every simulated process: a name, a tick per step, whether it still
// has work in flight (for settle), and stop/start for fault injection.

export type ControlPlaneComponent =
  'etcd' | 'kube-apiserver' | 'kube-scheduler' | 'kube-controller-manager' | 'cloud-controller-manager';

export interface Component {
  readonly name: string;
  readonly running: boolean;
  tick(now: number): void;
  busy(): boolean;
  stop(): void;
  start(): void;
}

export interface ComponentStatus {
  name: string;
  /** Node the component runs on ('' for the hidden control plane of a managed cluster). */
  node: string;
  kind: 'control-plane' | 'node';
  running: boolean;
}
