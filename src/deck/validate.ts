// Parse a deck from YAML (or JSON, which is YAML) and validate it against the schema plus the
// rules a schema cannot say (answer ranges, duplicates, competency of the domain). Every
// problem carries file:line:column from the source text.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { findDomain } from './domains.ts';
import { cardSchema, deckSchema, type Card, type Deck } from './schema.ts';
import { CHECK_KINDS, checkSchemaFor } from './lab-schema.ts';
import { labProblems, verifyProblems } from './validate-lab.ts';
import type { DeckProblem } from './errors.ts';

export type Path = readonly (string | number)[];

export interface ValidationResult {
  deck: Deck | null;
  problems: DeckProblem[];
}

export class Locator {
  readonly #doc: Document;
  readonly #lines: LineCounter;
  readonly #file: string;
  constructor(doc: Document, lines: LineCounter, file: string) {
    this.#doc = doc;
    this.#lines = lines;
    this.#file = file;
  }

  /** The source node at `path`, or the nearest ancestor that exists. */
  #node(path: Path): Node | null {
    for (let n = path.length; n >= 0; n--) {
      const node = this.#doc.getIn(path.slice(0, n), true);
      if (node && typeof node === 'object' && 'range' in node) return node as Node;
      if (n === 0 && this.#doc.contents) return this.#doc.contents as Node;
    }
    return null;
  }

  /** The key node of `field` in the map at `path` (for "unknown field" problems). */
  #key(path: Path, field: string): Node | null {
    const map = this.#doc.getIn(path, true);
    if (!isMap(map)) return null;
    const pair = map.items.find((it) => isScalar(it.key) && String(it.key.value) === field);
    return pair && isScalar(pair.key) ? pair.key : null;
  }

  at(path: Path, message: string, field?: string): DeckProblem {
    const node = (field !== undefined ? this.#key(path, field) : null) ?? this.#node(path);
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.#lines.linePos(offset);
    return { file: this.#file, line, column: col, message };
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text "${value.length > 30 ? value.slice(0, 30) + '…' : value}"`;
  return `${typeof value} ${String(value)}`;
}

function getAt(root: unknown, path: Path): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

function fieldName(path: Path): string {
  const last = path[path.length - 1];
  return typeof last === 'number' ? `item ${last + 1} of "${String(path[path.length - 2])}"` : `"${String(last)}"`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

function schemaProblems(issue: z.core.$ZodIssue, raw: unknown, loc: Locator): DeckProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((k) => loc.at(path, `unknown field "${k}"`, k));
    case 'invalid_type': {
      const value = getAt(raw, path);
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      if (value === undefined) {
        return [loc.at(path.slice(0, -1), `missing field ${fieldName(path)} (${expected})`)];
      }
      return [loc.at(path, `${fieldName(path)} must be ${expected}, not ${describe(value)}`)];
    }
    case 'invalid_value': {
      const value = getAt(raw, path);
      const options = issue.values.map(String).join(', ');
      const what = path[path.length - 1] === 'domain' ? 'domain' : String(path[path.length - 1]);
      return [loc.at(path, `unknown ${what} ${JSON.stringify(value)}; expected one of: ${options}`)];
    }
    case 'invalid_union': {
      const parent = path[path.length - 2];
      if (parent === 'checks' || parent === 'expect') return checkProblems(path, raw, loc);
      if (path[path.length - 1] === 'kind') path.pop();
      const kind = getAt(raw, [...path, 'kind']);
      if (kind === undefined) return [loc.at(path, 'missing field "kind" (flashcard, quiz, prompt or lab)')];
      return [
        loc.at([...path, 'kind'], `unknown card kind ${JSON.stringify(kind)}; expected flashcard, quiz, prompt or lab`),
      ];
    }
    case 'too_small':
      if (issue.origin === 'array') {
        return [loc.at(path, `${fieldName(path)} needs at least ${String(issue.minimum)} item(s)`)];
      }
      return [loc.at(path, `${fieldName(path)} must not be empty`)];
    case 'too_big':
      return [loc.at(path, `${fieldName(path)} has more than ${String(issue.maximum)} items`)];
    default:
      return [loc.at(path, `${fieldName(path)}: ${issue.message}`)];
  }
}

/** A lab check that matches none of the known shapes: report against the one it names. */
function checkProblems(path: (string | number)[], raw: unknown, loc: Locator): DeckProblem[] {
  const value = getAt(raw, path);
  const schema = checkSchemaFor(value);
  if (!schema) {
    return [
      loc.at(
        path,
        `${fieldName(path)} is not a known check; start it with one of: ${Object.keys(CHECK_KINDS).join(', ')}`,
      ),
    ];
  }
  const parsed = schema.safeParse(value);
  if (parsed.success) return [loc.at(path, `${fieldName(path)} is not a valid check`)];
  return parsed.error.issues.flatMap((issue) => schemaProblems({ ...issue, path: [...path, ...issue.path] }, raw, loc));
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

function quizProblems(card: Card & { kind: 'quiz' }, base: Path, loc: Locator): DeckProblem[] {
  const out: DeckProblem[] = [];
  const n = card.choices.length;
  const seen = new Map<string, number>();
  card.choices.forEach((choice, i) => {
    if (choice.trim() === '') out.push(loc.at([...base, 'choices', i], `choice ${i + 1} is empty`));
    const key = normalise(choice);
    const first = seen.get(key);
    if (key && first !== undefined) {
      out.push(loc.at([...base, 'choices', i], `choice ${i + 1} repeats choice ${first + 1}`));
    } else seen.set(key, i);
  });
  const checkIndex = (value: number, path: Path) => {
    if (value < 0 || value >= n) {
      out.push(loc.at(path, `answer index ${value} is out of range: choices are numbered 0 to ${n - 1}`));
    }
  };
  if (card.multiple) {
    if (card.answer !== undefined) {
      out.push(loc.at(base, 'a multiple-answer quiz lists its keys in "answers", not "answer"', 'answer'));
    }
    if (!card.answers || card.answers.length === 0) {
      out.push(loc.at(base, 'missing answers: a multiple-answer quiz needs "answers" (a list of choice indexes)'));
    } else {
      if (card.answers.length < 2) {
        out.push(
          loc.at([...base, 'answers'], 'a multiple-answer quiz needs at least two answers; use "answer" for one'),
        );
      }
      if (new Set(card.answers).size !== card.answers.length) {
        out.push(loc.at([...base, 'answers'], 'the same answer index is listed twice'));
      }
      if (card.answers.length >= n && n > 0) {
        out.push(loc.at([...base, 'answers'], 'every choice is marked correct: add a wrong choice'));
      }
      card.answers.forEach((a, i) => checkIndex(a, [...base, 'answers', i]));
    }
  } else {
    if (card.answers !== undefined) {
      out.push(loc.at(base, 'a quiz with "answers" must say "multiple: true"', 'answers'));
    } else if (card.answer === undefined) {
      out.push(loc.at(base, 'missing answer: give "answer" (the index of the correct choice, from 0)'));
    } else checkIndex(card.answer, [...base, 'answer']);
  }
  if (card.feedback && card.feedback.length !== n) {
    out.push(loc.at([...base, 'feedback'], `"feedback" has ${card.feedback.length} items but there are ${n} choices`));
  }
  return out;
}

function deckProblems(cards: readonly (Card | null)[], loc: Locator): DeckProblem[] {
  const out: DeckProblem[] = [];
  const ids = new Map<string, number>();
  const questions = new Map<string, number>();
  cards.forEach((card, i) => {
    if (!card) return;
    const base: Path = ['cards', i];
    const firstId = ids.get(card.id);
    if (firstId !== undefined) {
      out.push(loc.at([...base, 'id'], `duplicate id "${card.id}" (first used by card ${firstId + 1})`));
    } else ids.set(card.id, i);
    const domain = findDomain(card.domain);
    if (domain && !domain.competencies.includes(card.competency)) {
      out.push(
        loc.at(
          [...base, 'competency'],
          `unknown competency "${card.competency}" for domain ${card.domain}; expected one of: ${domain.competencies.join(', ')}`,
        ),
      );
    }
    const question =
      card.kind === 'flashcard'
        ? `${card.front}\u0000flash`
        : card.kind === 'lab'
          ? `${card.title}\u0000lab`
          : card.question;
    const qKey = normalise(question);
    const firstQ = questions.get(qKey);
    if (firstQ !== undefined) {
      out.push(loc.at(base, `duplicate question: card "${card.id}" asks the same as card ${firstQ + 1}`));
    } else questions.set(qKey, i);
    if (card.kind === 'quiz') out.push(...quizProblems(card, base, loc), ...verifyProblems(card, base, loc));
    if (card.kind === 'lab') out.push(...labProblems(card, base, loc));
  });
  return out;
}

/** Turns a path inside the deck (e.g. ['cards', 3, 'verify']) into a located problem. */
export function locateIn(source: string, file: string): (path: Path, message: string) => DeckProblem {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const loc = new Locator(doc, lines, file);
  return (path, message) => loc.at(path, message);
}

/** Validate deck source text. `file` is used only in problem locations. */
export function validateDeckSource(source: string, file: string): ValidationResult {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const loc = new Locator(doc, lines, file);
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => {
      const { line, col } = lines.linePos(e.pos[0]);
      return { file, line, column: col, message: `YAML syntax: ${e.message.split('\n')[0] ?? e.code}` };
    });
    return { deck: null, problems };
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 });
  if (!isMap(doc.contents)) {
    return { deck: null, problems: [loc.at([], 'a deck must be a mapping with id, title and cards')] };
  }
  if (isSeq(doc.get('cards', true)) === false && getAt(raw, ['cards']) !== undefined) {
    return { deck: null, problems: [loc.at(['cards'], '"cards" must be a list of cards')] };
  }
  // Check the deck's own fields and each card separately, so one broken card does not hide
  // the problems (duplicates, answer ranges) of the others.
  const shell = deckShellSchema.safeParse(raw);
  const problems = shell.success ? [] : shell.error.issues.flatMap((issue) => schemaProblems(issue, raw, loc));
  const rawCards = getAt(raw, ['cards']);
  const cards: (Card | null)[] = Array.isArray(rawCards)
    ? rawCards.map((rawCard, i) => {
        const parsed = cardSchema.safeParse(rawCard);
        if (parsed.success) return parsed.data;
        for (const issue of parsed.error.issues) {
          problems.push(...schemaProblems({ ...issue, path: ['cards', i, ...issue.path] }, raw, loc));
        }
        return withoutUnknownFields(rawCard, parsed.error.issues);
      })
    : [];
  problems.push(...deckProblems(cards, loc));
  if (problems.length || !shell.success) return { deck: null, problems: sortProblems(problems) };
  return { deck: { ...shell.data, cards: cards.filter((c): c is Card => c !== null) }, problems: [] };
}

/** If unknown fields were the only trouble, the card is still checked for the other rules. */
function withoutUnknownFields(rawCard: unknown, issues: readonly z.core.$ZodIssue[]): Card | null {
  if (!issues.every((i) => i.code === 'unrecognized_keys' && i.path.length === 0)) return null;
  if (rawCard === null || typeof rawCard !== 'object') return null;
  const unknown = new Set(issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : [])));
  const kept = Object.fromEntries(Object.entries(rawCard).filter(([k]) => !unknown.has(k)));
  const parsed = cardSchema.safeParse(kept);
  return parsed.success ? parsed.data : null;
}

const deckShellSchema = deckSchema.extend({ cards: z.array(z.unknown()) });

function sortProblems(problems: DeckProblem[]): DeckProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.column - b.column);
}
