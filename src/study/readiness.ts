// Per-domain progress for the Home summary ("am I ready?"). The store computes the same counts
// from its indexes without loading cards; `summarizeDomains` is the reference for small sets.

import { nextDayStart } from './day.ts';
import type { CardRecord } from './types.ts';

/** Interval (days) from which a card counts as mature, as in Anki. */
export const matureDays = 21;

/** Coarse learning stage of a card, stored by the persistence layer for counting. */
export type CardStage = 'new' | 'learning' | 'young' | 'mature';

export function cardStage(rec: Pick<CardRecord, 'state' | 'scheduledDays'>): CardStage {
  if (rec.state === 'new') return 'new';
  if (rec.state !== 'review') return 'learning';
  return rec.scheduledDays >= matureDays ? 'mature' : 'young';
}

export interface DomainCounts {
  domain: string;
  /** Active cards due before the end of today. */
  due: number;
  /** Active cards never studied. */
  new: number;
  /** Cards studied at least once (learning, young or mature), suspended ones included. */
  learned: number;
  /** Cards with an interval of `matureDays` or more. */
  mature: number;
  /** All cards of enabled decks in the domain. */
  total: number;
}

/** A card the queue may show: not suspended and not buried at `now`. */
export function isActive(rec: CardRecord, now: number): boolean {
  return !rec.suspended && rec.buriedUntil <= now;
}

/** Counts per domain, sorted by domain id. */
export function summarizeDomains(records: Iterable<CardRecord>, now: number, tzOffsetMinutes: number): DomainCounts[] {
  const end = nextDayStart(now, tzOffsetMinutes);
  const map = new Map<string, DomainCounts>();
  for (const r of records) {
    let c = map.get(r.domain);
    if (!c) {
      c = { domain: r.domain, due: 0, new: 0, learned: 0, mature: 0, total: 0 };
      map.set(r.domain, c);
    }
    const stage = cardStage(r);
    c.total += 1;
    if (stage !== 'new') c.learned += 1;
    if (stage === 'mature') c.mature += 1;
    if (!isActive(r, now)) continue;
    if (stage === 'new') c.new += 1;
    else if (r.due < end) c.due += 1;
  }
  return [...map.values()].sort((a, b) => (a.domain < b.domain ? -1 : 1));
}

/** Share of a domain's cards that are mature, 0..1 (0 for an empty domain). */
export function domainReadiness(c: DomainCounts): number {
  return c.total === 0 ? 0 : c.mature / c.total;
}
