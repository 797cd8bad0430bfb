// NodeResourcesFit: requests must fit in allocatable minus what is already requested on the node.

import type { FilterPlugin } from '../framework.ts';

export const nodeResourcesFit: FilterPlugin = {
  name: 'NodeResourcesFit',
  resolvable: true,
  filter(state, ni) {
    if (ni.podCount + 1 > ni.allocPods) return 'Too many pods';
    const r = state.req;
    if (r.cpu > 0 && ni.requestedCpu + r.cpu > ni.allocCpu) return 'Insufficient cpu';
    if (r.mem > 0 && ni.requestedMem + r.mem > ni.allocMem) return 'Insufficient memory';
    return null;
  },
};
