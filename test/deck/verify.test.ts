/// <reference types="node" />
// The sim-backed step of deck validation: quiz keys checked against the simulated cluster, labs
// run from setup to solution, and every disagreement reported at file:line:column.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, validateDeckSource } from '../../src/deck/index.ts';
import { simulateDeck } from '../../src/deck/node/simulate.ts';

const HEAD = `id: demo
title: Demo
cards:
`;

const QUIZ = `  - id: who-replaces
    kind: quiz
    domain: kubernetes-fundamentals
    competency: core-concepts
    question: You delete a web Pod. Which component creates its replacement?
    choices:
      - kube-scheduler
      - The ReplicaSet controller
    answer: KEY
    verify:
      setup:
        - kind create cluster --name verify
        - kubectl create deployment web --image=nginx --replicas=2
        - kubectl rollout status deployment/web
      scenario:
        - kubectl delete pod -l app=web --wait=false
      expect:
        - event: { reason: SuccessfulCreate, source: default-scheduler }
        - event: { reason: SuccessfulCreate, source: replicaset-controller }
    explanation: The ReplicaSet controller closes the gap.
`;

function problems(source: string): string[] {
  const result = validateDeckSource(source, 'decks/demo.yaml');
  expect(result.problems.map(formatProblem)).toEqual([]);
  if (!result.deck) throw new Error('invalid deck');
  return simulateDeck(result.deck, source, 'decks/demo.yaml').map(formatProblem);
}

describe('quiz verify', () => {
  it('accepts a key that matches what the simulated cluster does', () => {
    expect(problems(HEAD + QUIZ.replace('KEY', '1'))).toEqual([]);
  });

  it('catches a wrong key with the location of the verify block', () => {
    expect(problems(HEAD + QUIZ.replace('KEY', '0'))).toEqual([
      'decks/demo.yaml:14:7: who-replaces: verify: key says "kube-scheduler" but the simulation shows "The ReplicaSet controller"',
    ]);
  });

  it('reports a scenario command that fails', () => {
    const broken = QUIZ.replace('KEY', '1').replace(
      'kubectl delete pod -l app=web --wait=false',
      'kubectl delete deployment nothere',
    );
    expect(problems(HEAD + broken)).toEqual([
      'decks/demo.yaml:19:9: who-replaces: verify scenario: `kubectl delete deployment nothere` exited non-zero',
    ]);
  });

  it('checks the statically wrong shapes without running the simulation', () => {
    const source =
      HEAD +
      QUIZ.replace('KEY', '1').replace(
        / {8}- event: \{ reason: SuccessfulCreate, source: replicaset-controller \}\n/,
        '',
      );
    const result = validateDeckSource(source, 'decks/demo.yaml');
    expect(result.problems.map(formatProblem)).toEqual([
      'decks/demo.yaml:21:9: "expect" has 1 items but there are 2 choices (use null for a choice the simulation cannot decide)',
    ]);
  });
});

const LAB = String.raw`  - id: pending
    kind: lab
    domain: container-orchestration
    competency: troubleshooting
    title: Pending pod
    goal: Get picky running.
    setup:
      - kind create cluster --name lab
      - |-
        kubectl apply -f - <<EOF
        apiVersion: v1
        kind: Pod
        metadata: { name: picky }
        spec:
          nodeSelector: { disktype: ssd }
          containers: [{ name: app, image: nginx }]
        EOF
    checks:
      - { pod: picky, phase: Running }
    solution:
      - SOLUTION
    explanation: Label the node.
`;

describe('lab verification', () => {
  it('runs the solution and accepts a lab it solves', () => {
    expect(problems(HEAD + LAB.replace('SOLUTION', 'kubectl label node lab-control-plane disktype=ssd'))).toEqual([]);
  });

  it('reports a solution that does not reach the goal', () => {
    expect(problems(HEAD + LAB.replace('SOLUTION', 'kubectl get pods'))).toEqual([
      'decks/demo.yaml:24:7: pending: lab: the solution does not reach the goal (pod picky is Pending, not ready)',
    ]);
  });

  it('reports checks that already pass before the learner starts', () => {
    const trivial = LAB.replace('{ pod: picky, phase: Running }', '{ pod: picky, phase: Pending }').replace(
      'SOLUTION',
      'kubectl get pods',
    );
    expect(problems(HEAD + trivial)).toEqual([
      'decks/demo.yaml:22:7: pending: lab: the checks already pass before the learner does anything',
    ]);
  });
});

describe('npm run deck -- validate', () => {
  it('exits non-zero and prints the location when a quiz key disagrees with the simulation', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deck-verify-'));
    const file = join(dir, 'demo.yaml');
    writeFileSync(file, HEAD + QUIZ.replace('KEY', '0'));
    let status = 0;
    let stderr = '';
    try {
      execFileSync('npx', ['tsx', 'src/cli/deck.ts', 'validate', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      const err = e as { status: number; stderr: string };
      status = err.status;
      stderr = err.stderr;
    }
    expect(status).toBe(1);
    expect(stderr).toMatch(
      /demo\.yaml:14:7: who-replaces: verify: key says "kube-scheduler" but the simulation shows "The ReplicaSet controller"/,
    );
  }, 60_000);
});
