/// <reference types="node" />
// Guards the Hands-on labs deck: it validates, covers the lesson's lab, exercise and the
// troubleshooting rows the simulation can reproduce, and is written in its own words.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDeckSource, type LabCard } from '../../src/deck/index.ts';

const source = readFileSync('decks/kubernetes-labs.yaml', 'utf8');
const result = validateDeckSource(source, 'decks/kubernetes-labs.yaml');
const labs = (result.deck?.cards ?? []).filter((c): c is LabCard => c.kind === 'lab');
const lesson = readFileSync('../shared/seed/000_6471c20fdc242ad8.txt', 'utf8');

const words = (t: string) =>
  t
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
const runs = (w: string[], n: number) =>
  w.slice(0, Math.max(0, w.length - n + 1)).map((_, i) => w.slice(i, i + n).join(' '));

describe('the Hands-on labs deck', () => {
  it('validates and holds only lab cards', () => {
    expect(result.problems).toEqual([]);
    expect(result.deck?.id).toBe('kubernetes-labs');
    expect(result.deck?.title).toBe('Hands-on labs');
    expect(labs.length).toBe(result.deck?.cards.length);
  });

  it('has a lab for the lesson lab, the exercise, each reproducible troubleshooting row, each stopped component, init containers and taints', () => {
    expect(labs.map((l) => l.id).sort()).toEqual(
      [
        'lab-first-cluster',
        'lab-self-healing-replacement',
        'lab-scale-down-demo',
        'lab-predict-scale-down',
        'lab-pending-pod',
        'lab-image-pull-backoff',
        'lab-stuck-in-init',
        'lab-taint-reserve-node',
        'lab-node-not-ready',
        'lab-connection-refused',
        'lab-managed-hidden-control-plane',
        'lab-scheduler-stopped',
        'lab-controller-manager-stopped',
      ].sort(),
    );
  });

  it('gives every goal lab hints and a solution', () => {
    for (const lab of labs.filter((l) => l.checks?.length)) {
      expect(lab.hints?.length, lab.id).toBeGreaterThan(0);
      expect(lab.solution?.length, lab.id).toBeGreaterThan(0);
    }
  });

  it('shares no run of 12 consecutive words with the lesson', () => {
    const lessonRuns = new Set(runs(words(lesson), 12));
    const copied = labs.flatMap((l) =>
      [
        l.title,
        l.goal,
        l.explanation,
        ...(l.hints ?? []),
        l.prediction?.question ?? '',
        ...(l.prediction?.choices ?? []),
      ]
        .flatMap((t) => runs(words(t), 12))
        .filter((r) => lessonRuns.has(r))
        .map((r) => `${l.id}: ${r}`),
    );
    expect(copied).toEqual([]);
  });
});
