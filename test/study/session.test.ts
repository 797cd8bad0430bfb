import { describe, expect, it } from 'vitest';
import { StudySession, applyReview, defaultSettings } from '../../src/study/index.ts';
import type { CardRecord, Rating, SessionOptions } from '../../src/study/index.ts';
import { DAY, HOUR, MIN, NOW, newCard, reviewCard } from './fixtures.ts';

function session(over: Partial<SessionOptions>): StudySession {
  return new StudySession({ due: [], fresh: [], settings: defaultSettings, now: NOW, tzOffsetMinutes: 0, ...over });
}

/** Shows and rates cards until the session has nothing to show at `now`; returns the keys shown. */
function drain(s: StudySession, now: number, rating: Rating = 3, max = 100): string[] {
  const shown: string[] = [];
  for (let card = s.next(now); card && shown.length < max; card = s.next(now)) {
    shown.push(card.key);
    s.record(applyReview(card, rating, now, defaultSettings));
  }
  return shown;
}

const reviews = (n: number): CardRecord[] =>
  Array.from({ length: n }, (_, i) => reviewCard('d', `r${i}`, NOW - (n - i) * HOUR));
const fresh = (n: number): CardRecord[] => Array.from({ length: n }, (_, i) => newCard('d', `n${i}`, i));

describe('StudySession', () => {
  it('shows due reviews before new cards, earliest due first', () => {
    const s = session({ due: [...reviews(2)].reverse(), fresh: fresh(1) });
    expect(s.next(NOW)?.key).toBe('d/r0');
  });

  it('spreads new cards evenly among the reviews', () => {
    const s = session({ due: reviews(6), fresh: fresh(2) });
    const order = drain(s, NOW, 4).map((k) => (k.startsWith('d/n') ? 'N' : 'R'));
    expect(order.join('')).toBe('RRNRRNRR');
  });

  it('shows only new cards when nothing is due', () => {
    const s = session({ fresh: fresh(3) });
    expect(drain(s, NOW, 4)).toEqual(['d/n0', 'd/n1', 'd/n2']);
  });

  it('respects the daily limits, counting what was already done today', () => {
    const settings = { ...defaultSettings, newPerDay: 5, reviewsPerDay: 10 };
    const s = session({ due: reviews(20), fresh: fresh(20), settings, reviewedToday: 7, introducedToday: 3 });
    expect(s.remaining()).toEqual({ learning: 0, review: 3, new: 2 });
  });

  it('ignores review cards that are not due yet and suspended or buried cards', () => {
    const later = reviewCard('d', 'later', NOW + HOUR);
    const suspended = { ...reviewCard('d', 's', NOW - HOUR), suspended: true };
    const buried = { ...newCard('d', 'b'), buriedUntil: NOW + DAY };
    const s = session({ due: [later, suspended], fresh: [buried] });
    expect(s.next(NOW)).toBeNull();
    expect(s.done).toBe(true);
  });

  it('shows a failed learning card again within the session once it is due', () => {
    const s = session({ due: reviews(3), fresh: fresh(1) });
    const first = s.next(NOW);
    expect(first?.key).toBe('d/r0');
    if (!first) return;
    s.record(applyReview(first, 1, NOW, defaultSettings)); // relearning, due in 10m
    expect(s.remaining().learning).toBe(1);
    expect(s.next(NOW)?.key).toBe('d/r1');
    // Once its step is due it comes before the other cards.
    expect(s.next(NOW + 10 * MIN)?.key).toBe('d/r0');
  });

  it('shows a waiting learning card early when nothing else is left', () => {
    const s = session({ fresh: fresh(1) });
    drain(s, NOW, 1); // Again: due in 1 minute
    const card = s.next(NOW);
    expect(card?.key).toBe('d/n0');
    expect(card?.state).toBe('learning');
  });

  it('reports when the next learning card is due if it is beyond the learn-ahead limit', () => {
    const s = session({ fresh: fresh(1), learnAheadMs: 0 });
    const card = s.next(NOW);
    if (!card) throw new Error('expected a card');
    s.record(applyReview(card, 3, NOW, defaultSettings)); // Good: next step in 10 minutes
    expect(s.next(NOW)).toBeNull();
    expect(s.done).toBe(false);
    expect(s.nextLearningDue()).toBe(NOW + 10 * MIN);
    expect(s.next(NOW + 10 * MIN)?.key).toBe('d/n0');
  });

  it('finishes once every learning card has graduated', () => {
    const s = session({ fresh: fresh(2) });
    let now = NOW;
    for (let i = 0; i < 20 && !s.done; i++) {
      const card = s.next(now);
      if (!card) {
        now = s.nextLearningDue() ?? now;
        continue;
      }
      s.record(applyReview(card, 3, now, defaultSettings));
      now += MIN;
    }
    expect(s.done).toBe(true);
  });

  it('does not requeue a card that became a leech', () => {
    const leech = { ...reviewCard('d', 'x', NOW - HOUR), lapses: 7 };
    const s = session({ due: [leech] });
    const result = applyReview(leech, 1, NOW, defaultSettings);
    expect(result.becameLeech).toBe(true);
    s.record(result);
    expect(s.done).toBe(true);
  });

  it('undoes several reviews, showing each card again in its previous state', () => {
    const s = session({ due: reviews(3) });
    const states: CardRecord[] = [];
    for (let i = 0; i < 3; i++) {
      const card = s.next(NOW);
      if (!card) throw new Error('expected a card');
      states.push(card);
      s.record(applyReview(card, i === 0 ? 1 : 3, NOW, defaultSettings));
    }
    expect(s.undoDepth).toBe(3);
    expect(s.undo()).toEqual(states[2]);
    expect(s.next(NOW)).toEqual(states[2]);
    expect(s.undo()).toEqual(states[1]);
    expect(s.undo()).toEqual(states[0]);
    expect(s.next(NOW)).toEqual(states[0]);
    // The failed card's requeued learning copy is gone; everything is as at the start.
    expect(s.remaining()).toEqual({ learning: 0, review: 3, new: 0 });
    expect(s.undo()).toBeNull();
    expect(drain(s, NOW, 4)).toEqual(['d/r0', 'd/r1', 'd/r2']);
  });

  it('keeps new cards interleaved after an undo', () => {
    const s = session({ due: reviews(2), fresh: fresh(1) });
    const first = drain(s, NOW, 4, 2);
    s.undo();
    s.undo();
    expect(drain(s, NOW, 4)).toEqual([...first, 'd/r1']);
  });

  it('drops a buried or suspended card from the session', () => {
    const s = session({ due: reviews(2) });
    s.remove('d/r0');
    expect(drain(s, NOW)).toEqual(['d/r1']);
  });
});
