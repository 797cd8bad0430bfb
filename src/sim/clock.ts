// The simulation's only source of time: a fake clock that moves when the cluster steps.
// Components read `now()`; nothing in src/sim reads the wall clock.

export class FakeClock {
  #now: number;
  #isoAt = Number.NaN;
  #iso = '';

  constructor(now: number) {
    this.#now = now;
  }

  now(): number {
    return this.#now;
  }

  advance(ms: number): void {
    if (ms > 0) this.#now += ms;
  }

  set(now: number): void {
    this.#now = now;
  }

  /** RFC 3339 timestamp with second precision, as Kubernetes serialises metav1.Time. Memoised per tick. */
  iso(): string {
    if (this.#isoAt !== this.#now) {
      this.#isoAt = this.#now;
      this.#iso = rfc3339(this.#now);
    }
    return this.#iso;
  }
}

let lastSec = Number.NaN;
let lastStr = '';

export function rfc3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSec) {
    lastSec = sec;
    lastStr = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
  }
  return lastStr;
}

/** RFC 3339 with microseconds, as metav1.MicroTime (lease renewTime, event eventTime). */
let lastMicroMs = Number.NaN;
let lastMicro = '';

export function rfc3339Micro(ms: number): string {
  if (ms !== lastMicroMs) {
    lastMicroMs = ms;
    lastMicro = new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }
  return lastMicro;
}

const parsed = new Map<string, number>();

/** Parses an RFC 3339 timestamp; memoised because many objects share the same second. */
export function parseTime(s: unknown): number | undefined {
  if (typeof s !== 'string' || s === '') return undefined;
  let t = parsed.get(s);
  if (t === undefined) {
    t = Date.parse(s);
    if (parsed.size > 50_000) parsed.clear();
    parsed.set(s, t);
  }
  return Number.isNaN(t) ? undefined : t;
}
