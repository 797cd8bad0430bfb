// Object names: the pod-template-hash, generated-name suffixes and the name formats the API validates.

import { isFrozen } from './meta.ts';

/** 32-bit FNV-1a over the UTF-16 code units of a string (ASCII in practice). */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * `s` in a string of its own. A slice or regex capture of 13 or more characters is a view into the
 * string it came from, which V8 compares with other strings (===, map keys) on a slow path; the
 * copy is a sequential string. For strings kept and compared often, made once.
 */
export function flatCopy(s: string): string {
  return s.length < 13 ? s : s.split('').join('');
}

const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

/** apimachinery rand.SafeEncodeString: each character maps to alphanums[code % 27]. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += ALPHANUMS[s.charCodeAt(i) % ALPHANUMS.length];
  return out;
}

/** canonicalJson of frozen (stored, immutable) values, which templates and specs mostly are. */
const canonicalMemo = new WeakMap<object, string>();

/**
 * Deterministic JSON with sorted keys, standing in for Go's spew dump of a pod template.
 * Memoised for frozen top-level values (nested ones are not, to keep the memo small).
 */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return encodeCanonical(v);
  const frozen = isFrozen(v);
  if (frozen) {
    const hit = canonicalMemo.get(v);
    if (hit !== undefined) return hit;
  }
  const s = encodeCanonical(v);
  if (frozen) canonicalMemo.set(v, s);
  return s;
}

function encodeCanonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return '[' + v.map(encodeCanonical).join(',') + ']';
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return '{' + keys.map((k) => JSON.stringify(k) + ':' + encodeCanonical(obj[k])).join(',') + '}';
}

/** Frozen values found to be plain JSON data all the way down, every nested object frozen too. */
const plainFrozen = new WeakSet<object>();
const NOT_PLAIN = 0;
const PLAIN = 1;
const PLAIN_FROZEN = 2;
/** Deeper values are left to canonicalJson (which may overflow the stack on them, as it did). */
const MAX_DEPTH = 100;

/**
 * Whether `v` is plain JSON data as canonicalJson encodes it without surprises: null, booleans,
 * strings, finite numbers, arrays (no holes, no undefined) and plain objects of those (undefined
 * fields allowed). PLAIN_FROZEN when every object in it is frozen as well (memoised).
 */
function plainKind(v: unknown, depth: number): number {
  if (v === null) return PLAIN_FROZEN;
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return PLAIN_FROZEN;
  if (t === 'number') return Number.isFinite(v) ? PLAIN_FROZEN : NOT_PLAIN;
  if (t !== 'object') return NOT_PLAIN;
  const o = v as object;
  if (plainFrozen.has(o)) return PLAIN_FROZEN;
  if (depth > MAX_DEPTH) return NOT_PLAIN;
  let kind = isFrozen(o) ? PLAIN_FROZEN : PLAIN;
  const proto: unknown = Object.getPrototypeOf(o);
  if (proto === Array.prototype) {
    const arr = o as unknown[];
    for (let i = 0; i < arr.length; i++) {
      const x = arr[i];
      if (x === undefined) return NOT_PLAIN;
      const k = plainKind(x, depth + 1);
      if (k === NOT_PLAIN) return NOT_PLAIN;
      if (k < kind) kind = k;
    }
  } else if (proto === Object.prototype || proto === null) {
    if (Array.isArray(o)) return NOT_PLAIN;
    const rec = o as Record<string, unknown>;
    for (const key in rec) {
      if (!Object.hasOwn(rec, key)) continue;
      const x = rec[key];
      if (x === undefined) continue;
      const k = plainKind(x, depth + 1);
      if (k === NOT_PLAIN) return NOT_PLAIN;
      if (k < kind) kind = k;
    }
  } else return NOT_PLAIN;
  if (kind === PLAIN_FROZEN) plainFrozen.add(o);
  return kind;
}

const SAME = 1;
const DIFFERENT = 0;
const UNSURE = -1;

/**
 * Compares as canonicalJson(a) === canonicalJson(b) would, without encoding: SAME (and then both
 * are plain data all through), DIFFERENT (at the first difference; the rest is not looked at), or
 * UNSURE for anything outside plain data.
 */
function sameJson(a: unknown, b: unknown, depth: number): number {
  if (a === b) return plainKind(a, depth) === NOT_PLAIN ? UNSURE : SAME;
  if (depth > MAX_DEPTH) return UNSURE;
  const ta = typeof a;
  const tb = typeof b;
  const ao = ta === 'object' && a !== null;
  const bo = tb === 'object' && b !== null;
  if (!ao || !bo) {
    // Primitives encode alike only when equal (=== already failed), e.g. 0 and -0 were caught there.
    if (!ao && plainKind(a, depth) === NOT_PLAIN) return UNSURE;
    if (!bo && plainKind(b, depth) === NOT_PLAIN) return UNSURE;
    return DIFFERENT;
  }
  const pa: unknown = Object.getPrototypeOf(a);
  const pb: unknown = Object.getPrototypeOf(b);
  const aArr = pa === Array.prototype;
  const bArr = pb === Array.prototype;
  if (!aArr && !(pa === Object.prototype || pa === null)) return UNSURE;
  if (!bArr && !(pb === Object.prototype || pb === null)) return UNSURE;
  if (aArr !== bArr || Array.isArray(a) !== aArr || Array.isArray(b) !== bArr) {
    if (Array.isArray(a) !== aArr || Array.isArray(b) !== bArr) return UNSURE;
    return DIFFERENT;
  }
  if (aArr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return DIFFERENT;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i];
      const yi = y[i];
      if (xi === undefined || yi === undefined) return UNSURE;
      const r = sameJson(xi, yi, depth + 1);
      if (r !== SAME) return r;
    }
    return SAME;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (!Object.hasOwn(x, k)) continue;
    const xv = x[k];
    if (xv === undefined) continue;
    n++;
    const yv = Object.hasOwn(y, k) ? y[k] : undefined;
    if (yv === undefined) return DIFFERENT;
    const r = sameJson(xv, yv, depth + 1);
    if (r !== SAME) return r;
  }
  for (const k in y) if (Object.hasOwn(y, k) && y[k] !== undefined) n--;
  return n === 0 ? SAME : DIFFERENT;
}

/**
 * canonicalJson(a) === canonicalJson(b), comparing in place when both are plain data (no strings
 * built; stops at the first difference), else by encoding both.
 */
export function sameCanonicalJson(a: unknown, b: unknown): boolean {
  const r = sameJson(a, b, 0);
  if (r === SAME) return true;
  // A difference counts once both are known to be plain data (canonicalJson would throw on some
  // of the rest, e.g. a bigint).
  if (r === DIFFERENT && plainKind(a, 0) !== NOT_PLAIN && plainKind(b, 0) !== NOT_PLAIN) return false;
  return canonicalJson(a) === canonicalJson(b);
}

/** controller.ComputeHash: fnv32a of the template (plus collisionCount), safe-encoded decimal. */
export function computeHash(template: unknown, collisionCount?: number): string {
  // Not memoised: each template is hashed once (the memo's entry would only keep the string alive).
  let s = encodeCanonical(template);
  if (collisionCount !== undefined && collisionCount > 0) s += String(collisionCount);
  return safeEncodeString(String(fnv32a(s)));
}

/**
 * DNS1123_SUBDOMAIN in a form without nested optional groups: runs of [a-z0-9] joined by a '.' or
 * by '-'s. The same strings; V8's compiled regex scans it with few branches and no backtracking on
 * valid names, cheaper than a loop over charCodeAt (whose branches on each character's class a CPU
 * cannot predict).
 */
const DNS1123_SUBDOMAIN_RUNS = /^[a-z0-9]+(?:(?:-+|\.)[a-z0-9]+)*$/;

/** DNS1123_SUBDOMAIN.test(s) (names are checked on every create). */
export function isDns1123Subdomain(s: string): boolean {
  return DNS1123_SUBDOMAIN_RUNS.test(s);
}

export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
export const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

/** The base of a generated name is truncated so base + 5 random characters fit in 63. */
export function generateNameBase(base: string): string {
  return base.length > 58 ? base.slice(0, 58) : base;
}
