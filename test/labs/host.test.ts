// The lab worker's host, driven directly: start, terminal commands, check, prediction, reset.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateDeckSource, type LabCard } from '../../src/deck/index.ts';
import { LabHost } from '../../src/labs/host.ts';
import type { LabCallMessage, LabWorkerMessage } from '../../src/labs/protocol.ts';

const deck = validateDeckSource(readFileSync('decks/kubernetes-labs.yaml', 'utf8'), 'labs.yaml').deck;
const lab = (id: string) => deck?.cards.find((c): c is LabCard => c.id === id && c.kind === 'lab') as LabCard;
const NOW = Date.UTC(2026, 0, 5);

function host(): { call: (msg: Omit<LabCallMessage, 'id'>) => Promise<LabWorkerMessage> } {
  const replies: LabWorkerMessage[] = [];
  const h = new LabHost((m) => replies.push(m));
  let id = 0;
  return {
    call: async (msg) => {
      await h.receive({ ...msg, id: ++id } as LabCallMessage);
      const r = replies.find((x) => x.id === id);
      if (!r) throw new Error('no reply');
      return r;
    },
  };
}

const result = <T>(r: LabWorkerMessage): T => {
  if (!r.ok) throw new Error(r.error);
  return r.result as T;
};

describe('LabHost', () => {
  it('sets a lab up, runs the learner commands and passes the check', async () => {
    const h = host();
    const started = result<{ lines: { text: string }[] }>(
      await h.call({ call: 'start', args: { card: lab('lab-pending-pod'), seed: 3, now: NOW } }),
    );
    expect(started.lines[0]?.text).toContain('Already done for you');
    const failed = result<{ passed: boolean; results: { description: string }[] }>(
      await h.call({ call: 'check', args: {} }),
    );
    expect(failed.passed).toBe(false);
    expect(failed.results[0]?.description).toBe('pod picky is Running, ready');
    result(await h.call({ call: 'run', args: { line: 'kubectl label node lab-control-plane disktype=ssd' } }));
    expect(result<{ passed: boolean }>(await h.call({ call: 'check', args: {} })).passed).toBe(true);
  });

  it('starts over on a second start (Reset)', async () => {
    const h = host();
    const card = lab('lab-pending-pod');
    await h.call({ call: 'start', args: { card, seed: 3, now: NOW } });
    await h.call({ call: 'run', args: { line: 'kubectl label node lab-control-plane disktype=ssd' } });
    await h.call({ call: 'start', args: { card, seed: 3, now: NOW } });
    expect(result<{ passed: boolean }>(await h.call({ call: 'check', args: {} })).passed).toBe(false);
  });

  it('runs a prediction and reports what the simulation did', async () => {
    const h = host();
    await h.call({ call: 'start', args: { card: lab('lab-scheduler-stopped'), seed: 3, now: NOW } });
    const p = result<{ correct: boolean; actual: number; lines: { text: string }[] }>(
      await h.call({ call: 'predict', args: { choice: 2 } }),
    );
    expect(p.correct).toBe(false);
    expect(p.actual).toBe(0);
    expect(p.lines[0]?.text).toContain('$ kubectl create deployment web --image=nginx');
  });

  it('answers an error, not a crash, when called before start', async () => {
    const r = await host().call({ call: 'check', args: {} });
    expect(r).toMatchObject({ ok: false, error: 'the lab is not started' });
  });
});

describe('LabHost reset after a prediction', () => {
  it('replays the prediction scenario so the goal stays reachable', async () => {
    const h = host();
    const card = lab('lab-scheduler-stopped');
    await h.call({ call: 'start', args: { card, seed: 3, now: NOW } });
    await h.call({ call: 'predict', args: { choice: 0 } });
    const again = result<{ lines: { text: string }[] }>(
      await h.call({ call: 'start', args: { card, seed: 3, now: NOW, replay: true } }),
    );
    expect(again.lines[1]?.text).toContain('$ kubectl create deployment web --image=nginx');
    await h.call({ call: 'run', args: { line: 'sim start kube-scheduler' } });
    expect(result<{ passed: boolean }>(await h.call({ call: 'check', args: {} })).passed).toBe(true);
  });
});
