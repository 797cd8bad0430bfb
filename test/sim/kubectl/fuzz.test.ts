import { describe, expect, it } from 'vitest';
import { Rand } from '../../../src/sim/rand.ts';
import { Session, defaultClusterFactory } from '../../../src/sim/shell/index.ts';
import { fakeFactory } from './fake-cluster.ts';
import { runKubectl } from '../../../src/sim/kubectl/index.ts';
import { bareApi } from './bare-api.ts';

const WORDS = [
  'kubectl',
  'k',
  'get',
  'describe',
  'create',
  'apply',
  'delete',
  'scale',
  'rollout',
  'status',
  'history',
  'undo',
  'restart',
  'set',
  'image',
  'expose',
  'run',
  'label',
  'annotate',
  'taint',
  'gpu=true:NoSchedule',
  'gpu:NoExecute-',
  'patch',
  '-p',
  '{"spec":{"replicas":2}}',
  '--type',
  'json',
  '[{"op":"remove","path":"/spec"}]',
  'wait',
  '--for=condition=Ready',
  '--for=delete',
  "--for=jsonpath='{.status.phase}'=Running",
  '--timeout=3s',
  'top',
  'exec',
  'cordon',
  'uncordon',
  'drain',
  'logs',
  'cluster-info',
  'version',
  'api-resources',
  'config',
  'current-context',
  'get-contexts',
  'use-context',
  'events',
  'deployment',
  'deploy',
  'pods',
  'po',
  'pod/x',
  'svc',
  'no',
  'ns',
  'ev',
  'rs',
  'nodes',
  'web',
  'demo',
  'nginx',
  '-n',
  'kube-system',
  '-A',
  '-l',
  'app=web',
  '--field-selector',
  'status.phase=Running',
  '-o',
  'wide',
  'yaml',
  'json',
  'name',
  'jsonpath={.items[*].metadata.name}',
  'jsonpath={',
  '--sort-by',
  '.lastTimestamp',
  '-w',
  '--grace-period=0',
  '--wait=false',
  '--dry-run=client',
  '--replicas=3',
  '--replicas',
  'x',
  '--image=nginx',
  '--all',
  '--force',
  '-f',
  '-',
  'f.yaml',
  'pod.yaml',
  '--port=80',
  '|',
  'head',
  '-1',
  'tail',
  'grep',
  'wc',
  '-l',
  'kind',
  'cluster',
  'minikube',
  'start',
  'etcdctl',
  'snapshot',
  'save',
  'restore',
  'snap.db',
  'sim',
  'stop',
  'etcd',
  'wipe',
  'node',
  'down',
  'up',
  'kube-scheduler',
  'sleep',
  '2',
  '"',
  "'",
  '<<EOF',
  '>',
  '&&',
  '||',
  ';',
  '--',
  '=',
  '-',
  '--=',
  '-zz',
  '{}',
  '[',
  ']',
  '\\',
  'app=',
  '--context',
  'kind-kind',
  'cat',
  'ls',
  'rm',
  'echo',
  '$',
  '#',
  'ümlaut',
  '--output=yaml',
  '-ojson',
  'all',
  'deployments.apps',
];

function randomLine(r: Rand): string {
  if (r.int(10) === 0) {
    // raw noise, including control characters and unbalanced quotes
    let s = '';
    const n = r.int(40);
    for (let i = 0; i < n; i++) s += String.fromCharCode(r.int(10) === 0 ? r.int(32) : 32 + r.int(95));
    return s;
  }
  const n = 1 + r.int(8);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(WORDS[r.int(WORDS.length)] ?? '');
  return words.join(' ');
}

/** Messages that betray a JavaScript exception swallowed by the catch-all. */
const JS_ERROR =
  /Cannot read|is not a function|is not iterable|undefined|Maximum call stack|Unexpected token|Invalid regular expression|\[object Object\]/;

describe('fuzzing the sandbox terminal', () => {
  it('answers thousands of random lines with output or an error and never throws (no cluster)', () => {
    const s = new Session({
      seed: 9,
      now: 0,
      clusters: fakeFactory(),
      stepMs: 100,
      watchQuietMs: 1000,
      watchMaxMs: 3000,
    });
    const r = new Rand(42, 'fuzz');
    for (let i = 0; i < 3000; i++) {
      const line = randomLine(r);
      const res = s.run(line);
      expect(typeof res.exitCode, line).toBe('number');
      expect(res.stderr, line).not.toMatch(JS_ERROR);
      if (res.exitCode !== 0 && /^\s*(kubectl|k|kind|etcdctl|sim)\s/.test(line) && !/[|;&>#]/.test(line))
        expect(res.stderr.length + res.stdout.length, line).toBeGreaterThan(0);
    }
  });

  it('answers random kubectl argv against a live API server with output or a kubectl-style error', () => {
    const b = bareApi({
      'f.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-file\n',
      'pod.yaml': 'kind: Pod\n',
    });
    b.kubectl('create deployment web --image=nginx --replicas=2');
    b.kubectl('run nginx --image=nginx');
    b.create('nodes', { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: {} }, '');
    const r = new Rand(43, 'fuzz');
    for (let i = 0; i < 3000; i++) {
      const n = r.int(7);
      const argv: string[] = [];
      for (let k = 0; k < n; k++) argv.push(WORDS[r.int(WORDS.length)] ?? '');
      const env = b.env('kind: Pod\n');
      env.watchQuietMs = 1000;
      env.watchMaxMs = 2000;
      const res = runKubectl(argv, env);
      const line = argv.join(' ');
      expect(res.stderr, line).not.toMatch(JS_ERROR);
      if (res.exitCode !== 0)
        expect(res.stderr, line).toMatch(
          /^(error: |Error from server|Error in configuration|You must specify|Warning: |E\d{4} |The connection)/m,
        );
    }
  }, 120_000);

  it('answers random lines in a session with a live kind cluster without throwing', () => {
    const s = new Session({
      seed: 11,
      now: 0,
      clusters: defaultClusterFactory(),
      stepMs: 200,
      watchQuietMs: 1000,
      watchMaxMs: 3000,
    });
    s.run('kind create cluster');
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    const r = new Rand(44, 'fuzz');
    for (let i = 0; i < 1000; i++) {
      const line = randomLine(r);
      const res = s.run(line);
      expect(res.stderr, line).not.toMatch(JS_ERROR);
      if (res.exitCode !== 0 && /^\s*(kubectl|k|kind|etcdctl|sim)\s/.test(line) && !/[|;&>#]/.test(line))
        expect(res.stderr.length + res.stdout.length, line).toBeGreaterThan(0);
    }
  }, 120_000);
});
