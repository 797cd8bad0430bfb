// Conversions between study records and stored cards, and the shape check that decides whether
// a stored value can be trusted (anything else goes to quarantine).

import { cardStage } from '../study/readiness.ts';
import type { CardKind, CardRecord, CardState } from '../study/index.ts';
import { CARD_SCHEMA_VERSION } from './schema.ts';
import type { QueueName, StoredCard } from './schema.ts';

export interface DeckFlags {
  deckEnabled: boolean;
  removed: boolean;
}

/**
 * The queue a card belongs to. A card with `buriedUntil > 0` stays 'off' until the store
 * releases it (`releaseBuried`, run before every queue read once its day has passed).
 */
export function queueOf(rec: CardRecord, flags: DeckFlags): QueueName {
  if (!flags.deckEnabled || flags.removed || rec.suspended || rec.buriedUntil > 0) return 'off';
  return rec.state === 'new' ? 'new' : 'due';
}

/** Stored form of `rec` with its derived index fields. */
export function toStored(rec: CardRecord, flags: DeckFlags): StoredCard {
  const base = toRecord(rec);
  return {
    ...base,
    schemaVersion: CARD_SCHEMA_VERSION,
    queue: queueOf(base, flags),
    stage: flags.deckEnabled && !flags.removed ? cardStage(base) : 'inactive',
    deckEnabled: flags.deckEnabled,
    removed: flags.removed,
  };
}

/** Only the CardRecord fields, in a fresh object (drops stored-only fields and anything extra). */
export function toRecord(r: CardRecord): CardRecord {
  return {
    key: r.key,
    deckId: r.deckId,
    cardId: r.cardId,
    kind: r.kind,
    domain: r.domain,
    competency: r.competency,
    order: r.order,
    state: r.state,
    due: r.due,
    stability: r.stability,
    difficulty: r.difficulty,
    scheduledDays: r.scheduledDays,
    learningSteps: r.learningSteps,
    reps: r.reps,
    lapses: r.lapses,
    lastReview: r.lastReview,
    suspended: r.suspended,
    leech: r.leech,
    buriedUntil: r.buriedUntil,
  };
}

const kinds: readonly string[] = ['flashcard', 'quiz', 'prompt', 'lab'] satisfies CardKind[];
const states: readonly string[] = ['new', 'learning', 'review', 'relearning'] satisfies CardState[];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';

/** Why `v` is not a valid CardRecord, or null when it is. */
export function cardRecordProblem(v: unknown): string | null {
  if (!isObj(v)) return 'not an object';
  for (const f of ['key', 'deckId', 'cardId', 'domain', 'competency'] as const) {
    if (!isStr(v[f])) return `${f} is not text`;
  }
  if (!isStr(v.kind) || !kinds.includes(v.kind)) return `unknown kind ${String(v.kind)}`;
  if (!isStr(v.state) || !states.includes(v.state)) return `unknown state ${String(v.state)}`;
  for (const f of [
    'order',
    'due',
    'stability',
    'difficulty',
    'scheduledDays',
    'learningSteps',
    'reps',
    'lapses',
    'buriedUntil',
  ] as const) {
    if (!isNum(v[f])) return `${f} is not a number`;
  }
  if (v.lastReview !== null && !isNum(v.lastReview)) return 'lastReview is not a number';
  for (const f of ['suspended', 'leech'] as const) {
    if (!isBool(v[f])) return `${f} is not true/false`;
  }
  return null;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/**
 * Checks a value read from the cards store. `maxVersion` is the newest schema this code
 * understands; v1 cards (no queue fields) are accepted by the migration with `minVersion` 1.
 */
export function parseStoredCard(v: unknown, minVersion = CARD_SCHEMA_VERSION): Parsed<StoredCard> {
  if (!isObj(v)) return { ok: false, reason: 'not an object' };
  const version = v.schemaVersion;
  if (!isNum(version)) return { ok: false, reason: 'schemaVersion missing' };
  if (version > CARD_SCHEMA_VERSION) {
    return { ok: false, reason: `written by a newer version of the app (schemaVersion ${version})` };
  }
  if (version < minVersion) return { ok: false, reason: `old schemaVersion ${version} not migrated` };
  const problem = cardRecordProblem(v);
  if (problem) return { ok: false, reason: problem };
  if (!isBool(v.deckEnabled) || !isBool(v.removed)) return { ok: false, reason: 'deck flags missing' };
  // Shape verified field by field above.
  return { ok: true, value: v as unknown as StoredCard };
}
