// Controllers that live inside kube-apiserver: the system namespaces controller (default,
// kube-system, kube-public, kube-node-lease always exist) and the `kubernetes` Service with its
// endpoints pointing at the API server. They recreate these after etcd loses them.

import type { ApiServer } from './server.ts';
import type { ApiRequest } from './request.ts';

const UA = 'kube-apiserver/v1.30.0 (linux/amd64) kubernetes/7c48c2b';
const NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
const INTERVAL = 10_000;

export class SystemController {
  readonly #api: ApiServer;
  readonly #endpointIP: string;
  #last = -Infinity;

  constructor(api: ApiServer, endpointIP: string) {
    this.#api = api;
    this.#endpointIP = endpointIP;
  }

  #req(r: Omit<ApiRequest, 'userAgent' | 'version'>): ApiRequest {
    return { ...r, version: 'v1', userAgent: UA };
  }

  tick(now: number, force = false): void {
    if (!this.#api.running || (!force && now - this.#last < INTERVAL)) return;
    this.#last = now;
    for (const ns of NAMESPACES) {
      if (this.#api.handle(this.#req({ verb: 'get', group: '', resource: 'namespaces', name: ns })).code === 404)
        this.#api.handle(
          this.#req({ verb: 'create', group: '', resource: 'namespaces', body: { metadata: { name: ns } } }),
        );
    }
    if (
      this.#api.handle(
        this.#req({ verb: 'get', group: '', resource: 'services', namespace: 'default', name: 'kubernetes' }),
      ).code === 404
    ) {
      this.#api.handle(
        this.#req({
          verb: 'create',
          group: '',
          resource: 'services',
          namespace: 'default',
          body: {
            metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
            spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
          },
        }),
      );
    }
    if (
      this.#api.handle(
        this.#req({ verb: 'get', group: '', resource: 'endpoints', namespace: 'default', name: 'kubernetes' }),
      ).code === 404
    ) {
      this.#api.handle(
        this.#req({
          verb: 'create',
          group: '',
          resource: 'endpoints',
          namespace: 'default',
          body: {
            metadata: { name: 'kubernetes', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
            subsets: [
              { addresses: [{ ip: this.#endpointIP }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] },
            ],
          },
        }),
      );
    }
  }
}
