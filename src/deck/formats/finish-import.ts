// The last step of every foreign import (CSV, Anki, GIFT): give cards stable ids, KCNA domain
// and competency (from kcna:: tags, the Anki subdeck, or the defaults), normalise tags, skip
// cards with nothing to study, then validate the deck exactly like an authored deck file.

import type { Deck } from '../schema.ts';
import { KCNA_DOMAINS, findDomain } from '../domains.ts';
import type { DraftCard } from './card-fields.ts';
import { CARD_ID, derivedCardId, slug } from './ids.ts';
import {
  countKinds,
  formatLocation,
  ImportError,
  type ImportOptions,
  type SourceLocation,
  type TransferOptions,
} from './types.ts';
import { Work } from './work.ts';

export const DEFAULT_DOMAIN = 'kubernetes-fundamentals';
export const DEFAULT_COMPETENCY = 'core-concepts';

export interface DraftEntry {
  draft: DraftCard;
  where: SourceLocation;
  /** Raw tags from the source (Anki tags, CSV tags column), if any. */
  rawTags?: readonly string[];
  /** Stable key for a derived id when the card has none (Anki GUID, or the card text). */
  key: string;
  /** Anki deck name of the card ("Title::Kubernetes Fundamentals"), to find its domain. */
  deckName?: string;
}

export interface DraftDeck {
  id?: string;
  title?: string;
  description?: string;
  entries: DraftEntry[];
  /** Warnings from reading the source (entries it could not turn into cards). */
  skipped?: string[];
}

export interface ImportResult {
  deck: Deck;
  warnings: string[];
  counts: Record<string, number>;
}

const TAG_RE = /^[a-z0-9][a-z0-9:_-]*$/;

/** "Kubernetes" -> "kubernetes", "Über Tag!" -> "uber-tag"; empty if nothing is left. */
export function normaliseTag(tag: string): string {
  return tag
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9:_-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '');
}

function kcnaTag(tag: string): { domain: string; competency?: string } | null {
  const m = /^kcna::([a-z0-9-]+)(?:::([a-z0-9-]+))?$/.exec(tag);
  if (!m || !findDomain(m[1] ?? '')) return null;
  return { domain: m[1] as string, ...(m[2] ? { competency: m[2] } : {}) };
}

function domainFromDeckName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const parts = name.split('::').map((p) => slug(p, 8));
  return KCNA_DOMAINS.find((d) => parts.includes(d.id))?.id;
}

function questionOf(d: DraftCard): string {
  const q = d['question'] ?? d['front'] ?? d['title'];
  return typeof q === 'string' ? q.trim() : '';
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Complete and validate drafts; throws ImportError listing every problem with its source. */
export async function finishImport(
  draft: DraftDeck,
  fileName: string,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const deckIdOverride = opts.deckId;
  const warnings: string[] = [...(draft.skipped ?? [])];
  const ids = new Set<string>();
  const questions = new Map<string, string>();
  const cards: DraftCard[] = [];
  const wheres: SourceLocation[] = [];
  let defaulted = 0;
  for (const entry of draft.entries) {
    const card: DraftCard = { ...entry.draft };
    const at = formatLocation(entry.where);
    const question = questionOf(card);
    if (!question) {
      warnings.push(`${at}: skipped a card with an empty ${card['kind'] === 'flashcard' ? 'front' : 'question'}`);
      continue;
    }
    if (card['kind'] === 'flashcard' && !(typeof card['back'] === 'string' && card['back'].trim())) {
      warnings.push(`${at}: skipped the card "${question.slice(0, 40)}": its back is empty`);
      continue;
    }
    // Same rule as the validator: flashcard fronts, lab titles and questions are separate spaces.
    const space = card['kind'] === 'flashcard' ? 'f:' : card['kind'] === 'lab' ? 'l:' : 'q:';
    const qKey = `${space}${normalise(question)}`;
    const first = questions.get(qKey);
    if (first !== undefined) {
      warnings.push(`${at}: skipped a duplicate of the card at ${first}`);
      continue;
    }
    questions.set(qKey, at);

    const tags = new Set<string>(
      Array.isArray(card['tags']) ? card['tags'].filter((t): t is string => typeof t === 'string') : [],
    );
    for (const raw of entry.rawTags ?? []) {
      const tag = normaliseTag(raw);
      const kcna = kcnaTag(tag);
      if (kcna) {
        card['domain'] ??= kcna.domain;
        if (kcna.competency && card['domain'] === kcna.domain) card['competency'] ??= kcna.competency;
      } else if (tag && TAG_RE.test(tag)) tags.add(tag);
    }
    if (typeof card['domain'] !== 'string') {
      const fromDeck = domainFromDeckName(entry.deckName);
      if (fromDeck) card['domain'] = fromDeck;
    }
    if (typeof card['domain'] !== 'string') {
      card['domain'] = DEFAULT_DOMAIN;
      card['competency'] ??= DEFAULT_COMPETENCY;
      defaulted++;
    } else if (typeof card['competency'] !== 'string') {
      card['competency'] = findDomain(card['domain'])?.competencies[0] ?? DEFAULT_COMPETENCY;
    }
    if (tags.size) card['tags'] = [...tags];
    else delete card['tags'];

    const given = typeof card['id'] === 'string' ? (CARD_ID.test(card['id']) ? card['id'] : slug(card['id'], 12)) : '';
    let id = given && !ids.has(given) ? given : derivedCardId(question, entry.key);
    for (let n = 2; ids.has(id); n++) id = `${derivedCardId(question, entry.key)}-${n}`;
    ids.add(id);
    card['id'] = id;
    cards.push(card);
    wheres.push(entry.where);
  }
  if (defaulted) {
    warnings.push(
      `${defaulted} card(s) had no kcna:: tag; they were filed under ${DEFAULT_DOMAIN} / ${DEFAULT_COMPETENCY}. Edit the deck to change that.`,
    );
  }
  const fileSlug = slug(fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, ''), 8) || 'imported-deck';
  const deckId =
    deckIdOverride ?? (draft.id && CARD_ID.test(draft.id) ? draft.id : slug(draft.title ?? '', 8) || fileSlug);
  const deck = {
    id: deckId,
    title: draft.title?.trim() || fileName.replace(/^.*[\\/]/, ''),
    ...(draft.description ? { description: draft.description } : {}),
    cards,
  };
  const validated = await validateDraft(deck, wheres, fileName, opts);
  return { deck: validated, warnings, counts: countKinds(validated.cards) };
}

/** Cards per validation pass: small enough that the page stays responsive between passes. */
const VALIDATE_CHUNK = 500;

/**
 * Validate with the same validator as authored decks. Each chunk of cards is written as JSON
 * (which is YAML) with one line per card, so every problem points back to its source. Ids and
 * questions are already unique across the deck (above), so chunking loses no check.
 */
async function validateDraft(
  deck: { cards: DraftCard[] } & Record<string, unknown>,
  wheres: SourceLocation[],
  fileName: string,
  opts: TransferOptions,
): Promise<Deck> {
  const { validateDeckSource } = await import('../validate.ts');
  const { cards, ...head } = deck;
  const problems: string[] = [];
  const valid: Deck['cards'] = [];
  let shell: Deck | null = null;
  const work = new Work(opts, cards.length);
  await work.start();
  for (let from = 0; from < cards.length || (from === 0 && shell === null); from += VALIDATE_CHUNK) {
    const chunk = cards.slice(from, from + VALIDATE_CHUNK);
    const lines: string[] = [`${JSON.stringify(head).slice(0, -1)}${Object.keys(head).length ? ',' : ''}"cards":[`];
    chunk.forEach((card, i) => lines.push(JSON.stringify(card) + (i < chunk.length - 1 ? ',' : '')));
    lines.push(']}');
    const result = validateDeckSource(lines.join('\n'), fileName);
    if (result.deck) {
      shell ??= result.deck;
      valid.push(...result.deck.cards);
    }
    for (const p of result.problems) {
      const index = from + p.line - 2;
      const where = p.line >= 2 ? wheres[index] : undefined;
      const card = p.line >= 2 ? cards[index] : undefined;
      problems.push(
        where && card
          ? `${formatLocation(where)}: card "${String(card['id'])}": ${p.message}`
          : `${fileName}: ${p.message}`,
      );
    }
    await work.step(Math.min(from + VALIDATE_CHUNK, cards.length));
    if (cards.length === 0) break;
  }
  if (problems.length === 0 && shell) return { ...shell, cards: valid };
  const shown = problems.slice(0, 20).join('\n');
  const more = problems.length > 20 ? `\n… and ${problems.length - 20} more problem(s)` : '';
  throw new ImportError(
    `the imported deck is not valid (${problems.length} problem(s)); nothing was imported:\n${shown}${more}`,
  );
}
