// The scores buffer selectHost reuses from cycle to cycle. This simulator's NormalizeScore has
// always rescaled the whole buffer, stale entries past the current candidates included: they take
// part in max/min, and placements depend on that, so it stays. The stale entries hold a few
// distinct values, so they are kept as groups and a rescale maps each group once, not each entry.

import type { ScorePlugin } from './framework.ts';

/** Past this many distinct stale values, rescale every entry instead. */
const MAX_GROUPS = 32;

export class ScoreBuffer {
  /** Entries [0, n) are the current cycle's, written by Score plugins. */
  values = new Float64Array(64);
  #n = 0;
  /** Stale entries (index n and up): the distinct stored values and what each stands for now. */
  #stored: number[] = [0];
  #current: number[] = [0];
  /** Too many distinct stale values: entries past n are kept up to date instead. */
  #eager = false;

  /** Starts a cycle with `n` candidates (a larger buffer starts again from zeros). */
  begin(n: number): void {
    if (this.values.length < n) {
      this.values = new Float64Array(n * 2);
      this.#n = n;
      this.#stored = [0];
      this.#current = [0];
      this.#eager = false;
      return;
    }
    if (n === this.#n) return;
    // The boundary moves: write the stale entries' current values, then regroup.
    const v = this.values;
    if (!this.#eager) for (let i = this.#n; i < v.length; i++) v[i] = this.#current[this.#stored.indexOf(v[i]!)]!;
    this.#n = n;
    const stored: number[] = [];
    for (let i = n; i < v.length && stored.length <= MAX_GROUPS; i++) if (!stored.includes(v[i]!)) stored.push(v[i]!);
    this.#eager = stored.length > MAX_GROUPS;
    this.#stored = stored;
    this.#current = stored.slice();
  }

  /** Applies a plugin's NormalizeScore to every entry, with max and min over every entry. */
  normalize(rescale: NonNullable<ScorePlugin['normalize']>): void {
    const v = this.values;
    const end = this.#eager ? v.length : this.#n;
    let max = 0;
    let min = Infinity;
    for (let i = 0; i < end; i++) {
      const s = v[i]!;
      if (s > max) max = s;
      if (s < min) min = s;
    }
    const current = this.#current;
    if (!this.#eager)
      for (const s of current) {
        if (s > max) max = s;
        if (s < min) min = s;
      }
    for (let i = 0; i < end; i++) v[i] = rescale(v[i]!, max, min);
    if (!this.#eager) for (let k = 0; k < current.length; k++) current[k] = rescale(current[k]!, max, min);
  }
}
