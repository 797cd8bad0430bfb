// The deck format: one zod schema that is the single source of truth for the TypeScript types
// (below), for validation (validate.ts) and for the generated decks/schema.json that editors use.

import { z } from 'zod';
import { DOMAIN_IDS } from './domains.ts';
import { labFields, quizVerifySchema } from './lab-schema.ts';

const text = z.string().trim().min(1);
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and hyphens (e.g. "etcd-quorum")');
const tag = z.string().regex(/^[a-z0-9][a-z0-9:_-]*$/, 'tags are lower-case words like "cka"');

const common = {
  id: id.describe('Stable id, unique in the deck. Progress is keyed on deck id + card id.'),
  domain: z.enum(DOMAIN_IDS as [string, ...string[]]).describe('KCNA domain id'),
  competency: z.string().describe('KCNA competency id within the domain'),
  tags: z.array(tag).optional().describe('Free tags, e.g. "glossary", "cka", "ckad"'),
  source: z.string().optional().describe('Where the facts come from'),
};

export const keyPointSchema = z.strictObject({
  text: text.describe('What a good answer mentions'),
  match: z.array(text).min(1).describe('Words or phrases; the point counts as mentioned if any of them appears'),
});

export const flashcardSchema = z.strictObject({
  ...common,
  kind: z.literal('flashcard'),
  front: text,
  back: text,
  explanation: text.optional(),
});

export const quizSchema = z.strictObject({
  ...common,
  kind: z.literal('quiz'),
  question: text,
  choices: z.array(z.string()).min(2).max(8),
  multiple: z.boolean().optional().describe('true for "choose all that apply": then give `answers`, not `answer`'),
  answer: z.int().optional().describe('Index (from 0) of the correct choice'),
  answers: z.array(z.int()).optional().describe('Indexes of all correct choices (multiple: true)'),
  explanation: text.describe('Why the key is right and each distractor is wrong'),
  feedback: z.array(z.string()).optional().describe('Optional per-choice feedback, same order as choices'),
  verify: quizVerifySchema
    .optional()
    .describe('A scenario the deck validator runs in the simulated cluster to confirm the answer key'),
});

export const promptSchema = z.strictObject({
  ...common,
  kind: z.literal('prompt'),
  question: text,
  modelAnswer: text,
  keyPoints: z.array(keyPointSchema).min(1).max(8),
  explanation: text.optional(),
});

export const labSchema = z.strictObject({
  ...common,
  kind: z.literal('lab'),
  ...labFields,
});

export const cardSchema = z.discriminatedUnion('kind', [flashcardSchema, quizSchema, promptSchema, labSchema]);

export const deckSchema = z.strictObject({
  $schema: z.string().optional(),
  id: id.describe('Stable deck id'),
  title: text,
  description: z.string().optional(),
  source: z.string().optional(),
  cards: z.array(cardSchema),
});

export type KeyPoint = z.infer<typeof keyPointSchema>;
export type Flashcard = z.infer<typeof flashcardSchema>;
export type QuizCard = z.infer<typeof quizSchema>;
export type PromptCard = z.infer<typeof promptSchema>;
export type LabCard = z.infer<typeof labSchema>;
export type Card = z.infer<typeof cardSchema>;
export type CardKind = Card['kind'];
export type Deck = z.infer<typeof deckSchema>;

export const CARD_KINDS: readonly CardKind[] = ['flashcard', 'quiz', 'prompt', 'lab'];

/** JSON Schema for editors (YAML language server), generated from the zod schema. */
export function deckJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(deckSchema, { target: 'draft-7', io: 'input' });
  return {
    ...schema,
    title: 'KCNA study deck',
    description: 'A deck of study cards. Validate with `npm run deck -- validate`.',
  };
}
