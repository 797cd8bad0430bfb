// Validation of stored study settings: missing fields fall back to defaults (older app
// versions stored fewer), out-of-range values are rejected.

import { defaultSettings } from '../study/types.ts';
import type { StudySettings } from '../study/index.ts';
import type { Parsed } from './stored-card.ts';

const ranges: Record<keyof StudySettings, [number, number]> = {
  desiredRetention: [0.7, 0.99],
  maximumIntervalDays: [1, 36500],
  newPerDay: [0, 9999],
  reviewsPerDay: [0, 99999],
  seed: [-(2 ** 53), 2 ** 53],
};

export function parseSettings(v: unknown): Parsed<StudySettings> {
  if (typeof v !== 'object' || v === null) return { ok: false, reason: 'not an object' };
  const out: StudySettings = { ...defaultSettings };
  for (const field of Object.keys(ranges) as (keyof StudySettings)[]) {
    const value: unknown = (v as Record<string, unknown>)[field];
    if (value === undefined) continue;
    const [min, max] = ranges[field];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      return { ok: false, reason: `${field} must be a number from ${min} to ${max}` };
    }
    out[field] = value;
  }
  return { ok: true, value: out };
}
