// PodTopologySpread with the system default constraints, which apply to a pod that sets none and
// is owned by a controller: kubernetes.io/hostname with maxSkew 3 and topology.kubernetes.io/zone
// with maxSkew 5, both ScheduleAnyway. Nodes already running more of the controller's pods (or in a
// zone that does) score lower, spreading replicas across nodes and zones.

import type { NodeInfo, ScorePlugin } from '../framework.ts';

const HOSTNAME_SKEW = 3;
const ZONE_SKEW = 5;

/** scoreForCount: pods in the node's domain, weighted by ln(number of domains + 2), plus maxSkew - 1. */
function forCount(count: number, weight: number, maxSkew: number): number {
  return count * weight + (maxSkew - 1);
}

export const podTopologySpread: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  score(state, nodes, n, out) {
    if (!state.owner || !state.spread) {
      // No constraint applies (the real plugin skips): the same score everywhere changes nothing.
      out.fill(0, 0, n);
      return;
    }
    // Hostname: every candidate is its own domain. Most candidates hold none of the controller's
    // pods; visit the few that do instead of looking every candidate up.
    const hostWeight = Math.log(n + 2);
    out.fill(forCount(0, hostWeight, HOSTNAME_SKEW), 0, n);
    // Keys, not entries: iterating entries builds a [node, count] array per entry, every cycle.
    const spread = state.spread;
    for (const ni of spread.keys()) {
      const slot = ni.slot;
      if (slot >= 0 && slot < n && nodes[slot] === ni)
        out[slot] = forCount(spread.get(ni) as number, hostWeight, HOSTNAME_SKEW);
    }
    addZones(state.spread, nodes, n, out);
    for (let i = 0; i < n; i++) out[i] = Math.round(out[i] as number);
  },
  // (max + min - score) / max: the fewest matching pods gets 100.
  normalize,
  addNormalized(state, nodes, n, totals, weight) {
    // Without zones, every candidate that holds none of the controller's pods has the same raw
    // score (and so the same normalized one, which is left out of every total): only the few
    // candidates with pods get something added, the difference to it. The same choice as score()
    // then normalize over every candidate, without their passes over the (hundreds of) candidates.
    if (!state.noZones) return false;
    // Without a controller, score() gives 0 everywhere: nothing to add.
    if (!state.owner || !state.spread) return true;
    const spread = state.spread;
    if (slots.length < spread.size) {
      slots = new Int32Array(spread.size * 2);
      raw = new Float64Array(spread.size * 2);
    }
    const hostWeight = Math.log(n + 2);
    const base = Math.round(forCount(0, hostWeight, HOSTNAME_SKEW));
    let k = 0;
    let max = 0;
    let min = Infinity;
    for (const ni of spread.keys()) {
      const slot = ni.slot;
      if (slot >= 0 && slot < n && nodes[slot] === ni) {
        const s = Math.round(forCount(spread.get(ni) as number, hostWeight, HOSTNAME_SKEW));
        slots[k] = slot;
        raw[k++] = s;
        if (s > max) max = s;
        if (s < min) min = s;
      }
    }
    if (k < n) {
      if (base > max) max = base;
      if (base < min) min = base;
    }
    const common = normalize(base, max, min);
    for (let j = 0; j < k; j++) {
      const slot = slots[j] as number;
      totals[slot] = (totals[slot] as number) + (normalize(raw[j] as number, max, min) - common) * weight;
    }
    return true;
  },
};

/** addNormalized's scratch: the candidates with the controller's pods, and their raw scores. */
let slots = new Int32Array(64);
let raw = new Float64Array(64);

function normalize(score: number, max: number, min: number): number {
  return max === 0 ? 100 : Math.floor((100 * (max + min - score)) / max);
}

/** The zone constraint, for candidates with a zone label (managed clusters; kind nodes have none). */
function addZones(
  spread: ReadonlyMap<NodeInfo, number>,
  nodes: readonly NodeInfo[],
  n: number,
  out: Float64Array,
): void {
  let zones: Map<string, number> | undefined;
  for (let i = 0; i < n; i++) {
    const z = (nodes[i] as NodeInfo).zone;
    if (z === undefined) continue;
    zones ??= new Map();
    zones.set(z, 0);
  }
  if (!zones) return;
  // Pods are counted on every node of a candidate zone, feasible or not.
  for (const ni of spread.keys()) {
    const c = ni.zone === undefined ? undefined : zones.get(ni.zone);
    if (c !== undefined) zones.set(ni.zone as string, c + (spread.get(ni) as number));
  }
  const weight = Math.log(zones.size + 2);
  for (let i = 0; i < n; i++) {
    const z = (nodes[i] as NodeInfo).zone;
    if (z !== undefined) out[i] = (out[i] as number) + forCount(zones.get(z) ?? 0, weight, ZONE_SKEW);
  }
}
