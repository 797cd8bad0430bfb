// Helpers over deck cards that the app needs at run time. Deliberately free of zod, so the
// study screen does not pull the schema validator into its bundle.

import type { QuizCard } from './schema.ts';

/** The indexes of the correct choices of a quiz card, whether single or multiple answer. */
export function answerKey(card: QuizCard): number[] {
  if (card.multiple) return [...(card.answers ?? [])].sort((a, b) => a - b);
  return card.answer === undefined ? [] : [card.answer];
}
