// PodTopologySpread with the system default constraint on kubernetes.io/hostname (ScheduleAnyway):
// nodes with fewer pods of the same controller score higher, spreading replicas across nodes.

import type { ScorePlugin } from '../framework.ts';

export const podTopologySpread: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score(state, ni) {
    if (!state.owner) return 0;
    const spread = state.spread;
    return spread ? (spread.get(ni) ?? 0) : (ni.owners.get(state.owner) ?? 0);
  },
  normalize(scores) {
    let max = 0;
    let min = Infinity;
    for (const s of scores) {
      if (s > max) max = s;
      if (s < min) min = s;
    }
    for (let i = 0; i < scores.length; i++)
      scores[i] = max === min ? 100 : Math.floor((100 * (max - (scores[i] ?? 0))) / (max - min));
  },
};
