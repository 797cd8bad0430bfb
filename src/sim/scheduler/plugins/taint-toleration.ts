// TaintToleration: NoSchedule/NoExecute taints must be tolerated; PreferNoSchedule lowers the score.

import type { Taint, Toleration } from '../../api/types.ts';
import type { FilterPlugin, ScorePlugin } from '../framework.ts';

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
  for (const taint of taints) {
    if (!effects.includes(taint.effect)) continue;
    if (!(tolerations ?? []).some((t) => tolerates(t, taint))) return taint;
  }
  return undefined;
}

export const taintToleration: FilterPlugin = {
  name: 'TaintToleration',
  resolvable: false,
  filter(state, ni) {
    if (ni.taints.length === 0) return null;
    const t = untolerated(state.pod.spec.tolerations, ni.taints, ['NoSchedule', 'NoExecute']);
    return t ? `node(s) had untolerated taint {${t.key}: ${t.value ?? ''}}` : null;
  },
};

export const taintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  score(state, ni) {
    let n = 0;
    for (const taint of ni.taints)
      if (taint.effect === 'PreferNoSchedule' && !(state.pod.spec.tolerations ?? []).some((t) => tolerates(t, taint)))
        n++;
    return n;
  },
  normalize(scores) {
    const max = Math.max(0, ...scores);
    for (let i = 0; i < scores.length; i++)
      scores[i] = max === 0 ? 100 : 100 - Math.floor(((scores[i] ?? 0) * 100) / max);
  },
};
