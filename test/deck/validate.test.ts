/// <reference types="node" />
// The deck validator: every problem an instructor can make is reported with file:line:column
// and a plain message, and a valid deck comes back typed.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deckJsonSchema, formatProblem, validateDeckSource } from '../../src/deck/index.ts';

const HEAD = `id: demo
title: Demo
cards:
`;

function problems(cards: string): string[] {
  return validateDeckSource(HEAD + cards, 'decks/demo.yaml').problems.map(formatProblem);
}

const quiz = (extra: string) => `  - id: q1
    kind: quiz
    domain: kubernetes-fundamentals
    competency: core-concepts
    question: Which component stores cluster state?
    choices: [etcd, kubelet, kube-proxy]
    explanation: etcd is the store; the others run on nodes.
${extra}`;

describe('validateDeckSource', () => {
  it('accepts a valid deck and returns its cards typed', () => {
    const result = validateDeckSource(HEAD + quiz('    answer: 0\n'), 'decks/demo.yaml');
    expect(result.problems).toEqual([]);
    expect(result.deck?.cards[0]).toMatchObject({ id: 'q1', kind: 'quiz', answer: 0 });
  });

  it('reports an unknown field at the field name', () => {
    expect(problems(quiz('    answer: 0\n    colour: blue\n'))).toEqual([
      'decks/demo.yaml:12:5: unknown field "colour"',
    ]);
  });

  it('reports a missing answer at the card', () => {
    expect(problems(quiz(''))).toEqual([
      'decks/demo.yaml:4:5: missing answer: give "answer" (the index of the correct choice, from 0)',
    ]);
  });

  it('reports an answer index out of range at the index', () => {
    expect(problems(quiz('    answer: 3\n'))).toEqual([
      'decks/demo.yaml:11:13: answer index 3 is out of range: choices are numbered 0 to 2',
    ]);
  });

  it('reports an unknown domain with the valid ids', () => {
    const out = problems(quiz('    answer: 0\n').replace('kubernetes-fundamentals', 'k8s-basics'));
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^decks\/demo\.yaml:6:13: unknown domain "k8s-basics"; expected one of: kubernetes-fundamentals/,
    );
  });

  it('reports a competency that does not belong to the domain', () => {
    const out = problems(quiz('    answer: 0\n').replace('core-concepts', 'networking'));
    expect(out).toEqual([
      'decks/demo.yaml:7:17: unknown competency "networking" for domain kubernetes-fundamentals; expected one of: core-concepts, administration, scheduling, containerization',
    ]);
  });

  it('reports a duplicate id, naming the first card that used it', () => {
    const twice = quiz('    answer: 0\n') + quiz('    answer: 1\n').replace('stores cluster state', 'runs pods');
    expect(problems(twice)).toEqual(['decks/demo.yaml:12:9: duplicate id "q1" (first used by card 1)']);
  });

  it('rejects duplicate questions, duplicate and empty choices', () => {
    const dup = quiz('    answer: 0\n') + quiz('    answer: 0\n').replace('id: q1', 'id: q2');
    expect(problems(dup)).toEqual(['decks/demo.yaml:12:5: duplicate question: card "q2" asks the same as card 1']);
    const choices = quiz('    answer: 0\n').replace('[etcd, kubelet, kube-proxy]', '[etcd, Etcd, ""]');
    expect(problems(choices)).toEqual([
      'decks/demo.yaml:9:21: choice 2 repeats choice 1',
      'decks/demo.yaml:9:27: choice 3 is empty',
    ]);
  });

  it('rejects a multiple-answer quiz without its answers, and one with a single answer', () => {
    expect(problems(quiz('    multiple: true\n'))).toEqual([
      'decks/demo.yaml:4:5: missing answers: a multiple-answer quiz needs "answers" (a list of choice indexes)',
    ]);
    expect(problems(quiz('    multiple: true\n    answers: [1]\n'))).toEqual([
      'decks/demo.yaml:12:14: a multiple-answer quiz needs at least two answers; use "answer" for one',
    ]);
  });

  it('reports an unknown card kind and a missing required field', () => {
    const out = problems(`  - id: f1
    kind: flashcard
    domain: kubernetes-fundamentals
    competency: core-concepts
    front: etcd
  - id: x
    kind: quizz
`);
    expect(out).toEqual([
      'decks/demo.yaml:4:5: missing field "back" (text)',
      'decks/demo.yaml:10:11: unknown card kind "quizz"; expected flashcard, quiz, prompt or lab',
    ]);
  });

  it('reports YAML syntax errors with their position', () => {
    const result = validateDeckSource('id: demo\ntitle: [unclosed\n', 'bad.yaml');
    expect(result.deck).toBeNull();
    expect(result.problems[0]?.file).toBe('bad.yaml');
    expect(result.problems[0]?.message).toMatch(/^YAML syntax:/);
  });

  it('reports a deck that is not a mapping', () => {
    expect(validateDeckSource('- just\n- a list\n', 'list.yaml').problems.map(formatProblem)).toEqual([
      'list.yaml:1:1: a deck must be a mapping with id, title and cards',
    ]);
  });
});

describe('decks/schema.json', () => {
  it('is generated from the zod schema (regenerate with `npm run deck -- schema`)', () => {
    const committed = JSON.parse(readFileSync('decks/schema.json', 'utf8')) as unknown;
    expect(committed).toEqual(deckJsonSchema());
  });
});
