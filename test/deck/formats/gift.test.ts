/// <reference types="node" />
// GIFT output is parsed by an independent GIFT parser (gift-pegjs from npm); GIFT written by
// other tools (true/false, weights, short answer, essays, numeric, matching) is imported.

import { parse, type GIFTQuestion, type MultipleChoice } from 'gift-pegjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDeck, importDeckFile } from '../../../src/deck/formats/index.ts';
import { useNodeFormatsRuntime } from '../../../src/deck/node/formats-runtime.ts';
import { bigDeck, fixtureDeck } from './fixtures.ts';

beforeAll(() => useNodeFormatsRuntime());

const enc = (s: string) => new TextEncoder().encode(s);

async function giftOf(deck = fixtureDeck()): Promise<string> {
  return String((await exportDeck(deck, 'gift')).data);
}

function questions(parsed: GIFTQuestion[]): Exclude<GIFTQuestion, { type: 'Category' }>[] {
  return parsed.filter((q): q is Exclude<GIFTQuestion, { type: 'Category' }> => q.type !== 'Category');
}

describe('GIFT export read by gift-pegjs', () => {
  it('parses without error, one question per card, with the card id as title', async () => {
    const parsed = parse(await giftOf());
    const qs = questions(parsed);
    expect(qs).toHaveLength(fixtureDeck().cards.length);
    expect(qs.map((q) => q.title)).toEqual(fixtureDeck().cards.map((c) => c.id));
  });

  it('maps quizzes to multiple choice, flashcards to short answer, prompts and labs to essays', async () => {
    const qs = questions(parse(await giftOf()));
    expect(qs.map((q) => q.type)).toEqual(['Short', 'Short', 'MC', 'MC', 'Essay', 'MC', 'Essay', 'MC']);
  });

  it('marks the key of a single-answer quiz and gives per-choice feedback and the explanation', async () => {
    const q = questions(parse(await giftOf())).find((x) => x.title === 'scheduler-binds') as MultipleChoice;
    expect(q.choices.map((c) => c.isCorrect)).toEqual([false, true, false, false]);
    expect(q.choices[1]?.feedback?.text).toBe('Right: it writes the binding.');
    expect(q.globalFeedback?.text).toContain('The scheduler only binds');
  });

  it('weights the keys of a multiple-answer quiz to 100% in total and penalises wrong choices', async () => {
    const q = questions(parse(await giftOf())).find((x) => x.title === 'service-types') as MultipleChoice;
    const weights = q.choices.map((c) => c.weight);
    expect(weights[2]).toBe(-100);
    expect((weights[0] ?? 0) + (weights[1] ?? 0) + (weights[3] ?? 0)).toBeCloseTo(100, 3);
  });

  it('escapes GIFT special characters so the text comes through whole', async () => {
    const q = questions(parse(await giftOf())).find((x) => x.title === 'pv-quiz-colon') as MultipleChoice;
    expect(q.stem.text).toContain('~ = # { } :');
    expect(q.choices.map((c) => c.text.text)).toEqual([
      'PersistentVolumeClaim {pvc}',
      'ConfigMap = config',
      'Secret #1',
    ]);
  });

  it('groups questions under $CATEGORY paths of deck, domain and competency', async () => {
    const cats = parse(await giftOf()).filter((q) => q.type === 'Category');
    expect(cats.map((c) => c.title)).toContain(
      '$course$/top/Fixture deck: <KCNA> & more/kubernetes-fundamentals/core-concepts',
    );
  });

  it('stays parseable for a large deck', async () => {
    expect(questions(parse(await giftOf(bigDeck(300))))).toHaveLength(300);
  });
});

describe('importing GIFT from other tools', () => {
  const bank = `// a question bank from Moodle
$CATEGORY: $course$/top/Networking/container-orchestration/networking

::Q1:: Pods on different nodes can talk without NAT. {T}

::Q2:: [markdown] Which port does the API server listen on by default? {
  =6443 # right
  ~80 # no
  ~22
}

::Q3:: Name the CNCF graduated service mesh that uses Envoy. {=Istio =istio}

::Q4:: Which of these are Kubernetes objects? {
  ~%50%Pod
  ~%50%Service
  ~%-100%Container image
}

::Q5:: Describe what kube-proxy does. {}

::Q6:: How many control-plane nodes tolerate one failure? {#3}

::Q7:: Match. { =a -> 1 =b -> 2 =c -> 3 }

Just a description line without answers.
`;

  it('turns true/false and multiple choice into quizzes, short answer into flashcards, and skips with a warning what it cannot use', async () => {
    const { deck, warnings } = await importDeckFile('bank.gift', enc(bank));
    expect(deck.title).toBe('Networking');
    const byId = Object.fromEntries(deck.cards.map((c) => [c.id, c]));
    expect(byId['q1']).toMatchObject({
      kind: 'quiz',
      choices: ['True', 'False'],
      answer: 0,
      domain: 'container-orchestration',
      competency: 'networking',
    });
    expect(byId['q2']).toMatchObject({
      kind: 'quiz',
      choices: ['6443', '80', '22'],
      answer: 0,
      feedback: ['right', 'no', ''],
    });
    expect(byId['q3']).toMatchObject({
      kind: 'flashcard',
      front: 'Name the CNCF graduated service mesh that uses Envoy.',
      back: 'Istio\nistio',
    });
    expect(byId['q4']).toMatchObject({ kind: 'quiz', multiple: true, answers: [0, 1] });
    expect(byId['q5']).toBeUndefined();
    expect(warnings.join('\n')).toMatch(
      /bank\.gift:\d+:1: skipped the card "Describe what kube-proxy does.": its back is empty/,
    );
    expect(warnings.join('\n')).toMatch(/skipped a numerical question/);
    expect(warnings.join('\n')).toMatch(/skipped a matching question/);
    expect(warnings.join('\n')).toMatch(/skipped a description/);
  });

  it('reads GIFT in a .txt file by its look', async () => {
    const { deck } = await importDeckFile('bank.txt', enc(bank));
    expect(deck.cards.length).toBe(4);
  });

  it('reports an unclosed answer block with its line', async () => {
    await expect(importDeckFile('broken.gift', enc('::a:: fine {T}\n\n::b:: broken {=x ~y\n'))).rejects.toThrow(
      /broken\.gift:3:1: the answer block/,
    );
  });
});
