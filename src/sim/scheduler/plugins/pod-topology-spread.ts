// PodTopologySpread with the system default constraint on kubernetes.io/hostname (ScheduleAnyway):
// nodes with fewer pods of the same controller score higher, spreading replicas across nodes.

import type { ScorePlugin } from '../framework.ts';

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
  // Fewest pods of the controller: 100; most: 0.
  normalize(score, max, min) {
    return max === min ? 100 : Math.floor((100 * (max - score)) / (max - min));
  },
};
