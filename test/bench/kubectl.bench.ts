// kubectl budget: `kubectl get pods -A` end to end (API list as a Table, NAMESPACE column, tab
// writer, output) on a cluster holding 3,000 pods. Median of several runs.

import { performance } from 'node:perf_hooks';
import { runKubectl } from '../../src/sim/kubectl/index.ts';
import { Session, defaultClusterFactory } from '../../src/sim/shell/index.ts';

interface BenchRow {
  name: string;
  value: number;
  unit: 'ms' | 'KiB' | 'MB' | 'score';
  budget: number;
  better: 'lower' | 'higher';
}

const PODS = 3000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

export default async function (): Promise<BenchRow[]> {
  const session = new Session({ seed: 1, now: Date.parse('2024-05-20T10:00:00Z'), clusters: defaultClusterFactory() });
  session.run('kind create cluster --name bench');
  const api = session.currentCluster()?.api;
  if (!api) throw new Error('no cluster');
  for (let i = 0; i < PODS; i++) {
    const ns = `team-${i % 10}`;
    if (i < 10)
      api.handle({
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'namespaces',
        body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
        userAgent: 'bench',
      });
    const res = api.handle({
      verb: 'create',
      group: '',
      version: 'v1',
      resource: 'pods',
      namespace: ns,
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `app-${i}`, labels: { app: `app-${i % 50}` } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
      userAgent: 'bench',
    });
    if (res.code >= 300) throw new Error(`pod create failed: ${JSON.stringify(res.body)}`);
  }
  const env = session.kubectlEnv('');
  const times: number[] = [];
  let lines = 0;
  for (let i = 0; i < 30; i++) runKubectl(['get', 'pods', '-A'], env); // JIT warm-up: steady state, as in a long-lived app
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    const r = runKubectl(['get', 'pods', '-A'], env);
    times.push(performance.now() - t0);
    lines = r.stdout.split('\n').length - 1;
  }
  if (lines < PODS) throw new Error(`expected at least ${PODS} rows, got ${lines}`);
  await Promise.resolve();
  return [
    {
      name: `kubectl get pods -A, ${PODS} pods (median of 11)`,
      value: median(times),
      unit: 'ms',
      budget: 20,
      better: 'lower',
    },
  ];
}
