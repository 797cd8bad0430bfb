import { describe, expect, it } from 'vitest';
import { runPrediction } from '../../../src/sim/labs/index.ts';
import { lab, start } from './helpers.ts';

const PREDICTION_LABS = [
  'lab-self-healing-replacement',
  'lab-predict-scale-down',
  'lab-node-not-ready',
  'lab-managed-hidden-control-plane',
  'lab-scheduler-stopped',
  'lab-controller-manager-stopped',
];

describe.each(PREDICTION_LABS)('%s prediction', (id) => {
  const card = lab(id);
  const p = card.prediction;
  if (!p) throw new Error(`${id} has no prediction`);

  it('is judged right when the learner picks what the simulation then does', () => {
    const result = runPrediction(card, start(card), p.answer);
    expect(result.observed).toEqual([p.answer]);
    expect(result.correct).toBe(true);
    expect(result.message).toMatch(/^Right/);
  });

  it('is judged wrong for every other choice, naming what really happened', () => {
    for (let i = 0; i < p.choices.length; i++) {
      if (i === p.answer) continue;
      const result = runPrediction(card, start(card), i);
      expect(result.correct).toBe(false);
      expect(result.message).toContain(p.choices[p.answer] ?? '');
    }
  });
});

describe('predictions read the simulation, not the key', () => {
  it('counts only events the scenario caused', () => {
    const card = lab('lab-self-healing-replacement');
    const run = start(card);
    // Before the scenario, the ReplicaSet controller has already created two Pods: those events
    // must not count as the answer.
    const result = runPrediction(card, run, 1);
    expect(result.results[1]?.ok).toBe(true);
    expect(result.transcript).toContain('deleted');
    const again = runPrediction(
      { ...card, prediction: { ...card.prediction!, scenario: ['kubectl get pods'] } },
      start(card),
      1,
    );
    expect(again.observed).toEqual([]);
  });

  it('follows the simulation when it contradicts the written key', () => {
    const card = lab('lab-scheduler-stopped');
    const wrongKey = { ...card, prediction: { ...card.prediction!, answer: 2 } };
    const result = runPrediction(wrongKey, start(card), 0);
    expect(result.actual).toBe(0);
    expect(result.correct).toBe(true);
  });
});
