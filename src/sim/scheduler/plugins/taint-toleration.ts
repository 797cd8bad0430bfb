// TaintToleration: NoSchedule/NoExecute taints must be tolerated; PreferNoSchedule lowers the score.

import type { Taint, Toleration } from '../../api/types.ts';
import type { FilterPlugin, ScorePlugin } from '../framework.ts';
import { isFrozen } from '../../api/meta.ts';

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return t.key === undefined || t.key === '' || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

export function untolerated(
  tolerations: readonly Toleration[] | undefined,
  taints: readonly Taint[],
  effects: readonly string[],
): Taint | undefined {
  // Indexed loops: Filter calls this for every (pod, tainted node) pair, and a for-of allocates
  // an iterator each time it is entered.
  nextTaint: for (let i = 0; i < taints.length; i++) {
    const taint = taints[i] as Taint;
    if (!effects.includes(taint.effect)) continue;
    if (tolerations)
      for (let j = 0; j < tolerations.length; j++)
        if (tolerates(tolerations[j] as Toleration, taint)) continue nextTaint;
    return taint;
  }
  return undefined;
}

/** The rejection reason per (frozen) taint: the control-plane node's taint rejects most pods. */
const reasons = new WeakMap<Taint, string>();

function untoleratedReason(t: Taint): string {
  let r = reasons.get(t);
  if (r === undefined) {
    r = `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}`;
    if (isFrozen(t)) reasons.set(t, r);
  }
  return r;
}

/** The taint effects that keep pods off a node (Filter and the DaemonSet controller). */
export const BLOCKING_EFFECTS: readonly string[] = ['NoSchedule', 'NoExecute'];

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  resolvable: false,
  restrictedOnly: true,
  filter(state, ni) {
    if (ni.taints.length === 0) return null;
    const t = untolerated(state.pod.spec.tolerations, ni.taints, BLOCKING_EFFECTS);
    return t ? untoleratedReason(t) : null;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  // PreScore: nothing to say when no candidate has a PreferNoSchedule taint.
  skip(state, nodes, n) {
    if (!state.anyPreferNoSchedule) return true;
    for (let i = 0; i < n; i++) if (nodes[i]!.preferNoSchedule) return false;
    return true;
  },
  score(state, nodes, n, out) {
    const tolerations = state.pod.spec.tolerations ?? [];
    for (let i = 0; i < n; i++) {
      let count = 0;
      for (const taint of nodes[i]!.taints)
        if (taint.effect === 'PreferNoSchedule' && !tolerations.some((t) => tolerates(t, taint))) count++;
      out[i] = count;
    }
  },
  // No untolerated PreferNoSchedule taint: 100; the most of them: 0.
  normalize(score, max) {
    return max === 0 ? 100 : 100 - Math.floor((score * 100) / max);
  },
};
