/// <reference types="node" />
// Moodle XML: well-formed, one question per exported card, the right question types.

import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportDeck } from '../../../src/deck/formats/index.ts';
import { useNodeFormatsRuntime } from '../../../src/deck/node/formats-runtime.ts';
import { bigDeck, fixtureDeck } from './fixtures.ts';

beforeAll(() => useNodeFormatsRuntime());

async function moodle(deck = fixtureDeck()): Promise<Document> {
  const xml = String((await exportDeck(deck, 'moodle')).data);
  const { DOMParser } = new JSDOM('').window;
  return new DOMParser().parseFromString(xml, 'application/xml');
}

function question(doc: Document, id: string): Element {
  const q = Array.from(doc.querySelectorAll('question')).find(
    (el) => el.querySelector('name > text')?.textContent === id,
  );
  if (!q) throw new Error(`no question ${id}`);
  return q;
}

describe('Moodle XML export', () => {
  it('is well-formed XML with one question per card, plus category questions', async () => {
    const doc = await moodle();
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.documentElement.nodeName).toBe('quiz');
    const qs = Array.from(doc.querySelectorAll('quiz > question'));
    expect(qs.filter((q) => q.getAttribute('type') !== 'category')).toHaveLength(fixtureDeck().cards.length);
    expect(qs.filter((q) => q.getAttribute('type') === 'category').length).toBeGreaterThan(0);
  });

  it('stays well-formed with a large deck and control characters in text', async () => {
    const deck = bigDeck(500);
    const card0 = deck.cards[0];
    if (card0?.kind === 'flashcard') card0.back = 'bell \u0007 and ]]> and <![CDATA[ x';
    const doc = await moodle(deck);
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.querySelectorAll('quiz > question:not([type="category"])')).toHaveLength(500);
  });

  it('exports quizzes as multichoice with single or multiple answers, fractions and feedback', async () => {
    const doc = await moodle();
    const single = question(doc, 'scheduler-binds');
    expect(single.getAttribute('type')).toBe('multichoice');
    expect(single.querySelector('single')?.textContent).toBe('true');
    const answers = Array.from(single.querySelectorAll('answer'));
    expect(answers.map((a) => a.getAttribute('fraction'))).toEqual(['0', '100', '0', '0']);
    expect(answers[1]?.querySelector('feedback > text')?.textContent).toBe('Right: it writes the binding.');
    expect(single.querySelector('generalfeedback > text')?.textContent).toContain('The scheduler only binds');
    const multi = question(doc, 'service-types');
    expect(multi.querySelector('single')?.textContent).toBe('false');
    const fractions = Array.from(multi.querySelectorAll('answer')).map((a) => Number(a.getAttribute('fraction')));
    expect(fractions[2]).toBe(-100);
    expect(fractions.filter((f) => f > 0).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 3);
  });

  it('exports prompts as essays with the model answer and key points as grader information', async () => {
    const essay = question(await moodle(), 'reconcile-loop');
    expect(essay.getAttribute('type')).toBe('essay');
    const grader = essay.querySelector('graderinfo > text')?.textContent ?? '';
    expect(grader).toContain('A controller watches desired state');
    expect(grader).toContain('desired vs actual state (look for: desired, spec)');
  });

  it('exports labs as essays with the goal as question and the explanation and solution for the grader', async () => {
    const lab = question(await moodle(), 'scale-web-lab');
    expect(lab.getAttribute('type')).toBe('essay');
    expect(lab.querySelector('questiontext > text')?.textContent).toContain(
      'Goal: Make `web` run 3 ready replicas &amp; watch',
    );
    expect(lab.querySelector('graderinfo > text')?.textContent).toContain(
      'Solution:<br>kubectl scale deployment web --replicas=3',
    );
  });

  it('exports flashcards as short answer and keeps special characters as text', async () => {
    const doc = await moodle();
    const short = question(doc, 'tricky-text');
    expect(short.getAttribute('type')).toBe('shortanswer');
    expect(short.querySelector('questiontext > text')?.textContent).toContain(
      'Tricky &lt;b&gt;not bold&lt;/b&gt; &amp; &quot;quotes&quot;',
    );
    expect(short.querySelector('answer > text')?.textContent).toContain('<script>alert(1)</script> is text here');
    expect(short.querySelector('tags')?.textContent).toContain('kcna::cloud-native-architecture::observability');
  });
});
