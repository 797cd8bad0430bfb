// --sort-by: order objects by the value a JSONPath selects, with kubectl's rules (numbers
// numerically, strings in natural order, missing or null values first, stable).

import { selectPath } from './jsonpath.ts';

export function naturalLess(a: string, b: string): boolean {
  const re = /(\d+|\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i] ?? '';
    const y = pb[i] ?? '';
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) < Number(y) || (Number(x) === Number(y) && x.length < y.length);
    return x < y;
  }
  return pa.length < pb.length;
}

function compare(a: unknown, b: unknown): number {
  const na = a === undefined || a === null;
  const nb = b === undefined || b === null;
  if (na || nb) return na && nb ? 0 : na ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = typeof a === 'string' ? a : JSON.stringify(a);
  const sb = typeof b === 'string' ? b : JSON.stringify(b);
  return naturalLess(sa, sb) ? -1 : naturalLess(sb, sa) ? 1 : 0;
}

/** Indices of `objs` in sorted order. */
export function sortOrder(objs: readonly unknown[], path: string): number[] {
  const keys = objs.map((o) => selectPath(path, o)[0]);
  return objs.map((_, i) => i).sort((i, j) => compare(keys[i], keys[j]) || i - j);
}
