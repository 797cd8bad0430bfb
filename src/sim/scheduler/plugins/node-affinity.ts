// NodeAffinity: spec.nodeSelector and required node affinity (matchExpressions/matchFields).

import type { Labels, NodeSelectorRequirement, NodeSelectorTerm } from '../../api/types.ts';
import type { FilterPlugin } from '../framework.ts';

export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";

function matchReq(r: NodeSelectorRequirement, value: string | undefined): boolean {
  const vals = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return value !== undefined && vals.includes(value);
    case 'NotIn':
      return value === undefined || !vals.includes(value);
    case 'Exists':
      return value !== undefined;
    case 'DoesNotExist':
      return value === undefined;
    case 'Gt':
      return value !== undefined && Number(value) > Number(vals[0]);
    case 'Lt':
      return value !== undefined && Number(value) < Number(vals[0]);
  }
}

function matchTerm(term: NodeSelectorTerm, labels: Labels, name: string): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  return (
    exprs.every((r) => matchReq(r, labels[r.key])) &&
    fields.every((r) => matchReq(r, r.key === 'metadata.name' ? name : undefined))
  );
}

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  resolvable: false,
  skip: (state) =>
    !state.pod.spec.nodeSelector &&
    !state.pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
  filter(state, ni) {
    const spec = state.pod.spec;
    const labels = ni.node.metadata.labels ?? {};
    const sel = spec.nodeSelector;
    if (sel)
      for (const k in sel)
        if (Object.prototype.hasOwnProperty.call(sel, k) && labels[k] !== sel[k]) return ErrReasonPod;
    const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (terms && !terms.some((t) => matchTerm(t, labels, ni.name))) return ErrReasonPod;
    return null;
  },
};
