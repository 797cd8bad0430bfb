// Liveness/readiness probe results against a simulated container (prober.go's messages).

import type { Container, Probe } from '../api/types.ts';
import type { ProcessPlan } from './images.ts';

export interface ProbeResult {
  ok: boolean;
  message: string;
}

function resolvePort(c: Container, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  const n = Number(port);
  if (Number.isInteger(n)) return n;
  return c.ports?.find((p) => p.name === port)?.containerPort;
}

export function runProbe(probe: Probe, c: Container, plan: ProcessPlan, podIP: string): ProbeResult {
  if (probe.httpGet) {
    const port = resolvePort(c, probe.httpGet.port);
    const path = probe.httpGet.path ?? '/';
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    if (port === undefined || !plan.ports.includes(port))
      return {
        ok: false,
        message: `Get "${scheme}://${podIP}:${String(port ?? probe.httpGet.port)}${path}": dial tcp ${podIP}:${String(port ?? probe.httpGet.port)}: connect: connection refused`,
      };
    const known =
      path === '/' ||
      path === '/index.html' ||
      path === '/health' ||
      path === '/healthz' ||
      path === '/ready' ||
      path === '/livez' ||
      path === '/readyz';
    return known ? { ok: true, message: '' } : { ok: false, message: 'HTTP probe failed with statuscode: 404' };
  }
  if (probe.tcpSocket) {
    const port = resolvePort(c, probe.tcpSocket.port);
    if (port === undefined || !plan.ports.includes(port))
      return {
        ok: false,
        message: `dial tcp ${podIP}:${String(port ?? probe.tcpSocket.port)}: connect: connection refused`,
      };
    return { ok: true, message: '' };
  }
  if (probe.exec) {
    const cmd = (probe.exec.command ?? []).join(' ');
    const cat = /\bcat\s+(\S+)/.exec(cmd);
    if (cat) return { ok: false, message: `cat: can't open '${cat[1] ?? ''}': No such file or directory\n` };
    if (/\bfalse\b|exit\s+[1-9]/.test(cmd)) return { ok: false, message: '' };
    return { ok: true, message: '' };
  }
  return { ok: true, message: '' };
}

export function probeTiming(p: Probe | undefined): { delay: number; period: number; failure: number; success: number } {
  return {
    delay: (p?.initialDelaySeconds ?? 0) * 1000,
    period: Math.max(1, p?.periodSeconds ?? 10) * 1000,
    failure: Math.max(1, p?.failureThreshold ?? 3),
    success: Math.max(1, p?.successThreshold ?? 1),
  };
}
