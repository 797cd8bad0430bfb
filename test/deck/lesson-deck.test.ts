/// <reference types="node" />
// Guards the Kubernetes architecture deck (issue 3): it validates, has enough cards of each kind,
// covers every item of the lesson (through the coverage file), is written in its own words, and
// its quiz cards meet the quality bar.

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import {
  answerKey,
  findDomain,
  validateDeckSource,
  type Card,
  type Deck,
  type QuizCard,
} from '../../src/deck/index.ts';

const DECK_FILE = fileURLToPath(new URL('../../decks/kubernetes-architecture.yaml', import.meta.url));
const COVERAGE_FILE = fileURLToPath(new URL('../../decks/kubernetes-architecture.coverage.yaml', import.meta.url));
// The lesson lives outside the repository (see DESIGN.md); KCNA_LESSON may point elsewhere.
const LESSON_FILE =
  process.env['KCNA_LESSON'] ??
  fileURLToPath(new URL('../../../shared/seed/000_6471c20fdc242ad8.txt', import.meta.url));

const OWN_WORDS_RUN = 12;

function loadDeck(): Deck {
  const result = validateDeckSource(readFileSync(DECK_FILE, 'utf8'), 'decks/kubernetes-architecture.yaml');
  if (!result.deck) {
    throw new Error(result.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('\n'));
  }
  return result.deck;
}

const deck = loadDeck();
const cards = deck.cards;
const ids = new Set(cards.map((c) => c.id));
const ofKind = <K extends Card['kind']>(kind: K) =>
  cards.filter((c): c is Extract<Card, { kind: K }> => c.kind === kind);
const quizzes = ofKind('quiz');
const prompts = ofKind('prompt');
const flashcards = ofKind('flashcard');
const tagged = (tag: string) => cards.filter((c) => c.tags?.includes(tag));

const coverageItem = z.strictObject({ item: z.string().min(1), cards: z.array(z.string()) });
const REQUIRED_GROUPS = {
  objectives: 6,
  components: 11,
  architecture: 10,
  declarative: 5,
  lab: 8,
  troubleshooting: 6,
  bestPractices: 5,
  securityNotes: 7,
  quickCheck: 5,
  interview: 6,
  glossary: 11,
} as const;
type Group = keyof typeof REQUIRED_GROUPS;
const coverageSchema = z.record(z.string(), z.array(coverageItem));
const coverage = coverageSchema.parse(parse(readFileSync(COVERAGE_FILE, 'utf8')));

/** Lower-case words with punctuation stripped; the unit of the own-words comparison. */
function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

function runs(tokens: readonly string[], n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i + n <= tokens.length; i++) out.push(tokens.slice(i, i + n).join(' '));
  return out;
}

/** Every piece of text a learner sees on a card, with the field it came from. */
function cardTexts(card: Card): [field: string, text: string][] {
  const out: [string, string][] = [];
  if (card.kind === 'flashcard') out.push(['front', card.front], ['back', card.back]);
  if (card.kind === 'quiz') {
    out.push(['question', card.question]);
    card.choices.forEach((c, i) => out.push([`choice ${i + 1}`, c]));
    (card.feedback ?? []).forEach((f, i) => out.push([`feedback ${i + 1}`, f]));
  }
  if (card.kind === 'prompt') {
    out.push(['question', card.question], ['modelAnswer', card.modelAnswer]);
    card.keyPoints.forEach((k, i) => out.push([`key point ${i + 1}`, k.text]));
  }
  if (card.explanation) out.push(['explanation', card.explanation]);
  return out;
}

describe('the Kubernetes architecture deck', () => {
  it('validates cleanly and has the expected id and title', () => {
    expect(deck.id).toBe('kubernetes-architecture');
    expect(deck.title).toBe('Kubernetes architecture');
    expect(readFileSync(DECK_FILE, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=./schema.json');
  });

  it('has at least 150 cards: 80 quiz, 60 flashcards and 12 prompts', () => {
    expect(cards.length).toBeGreaterThanOrEqual(150);
    expect(quizzes.length).toBeGreaterThanOrEqual(80);
    expect(flashcards.length).toBeGreaterThanOrEqual(60);
    expect(prompts.length).toBeGreaterThanOrEqual(12);
  });

  it('gives every card a valid KCNA domain and a competency of that domain', () => {
    for (const card of cards) {
      const domain = findDomain(card.domain);
      expect(domain, card.id).toBeDefined();
      expect(domain?.competencies, card.id).toContain(card.competency);
    }
  });

  it('uses every KCNA domain at least once', () => {
    const used = new Set(cards.map((c) => c.domain));
    for (const id of [
      'kubernetes-fundamentals',
      'container-orchestration',
      'cloud-native-application-delivery',
      'cloud-native-architecture',
    ]) {
      expect(used, id).toContain(id);
    }
  });

  it('gives every card an explanation or a model answer', () => {
    for (const card of cards) {
      const text = card.kind === 'prompt' ? card.modelAnswer : card.explanation;
      expect(text?.trim().length ?? 0, card.id).toBeGreaterThan(20);
    }
  });

  it('gives every prompt between three and six key points, each with match terms', () => {
    for (const card of prompts) {
      expect(card.keyPoints.length, card.id).toBeGreaterThanOrEqual(3);
      expect(card.keyPoints.length, card.id).toBeLessThanOrEqual(6);
      for (const point of card.keyPoints) expect(point.match.length, card.id).toBeGreaterThan(0);
    }
  });

  it('uses kebab-case card ids and only known tags', () => {
    const known = new Set([
      'glossary',
      'quick-check',
      'interview',
      'troubleshooting',
      'lab',
      'component',
      'security',
      'best-practice',
      'cka',
      'ckad',
    ]);
    for (const card of cards) {
      expect(card.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      for (const tag of card.tags ?? []) expect(known, `${card.id}: ${tag}`).toContain(tag);
    }
  });

  it('tags some cards as also serving CKA and CKAD', () => {
    expect(tagged('cka').length).toBeGreaterThanOrEqual(20);
    expect(tagged('ckad').length).toBeGreaterThanOrEqual(10);
  });
});

describe('quick check and interview questions', () => {
  it('turns all five quick-check questions into quiz cards', () => {
    const qc = tagged('quick-check');
    expect(qc).toHaveLength(5);
    for (const card of qc) expect(card.kind, card.id).toBe('quiz');
  });

  it('turns all six interview questions into prompts with a model answer', () => {
    const interview = tagged('interview');
    expect(interview).toHaveLength(6);
    for (const card of interview) expect(card.kind, card.id).toBe('prompt');
  });
});

describe('flashcards go both ways', () => {
  it('pairs every glossary and component flashcard with its reverse card', () => {
    const pairs: [string, string][] = [
      ['-to-def', '-from-def'],
      ['-to-job', '-from-job'],
    ];
    for (const card of flashcards.filter((c) => c.tags?.includes('glossary') || c.tags?.includes('component'))) {
      const pair = pairs.find(([to, from]) => card.id.endsWith(to) || card.id.endsWith(from));
      expect(pair, `${card.id} should end in -to-def/-from-def or -to-job/-from-job`).toBeDefined();
      if (!pair) continue;
      const [to, from] = pair;
      const other = card.id.endsWith(to) ? card.id.slice(0, -to.length) + from : card.id.slice(0, -from.length) + to;
      expect(ids, `${card.id} has no reverse card ${other}`).toContain(other);
    }
  });

  it('has eleven glossary terms in both directions', () => {
    expect(flashcards.filter((c) => c.tags?.includes('glossary'))).toHaveLength(22);
  });
});

describe('quiz quality', () => {
  it('never offers "all of the above" or "none of the above"', () => {
    for (const card of quizzes) {
      for (const choice of card.choices) {
        expect(choice.toLowerCase(), card.id).not.toMatch(/\b(all|none|both|neither) of (the )?(above|these)\b/);
      }
    }
  });

  it('spreads single-answer keys so no position holds more than half of them', () => {
    const single = quizzes.filter((c) => !c.multiple);
    const counts = new Map<number, number>();
    for (const card of single) for (const k of answerKey(card)) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (const [position, count] of counts) {
      expect(count / single.length, `position ${position}`).toBeLessThanOrEqual(0.5);
    }
    expect(counts.size).toBeGreaterThanOrEqual(3);
  });

  it('includes several multiple-answer quizzes that say how many or "select all"', () => {
    const multi = quizzes.filter((c): c is QuizCard => c.multiple === true);
    expect(multi.length).toBeGreaterThanOrEqual(8);
    for (const card of multi) {
      expect(card.answers?.length ?? 0, card.id).toBeGreaterThanOrEqual(2);
      expect(card.question, card.id).toMatch(/select all that apply|choose two|which two/i);
    }
  });

  it('offers at least three choices on every single-answer quiz', () => {
    for (const card of quizzes.filter((c) => !c.multiple))
      expect(card.choices.length, card.id).toBeGreaterThanOrEqual(3);
  });
});

describe('coverage of the lesson', () => {
  it('has every required group, each with enough items', () => {
    for (const [group, min] of Object.entries(REQUIRED_GROUPS) as [Group, number][]) {
      expect(coverage[group], `group ${group}`).toBeDefined();
      expect(coverage[group]?.length ?? 0, `group ${group}`).toBeGreaterThanOrEqual(min);
    }
  });

  it('maps every lesson item to at least one card', () => {
    for (const [group, items] of Object.entries(coverage)) {
      for (const { item, cards: mapped } of items) expect(mapped.length, `${group}: ${item}`).toBeGreaterThan(0);
    }
  });

  it('maps only to card ids that exist in the deck', () => {
    for (const [group, items] of Object.entries(coverage)) {
      for (const { item, cards: mapped } of items) {
        for (const id of mapped) expect(ids, `${group}: ${item} -> ${id}`).toContain(id);
      }
    }
  });

  it('gives every learning objective at least one quiz card', () => {
    const quizIds = new Set(quizzes.map((c) => c.id));
    for (const { item, cards: mapped } of coverage['objectives'] ?? []) {
      expect(
        mapped.some((id) => quizIds.has(id)),
        item,
      ).toBe(true);
    }
  });

  it('covers each troubleshooting row and quick-check question with a quiz card', () => {
    const quizIds = new Set(quizzes.map((c) => c.id));
    for (const group of ['troubleshooting', 'quickCheck'] as const) {
      for (const { item, cards: mapped } of coverage[group] ?? []) {
        expect(
          mapped.some((id) => quizIds.has(id)),
          `${group}: ${item}`,
        ).toBe(true);
      }
    }
  });

  it('covers each component with flashcards both ways and at least two quiz cards', () => {
    const kinds = new Map(cards.map((c) => [c.id, c.kind]));
    for (const { item, cards: mapped } of coverage['components'] ?? []) {
      const ks = mapped.map((id) => kinds.get(id));
      expect(ks.filter((k) => k === 'flashcard').length, item).toBeGreaterThanOrEqual(2);
      expect(ks.filter((k) => k === 'quiz').length, item).toBeGreaterThanOrEqual(2);
    }
  });

  it('lists every card of the deck under at least one lesson item', () => {
    const mapped = new Set(Object.values(coverage).flatMap((items) => items.flatMap((i) => i.cards)));
    const missing = cards.map((c) => c.id).filter((id) => !mapped.has(id));
    expect(missing).toEqual([]);
  });
});

describe('own words', () => {
  it('finds the lesson text to compare against', () => {
    expect(existsSync(LESSON_FILE), `lesson not found at ${LESSON_FILE} (set KCNA_LESSON)`).toBe(true);
  });

  it(`shares no run of ${OWN_WORDS_RUN} consecutive words with the lesson`, () => {
    if (!existsSync(LESSON_FILE)) throw new Error(`lesson not found at ${LESSON_FILE} (set KCNA_LESSON)`);
    const lessonRuns = new Set(runs(words(readFileSync(LESSON_FILE, 'utf8')), OWN_WORDS_RUN));
    const copied: string[] = [];
    for (const card of cards) {
      for (const [field, text] of cardTexts(card)) {
        for (const run of runs(words(text), OWN_WORDS_RUN)) {
          if (lessonRuns.has(run)) copied.push(`${card.id} (${field}): "${run}"`);
        }
      }
    }
    expect(copied).toEqual([]);
  });

  it('would catch a card that copies a sentence of the lesson', () => {
    // A self-check of the comparison: a sentence taken from the lesson must be detected.
    if (!existsSync(LESSON_FILE)) throw new Error(`lesson not found at ${LESSON_FILE}`);
    const lessonWords = words(readFileSync(LESSON_FILE, 'utf8'));
    const lessonRuns = new Set(runs(lessonWords, OWN_WORDS_RUN));
    const sample = lessonWords.slice(100, 100 + OWN_WORDS_RUN + 3).join(' ');
    expect(runs(words(`Prefix. ${sample}!`), OWN_WORDS_RUN).some((r) => lessonRuns.has(r))).toBe(true);
  });
});

describe('the validator guards this deck against authoring mistakes', () => {
  type RawCard = Record<string, unknown>;
  const source = readFileSync(DECK_FILE, 'utf8');
  const rawDeck = z
    .object({ cards: z.array(z.record(z.string(), z.unknown())) })
    .loose()
    .parse(parse(source));

  function problemsAfter(change: (cards: RawCard[]) => void): string[] {
    const copy = structuredClone(rawDeck);
    change(copy.cards);
    return validateDeckSource(stringify(copy), 'mutated.yaml').problems.map((p) => p.message);
  }
  const firstQuiz = (cards: RawCard[], multiple: boolean): RawCard => {
    const found = cards.find((c) => c['kind'] === 'quiz' && (c['multiple'] === true) === multiple);
    if (!found) throw new Error('no such quiz in the deck');
    return found;
  };

  it('accepts the deck unchanged', () => {
    expect(problemsAfter(() => {})).toEqual([]);
  });

  it('rejects a second card that asks the same question', () => {
    const problems = problemsAfter((cards) => {
      cards.push({ ...firstQuiz(cards, false), id: 'copied-question' });
    });
    expect(problems.some((m) => m.includes('duplicate question'))).toBe(true);
  });

  it('rejects a duplicated or empty choice', () => {
    const duplicated = problemsAfter((cards) => {
      const quiz = firstQuiz(cards, false);
      const choices = quiz['choices'] as string[];
      quiz['choices'] = [...choices, choices[0] ?? ''];
    });
    expect(duplicated.some((m) => m.includes('repeats choice'))).toBe(true);
    const empty = problemsAfter((cards) => {
      const quiz = firstQuiz(cards, false);
      quiz['choices'] = [...(quiz['choices'] as string[]), ' '];
    });
    expect(empty.some((m) => m.includes('is empty'))).toBe(true);
  });

  it('rejects a multiple-answer quiz without its answers', () => {
    const problems = problemsAfter((cards) => {
      delete firstQuiz(cards, true)['answers'];
    });
    expect(problems.some((m) => m.includes('missing answers'))).toBe(true);
  });

  it('rejects a card with an unknown KCNA competency', () => {
    const problems = problemsAfter((cards) => {
      const card = cards[0];
      if (card) card['competency'] = 'not-a-competency';
    });
    expect(problems.some((m) => m.includes('unknown competency'))).toBe(true);
  });
});
