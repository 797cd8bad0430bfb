// Study-day boundaries. A study day starts at 04:00 local time (like Anki), so a late-night
// session still counts as "today". Time zone is passed in, never read from the environment.

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;
/** Hour (local time) at which a new study day starts. */
export const DAY_START_HOUR = 4;

/**
 * `tzOffsetMinutes` is local time minus UTC in minutes: +120 for UTC+2, -300 for UTC-5.
 * In a browser this is `-new Date().getTimezoneOffset()` (note the minus sign).
 */
function shift(tzOffsetMinutes: number): number {
  return tzOffsetMinutes * MINUTE_MS - DAY_START_HOUR * 3_600_000;
}

/** Epoch ms at which the study day containing `now` started. */
export function dayStart(now: number, tzOffsetMinutes: number): number {
  const s = shift(tzOffsetMinutes);
  return Math.floor((now + s) / DAY_MS) * DAY_MS - s;
}

/** Epoch ms at which the next study day starts (end of today, exclusive). */
export function nextDayStart(now: number, tzOffsetMinutes: number): number {
  return dayStart(now, tzOffsetMinutes) + DAY_MS;
}

/** Number of the study day containing `now` (consecutive integers, for grouping and streaks). */
export function dayNumber(now: number, tzOffsetMinutes: number): number {
  return Math.floor((now + shift(tzOffsetMinutes)) / DAY_MS);
}
