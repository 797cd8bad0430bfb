import { describe, expect, it } from 'vitest';
import { cardStage, domainReadiness, summarizeDomains } from '../../src/study/index.ts';
import { DAY, NOW, newCard, reviewCard } from './fixtures.ts';

describe('summarizeDomains', () => {
  it('counts due, new, learned and mature cards per domain', () => {
    const other = { domain: 'cloud-native-architecture' };
    const cards = [
      newCard('d', 'a'),
      { ...newCard('d', 'b'), suspended: true },
      reviewCard('d', 'c', NOW - DAY, 30),
      reviewCard('d', 'd', NOW + 3 * DAY, 5),
      { ...reviewCard('d', 'e', NOW, 3), ...other },
      { ...reviewCard('d', 'f', NOW, 3), ...other, buriedUntil: NOW + DAY },
    ];
    expect(summarizeDomains(cards, NOW, 0)).toEqual([
      { domain: 'cloud-native-architecture', due: 1, new: 0, learned: 2, mature: 0, total: 2 },
      { domain: 'kubernetes-fundamentals', due: 1, new: 1, learned: 2, mature: 1, total: 4 },
    ]);
  });

  it('calls a card mature from a 21 day interval', () => {
    expect(cardStage(reviewCard('d', 'a', NOW, 20))).toBe('young');
    expect(cardStage(reviewCard('d', 'a', NOW, 21))).toBe('mature');
  });

  it('rates readiness as the share of mature cards', () => {
    expect(domainReadiness({ domain: 'x', due: 0, new: 2, learned: 2, mature: 1, total: 4 })).toBe(0.25);
    expect(domainReadiness({ domain: 'x', due: 0, new: 0, learned: 0, mature: 0, total: 0 })).toBe(0);
  });
});
