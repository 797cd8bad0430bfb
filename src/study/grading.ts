// Turning what the learner did into an FSRS rating. Flashcards and prompts are self-graded;
// quizzes are graded automatically: wrong -> Again, right -> Good (Hard/Easy stay available as
// overrides in the UI), and revealing the answer without choosing counts as wrong.

import type { Rating } from './types.ts';

export const Again: Rating = 1;
export const Hard: Rating = 2;
export const Good: Rating = 3;
export const Easy: Rating = 4;

export interface QuizGrade {
  correct: boolean;
  /** Suggested rating: Good when correct, Again when wrong. */
  rating: Rating;
}

/**
 * Grades a quiz answer. `answerKey` and `selected` are choice indexes; order and duplicates do
 * not matter. Multi-answer questions need exactly the keyed set (no partial credit, like the exam).
 */
export function gradeQuiz(answerKey: readonly number[], selected: readonly number[]): QuizGrade {
  const want = new Set(answerKey);
  const got = new Set(selected);
  const correct = want.size > 0 && want.size === got.size && [...want].every((i) => got.has(i));
  return { correct, rating: correct ? Good : Again };
}

/** "Show answer" on a quiz before answering: counts as a wrong answer. */
export function gradeRevealedQuiz(): QuizGrade {
  return { correct: false, rating: Again };
}

/** What the learner did on a lab card. */
export interface LabAttempt {
  /** The goal checks passed (or, on a prediction-only lab, the prediction was right). */
  passed: boolean;
  /** "Show solution": the learner gave up. */
  gaveUp: boolean;
  hintsUsed: number;
  /** Checks run before the passing one. */
  failedChecks: number;
  /** null when the lab has no prediction. */
  predictionCorrect: boolean | null;
}

/**
 * Grades a lab: passing at the first attempt with no hints -> Good; passing after hints, failed
 * checks or a wrong prediction -> Hard; giving up or not passing -> Again.
 */
export function gradeLab(a: LabAttempt): Rating {
  if (a.gaveUp || !a.passed) return Again;
  if (a.hintsUsed > 0 || a.failedChecks > 0 || a.predictionCorrect === false) return Hard;
  return Good;
}
