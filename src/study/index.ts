// Public API of the study engine: pure TypeScript, no DOM, no IndexedDB, no Svelte.
// Every function takes time (`now`, epoch ms) and time zone (`tzOffsetMinutes`, local minus UTC,
// i.e. `-new Date().getTimezoneOffset()`) as arguments; none reads the clock.
//
// Typical review loop (the store is `src/persistence`):
//   const session = new StudySession({ due: await store.readDue(now, 500),
//     fresh: await store.readNew(now, settings.newPerDay), settings, now, tzOffsetMinutes,
//     reviewedToday: counts.reviewsDoneToday, introducedToday: counts.introducedToday });
//   const card = session.next(now);                       // null: done or waiting (nextLearningDue)
//   const labels = previewIntervals(card, now, settings); // button labels '1m' '10m' '3d'
//   const result = applyReview(card, rating, now, settings);
//   await store.commitReview(result.record, result.log);  // StorageError: keep card, offer retry
//   session.record(result);                               // result.becameLeech: tell the learner
//   // undo: await store.undoLast(now); session.undo();

export type {
  Rating,
  CardKind,
  CardState,
  StudySettings,
  CardMeta,
  FsrsFields,
  CardRecord,
  ReviewLogEntry,
  ReviewResult,
} from './types.ts';
export { defaultSettings, ratings } from './types.ts';

/** Card key `"<deckId>/<cardId>"`; progress is keyed on it so deck edits keep progress. */
export { cardKey } from './card-key.ts';

/** `newCardRecord(meta, now)`, `applyReview(rec, rating, now, settings)` (FSRS + leech after 8
 * lapses), `previewIntervals(rec, now, settings)` labels per rating. */
export { newCardRecord, applyReview, previewIntervals, leechThreshold } from './review.ts';
export { formatInterval } from './interval-label.ts';

/** Quiz auto-grading (wrong -> Again, right -> Good); named ratings. */
export { gradeQuiz, gradeRevealedQuiz, gradeLab, Again, Hard, Good, Easy } from './grading.ts';
export type { QuizGrade, LabAttempt } from './grading.ts';

/** Which key points of a prompt's model answer the typed answer mentions. */
export { matchKeyPoints } from './key-points.ts';
export type { KeyPoint } from './key-points.ts';

/** Study days start at 04:00 local time. */
export { dayStart, nextDayStart, dayNumber, DAY_MS, DAY_START_HOUR } from './day.ts';

/** The in-session queue (see session.ts): due learning steps first, then due reviews with new
 * cards spread evenly among them; when only learning cards remain, the next one is shown up to
 * `learnAheadMs` (20 min) early, otherwise `next()` is null and `nextLearningDue()` says when. */
export { StudySession } from './session.ts';
export type { SessionOptions, SessionRemaining } from './session.ts';

/** Per-domain counts (due, new, learned, mature) for the Home summary. */
export { summarizeDomains, domainReadiness, cardStage, isActive, matureDays } from './readiness.ts';
export type { DomainCounts, CardStage } from './readiness.ts';
