// Service IP and NodePort allocation, like the API server's ipallocator/portallocator: random
// free values from the service CIDR (10.96.0.0/16) and the node port range (30000-32767).

import type { Service } from '../api/types.ts';
import type { Rand } from '../rand.ts';

export function allocateClusterIP(existing: readonly Service[], rand: Rand): string {
  const used = new Set<string>();
  for (const s of existing) for (const ip of s.spec?.clusterIPs ?? [s.spec?.clusterIP ?? '']) used.add(ip);
  for (;;) {
    // Skip 10.96.0.0 (network), 10.96.0.1 (kubernetes) and 10.96.0.10 (kube-dns) like the real upper-range preference does.
    const n = 16 + rand.int(65_500);
    const ip = `10.96.${n >> 8}.${n & 255}`;
    if (!used.has(ip) && (n & 255) !== 0 && (n & 255) !== 255) return ip;
  }
}

export function allocateNodePort(existing: readonly Service[], rand: Rand): number {
  const used = new Set<number>();
  for (const s of existing) for (const p of s.spec?.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  for (;;) {
    const port = 30000 + rand.int(2768);
    if (!used.has(port)) return port;
  }
}
