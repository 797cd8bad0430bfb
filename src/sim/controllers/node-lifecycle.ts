// Node lifecycle controller: watches kubelet heartbeats (Node Lease renewals and Ready
// heartbeats). A node silent for the grace period gets Ready=Unknown and the unreachable taints
// (NotReady nodes get not-ready taints); its pods are marked not ready, and the NoExecute taint
// evicts pods once their toleration (300s by default) runs out.

import type { Condition, Node, Pod, Taint } from '../api/types.ts';
import { getCondition, namespacedKey, objectKey } from '../api/meta.ts';
import { parseTime, rfc3339 } from '../clock.ts';
import { WorkQueue } from '../client/workqueue.ts';
import type { EventRecorder } from '../client/recorder.ts';
import type { Controller, ControllerContext } from './context.ts';
import { tolerates } from '../scheduler/plugins/taint-toleration.ts';

const NAME = 'node-lifecycle-controller';
const GRACE_MS = 40_000;
const MONITOR_MS = 5_000;
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

function managed(t: Taint): boolean {
  return t.key === NOT_READY || t.key === UNREACHABLE || t.key === UNSCHEDULABLE;
}

const NO_TAINTS: readonly Taint[] = [];

/** The NoSchedule taint for a condition (it has no time): one frozen object per key. */
const NO_SCHEDULE: Readonly<Record<string, Taint>> = Object.freeze({
  [NOT_READY]: Object.freeze({ key: NOT_READY, effect: 'NoSchedule' as const }),
  [UNREACHABLE]: Object.freeze({ key: UNREACHABLE, effect: 'NoSchedule' as const }),
});

/**
 * The last NoExecute taint made, and the last [NoSchedule, NoExecute] list: nodes registering
 * together are tainted in the same tick with the same taints, so they share one frozen list (the
 * stored nodes are frozen anyway) instead of three objects each.
 */
let lastNoExec: Taint | undefined;
let lastNoExecAt = NaN;
let lastPair: readonly Taint[] | undefined;

function noExecuteTaint(key: string, now: number): Taint {
  const t = lastNoExec;
  if (t !== undefined && t.key === key && lastNoExecAt === now) return t;
  lastNoExec = Object.freeze({ key, effect: 'NoExecute' as const, timeAdded: rfc3339(now) });
  lastNoExecAt = now;
  return lastNoExec;
}

function pair(noSched: Taint, noExec: Taint): readonly Taint[] {
  const p = lastPair;
  if (p !== undefined && p[0] === noSched && p[1] === noExec) return p;
  lastPair = Object.freeze([noSched, noExec]);
  return lastPair;
}

function noExecute(t: Taint): boolean {
  return t.effect === 'NoExecute';
}

/** The last heartbeat seen from a node (its Lease renewTime, else the Ready heartbeat) and when. */
interface Health {
  leaseKey: string;
  renewTime: string;
  heartbeat: string;
  status: string;
  observedAt: number;
}

export class NodeLifecycleController implements Controller {
  readonly name = NAME;
  readonly queue = new WorkQueue();
  readonly #ctx: ControllerContext;
  readonly #events: EventRecorder;
  readonly #evictEvents: EventRecorder;
  readonly #health = new Map<string, Health>();
  /**
   * When this controller first saw each NoExecute taint that carries no timeAdded (`kubectl taint`
   * sets none), by node and `key:effect`: tolerationSeconds count from then, as the taint manager
   * starts a pod's eviction timer when it first finds the taint.
   */
  readonly #taintSeen = new Map<string, Map<string, number>>();
  #lastMonitor = -Infinity;

  constructor(ctx: ControllerContext) {
    this.#ctx = ctx;
    this.#events = ctx.recorder('node-controller');
    this.#evictEvents = ctx.recorder('taint-eviction-controller');
    const { nodes } = ctx.informers;
    nodes.on({
      add: (n) => {
        this.#events.event(
          n,
          'Normal',
          'RegisteredNode',
          // join(): one flat string for the stored Event (a template literal keeps a rope).
          ['Node ', n.metadata.name ?? '', ' event: Registered Node ', n.metadata.name ?? '', ' in Controller'].join(
            '',
          ),
        );
        this.queue.add(objectKey(n));
      },
      // Every node status write comes here: the informer's key, not objectKey again.
      update: (_a, _b, key) => this.queue.add(key),
      delete: (n) => this.#health.delete(n.metadata.name ?? ''),
    });
  }

  periodic(now: number): void {
    if (now - this.#lastMonitor < MONITOR_MS) return;
    this.#lastMonitor = now;
    for (const n of this.#ctx.informers.nodes.list()) this.queue.add(objectKey(n));
  }

  reconcile(key: string, now: number): void {
    const node = this.#ctx.informers.nodes.get(key);
    if (!node) return;
    const name = node.metadata.name ?? '';
    let h = this.#health.get(name);
    const leaseKey = h?.leaseKey ?? namespacedKey('kube-node-lease', name);
    // The heartbeat the kubelet last posted: its Lease renewTime, else the Ready heartbeat.
    const renewTime = this.#ctx.informers.leases.get(leaseKey)?.spec.renewTime ?? '';
    let ready = getCondition(node.status?.conditions, 'Ready');
    const heartbeat = ready?.lastHeartbeatTime ?? '';
    const status = ready?.status ?? '';
    if (!h) {
      h = { leaseKey, renewTime, heartbeat, status, observedAt: now };
      this.#health.set(name, h);
    } else if (h.renewTime !== renewTime || h.heartbeat !== heartbeat || h.status !== status) {
      // Updated in place: every node renews its lease every few seconds.
      h.renewTime = renewTime;
      h.heartbeat = heartbeat;
      h.status = status;
      h.observedAt = now;
    }
    if (now - h.observedAt > GRACE_MS && ready?.status !== 'Unknown') {
      this.#markUnknown(node, now);
      ready = { type: 'Ready', status: 'Unknown' };
    }
    this.#reconcileTaints(node, ready, now);
  }

  #markUnknown(node: Node, now: number): void {
    const iso = rfc3339(now);
    const conditions: Condition[] = (node.status?.conditions ?? []).map((c) => ({
      ...c,
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
      lastTransitionTime: iso,
    }));
    const res = this.#ctx.request(NAME, {
      verb: 'update',
      group: '',
      version: 'v1',
      resource: 'nodes',
      subresource: 'status',
      name: node.metadata.name ?? '',
      body: { ...node, status: { ...node.status, conditions } },
    });
    if (res.code !== 200) return;
    this.#events.event(
      node,
      'Normal',
      'NodeNotReady',
      ['Node ', node.metadata.name ?? '', ' status is now: NodeNotReady'].join(''),
    );
    // MarkPodsNotReady: the node can no longer vouch for its pods.
    for (const p of this.#ctx.informers.pods.byIndex('node', node.metadata.name ?? '')) {
      const conds = (p.status?.conditions ?? []).map((c) =>
        c.type === 'Ready' || c.type === 'ContainersReady'
          ? { ...c, status: 'False' as const, lastTransitionTime: iso }
          : c,
      );
      this.#ctx.request(NAME, {
        verb: 'update',
        group: '',
        version: 'v1',
        resource: 'pods',
        subresource: 'status',
        namespace: p.metadata.namespace ?? '',
        name: p.metadata.name ?? '',
        body: {
          metadata: { name: p.metadata.name, namespace: p.metadata.namespace },
          status: { ...p.status, conditions: conds },
        },
      });
    }
  }

  #reconcileTaints(node: Node, ready: Condition | undefined, now: number): void {
    const want: string | undefined =
      ready?.status === 'True' ? undefined : ready?.status === 'Unknown' ? UNREACHABLE : NOT_READY;
    const taints = node.spec.taints ?? NO_TAINTS;
    // The common case, a healthy schedulable node with none of the taints managed here: nothing to
    // change, only its other NoExecute taints (if any) to enforce.
    if (want === undefined && !node.spec.unschedulable && !taints.some(managed)) {
      this.#evict(node, now);
      return;
    }
    // The unmanaged taints and those of the wanted key, as two filters would list them (arrays made
    // only when there is something to put in them: usually the node has only managed taints).
    let others: Taint[] | readonly Taint[] = NO_TAINTS;
    let existing: Taint[] | readonly Taint[] = NO_TAINTS;
    for (let i = 0; i < taints.length; i++) {
      const t = taints[i] as Taint;
      if (t.key !== NOT_READY && t.key !== UNREACHABLE && t.key !== UNSCHEDULABLE)
        others = others === NO_TAINTS ? [t] : [...others, t];
      if (t.key === want) existing = existing === NO_TAINTS ? [t] : [...existing, t];
    }
    let next: readonly Taint[] = others;
    // TaintNodesByCondition: a cordoned node carries the unschedulable taint.
    if (node.spec.unschedulable)
      next = [
        ...next,
        taints.find((t) => t.key === UNSCHEDULABLE) ?? {
          key: UNSCHEDULABLE,
          effect: 'NoSchedule',
          timeAdded: rfc3339(now),
        },
      ];
    if (want) {
      const noExec = existing.find((t) => t.effect === 'NoExecute') ?? noExecuteTaint(want, now);
      const noSched = existing.find((t) => t.effect === 'NoSchedule') ?? (NO_SCHEDULE[want] as Taint);
      next = next.length === 0 ? pair(noSched, noExec) : [...next, noSched, noExec];
    }
    const same =
      next.length === taints.length &&
      next.every((t, i) => t === taints[i] || (t.key === taints[i]?.key && t.effect === taints[i]?.effect));
    let current = node;
    if (!same) {
      // Without taints, leave the key out rather than delete it (a delete makes a slow object);
      // copied key by key, the others in their order (a rest pattern is a slow generic copy).
      let spec: Node['spec'];
      if (next.length === 0) {
        const from = node.spec as Record<string, unknown>;
        const untainted: Record<string, unknown> = {};
        for (const k in from) if (k !== 'taints' && Object.hasOwn(from, k)) untainted[k] = from[k];
        spec = untainted as Node['spec'];
      } else spec = { ...node.spec, taints: next as Taint[] };
      const res = this.#ctx.request(NAME, {
        verb: 'update',
        group: '',
        version: 'v1',
        resource: 'nodes',
        name: node.metadata.name ?? '',
        body: { ...node, spec },
      });
      if (res.code !== 200) return;
      current = res.body as Node;
    }
    this.#evict(current, now);
  }

  /** NoExecute taint manager: delete pods that do not tolerate the taint, or once their toleration expires. */
  #evict(node: Node, now: number): void {
    const taints = node.spec.taints;
    // Every node status update comes here: most nodes have no NoExecute taint, so look before
    // building the list.
    if (taints === undefined || !taints.some(noExecute)) {
      if (this.#taintSeen.size > 0) this.#taintSeen.delete(node.metadata.name ?? '');
      return;
    }
    const name = node.metadata.name ?? '';
    const noExec = taints.filter(noExecute);
    const since = this.#addedTimes(name, noExec, now);
    const pods = this.#ctx.informers.pods;
    // A node without pods (a new one, still NotReady) has nothing to evict.
    if (pods.indexSize('node', name) === 0) return;
    let soonest = Infinity;
    for (const p of [...pods.byIndex('node', name)]) {
      if (p.metadata.deletionTimestamp) continue;
      const due = this.#evictAt(p, noExec, since);
      if (due <= now) {
        this.#evictEvents.event(
          p,
          'Normal',
          'TaintManagerEviction',
          ['Marking for deletion Pod ', p.metadata.namespace ?? '', '/', p.metadata.name ?? ''].join(''),
        );
        this.#ctx.request('taint-eviction-controller', {
          verb: 'delete',
          group: '',
          version: 'v1',
          resource: 'pods',
          namespace: p.metadata.namespace ?? '',
          name: p.metadata.name ?? '',
        });
      } else soonest = Math.min(soonest, due);
    }
    if (soonest !== Infinity) this.queue.addAt(objectKey(node), soonest);
  }

  /** Each taint's timeAdded, or when it was first seen here if it has none (see #taintSeen). */
  #addedTimes(node: string, taints: readonly Taint[], now: number): number[] {
    const out = new Array<number>(taints.length);
    let seen = this.#taintSeen.get(node);
    let keep: Set<string> | undefined;
    for (let i = 0; i < taints.length; i++) {
      const t = taints[i] as Taint;
      const added = parseTime(t.timeAdded);
      if (added !== undefined) {
        out[i] = added;
        continue;
      }
      const k = `${t.key}:${t.effect}`;
      (keep ??= new Set()).add(k);
      if (!seen) this.#taintSeen.set(node, (seen = new Map()));
      let first = seen.get(k);
      if (first === undefined) seen.set(k, (first = now));
      out[i] = first;
    }
    // Taints removed since are forgotten: one added again starts afresh.
    if (seen) for (const k of seen.keys()) if (!keep?.has(k)) seen.delete(k);
    return out;
  }

  #evictAt(p: Pod, taints: readonly Taint[], since: readonly number[]): number {
    let at = Infinity;
    const tolerations = p.spec.tolerations ?? [];
    for (let i = 0; i < taints.length; i++) {
      const taint = taints[i] as Taint;
      // The shortest tolerationSeconds among the tolerations of this taint; none means forever.
      let tolerated = false;
      let forever = false;
      let secs = Infinity;
      for (const t of tolerations) {
        if (!tolerates(t, taint)) continue;
        tolerated = true;
        if (t.tolerationSeconds === undefined) forever = true;
        else secs = Math.min(secs, t.tolerationSeconds ?? Infinity);
      }
      if (!tolerated) return -Infinity;
      if (forever) secs = Infinity;
      at = Math.min(at, secs === Infinity ? Infinity : (since[i] as number) + secs * 1000);
    }
    return at;
  }
}
