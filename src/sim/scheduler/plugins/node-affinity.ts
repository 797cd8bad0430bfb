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

const NO_REQS: readonly NodeSelectorRequirement[] = [];

// Plain loops (no closure per call): Filter runs these for every pinned DaemonSet pod.
function matchTerm(term: NodeSelectorTerm, labels: Labels, name: string): boolean {
  const exprs = term.matchExpressions ?? NO_REQS;
  const fields = term.matchFields ?? NO_REQS;
  if (exprs.length === 0 && fields.length === 0) return false;
  for (let i = 0; i < exprs.length; i++) {
    const r = exprs[i] as NodeSelectorRequirement;
    if (!matchReq(r, labels[r.key])) return false;
  }
  for (let i = 0; i < fields.length; i++) {
    const r = fields[i] as NodeSelectorRequirement;
    if (!matchReq(r, r.key === 'metadata.name' ? name : undefined)) return false;
  }
  return true;
}

export const nodeAffinity: FilterPlugin = {
  name: 'NodeAffinity',
  resolvable: false,
  skip: (pod) =>
    !pod.spec.nodeSelector && !pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution,
  // A DaemonSet pins its pods with matchFields metadata.name: only the named nodes can match.
  nodeNames(pod) {
    const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (!terms) return undefined;
    // Plain loops, no closure or spread per pod: every DaemonSet pod comes here.
    const names: string[] = [];
    for (let i = 0; i < terms.length; i++) {
      const fields = (terms[i] as NodeSelectorTerm).matchFields;
      let r: NodeSelectorRequirement | undefined;
      if (fields)
        for (let j = 0; j < fields.length; j++) {
          const f = fields[j] as NodeSelectorRequirement;
          if (f.key === 'metadata.name' && f.operator === 'In') {
            r = f;
            break;
          }
        }
      if (!r) return undefined;
      const values = r.values;
      if (values) for (let j = 0; j < values.length; j++) names.push(values[j] as string);
    }
    return names;
  },
  filter(state, ni) {
    const spec = state.pod.spec;
    const labels = ni.node.metadata.labels ?? {};
    const sel = spec.nodeSelector;
    if (sel)
      for (const k in sel)
        if (Object.prototype.hasOwnProperty.call(sel, k) && labels[k] !== sel[k]) return ErrReasonPod;
    const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
    if (terms) {
      for (let i = 0; i < terms.length; i++) if (matchTerm(terms[i] as NodeSelectorTerm, labels, ni.name)) return null;
      return ErrReasonPod;
    }
    return null;
  },
};
