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

/**
 * The mean share of the node's cpu and memory left free with the pod placed, in percent (whole).
 * Kept on the node for the next pod with the same requests (two divisions saved per node and pod).
 */
function scoreNode(state: CycleState, ni: NodeInfo): number {
  const reqCpu = state.req.nonZeroCpu;
  const reqMem = state.req.nonZeroMem;
  if (ni.scoredCpu === reqCpu && ni.scoredMem === reqMem) return ni.score;
  const cpu = ni.allocCpu > 0 ? ((ni.allocCpu - ni.nonZeroCpu - reqCpu) * 100) / ni.allocCpu : 0;
  const mem = ni.allocMem > 0 ? ((ni.allocMem - ni.nonZeroMem - reqMem) * 100) / ni.allocMem : 0;
  const score = Math.max(0, Math.floor((Math.max(0, cpu) + Math.max(0, mem)) / 2));
  ni.scoredCpu = reqCpu;
  ni.scoredMem = reqMem;
  ni.score = score;
  return score;
}
