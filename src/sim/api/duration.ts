// Durations as kubectl prints them: apimachinery duration.HumanDuration and Go's time.Duration.String.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

/** duration.HumanDuration: the AGE column format (integer truncation at every unit). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = Math.trunc(ms / SECOND) % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    const days = Math.trunc(hours / 24);
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const years = Math.trunc(hours / 24 / 365);
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${years}y` : `${years}y${dy}d`;
  }
  return `${Math.trunc(ms / YEAR)}y`;
}

/** Go time.Duration.String for whole milliseconds: "512ms", "6.512s", "1m2.5s". */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < SECOND) return `${ms}ms`;
  let out = '';
  let rest = ms;
  if (rest >= HOUR) {
    out += `${Math.floor(rest / HOUR)}h`;
    rest %= HOUR;
  }
  if (ms >= MINUTE) {
    out += `${Math.floor(rest / MINUTE)}m`;
    rest %= MINUTE;
  }
  const s = Math.floor(rest / SECOND);
  const frac = rest % SECOND;
  const fracStr = frac === 0 ? '' : '.' + String(frac).padStart(3, '0').replace(/0+$/, '');
  return `${out}${s}${fracStr}s`;
}

const UNIT_MS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

/**
 * Go's time.ParseDuration, in milliseconds: "30s", "1m30s", "500ms", "-1s", "0". Undefined for
 * anything else (kubectl's and kind's duration flags reject it).
 */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|ms|s|m|h))+$/.exec(text);
  if (!m) return undefined;
  let total = 0;
  for (const part of text.matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/g))
    total += Number(part[1]) * (UNIT_MS[part[2] ?? ''] ?? 0);
  return m[1] === '-' ? -total : total;
}
