// Acceptance: the lesson's Hands-on lab and Exercise, typed as the lesson gives them, run through
// the sandbox from a script and compared line by line with the transcript real kubectl 1.30 /
// kind v0.23 would print (lesson-lab.expected.txt: headers, spacing, messages, name formats).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Session, defaultClusterFactory, transcript } from '../../../src/sim/shell/index.ts';

const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
const SCRIPT = readFileSync(here('./lesson-lab.sh'), 'utf8');
const EXPECTED = readFileSync(here('./lesson-lab.expected.txt'), 'utf8').split('\n');
const START = Date.parse('2024-05-20T10:00:00Z');

function compareLines(actual: string): void {
  const lines = actual.split('\n');
  for (let i = 0; i < Math.max(lines.length, EXPECTED.length); i++) expect(lines[i], `line ${i + 1}`).toBe(EXPECTED[i]);
}

describe('the lesson lab and exercise in the sandbox', () => {
  it('prints what kubectl and kind print, line by line (in process)', () => {
    const session = new Session({ seed: 1, now: START, clusters: defaultClusterFactory() });
    compareLines(transcript(session, SCRIPT));
  });

  it('creates the cluster and shows the control-plane pods Running', () => {
    const out = transcript(new Session({ seed: 1, now: START, clusters: defaultClusterFactory() }), SCRIPT);
    for (const c of ['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager'])
      expect(out).toMatch(new RegExp(`^kube-system {10}${c}-k8s-intro-control-plane +1/1 +Running +0 +\\d+s$`, 'm'));
    expect(out).toMatch(/^k8s-intro-control-plane {3}Ready {4}control-plane {3}\d+s +v1\.30\.0$/m);
  });

  it('brings a deleted web pod back under a new name (reconciliation)', () => {
    const out = transcript(new Session({ seed: 1, now: START, clusters: defaultClusterFactory() }), SCRIPT);
    const deleted = /^pod "(web-[4-9bcdf]{8,10}-[bcdfghjklmnpqrstvwxz2456789]{5})" deleted$/m.exec(out)?.[1];
    expect(deleted).toBeDefined();
    const watch = out.split('$ kubectl get pods -l app=web -w')[1]?.split('\n$ ')[0] ?? '';
    const names = [...watch.matchAll(/^(web-\S+)\s+1\/1\s+Running/gm)].map((m) => m[1]);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(deleted);
  });

  it('runs the same through `npm run sandbox -- --seed 1 < lesson-lab.sh` and exits 0', () => {
    const out = execFileSync(
      'sh',
      ['-c', `node_modules/.bin/tsx src/cli/sandbox.ts --seed 1 < ${here('./lesson-lab.sh')} 2>&1`],
      {
        cwd: here('../../..'),
        encoding: 'utf8',
      },
    );
    compareLines(out);
  }, 60_000);
});
