import { describe, expect, it } from 'vitest';
import { applyReview, defaultSettings, leechThreshold, previewIntervals } from '../../src/study/index.ts';
import type { CardRecord, Rating, StudySettings } from '../../src/study/index.ts';
import { DAY, MIN, NOW, newCard, reviewCard } from './fixtures.ts';

function run(rec: CardRecord, ratings: Rating[], settings: StudySettings = defaultSettings): CardRecord {
  let r = rec;
  for (const rating of ratings) r = applyReview(r, rating, Math.max(r.due, NOW), settings).record;
  return r;
}

describe('applyReview', () => {
  it('offers learning steps of 1m and 10m for a new card', () => {
    const labels = previewIntervals(newCard('d', 'a'), NOW, defaultSettings);
    expect(labels[1]).toBe('1m');
    expect(labels[3]).toBe('10m');
    expect(labels[4]).toMatch(/^\d+d$/);
  });

  it('brings a lapsed review card back after a 10 minute relearning step', () => {
    const card = reviewCard('d', 'a', NOW, 10);
    const { record } = applyReview(card, 1, NOW, defaultSettings);
    expect(record.state).toBe('relearning');
    expect(record.due - NOW).toBe(10 * MIN);
    expect(record.lapses).toBe(1);
  });

  it('gives the same schedule for the same card, time, rating and seed', () => {
    const a = run(newCard('d', 'a'), [3, 3, 3, 3]);
    const b = run(newCard('d', 'a'), [3, 3, 3, 3]);
    expect(a).toEqual(b);
  });

  it('fuzzes intervals by seed so cards learned together spread out', () => {
    const dues = new Set<number>();
    for (let seed = 1; seed <= 20; seed++)
      dues.add(run(newCard('d', 'a'), [3, 3, 3, 3], { ...defaultSettings, seed }).due);
    expect(dues.size).toBeGreaterThan(1);
  });

  it('never schedules beyond the maximum interval', () => {
    const settings = { ...defaultSettings, maximumIntervalDays: 30 };
    const rec = run(newCard('d', 'a'), [4, 4, 4, 4, 4, 4], settings);
    expect(rec.scheduledDays).toBeLessThanOrEqual(30);
    expect(rec.due - (rec.lastReview ?? 0)).toBeLessThanOrEqual(30 * DAY);
  });

  it('schedules shorter intervals when the desired retention is higher', () => {
    const card = reviewCard('d', 'a', NOW, 20);
    const low = applyReview(card, 3, NOW, { ...defaultSettings, desiredRetention: 0.8 }).record;
    const high = applyReview(card, 3, NOW, { ...defaultSettings, desiredRetention: 0.97 }).record;
    expect(high.scheduledDays).toBeLessThan(low.scheduledDays);
  });

  it('logs the previous record so the review can be undone exactly', () => {
    const card = reviewCard('d', 'a', NOW, 10);
    const before = structuredClone(card);
    const { log, record } = applyReview(card, 3, NOW, defaultSettings);
    expect(card).toEqual(before);
    expect(log.previous).toEqual(before);
    expect(log).toMatchObject({ key: 'd/a', rating: 3, reviewedAt: NOW, stateBefore: 'review', stateAfter: 'review' });
    expect(log.dueAfter).toBe(record.due);
    expect(log.elapsedDays).toBe(10);
  });

  it('flags a card as a leech and suspends it on its 8th lapse', () => {
    let card: CardRecord = { ...reviewCard('d', 'a', NOW, 10), lapses: leechThreshold - 2 };
    const seventh = applyReview(card, 1, NOW, defaultSettings);
    expect(seventh.becameLeech).toBe(false);
    card = { ...seventh.record, state: 'review', due: NOW + DAY };
    const eighth = applyReview(card, 1, NOW + DAY, defaultSettings);
    expect(eighth.record.lapses).toBe(8);
    expect(eighth.becameLeech).toBe(true);
    expect(eighth.record).toMatchObject({ leech: true, suspended: true });
  });

  it('does not flag a leech again on the next lapse after it was unsuspended', () => {
    const card: CardRecord = { ...reviewCard('d', 'a', NOW, 10), lapses: 8, leech: true, suspended: false };
    const result = applyReview(card, 1, NOW, defaultSettings);
    expect(result.becameLeech).toBe(false);
    expect(result.record.suspended).toBe(false);
  });

  it('unburies a card when it is reviewed', () => {
    const card = { ...reviewCard('d', 'a', NOW), buriedUntil: NOW + DAY };
    expect(applyReview(card, 3, NOW, defaultSettings).record.buriedUntil).toBe(0);
  });
});
