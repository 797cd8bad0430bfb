// kube-proxy (iptables mode) for one node: turns Services and their Endpoints into NAT rules and
// answers "where does a packet to this Service IP go?" by picking one ready backend at random,
// as the iptables statistic match does. It syncs lazily, when its rules are first looked at.

import type { Endpoints, Service, ServicePort } from '../api/types.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { Rand } from '../rand.ts';
import { Informer } from '../client/informer.ts';
import { fnv32a } from '../api/names.ts';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function chain(prefix: string, key: string): string {
  let s = '';
  let h = fnv32a(key);
  let h2 = fnv32a(`${key}#`);
  for (let i = 0; i < 16; i++) {
    s += B32[(i < 8 ? h : h2) & 31];
    if (i < 8) h >>>= 4;
    else h2 >>>= 4;
  }
  return `${prefix}-${s}`;
}

export interface Backend {
  ip: string;
  port: number;
  pod: string;
}

export type RouteResult = { ok: true; service: string; backend: Backend } | { ok: false; error: string };

export class KubeProxy {
  readonly node: string;
  readonly #rand: Rand;
  readonly #services: Informer<Service>;
  readonly #endpoints: Informer<Endpoints>;

  constructor(api: ApiServer, node: string, rand: Rand) {
    this.node = node;
    this.#rand = rand;
    const ua = `kube-proxy/v1.30.0 (linux/amd64) kubernetes/7c48c2b ${node}`;
    this.#services = new Informer<Service>(api, { group: '', version: 'v1', resource: 'services' }, ua);
    this.#endpoints = new Informer<Endpoints>(api, { group: '', version: 'v1', resource: 'endpoints' }, ua);
  }

  #sync(): void {
    this.#services.sync();
    this.#endpoints.sync();
  }

  #backends(svc: Service, port: ServicePort): Backend[] {
    const ep = this.#endpoints.get(`${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`);
    const out: Backend[] = [];
    for (const ss of ep?.subsets ?? []) {
      const p = (ss.ports ?? []).find(
        (x) => (x.name ?? '') === (port.name ?? '') && (x.protocol ?? 'TCP') === (port.protocol ?? 'TCP'),
      );
      if (!p) continue;
      for (const a of ss.addresses ?? []) out.push({ ip: a.ip, port: p.port, pod: a.targetRef?.name ?? '' });
    }
    return out;
  }

  /** iptables-save style NAT rules for every Service port (KUBE-SERVICES -> KUBE-SVC -> KUBE-SEP). */
  rules(): string[] {
    this.#sync();
    const lines = ['*nat', ':KUBE-SERVICES - [0:0]', ':KUBE-NODEPORTS - [0:0]'];
    for (const svc of this.#services.list()) {
      const ip = svc.spec.clusterIP;
      if (!ip || ip === 'None') continue;
      for (const port of svc.spec.ports ?? []) {
        const proto = (port.protocol ?? 'TCP').toLowerCase();
        const spn = `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}${port.name ? `:${port.name}` : ''}`;
        const svcChain = chain('KUBE-SVC', `${spn}${proto}`);
        const backends = this.#backends(svc, port);
        if (backends.length === 0) {
          lines.push(
            `-A KUBE-SERVICES -d ${ip}/32 -p ${proto} -m comment --comment "${spn} has no endpoints" -m ${proto} --dport ${port.port} -j REJECT --reject-with icmp-port-unreachable`,
          );
          continue;
        }
        lines.push(
          `-A KUBE-SERVICES -d ${ip}/32 -p ${proto} -m comment --comment "${spn} cluster IP" -m ${proto} --dport ${port.port} -j ${svcChain}`,
        );
        if (port.nodePort)
          lines.push(
            `-A KUBE-NODEPORTS -p ${proto} -m comment --comment "${spn}" -m ${proto} --dport ${port.nodePort} -j ${svcChain}`,
          );
        backends.forEach((b, i) => {
          const sep = chain('KUBE-SEP', `${spn}${proto}${b.ip}:${b.port}`);
          const left = backends.length - i;
          const prob = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(11)}` : '';
          lines.push(`-A ${svcChain} -m comment --comment "${spn} -> ${b.ip}:${b.port}"${prob} -j ${sep}`);
          lines.push(
            `-A ${sep} -p ${proto} -m comment --comment "${spn}" -m ${proto} -j DNAT --to-destination ${b.ip}:${b.port}`,
          );
        });
      }
    }
    lines.push('COMMIT');
    return lines;
  }

  /** Where a connection from this node to ip:port lands: one ready backend, chosen at random. */
  route(ip: string, port: number, protocol = 'TCP'): RouteResult {
    this.#sync();
    for (const svc of this.#services.list()) {
      for (const p of svc.spec.ports ?? []) {
        const proto = p.protocol ?? 'TCP';
        if (proto !== protocol) continue;
        const hit =
          (svc.spec.clusterIP === ip && p.port === port) || (p.nodePort === port && ip !== svc.spec.clusterIP);
        if (!hit) continue;
        const name = `${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`;
        const backends = this.#backends(svc, p);
        if (backends.length === 0) return { ok: false, error: `dial tcp ${ip}:${port}: connect: connection refused` };
        return { ok: true, service: name, backend: backends[this.#rand.int(backends.length)] as Backend };
      }
    }
    return { ok: false, error: `dial tcp ${ip}:${port}: i/o timeout` };
  }
}
