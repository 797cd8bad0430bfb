// GIFT export (Moodle's text format for question banks): quizzes as multiple choice (single
// or multiple answers with per-choice feedback), flashcards as short answer, prompts as essay
// with the model answer as general feedback. Cards are grouped under $CATEGORY paths of deck,
// domain and competency; labs as essays. What GIFT cannot say (tags, source, key points,
// quiz verify scenarios, the structure of a lab) rides in a
// `// kcna:` comment that this app's importer reads and Moodle ignores.

import type { Card, Deck } from '../schema.ts';
import { quizKey, textFaces } from './card-fields.ts';
import { textToHtml } from './html.ts';
import type { TransferOptions } from './types.ts';
import { Work } from './work.ts';

/** Escape GIFT's special characters in text. */
export function giftEscape(text: string): string {
  return text.replace(/[\\~=#{}:]/g, (c) => `\\${c}`);
}

function giftText(text: string): string {
  return giftEscape(textToHtml(text));
}

function weight(n: number): string {
  return (Math.round((100 / n) * 100000) / 100000).toString();
}

/** The extra data GIFT cannot carry, or null when there is none. */
function extras(card: Card): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (card.tags?.length) out['tags'] = card.tags;
  if (card.source) out['source'] = card.source;
  if (card.kind === 'prompt') {
    out['keyPoints'] = card.keyPoints;
    if (card.explanation) out['explanation'] = card.explanation;
  } else if (card.kind === 'quiz') {
    if (card.verify) out['verify'] = card.verify;
  } else if (card.kind !== 'flashcard') out['card'] = card;
  return Object.keys(out).length ? out : null;
}

function answerBlock(card: Card): string {
  switch (card.kind) {
    case 'quiz': {
      const key = quizKey(card);
      const lines = card.choices.map((choice, i) => {
        const fb = card.feedback?.[i] ? `#${giftText(card.feedback[i] ?? '')}` : '';
        if (!card.multiple) return `\t${key.includes(i) ? '=' : '~'}${giftText(choice)}${fb}`;
        return `\t~%${key.includes(i) ? weight(key.length) : '-100'}%${giftText(choice)}${fb}`;
      });
      return `{\n${lines.join('\n')}\n\t####${giftText(card.explanation)}\n}`;
    }
    case 'flashcard':
      return `{\n\t=${giftText(card.back)}${card.explanation ? `\n\t####${giftText(card.explanation)}` : ''}\n}`;
    case 'prompt':
      return `{\n\t####${giftText(card.modelAnswer)}\n}`;
    default:
      // Labs (and later kinds) become essays; the whole card rides in the kcna comment.
      return `{\n\t####${giftText(textFaces(card).back)}\n}`;
  }
}

function questionText(card: Card): string {
  if (card.kind === 'flashcard') return card.front;
  if (card.kind === 'quiz' || card.kind === 'prompt') return card.question;
  return textFaces(card).front;
}

export async function exportGift(deck: Deck, opts: TransferOptions = {}): Promise<string> {
  const out: string[] = [
    `// KCNA deck "${deck.title.replace(/[\r\n]+/g, ' ')}" (${deck.id}), exported for Moodle (GIFT format)`,
    '',
  ];
  const work = new Work(opts, deck.cards.length);
  await work.start();
  let category = '';
  for (let i = 0; i < deck.cards.length; i++) {
    const card = deck.cards[i] as Card;
    // Moodle reads the category line as is (no escapes), so only path separators are replaced.
    const next = `$course$/top/${deck.title.replace(/[/\r\n]+/g, ' ')}/${card.domain}/${card.competency}`;
    if (next !== category) {
      out.push(`$CATEGORY: ${next}`, '');
      category = next;
    }
    const extra = extras(card);
    if (extra) out.push(`// kcna: ${JSON.stringify(extra)}`);
    out.push(`::${card.id}::[html]${giftText(questionText(card))}${answerBlock(card)}`, '');
    await work.step(i + 1);
  }
  return out.join('\n');
}
