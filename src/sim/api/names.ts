// Object names: the pod-template-hash, generated-name suffixes and the name formats the API validates.

/** 32-bit FNV-1a over the UTF-16 code units of a string (ASCII in practice). */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
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
  const frozen = Object.isFrozen(v);
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

/** controller.ComputeHash: fnv32a of the template (plus collisionCount), safe-encoded decimal. */
export function computeHash(template: unknown, collisionCount?: number): string {
  let s = canonicalJson(template);
  if (collisionCount !== undefined && collisionCount > 0) s += String(collisionCount);
  return safeEncodeString(String(fnv32a(s)));
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
