// One Anki note type per card kind, and the mapping between a card and its note fields.
// Fields hold HTML made from the card's plain text; hidden fields (CardId, KeyPointMatches)
// carry what Anki cannot show but a round trip needs. Unknown future kinds get the generic
// "KCNA Card" type with the whole card as JSON in its Data field.

import type { Card, LabCard, QuizCard } from '../schema.ts';
import { escapeHtml, htmlList, htmlListItems, htmlToExactText, htmlToText, textToHtml } from './html.ts';

export type NoteKind = 'flashcard' | 'quiz' | 'prompt' | 'card';

export interface NoteTypeSpec {
  kind: NoteKind;
  name: string;
  fields: readonly string[];
  qfmt: string;
  afmt: string;
}

const EXPLAIN = '{{#Explanation}}<div class="kcna-explanation">{{Explanation}}</div>{{/Explanation}}';
const SOURCE = '{{#Source}}<div class="kcna-source">Source: {{Source}}</div>{{/Source}}';

export const NOTE_TYPES: Record<NoteKind, NoteTypeSpec> = {
  flashcard: {
    kind: 'flashcard',
    name: 'KCNA Flashcard',
    fields: ['Front', 'Back', 'Explanation', 'Source', 'CardId'],
    qfmt: '<div class="kcna-front">{{Front}}</div>',
    afmt: `{{FrontSide}}<hr id="answer"><div class="kcna-back">{{Back}}</div>${EXPLAIN}${SOURCE}`,
  },
  quiz: {
    kind: 'quiz',
    name: 'KCNA Quiz',
    fields: ['Question', 'Choices', 'Answer', 'Feedback', 'Explanation', 'Source', 'CardId', 'Verify'],
    qfmt: '<div class="kcna-question">{{Question}}</div><div class="kcna-choices">{{Choices}}</div>',
    afmt:
      '{{FrontSide}}<hr id="answer"><div class="kcna-key">Answer: {{Answer}}</div>' +
      `{{#Feedback}}<div class="kcna-feedback">{{Feedback}}</div>{{/Feedback}}${EXPLAIN}${SOURCE}`,
  },
  prompt: {
    kind: 'prompt',
    name: 'KCNA Prompt',
    fields: ['Question', 'ModelAnswer', 'KeyPoints', 'KeyPointMatches', 'Explanation', 'Source', 'CardId'],
    qfmt: '<div class="kcna-question">{{Question}}</div>',
    afmt:
      '{{FrontSide}}<hr id="answer"><div class="kcna-model">{{ModelAnswer}}</div>' +
      `<div class="kcna-points">Key points:{{KeyPoints}}</div>${EXPLAIN}${SOURCE}`,
  },
  card: {
    kind: 'card',
    name: 'KCNA Card',
    fields: ['Front', 'Back', 'Data', 'CardId'],
    qfmt: '<div class="kcna-front">{{Front}}</div>',
    afmt: '{{FrontSide}}<hr id="answer"><div class="kcna-back">{{Back}}</div>',
  },
};

export const NOTE_CSS = `.card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; color: #111; background: #fff; max-width: 40em; margin: 0 auto; }
.nightMode .card, .card.nightMode { color: #eee; background: #222; }
.kcna-choices ol, .kcna-feedback ol { padding-left: 1.6em; }
.kcna-key { font-weight: bold; }
.kcna-explanation, .kcna-source { margin-top: 0.8em; font-size: 0.9em; }
.kcna-source { opacity: 0.7; }`;

const KNOWN = new Set(['flashcard', 'quiz', 'prompt']);

/** A card of a kind this code has no own note type for (labs, and kinds added later). */
export type GenericCard = { id: string; kind: string } & Record<string, unknown>;

export function letter(index: number): string {
  return String.fromCharCode(65 + index);
}

export function quizKey(card: QuizCard): number[] {
  if (card.multiple) return [...(card.answers ?? [])].sort((a, b) => a - b);
  return card.answer === undefined ? [] : [card.answer];
}

const FRONT_KEYS = ['question', 'front', 'title', 'goal', 'prompt', 'task'];

function genericFaces(card: GenericCard): { front: string; back: string } {
  const strings = Object.entries(card).filter(
    (e): e is [string, string] =>
      typeof e[1] === 'string' && !['id', 'kind', 'domain', 'competency', 'source'].includes(e[0]),
  );
  const front = strings.find(([k]) => FRONT_KEYS.includes(k)) ?? strings[0];
  const back = strings.filter((e) => e !== front).map(([, v]) => v);
  return { front: front ? front[1] : card.id, back: back.join('\n\n') || card.kind };
}

/** A lab as text: the title and goal to read, the explanation and solution to check against. */
function labFaces(card: LabCard): { front: string; back: string } {
  const solution = card.solution?.length ? `\n\nSolution:\n${card.solution.join('\n')}` : '';
  return { front: `${card.title}\n\nGoal: ${card.goal}`, back: `${card.explanation}${solution}` };
}

/** Plain-text faces of a card without its own note type. */
export function textFaces(card: Card): { front: string; back: string } {
  return card.kind === 'lab' ? labFaces(card) : genericFaces(card);
}

/** The note type and field values (HTML) of a card. */
export function cardToNote(card: Card): { type: NoteTypeSpec; fields: string[] } {
  const opt = (text: string | undefined) => (text ? textToHtml(text) : '');
  const source = opt(card.source);
  // Labs need the simulator: other tools get them as generic notes (title, goal, explanation),
  // with the whole card in the hidden Data field for the way back.
  if (card.kind === 'lab' || !KNOWN.has(card.kind)) {
    const faces = textFaces(card);
    const data = escapeHtml(JSON.stringify(card));
    return {
      type: NOTE_TYPES.card,
      fields: [textToHtml(faces.front), textToHtml(faces.back), data, escapeHtml(card.id)],
    };
  }
  switch (card.kind) {
    case 'flashcard':
      return {
        type: NOTE_TYPES.flashcard,
        fields: [textToHtml(card.front), textToHtml(card.back), opt(card.explanation), source, escapeHtml(card.id)],
      };
    case 'quiz':
      return {
        type: NOTE_TYPES.quiz,
        fields: [
          textToHtml(card.question),
          htmlList(card.choices, true),
          quizKey(card).map(letter).join(', '),
          card.feedback ? htmlList(card.feedback, true) : '',
          textToHtml(card.explanation),
          source,
          escapeHtml(card.id),
          card.verify ? escapeHtml(JSON.stringify(card.verify)) : '',
        ],
      };
    case 'prompt':
      return {
        type: NOTE_TYPES.prompt,
        fields: [
          textToHtml(card.question),
          textToHtml(card.modelAnswer),
          htmlList(
            card.keyPoints.map((k) => k.text),
            false,
          ),
          escapeHtml(JSON.stringify(card.keyPoints.map((k) => k.match))),
          opt(card.explanation),
          source,
          escapeHtml(card.id),
        ],
      };
  }
}

/** Front and back of a card as HTML, for single-field targets (CSV, Moodle, print). */
export function cardFaces(card: Card): { front: string; back: string } {
  if (card.kind === 'lab' || !KNOWN.has(card.kind)) {
    const faces = textFaces(card);
    return { front: textToHtml(faces.front), back: textToHtml(faces.back) };
  }
  const more = (label: string, text: string | undefined) =>
    text ? `<br><br>${label ? `<b>${label}</b> ` : ''}${textToHtml(text)}` : '';
  switch (card.kind) {
    case 'flashcard':
      return { front: textToHtml(card.front), back: textToHtml(card.back) + more('', card.explanation) };
    case 'quiz': {
      const key = quizKey(card);
      const keyText = key.map((i) => `${letter(i)}. ${textToHtml(card.choices[i] ?? '')}`).join('<br>');
      return {
        front: `${textToHtml(card.question)}${htmlList(card.choices, true)}`,
        back: `<b>Answer:</b><br>${keyText}${more('', card.explanation)}`,
      };
    }
    case 'prompt':
      return {
        front: textToHtml(card.question),
        back:
          textToHtml(card.modelAnswer) +
          `<br><br><b>Key points:</b>${htmlList(
            card.keyPoints.map((k) => k.text),
            false,
          )}` +
          (card.explanation ? textToHtml(card.explanation) : ''),
      };
  }
}

/** A card as read from a source, before ids, defaults and validation. */
export type DraftCard = Record<string, unknown>;

const FIELD_SETS: readonly [NoteKind, readonly string[]][] = [
  ['quiz', ['Question', 'Choices', 'Answer']],
  ['prompt', ['Question', 'ModelAnswer', 'KeyPoints']],
  ['card', ['Data']],
  ['flashcard', ['Front', 'Back', 'CardId']],
];

function parseLetters(text: string): number[] | null {
  const letters = text.toUpperCase().match(/\b[A-H]\b/g);
  return letters ? letters.map((l) => l.charCodeAt(0) - 65) : null;
}

function optionalText(html: string | undefined): string | undefined {
  const text = html ? htmlToText(html) : '';
  return text || undefined;
}

function clean(card: DraftCard): DraftCard {
  return Object.fromEntries(Object.entries(card).filter(([, v]) => v !== undefined));
}

/**
 * A draft card from note fields. Our own note types (recognised by their field names, so a
 * renamed note type still works) give back the full card; any other note type becomes a
 * flashcard from its first field and the rest. Throws Error with a reason if unusable.
 */
export function noteToDraft(fieldNames: readonly string[], values: readonly string[], isCloze: boolean): DraftCard {
  const f = new Map(fieldNames.map((n, i) => [n, values[i] ?? '']));
  const get = (name: string) => f.get(name) ?? '';
  const kind = FIELD_SETS.find(([, names]) => names.every((n) => f.has(n)))?.[0];
  const id = optionalText(get('CardId'));
  const common = { id, source: optionalText(get('Source')) };
  switch (kind) {
    case 'quiz': {
      const choices = htmlListItems(get('Choices'));
      if (!choices) throw new Error('the Choices field has no list of choices');
      const key = parseLetters(htmlToText(get('Answer')));
      if (!key) throw new Error('the Answer field names no choice letter (A, B, ...)');
      const feedback = get('Feedback') ? (htmlListItems(get('Feedback')) ?? undefined) : undefined;
      const verifyText = htmlToExactText(get('Verify')).trim();
      const verify: unknown = verifyText ? JSON.parse(verifyText) : undefined;
      return clean({
        ...common,
        kind: 'quiz',
        question: htmlToText(get('Question')),
        choices,
        ...(key.length > 1 ? { multiple: true, answers: key } : { answer: key[0] }),
        explanation: htmlToText(get('Explanation')),
        feedback,
        verify,
      });
    }
    case 'prompt': {
      const texts = htmlListItems(get('KeyPoints')) ?? [htmlToText(get('KeyPoints'))].filter(Boolean);
      let matches: unknown = null;
      try {
        matches = JSON.parse(htmlToExactText(get('KeyPointMatches')));
      } catch {
        matches = null;
      }
      const matchAt = (i: number, text: string): string[] => {
        const m = Array.isArray(matches) ? (matches as unknown[])[i] : undefined;
        return Array.isArray(m) && m.every((s) => typeof s === 'string') && m.length ? (m as string[]) : [text];
      };
      return clean({
        ...common,
        kind: 'prompt',
        question: htmlToText(get('Question')),
        modelAnswer: htmlToText(get('ModelAnswer')),
        keyPoints: texts.map((text, i) => ({ text, match: matchAt(i, text) })),
        explanation: optionalText(get('Explanation')),
      });
    }
    case 'card': {
      const data: unknown = JSON.parse(htmlToExactText(get('Data')));
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('the Data field is not a card');
      return data as DraftCard;
    }
    case 'flashcard':
      return clean({
        ...common,
        kind: 'flashcard',
        front: htmlToText(get('Front')),
        back: htmlToText(get('Back')),
        explanation: optionalText(get('Explanation')),
      });
    default:
      return foreignNote(values, isCloze);
  }
}

const CLOZE = /\{\{c\d+::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

/** Any other Anki note: first field is the front, the other non-empty fields the back. */
function foreignNote(values: readonly string[], isCloze: boolean): DraftCard {
  const texts = values.map((v) => htmlToText(v));
  const first = texts[0] ?? '';
  if (isCloze) {
    return {
      kind: 'flashcard',
      front: first.replace(CLOZE, (_m, _a: string, hint: string | undefined) => `[${hint ?? '…'}]`),
      back: [first.replace(CLOZE, '$1'), ...texts.slice(1)].filter(Boolean).join('\n\n'),
    };
  }
  return { kind: 'flashcard', front: first, back: texts.slice(1).filter(Boolean).join('\n\n') };
}
