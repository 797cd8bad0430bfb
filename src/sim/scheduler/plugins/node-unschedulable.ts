// NodeUnschedulable: cordoned nodes (spec.unschedulable) take no new pods unless tolerated.

import type { FilterPlugin } from '../framework.ts';

export const ErrReasonUnschedulable = 'node(s) were unschedulable';

export const nodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  resolvable: false,
  restrictedOnly: true,
  filter(state, ni) {
    if (!ni.unschedulable) return null;
    const tolerated = (state.pod.spec.tolerations ?? []).some(
      (t) =>
        (t.key === 'node.kubernetes.io/unschedulable' || (t.key === undefined && t.operator === 'Exists')) &&
        (!t.effect || t.effect === 'NoSchedule'),
    );
    return tolerated ? null : ErrReasonUnschedulable;
  },
};
