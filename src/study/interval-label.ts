// Short human labels for intervals, as shown on the rating buttons ("1m", "10m", "3d", "2mo").

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Formats a duration in ms as `<1m`, `10m`, `3h`, `4d`, `2mo` or `1.2y`. */
export function formatInterval(ms: number): string {
  if (ms < MIN) return '<1m';
  if (ms < HOUR) return `${Math.round(ms / MIN)}m`;
  if (ms < DAY) return `${Math.round(ms / HOUR)}h`;
  const days = Math.round(ms / DAY);
  if (days < 30) return `${days}d`;
  if (days < 365) return `${Math.round(days / 30)}mo`;
  const years = Math.round((days / 365) * 10) / 10;
  return `${years}y`;
}
