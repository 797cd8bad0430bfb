import { describe, expect, it } from 'vitest';
import { emptyCardFields } from '../../src/study/new-card.ts';
import { emptyFsrsFields } from '../../src/study/scheduler.ts';

describe('a new card', () => {
  it('starts with exactly the state ts-fsrs gives an empty card', () => {
    const now = Date.UTC(2026, 10, 24, 9, 30);
    expect(emptyCardFields(now)).toEqual(emptyFsrsFields(now));
  });
});
