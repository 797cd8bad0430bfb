// Plain data shapes shared by the study engine and the persistence layer.
// Everything here is structured-clone friendly (no Dates, no classes) so it can be
// stored in IndexedDB as is.

/** 1 Again, 2 Hard, 3 Good, 4 Easy (same numbers as FSRS and Anki). */
export type Rating = 1 | 2 | 3 | 4;

export const ratings: readonly Rating[] = [1, 2, 3, 4];

export type CardKind = 'flashcard' | 'quiz' | 'prompt' | 'lab';

/** FSRS memory stage of a card. */
export type CardState = 'new' | 'learning' | 'review' | 'relearning';

export interface StudySettings {
  /** Target probability of recall when a review comes due, 0.7..0.99. */
  desiredRetention: number;
  /** Longest interval FSRS may schedule (the exam horizon). */
  maximumIntervalDays: number;
  /** New cards introduced per study day. */
  newPerDay: number;
  /** Reviews (of cards already learned) shown per study day. */
  reviewsPerDay: number;
  /** Seed of the interval fuzz: same seed + same history gives the same schedule. */
  seed: number;
}

export const defaultSettings: StudySettings = Object.freeze({
  desiredRetention: 0.9,
  maximumIntervalDays: 365,
  newPerDay: 20,
  reviewsPerDay: 200,
  seed: 1,
});

/** What the engine needs to know about a card from its deck. */
export interface CardMeta {
  /** `"<deckId>/<cardId>"`, see `cardKey`. */
  key: string;
  deckId: string;
  cardId: string;
  kind: CardKind;
  /** KCNA domain id, e.g. `kubernetes-fundamentals`. */
  domain: string;
  competency: string;
  /** Position in its deck; new cards are introduced in this order, interleaved across decks. */
  order: number;
}

/** FSRS memory state, flattened with epoch-millisecond times. */
export interface FsrsFields {
  state: CardState;
  /** Epoch ms when the card is next due (for new cards: when it was created). */
  due: number;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** Epoch ms of the last review, or null for a new card. */
  lastReview: number | null;
}

/** A card's scheduling record: deck metadata + FSRS state + learner flags. */
export interface CardRecord extends CardMeta, FsrsFields {
  suspended: boolean;
  /** Failed `leechThreshold` times; a leech is suspended when it is flagged. */
  leech: boolean;
  /** Epoch ms until which the card is hidden (start of the next study day); 0 when not buried. */
  buriedUntil: number;
}

/** One review, with the record as it was before so undo can restore it exactly. */
export interface ReviewLogEntry {
  /** Assigned by the store (auto-increment); absent before the review is committed. */
  id?: number;
  key: string;
  deckId: string;
  domain: string;
  rating: Rating;
  /** Epoch ms of the review. */
  reviewedAt: number;
  /** State before the review. */
  stateBefore: CardState;
  /** State, due and interval after the review. */
  stateAfter: CardState;
  dueAfter: number;
  scheduledDays: number;
  /** Days since the previous review (0 for a new card). */
  elapsedDays: number;
  /** The full record before the review. */
  previous: CardRecord;
}

/** What `applyReview` returns: store `record` and `log` together, then tell the session. */
export interface ReviewResult {
  record: CardRecord;
  log: ReviewLogEntry;
  /** This review made the card a leech: it is now suspended; tell the learner why it disappears. */
  becameLeech: boolean;
}
