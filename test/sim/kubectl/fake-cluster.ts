// A stand-in cluster for session tests that do not need the control plane: an empty API that
// answers lists, records requests and knows its node names.

import type { ApiRequest, ApiResponse } from '../../../src/sim/apiserver/request.ts';
import type { ClusterFactory, CreateClusterOptions, SimCluster } from '../../../src/sim/shell/index.ts';

export class FakeCluster implements SimCluster {
  readonly requests: ApiRequest[] = [];
  readonly stopped = new Set<string>();
  elapsed = 0;
  wiped = false;
  restored: unknown;
  constructor(readonly opts: CreateClusterOptions) {}
  readonly api = {
    handle: (req: ApiRequest): ApiResponse => {
      this.requests.push(req);
      if (this.stopped.has('kube-apiserver'))
        return { code: 0, body: { kind: 'Status', reason: 'ServiceUnavailable' }, connectionRefused: true };
      if (req.verb === 'list' && req.asTable)
        return { code: 200, body: { kind: 'Table', columnDefinitions: [{ name: 'Name', format: 'name' }], rows: [] } };
      if (req.verb === 'list') return { code: 200, body: { kind: 'List', items: [] } };
      return {
        code: 404,
        body: {
          kind: 'Status',
          status: 'Failure',
          reason: 'NotFound',
          message: `${req.resource} "${req.name ?? ''}" not found`,
          code: 404,
        },
      };
    },
    watch: () => () => undefined,
  };
  advance(ms: number): void {
    this.elapsed += ms;
  }
  busy(): boolean {
    return false;
  }
  now(): number {
    return this.opts.now + this.elapsed;
  }
  stopComponent(n: string): void {
    this.stopped.add(n);
  }
  startComponent(n: string): void {
    this.stopped.delete(n);
  }
  nodeDown(n: string): void {
    this.stopped.add(`kubelet/${n}`);
  }
  nodeUp(n: string): void {
    this.stopped.delete(`kubelet/${n}`);
  }
  wipeEtcd(): void {
    this.wiped = true;
  }
  snapshot(): unknown {
    return { revision: 7, kvs: [{ key: '/registry/namespaces/default' }] };
  }
  restore(s: unknown): void {
    this.restored = s;
  }
  components() {
    return ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((name) => ({
      name,
      running: !this.stopped.has(name),
    }));
  }
  nodeNames(): string[] {
    const n = this.opts.name;
    return [
      `${n}-control-plane`,
      ...Array.from({ length: this.opts.workers }, (_, i) => `${n}-worker${i === 0 ? '' : i + 1}`),
    ];
  }
  serialize(): unknown {
    return { opts: this.opts, elapsed: this.elapsed };
  }
}

export function fakeFactory(): ClusterFactory & { made: FakeCluster[] } {
  const made: FakeCluster[] = [];
  return {
    made,
    create(opts) {
      const c = new FakeCluster(opts);
      made.push(c);
      return c;
    },
    restore(state) {
      const s = state as { opts: CreateClusterOptions; elapsed: number };
      const c = new FakeCluster(s.opts);
      c.elapsed = s.elapsed;
      made.push(c);
      return c;
    },
  };
}
