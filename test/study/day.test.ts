import { describe, expect, it } from 'vitest';
import { dayNumber, dayStart, nextDayStart } from '../../src/study/index.ts';

const at = (iso: string): number => Date.parse(iso);

describe('study day', () => {
  it('starts at 04:00 local time', () => {
    expect(dayStart(at('2026-01-05T09:00:00Z'), 0)).toBe(at('2026-01-05T04:00:00Z'));
    expect(nextDayStart(at('2026-01-05T09:00:00Z'), 0)).toBe(at('2026-01-06T04:00:00Z'));
  });

  it('counts a review at 02:00 as part of the previous day', () => {
    expect(dayStart(at('2026-01-06T02:00:00Z'), 0)).toBe(at('2026-01-05T04:00:00Z'));
    expect(dayNumber(at('2026-01-06T02:00:00Z'), 0)).toBe(dayNumber(at('2026-01-05T23:00:00Z'), 0));
    expect(dayNumber(at('2026-01-06T04:00:00Z'), 0)).toBe(dayNumber(at('2026-01-05T23:00:00Z'), 0) + 1);
  });

  it('uses the given time zone offset (local minus UTC)', () => {
    // 04:00 in UTC+2 is 02:00 UTC; 04:00 in UTC-5 is 09:00 UTC.
    expect(dayStart(at('2026-01-05T12:00:00Z'), 120)).toBe(at('2026-01-05T02:00:00Z'));
    expect(dayStart(at('2026-01-05T12:00:00Z'), -300)).toBe(at('2026-01-05T09:00:00Z'));
    expect(dayStart(at('2026-01-05T08:00:00Z'), -300)).toBe(at('2026-01-04T09:00:00Z'));
  });
});
