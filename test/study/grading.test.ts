import { describe, expect, it } from 'vitest';
import { Again, Good, formatInterval, gradeQuiz, gradeRevealedQuiz } from '../../src/study/index.ts';

describe('gradeQuiz', () => {
  it('rates a right answer Good', () => {
    expect(gradeQuiz([2], [2])).toEqual({ correct: true, rating: Good });
  });

  it('rates a wrong answer Again', () => {
    expect(gradeQuiz([2], [1])).toEqual({ correct: false, rating: Again });
  });

  it('needs exactly the keyed choices on a multi-answer question, in any order', () => {
    expect(gradeQuiz([0, 3], [3, 0]).correct).toBe(true);
    expect(gradeQuiz([0, 3], [0]).correct).toBe(false);
    expect(gradeQuiz([0, 3], [0, 1, 3]).correct).toBe(false);
  });

  it('treats an empty selection as wrong', () => {
    expect(gradeQuiz([1], []).correct).toBe(false);
  });

  it('counts "Show answer" as a wrong answer', () => {
    expect(gradeRevealedQuiz()).toEqual({ correct: false, rating: Again });
  });
});

describe('formatInterval', () => {
  it('labels intervals the way the rating buttons show them', () => {
    expect(formatInterval(60_000)).toBe('1m');
    expect(formatInterval(10 * 60_000)).toBe('10m');
    expect(formatInterval(3 * 3_600_000)).toBe('3h');
    expect(formatInterval(3 * 86_400_000)).toBe('3d');
    expect(formatInterval(62 * 86_400_000)).toBe('2mo');
    expect(formatInterval(400 * 86_400_000)).toBe('1.1y');
  });
});
