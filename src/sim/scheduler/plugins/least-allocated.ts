// NodeResourcesFit scoring, LeastAllocated strategy: prefer nodes with more free cpu and memory
// (BestEffort pods count with the scheduler's non-zero defaults, 100m and 200Mi).

import type { ScorePlugin } from '../framework.ts';

export const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(state, nodes, n, out) {
    const podCpu = state.req.nonZeroCpu;
    const podMem = state.req.nonZeroMem;
    for (let i = 0; i < n; i++) {
      const ni = nodes[i]!;
      const cpu = ni.allocCpu > 0 ? ((ni.allocCpu - ni.nonZeroCpu - podCpu) * 100) / ni.allocCpu : 0;
      const mem = ni.allocMem > 0 ? ((ni.allocMem - ni.nonZeroMem - podMem) * 100) / ni.allocMem : 0;
      out[i] = Math.max(0, Math.floor((Math.max(0, cpu) + Math.max(0, mem)) / 2));
    }
  },
};
