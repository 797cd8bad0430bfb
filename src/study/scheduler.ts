// The only module that imports ts-fsrs. It converts between our flat, epoch-ms records and
// ts-fsrs cards, and fixes the FSRS configuration: FSRS-6 default weights, learning steps
// 1m 10m, relearning 10m, fuzz on with a seed so the same inputs give the same schedule.

import { fsrs, createEmptyCard, State, StrategyMode } from 'ts-fsrs';
import type { Card, FSRS, Grade } from 'ts-fsrs';
import type { CardState, FsrsFields, Rating, StudySettings } from './types.ts';

const toState: Record<State, CardState> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};
const fromState: Record<CardState, State> = {
  new: State.New,
  learning: State.Learning,
  review: State.Review,
  relearning: State.Relearning,
};

/**
 * ts-fsrs asks a seed strategy for the fuzz seed of each review. Scheduling is synchronous, so
 * the seed for the review in progress is set right before the call and read by the strategy.
 */
let pendingSeed = '';

const cache = new Map<string, FSRS>();

function schedulerFor(settings: StudySettings): FSRS {
  const id = `${settings.desiredRetention}|${settings.maximumIntervalDays}`;
  let f = cache.get(id);
  if (!f) {
    f = fsrs({
      request_retention: settings.desiredRetention,
      maximum_interval: settings.maximumIntervalDays,
      enable_fuzz: true,
      enable_short_term: true,
      learning_steps: ['1m', '10m'],
      relearning_steps: ['10m'],
    }).useStrategy(StrategyMode.SEED, () => pendingSeed);
    cache.set(id, f);
  }
  return f;
}

function toCard(s: FsrsFields): Card {
  const card: Card = {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: 0,
    scheduled_days: s.scheduledDays,
    learning_steps: s.learningSteps,
    reps: s.reps,
    lapses: s.lapses,
    state: fromState[s.state],
  };
  if (s.lastReview !== null) card.last_review = new Date(s.lastReview);
  return card;
}

function fromCard(c: Card): FsrsFields {
  return {
    state: toState[c.state],
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    lastReview: c.last_review ? c.last_review.getTime() : null,
  };
}

const grades: Record<Rating, Grade> = { 1: 1, 2: 2, 3: 3, 4: 4 };

/** FSRS state of a card never studied, due at `now`. */
export function emptyFsrsFields(now: number): FsrsFields {
  return fromCard(createEmptyCard(new Date(now)));
}

/**
 * Next FSRS state after rating the card at `now`. `seedKey` identifies the card, so two cards
 * reviewed at the same moment get independent fuzz.
 */
export function schedule(
  current: FsrsFields,
  rating: Rating,
  now: number,
  settings: StudySettings,
  seedKey: string,
): FsrsFields {
  const f = schedulerFor(settings);
  pendingSeed = `${settings.seed}:${seedKey}:${current.reps}:${now}`;
  const next = fromCard(f.next(toCard(current), new Date(now), grades[rating]).card);
  // ts-fsrs keeps Hard < Good < Easy by adding a day, which can step past maximum_interval;
  // the maximum is the exam horizon, so it is a hard cap here.
  const max = settings.maximumIntervalDays;
  if (next.scheduledDays > max) return { ...next, scheduledDays: max, due: now + max * 86_400_000 };
  return next;
}
