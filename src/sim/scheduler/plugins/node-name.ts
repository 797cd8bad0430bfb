// NodeName: a pod that names a node (spec.nodeName before binding) fits only that node.

import type { FilterPlugin } from '../framework.ts';

export const ErrReasonNodeName = "node(s) didn't match the requested node name";

export const nodeName: FilterPlugin = {
  name: 'NodeName',
  resolvable: false,
  skip: (pod) => !pod.spec.nodeName,
  filter(state, ni) {
    const want = state.pod.spec.nodeName;
    return !want || want === ni.name ? null : ErrReasonNodeName;
  },
};
