import { describe, expect, it } from 'vitest';
import { Again, Good, Hard, gradeLab } from '../../src/study/index.ts';

const base = { passed: true, gaveUp: false, hintsUsed: 0, failedChecks: 0, predictionCorrect: null };

describe('gradeLab', () => {
  it('grades a pass at the first try, without hints, Good', () => {
    expect(gradeLab(base)).toBe(Good);
    expect(gradeLab({ ...base, predictionCorrect: true })).toBe(Good);
  });

  it('grades a pass after hints, failed checks or a wrong prediction Hard', () => {
    expect(gradeLab({ ...base, hintsUsed: 1 })).toBe(Hard);
    expect(gradeLab({ ...base, failedChecks: 2 })).toBe(Hard);
    expect(gradeLab({ ...base, predictionCorrect: false })).toBe(Hard);
  });

  it('grades giving up (Show solution) Again, even after a pass was close', () => {
    expect(gradeLab({ ...base, passed: false, gaveUp: true })).toBe(Again);
  });

  it('grades a wrong answer on a prediction-only lab Again', () => {
    expect(gradeLab({ ...base, passed: false, predictionCorrect: false })).toBe(Again);
  });
});
