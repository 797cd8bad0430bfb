// Calendar arithmetic on epoch milliseconds without the Date constructor, so all printed times
// derive from the simulated clock (klog headers, describe's `Start Time:`, RFC 3339 stamps).

export interface UtcParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  /** 0 = Sunday. */
  weekday: number;
}

export function utcParts(ms: number): UtcParts {
  const days = Math.floor(ms / 86400000);
  const rem = ms - days * 86400000;
  // Howard Hinnant's civil_from_days.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return {
    year,
    month,
    day,
    hour: Math.floor(rem / 3600000),
    minute: Math.floor((rem % 3600000) / 60000),
    second: Math.floor((rem % 60000) / 1000),
    millis: rem % 1000,
    weekday: (((days + 4) % 7) + 7) % 7,
  };
}

const p2 = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z, as kubectl describe prints times: `Mon, 20 May 2024 10:15:30 +0000`. */
export function rfc1123z(ms: number): string {
  const t = utcParts(ms);
  return `${DAYS[t.weekday]}, ${p2(t.day)} ${MONTHS[t.month - 1]} ${t.year} ${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)} +0000`;
}

/** `2024-05-20T10:15:30Z`, the API's timestamp format. */
export function rfc3339(ms: number): string {
  const t = utcParts(ms);
  return `${t.year}-${p2(t.month)}-${p2(t.day)}T${p2(t.hour)}:${p2(t.minute)}:${p2(t.second)}Z`;
}

/** Parses an API timestamp; undefined when absent or malformed. */
export function parseTime(s: unknown): number | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  const v = Date.parse(s);
  return Number.isNaN(v) ? undefined : v;
}

/** The AGE format (apimachinery duration.HumanDuration), as the API server's tables use it. */
export { humanDuration } from '../index.ts';
