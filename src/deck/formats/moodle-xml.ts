// Moodle XML export: one <question> per card, under category questions per domain and
// competency. Quizzes are multichoice (single or multiple answers, per-choice feedback, the
// explanation as general feedback); prompts are essays with the model answer and key points
// as grader information; labs are essays with the solution as grader information;
// flashcards are short answer. Text is HTML in escaped XML.

import type { Card, Deck } from '../schema.ts';
import { quizKey, textFaces } from './card-fields.ts';
import { escapeHtml, htmlList, textToHtml } from './html.ts';
import type { TransferOptions } from './types.ts';
import { Work } from './work.ts';

/** XML text content (also safe in attributes). Drops characters XML 1.0 forbids. */
export function xmlEscape(text: string): string {
  // eslint-disable-next-line no-control-regex
  return escapeHtml(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, ''));
}

const html = (text: string) => `<text>${xmlEscape(textToHtml(text))}</text>`;
const rawHtml = (markup: string) => `<text>${xmlEscape(markup)}</text>`;

function fraction(correct: boolean, keys: number, multiple: boolean): string {
  if (!multiple) return correct ? '100' : '0';
  return correct ? (Math.round((100 / keys) * 100000) / 100000).toString() : '-100';
}

function tags(card: Card): string {
  const all = [`kcna::${card.domain}::${card.competency}`, ...(card.tags ?? [])];
  return `    <tags>${all.map((t) => `<tag><text>${xmlEscape(t)}</text></tag>`).join('')}</tags>`;
}

function head(card: Card, type: string, question: string, general: string | undefined): string[] {
  return [
    `  <question type="${type}">`,
    `    <name><text>${xmlEscape(card.id)}</text></name>`,
    `    <questiontext format="html">${html(question)}</questiontext>`,
    `    <generalfeedback format="html">${general ? html(general) : '<text></text>'}</generalfeedback>`,
    '    <defaultgrade>1</defaultgrade>',
    '    <hidden>0</hidden>',
    `    <idnumber>${xmlEscape(card.id)}</idnumber>`,
  ];
}

function question(card: Card): string {
  switch (card.kind) {
    case 'quiz': {
      const key = quizKey(card);
      const multiple = Boolean(card.multiple);
      const answers = card.choices.map((choice, i) => {
        const fb = card.feedback?.[i];
        return (
          `    <answer fraction="${fraction(key.includes(i), key.length, multiple)}" format="html">${html(choice)}` +
          `<feedback format="html">${fb ? html(fb) : '<text></text>'}</feedback></answer>`
        );
      });
      return [
        ...head(card, 'multichoice', card.question, card.explanation),
        '    <penalty>0.3333333</penalty>',
        `    <single>${multiple ? 'false' : 'true'}</single>`,
        '    <shuffleanswers>true</shuffleanswers>',
        '    <answernumbering>ABCD</answernumbering>',
        ...answers,
        tags(card),
        '  </question>',
      ].join('\n');
    }
    case 'prompt': {
      const grader = `${textToHtml(card.modelAnswer)}<p><b>Key points:</b></p>${htmlList(
        card.keyPoints.map((k) => `${k.text} (look for: ${k.match.join(', ')})`),
        false,
      )}`;
      return [
        ...head(card, 'essay', card.question, card.explanation),
        '    <penalty>0</penalty>',
        '    <responseformat>editor</responseformat>',
        '    <responserequired>1</responserequired>',
        '    <responsefieldlines>10</responsefieldlines>',
        '    <attachments>0</attachments>',
        `    <graderinfo format="html">${rawHtml(grader)}</graderinfo>`,
        '    <responsetemplate format="html"><text></text></responsetemplate>',
        tags(card),
        '  </question>',
      ].join('\n');
    }
    case 'flashcard':
      return [
        ...head(card, 'shortanswer', card.front, card.explanation),
        '    <penalty>0.3333333</penalty>',
        '    <usecase>0</usecase>',
        `    <answer fraction="100" format="moodle_auto_format"><text>${xmlEscape(card.back.replace(/\s+/g, ' '))}</text><feedback format="html"><text></text></feedback></answer>`,
        tags(card),
        '  </question>',
      ].join('\n');
    default: {
      // Labs (and later kinds) need the simulator: an essay with the solution for the grader.
      const faces = textFaces(card);
      return [
        ...head(card, 'essay', faces.front, undefined),
        '    <penalty>0</penalty>',
        '    <responseformat>editor</responseformat>',
        '    <responserequired>1</responserequired>',
        '    <responsefieldlines>10</responsefieldlines>',
        '    <attachments>0</attachments>',
        `    <graderinfo format="html">${html(faces.back)}</graderinfo>`,
        '    <responsetemplate format="html"><text></text></responsetemplate>',
        tags(card),
        '  </question>',
      ].join('\n');
    }
  }
}

export async function exportMoodleXml(deck: Deck, opts: TransferOptions = {}): Promise<string> {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<quiz>'];
  const work = new Work(opts, deck.cards.length);
  await work.start();
  let category = '';
  for (let i = 0; i < deck.cards.length; i++) {
    const card = deck.cards[i] as Card;
    const path = `$course$/top/${deck.title.replace(/\//g, '-')}/${card.domain}/${card.competency}`;
    if (path !== category) {
      out.push(`  <question type="category"><category><text>${xmlEscape(path)}</text></category></question>`);
      category = path;
    }
    out.push(question(card));
    await work.step(i + 1);
  }
  out.push('</quiz>', '');
  return out.join('\n');
}
