// NodeResourcesFit scoring, LeastAllocated strategy: prefer nodes with more free cpu and memory
// (BestEffort pods count with the scheduler's non-zero defaults, 100m and 200Mi).

import type { CycleState, NodeInfo, ScorePlugin } from '../framework.ts';

export const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(state, nodes, n, out) {
    for (let i = 0; i < n; i++) out[i] = scoreNode(state, nodes[i]!);
  },
  scoreNode,
};

/** The mean share of the node's cpu and memory left free with the pod placed, in percent (whole). */
function scoreNode(state: CycleState, ni: NodeInfo): number {
  const cpu = ni.allocCpu > 0 ? ((ni.allocCpu - ni.nonZeroCpu - state.req.nonZeroCpu) * 100) / ni.allocCpu : 0;
  const mem = ni.allocMem > 0 ? ((ni.allocMem - ni.nonZeroMem - state.req.nonZeroMem) * 100) / ni.allocMem : 0;
  return Math.max(0, Math.floor((Math.max(0, cpu) + Math.max(0, mem)) / 2));
}
