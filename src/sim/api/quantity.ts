// resource.Quantity parsing for the two resources the scheduler counts: cpu (millicores) and memory (bytes).

const SUFFIX: Readonly<Record<string, number>> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

const QUANTITY = /^([+-]?[0-9.]+)(e[+-]?[0-9]+|[numkMGTPE]i?|Ki)?$/;

/** Parses a quantity into its base unit (cores, bytes, count). Returns undefined if malformed. */
export function parseQuantity(q: string | number | undefined): number | undefined {
  if (q === undefined) return undefined;
  if (typeof q === 'number') return Number.isFinite(q) ? q : undefined;
  const m = QUANTITY.exec(q.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!Number.isFinite(n)) return undefined;
  const suf = m[2] ?? '';
  if (suf.startsWith('e')) return n * 10 ** Number(suf.slice(1));
  const mult = SUFFIX[suf];
  return mult === undefined ? undefined : n * mult;
}

export function milliCpu(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.round(v * 1000);
}

export function bytes(q: string | number | undefined): number {
  const v = parseQuantity(q);
  return v === undefined ? 0 : Math.round(v);
}
