import { describe, expect, it } from 'vitest';
import { Session, defaultClusterFactory } from '../../../src/sim/shell/index.ts';
import { HOLD_MS, SAMPLE_MS, SETTLE_MS, checkLab, evaluateCheck, settleAndHold } from '../../../src/sim/labs/index.ts';
import type { LabCard, LabCheck } from '../../../src/deck/index.ts';
import { NOW } from './helpers.ts';

function session(): Session {
  const s = new Session({ seed: 1, now: NOW, clusters: defaultClusterFactory() });
  s.run('kind create cluster --name flap');
  return s;
}

const labWith = (check: LabCheck): LabCard => ({
  id: 'flap',
  kind: 'lab',
  domain: 'container-orchestration',
  competency: 'troubleshooting',
  title: 'flap',
  goal: 'flap',
  setup: [],
  checks: [check],
  solution: ['true'],
  explanation: 'flap',
});

describe('settleAndHold', () => {
  it('lets the settle time pass, then samples across the hold window', () => {
    const s = new Session({ seed: 1, now: NOW, clusters: defaultClusterFactory() });
    const seen: number[] = [];
    expect(settleAndHold(s, () => (seen.push(s.now() - NOW), true))).toBe(true);
    expect(seen[0]).toBe(SETTLE_MS);
    expect(seen.at(-1)).toBe(SETTLE_MS + HOLD_MS);
    expect(seen).toHaveLength(HOLD_MS / SAMPLE_MS + 1);
  });

  it('fails as soon as one sample fails, even if the state was right before', () => {
    let n = 0;
    expect(settleAndHold(new Session({ seed: 1, now: NOW, clusters: defaultClusterFactory() }), () => ++n < 4)).toBe(
      false,
    );
    expect(n).toBe(4);
  });
});

describe('a state that only holds for a moment', () => {
  it('does not pass: a bad image flips between ErrImagePull and ImagePullBackOff', () => {
    const s = session();
    s.run('kubectl create deployment bad --image=nginx:does-not-exist');
    const clusters = defaultClusterFactory();
    const statuses = new Set<string>();
    for (let t = 0; t < 180_000; t += 5_000) {
      s.advance(5_000);
      for (const status of ['ErrImagePull', 'ImagePullBackOff']) {
        if (evaluateCheck({ pods: 'app=bad', status }, { session: s, clusters }).ok) statuses.add(status);
      }
    }
    expect([...statuses].sort()).toEqual(['ErrImagePull', 'ImagePullBackOff']);
    for (const status of ['ErrImagePull', 'ImagePullBackOff']) {
      expect(checkLab(labWith({ pods: 'app=bad', status }), { session: s, clusters }).passed).toBe(false);
    }
    // The state that does hold throughout is accepted.
    expect(
      checkLab(labWith({ pods: 'app=bad', phase: 'Pending', ready: false }), { session: s, clusters }).passed,
    ).toBe(true);
  });
});
