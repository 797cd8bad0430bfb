// The study screen's state: which card is on screen, what the learner chose or typed, and the
// review flow (grade -> one-transaction commit -> next card), with undo, bury, suspend and a
// retry path when storage fails. The only bridge from the Study screen to study/ + persistence/.

import { answerKey } from '../deck/model.ts';
import type { Card } from '../deck/index.ts';
import { StorageError } from '../persistence/index.ts';
import {
  applyReview,
  gradeLab,
  gradeQuiz,
  gradeRevealedQuiz,
  matchKeyPoints,
  nextDayStart,
  previewIntervals,
  StudySession,
  type CardRecord,
  type LabAttempt,
  type Rating,
} from '../study/index.ts';
import type { AppState } from './app.svelte.ts';
import { clock } from './clock.ts';

export type Phase = 'loading' | 'question' | 'answer' | 'waiting' | 'done' | 'error';

export interface QuizOutcome {
  correct: boolean;
  /** The learner pressed "Show answer" instead of answering. */
  revealed: boolean;
  key: number[];
}

const DUE_READ_LIMIT = 500;

export class StudyController {
  phase = $state<Phase>('loading');
  record = $state.raw<CardRecord | null>(null);
  card = $state.raw<Card | null>(null);
  selected = $state<number[]>([]);
  typed = $state('');
  quiz = $state.raw<QuizOutcome | null>(null);
  keyPointHits = $state.raw<boolean[]>([]);
  /** A finished lab: what the learner did and the rating it earns. */
  lab = $state.raw<{ attempt: LabAttempt; rating: Rating } | null>(null);
  intervals = $state.raw<Record<Rating, string> | null>(null);
  /** A message for the learner (leech, storage error, waiting time); polite live region. */
  notice = $state('');
  error = $state('');
  busy = $state(false);
  remaining = $state.raw({ learning: 0, review: 0, new: 0 });
  undoDepth = $state(0);
  reviewed = $state(0);
  waitUntil = $state<number | null>(null);
  #session: StudySession | null = null;
  #pendingRating: Rating | null = null;
  readonly #app: AppState;

  constructor(app: AppState) {
    this.#app = app;
  }

  /** Ratings the learner may choose now: a wrong quiz answer can only be Again. */
  get allowedRatings(): Rating[] {
    if (this.card?.kind === 'quiz' && this.quiz && !this.quiz.correct) return [1];
    if (this.card?.kind === 'lab' && this.lab && this.lab.rating === 1) return [1];
    return [1, 2, 3, 4];
  }

  get suggestedRating(): Rating {
    if (this.card?.kind === 'quiz' && this.quiz) return this.quiz.correct ? 3 : 1;
    if (this.card?.kind === 'lab' && this.lab) return this.lab.rating;
    return 3;
  }

  async start(): Promise<void> {
    this.phase = 'loading';
    try {
      await this.#app.start();
      if (this.#app.status === 'error') throw new Error(this.#app.error);
      const store = this.#app.store;
      const now = clock.now();
      const tz = clock.tzOffsetMinutes();
      const settings = this.#app.settings;
      const [due, fresh, counts] = await Promise.all([
        store.readDue(now, DUE_READ_LIMIT),
        store.readNew(now, settings.newPerDay),
        store.counts(now, tz, settings),
      ]);
      this.#session = new StudySession({
        due,
        fresh,
        settings,
        now,
        tzOffsetMinutes: tz,
        reviewedToday: counts.reviewsDoneToday,
        introducedToday: counts.introducedToday,
      });
      await this.#show();
    } catch (e) {
      this.#fail(e);
    }
  }

  async #show(): Promise<void> {
    const session = this.#session;
    if (!session) return;
    const now = clock.now();
    this.remaining = session.remaining();
    this.undoDepth = session.undoDepth;
    const next = session.next(now);
    this.selected = [];
    this.typed = '';
    this.quiz = null;
    this.keyPointHits = [];
    this.lab = null;
    this.error = '';
    if (!next) {
      this.record = null;
      this.card = null;
      this.waitUntil = session.done ? null : session.nextLearningDue();
      this.phase = session.done ? 'done' : 'waiting';
      return;
    }
    const card = await this.#app.library.card(next.deckId, next.cardId);
    if (!card) {
      // The card left its deck in this app version: skip it rather than show nothing.
      session.remove(next.key);
      await this.#show();
      return;
    }
    this.record = next;
    this.card = card;
    this.intervals = previewIntervals(next, now, this.#app.settings);
    this.phase = 'question';
  }

  toggleChoice(index: number): void {
    if (this.phase !== 'question' || this.card?.kind !== 'quiz') return;
    if (this.card.multiple) {
      this.selected = this.selected.includes(index)
        ? this.selected.filter((i) => i !== index)
        : [...this.selected, index].sort((a, b) => a - b);
    } else {
      this.selected = [index];
    }
  }

  /** Quiz: grade the chosen answers automatically. */
  check(): void {
    if (this.phase !== 'question' || this.card?.kind !== 'quiz' || this.selected.length === 0) return;
    const key = answerKey(this.card);
    const grade = gradeQuiz(key, this.selected);
    this.quiz = { correct: grade.correct, revealed: false, key };
    this.phase = 'answer';
  }

  /** Lab: the learner passed or gave up; grade it (pass first try Good, after help Hard, gave up Again). */
  finishLab(attempt: LabAttempt): void {
    if (this.phase !== 'question' || this.card?.kind !== 'lab') return;
    this.lab = { attempt, rating: gradeLab(attempt) };
    this.phase = 'answer';
  }

  /** Reveal the answer. On a quiz this means "I don't know" and counts as wrong. */
  reveal(): void {
    // A lab is finished from its own card (Check or Show solution), never by a bare reveal.
    if (this.phase !== 'question' || !this.card || this.card.kind === 'lab') return;
    if (this.card.kind === 'quiz') {
      gradeRevealedQuiz();
      this.quiz = { correct: false, revealed: true, key: answerKey(this.card) };
    }
    if (this.card.kind === 'prompt') {
      this.keyPointHits = matchKeyPoints(this.card.keyPoints, this.typed);
    }
    this.phase = 'answer';
  }

  async grade(rating: Rating): Promise<void> {
    const session = this.#session;
    const rec = this.record;
    if (!session || !rec || this.phase !== 'answer' || this.busy) return;
    if (!this.allowedRatings.includes(rating)) return;
    this.busy = true;
    this.#pendingRating = rating;
    try {
      const now = clock.now();
      const result = applyReview(rec, rating, now, this.#app.settings);
      await this.#app.store.commitReview(result.record, result.log);
      session.record(result);
      this.#pendingRating = null;
      this.reviewed += 1;
      this.notice = result.becameLeech
        ? 'That card has now been forgotten 8 times, so it is marked as a leech and suspended. ' +
          'Rewrite it in your own words or study it elsewhere; you can unsuspend it later.'
        : '';
      if (this.reviewed === 1) void this.#app.askPersistence();
      await this.#show();
    } catch (e) {
      // The review stays on screen; nothing already saved is lost. Offer a retry.
      this.error =
        e instanceof StorageError
          ? e.message
          : `Could not save this review: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      this.busy = false;
    }
  }

  get canRetry(): boolean {
    return this.#pendingRating !== null && this.error !== '';
  }

  async retry(): Promise<void> {
    const rating = this.#pendingRating;
    if (rating !== null) await this.grade(rating);
  }

  async undo(): Promise<void> {
    const session = this.#session;
    if (!session || session.undoDepth === 0 || this.busy) return;
    this.busy = true;
    try {
      const undone = await this.#app.store.undoLast(clock.now());
      if (!undone) return;
      session.undo();
      this.reviewed = Math.max(0, this.reviewed - 1);
      this.notice = 'Last review undone.';
      await this.#show();
    } catch (e) {
      this.#fail(e);
    } finally {
      this.busy = false;
    }
  }

  async bury(): Promise<void> {
    const rec = this.record;
    if (!rec || !this.#session || this.busy) return;
    await this.#setAside(rec, () => this.#app.store.bury(rec.key, nextDayStart(clock.now(), clock.tzOffsetMinutes())));
    this.notice = 'Card buried until tomorrow.';
  }

  async suspend(): Promise<void> {
    const rec = this.record;
    if (!rec || !this.#session || this.busy) return;
    await this.#setAside(rec, () => this.#app.store.suspend(rec.key, true));
    this.notice = 'Card suspended. Unsuspend it from the Decks screen.';
  }

  async #setAside(rec: CardRecord, write: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    try {
      await write();
      this.#session?.remove(rec.key);
      await this.#show();
    } catch (e) {
      this.error = e instanceof Error ? e.message : String(e);
    } finally {
      this.busy = false;
    }
  }

  #fail(e: unknown): void {
    this.error = e instanceof Error ? e.message : String(e);
    this.phase = 'error';
  }
}
