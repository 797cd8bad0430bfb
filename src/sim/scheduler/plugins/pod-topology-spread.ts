// PodTopologySpread with the system default constraint on kubernetes.io/hostname (ScheduleAnyway):
// nodes with fewer pods of the same controller score higher, spreading replicas across nodes.

import type { ScorePlugin } from '../framework.ts';

/** normalize's results by score - min (scores are small whole numbers: a table beats a division each). */
let table = new Float64Array(128);

export const podTopologySpread: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score(state, nodes, n, out) {
    out.fill(0, 0, n);
    if (!state.owner || !state.spread) return;
    // A controller's pods sit on a few nodes: visit those rather than look up every candidate.
    for (const [ni, count] of state.spread) {
      const slot = ni.slot;
      if (slot >= 0 && slot < n && nodes[slot] === ni) out[slot] = count;
    }
  },
  normalize(scores) {
    let max = 0;
    let min = Infinity;
    for (let i = 0; i < scores.length; i++) {
      const s = scores[i]!;
      if (s > max) max = s;
      if (s < min) min = s;
    }
    if (max === min) {
      scores.fill(100);
      return;
    }
    const range = max - min;
    if (!Number.isInteger(min) || !Number.isInteger(range) || range > 4096) {
      for (let i = 0; i < scores.length; i++) scores[i] = Math.floor((100 * (max - scores[i]!)) / range);
      return;
    }
    if (table.length <= range) table = new Float64Array(range + 1);
    for (let v = 0; v <= range; v++) table[v] = Math.floor((100 * (max - (min + v))) / range);
    for (let i = 0; i < scores.length; i++) scores[i] = table[scores[i]! - min]!;
  },
};
