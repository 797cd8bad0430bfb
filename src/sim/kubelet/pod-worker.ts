// The kubelet's per-pod worker: a sandbox (pod IP) plus one ContainerWorker per container, and the
// pod status (phase, conditions, container statuses) the status manager reports to the API server.

import type { Condition, Container, ContainerStatus, Pod, PodStatus } from '../api/types.ts';
import { rfc3339 } from '../clock.ts';
import type { Containerd } from './runtime.ts';
import { ContainerWorker, InitContainerWorker, type WorkerEnv } from './container.ts';
import { isFrozen } from '../api/meta.ts';

const hostIPsPool = new Map<string, readonly { ip: string }[]>();

function hostIPsFor(ip: string): readonly { ip: string }[] {
  let v = hostIPsPool.get(ip);
  if (!v) {
    v = Object.freeze([Object.freeze({ ip })]);
    hostIPsPool.set(ip, v);
  }
  return v;
}

/** The conditions the kubelet reports; their number takes part in a condition's pool slot. */
type ConditionType = 'PodReadyToStartContainers' | 'Initialized' | 'Ready' | 'ContainersReady' | 'PodScheduled';
const TYPE_NO: Readonly<Record<ConditionType, number>> = {
  PodReadyToStartContainers: 0,
  Initialized: 1,
  Ready: 2,
  ContainersReady: 3,
  PodScheduled: 4,
};
/** The reasons they can carry ('' = none), numbered by their place here. */
const REASONS = ['', 'ContainersNotReady', 'PodCompleted', 'ContainersNotInitialized'] as const;
type Reason = (typeof REASONS)[number];

/** The pooled conditions of one lastTransitionTime: by slot, and by slot and message. */
interface TimePool {
  plain: (Condition | undefined)[];
  withMessage: Map<string, Condition>;
}

/**
 * Pods started in the same tick report identical conditions: share one frozen object per distinct
 * condition instead of allocating four per status write (thousands of pods on a big cluster).
 * Looked up by lastTransitionTime, then by a small slot number, so no key string is built.
 */
const conditionPool = new Map<string, TimePool>();

function pooledCondition(type: ConditionType, ok: boolean, ltt: string, reason: Reason, message: string): Condition {
  let pool = conditionPool.get(ltt);
  if (!pool) {
    if (conditionPool.size >= 1000) conditionPool.clear();
    pool = { plain: [], withMessage: new Map() };
    conditionPool.set(ltt, pool);
  }
  const slot = (TYPE_NO[type] * 2 + (ok ? 1 : 0)) * REASONS.length + REASONS.indexOf(reason);
  let c = message === '' ? pool.plain[slot] : pool.withMessage.get(`${slot}|${message}`);
  if (!c) {
    const fresh: Condition = { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: ltt };
    if (reason !== '') fresh.reason = reason;
    if (message !== '') fresh.message = message;
    c = Object.freeze(fresh);
    if (message === '') pool.plain[slot] = c;
    else pool.withMessage.set(`${slot}|${message}`, c);
  }
  return c;
}

/** The fields, in order, of the PodScheduled condition the scheduler's binding writes. */
const SCHEDULED_KEYS = ['type', 'status', 'lastProbeTime', 'lastTransitionTime'] as const;

/**
 * The pod's PodScheduled condition (the binding wrote it, one object per pod) as a pooled frozen
 * copy with the same fields in the same order, so that pods bound in the same tick can share one
 * conditions array. Anything unusual is kept as it is.
 */
function pooledScheduled(c: Condition): Condition {
  const ltt = c.lastTransitionTime;
  if (c.status !== 'True' || c.lastProbeTime !== null || typeof ltt !== 'string') return c;
  let n = 0;
  // for-in, not Object.keys: no key array per pod.
  for (const k in c) if (k !== SCHEDULED_KEYS[n++]) return c;
  if (n !== SCHEDULED_KEYS.length) return c;
  return pooledCondition('PodScheduled', true, ltt, '', '');
}

/** The last conditions array built: consecutive pods with the same five conditions share it. */
let lastConditions: readonly Condition[] = [];

function conditionList(a: Condition, b: Condition, c: Condition, d: Condition, e: Condition): readonly Condition[] {
  const l = lastConditions;
  if (l[0] === a && l[1] === b && l[2] === c && l[3] === d && l[4] === e) return l;
  lastConditions = Object.freeze([a, b, c, d, e]);
  return lastConditions;
}

/** podConditions() flags: what the conditions follow from, besides the earlier list and the time. */
const SANDBOX_READY = 1;
const READY = 2;
const ALL_DONE = 4;

/** What the last conditions list (lastConditions) was built from (see status()). */
let lastPc: readonly Condition[] | undefined;
let lastIso = '';
let lastHow = -1;
let lastNotReadyMsg = '';
let lastInitMsg = '';

/**
 * The five conditions a pod status reports, from the earlier ones (`pc`, whose transition times
 * they keep), the time, the `how` flags and the messages of a false Ready and Initialized (none
 * when the init containers are done).
 */
function podConditions(
  pc: readonly Condition[] | undefined,
  iso: string,
  how: number,
  notReadyMsg: string,
  initMsg: string,
): readonly Condition[] {
  const ready = (how & READY) !== 0;
  const notReady = (how & ALL_DONE) !== 0 ? 'PodCompleted' : 'ContainersNotReady';
  const found = findCondition(pc, 'PodScheduled');
  const scheduled = found ? pooledScheduled(found) : pooledCondition('PodScheduled', true, iso, '', '');
  lastPc = pc;
  lastIso = iso;
  lastHow = how;
  lastNotReadyMsg = notReadyMsg;
  lastInitMsg = initMsg;
  return conditionList(
    condition(pc, iso, 'PodReadyToStartContainers', (how & SANDBOX_READY) !== 0),
    initMsg !== ''
      ? condition(pc, iso, 'Initialized', false, 'ContainersNotInitialized', initMsg)
      : condition(pc, iso, 'Initialized', true),
    condition(pc, iso, 'Ready', ready, notReady, notReadyMsg),
    condition(pc, iso, 'ContainersReady', ready, notReady, notReadyMsg),
    scheduled,
  );
}

// Hot loops here index their arrays: this code often runs before V8 optimises it, and an
// unoptimised for-of allocates an iterator per loop (megabytes over thousands of pods).

function findCondition(list: readonly Condition[] | undefined, type: string): Condition | undefined {
  if (list) for (let i = 0; i < list.length; i++) if ((list[i] as Condition).type === type) return list[i];
  return undefined;
}

/**
 * A pod condition as the status manager reports it: its lastTransitionTime moves only when its
 * status flips. A failing condition carries `reason` (and `message`); Ready and ContainersReady
 * carry 'PodCompleted' when every container finished, whatever their status.
 */
function condition(
  prev: readonly Condition[] | undefined,
  iso: string,
  type: ConditionType,
  ok: boolean,
  reason: Reason = '',
  message = '',
): Condition {
  const old = findCondition(prev, type);
  const status = ok ? 'True' : 'False';
  const ltt = old && old.status === status ? (old.lastTransitionTime ?? iso) : iso;
  if (ok) return pooledCondition(type, ok, ltt, reason === 'PodCompleted' ? reason : '', '');
  return pooledCondition(type, ok, ltt, reason, reason === '' ? '' : message);
}

/** The restart count a previous status reported for a container (kept across kubelet restarts). */
function restartCountOf(statuses: readonly ContainerStatus[] | undefined, name: string): number {
  if (statuses)
    for (let i = 0; i < statuses.length; i++) {
      const s = statuses[i] as ContainerStatus;
      if (s.name === name) return s.restartCount ?? 0;
    }
  return 0;
}

/** PodWorker flags. */
const QUIET = 1;
const SHOWN = 2;
const SHOWN_IP = 4;
/** KILLED: kill() ran; when is kept aside (pods being deleted are few at a time). */
const KILLED = 8;
const killTimes = new WeakMap<PodWorker, number>();
/** INIT: the pod has init containers; their workers are kept aside (few pods have any). */
const INIT = 16;
const initWorkers = new WeakMap<PodWorker, readonly InitContainerWorker[]>();
/** HOST_NET: the pod's sandbox uses the node's network (read with the spec, not again in sync()). */
const HOST_NET = 32;
const NO_INIT: readonly InitContainerWorker[] = Object.freeze([]);

// Private methods are TypeScript `private`, not `#`: `#` methods put a brand field in every worker.
export class PodWorker {
  /** The pod this worker runs; the kubelet only ever hands it newer versions of the same UID. */
  pod: Pod;
  /**
   * The container workers: a pod's only container kept as it is, more in an array (most pods have
   * one container, and an array of one costs more than the worker's own fields).
   */
  readonly #cs: ContainerWorker | readonly ContainerWorker[];
  /**
   * The pod sandbox, by its podIPs list (all that is kept of it): built once, frozen, and reported by
   * every status write instead of a new list per write. Undefined until the sandbox runs.
   */
  #sandboxIPs: readonly { ip: string }[] | undefined;
  /** RFC 3339 start time (a string shared with the pods started in the same second). */
  #startTime: string | undefined;
  /**
   * QUIET: nothing to do until the pod changes, a sync now would change nothing (see `idle`).
   * SHOWN: a status write was accepted; SHOWN_IP: it reported the sandbox's IP (a sandbox never
   * changes once it runs, so whether one was reported says which). One small integer, not fields.
   */
  #flags = 0;

  constructor(pod: Pod) {
    this.pod = pod;
    // Plain loops, no closures: one worker per pod is made, often by unoptimised code.
    const prev = pod.status?.containerStatuses;
    const specs = pod.spec.containers;
    const inits = pod.spec.initContainers;
    const initializing = inits !== undefined && inits.length > 0;
    if (pod.spec.hostNetwork === true) this.#flags = HOST_NET;
    if (initializing) {
      const prevInit = pod.status?.initContainerStatuses;
      const workers = new Array<InitContainerWorker>(inits.length);
      for (let i = 0; i < inits.length; i++) {
        const spec = inits[i] as Container;
        workers[i] = new InitContainerWorker(spec, restartCountOf(prevInit, spec.name), true);
      }
      initWorkers.set(this, workers);
      this.#flags |= INIT;
    }
    if (specs.length === 1) {
      const spec = specs[0] as Container;
      this.#cs = new ContainerWorker(spec, restartCountOf(prev, spec.name), initializing);
      return;
    }
    // Sized up front: push() would give the array room for 17 workers.
    const containers = new Array<ContainerWorker>(specs.length);
    for (let i = 0; i < specs.length; i++) {
      const spec = specs[i] as Container;
      containers[i] = new ContainerWorker(spec, restartCountOf(prev, spec.name), initializing);
    }
    this.#cs = containers;
  }

  /** The init container workers, in spec order (none for most pods). */
  get initContainers(): readonly InitContainerWorker[] {
    return (this.#flags & INIT) === 0 ? NO_INIT : (initWorkers.get(this) ?? NO_INIT);
  }

  /**
   * The init container that runs now: the first one that has not succeeded. Undefined once all
   * have (or when there are none).
   */
  private currentInit(): InitContainerWorker | undefined {
    if ((this.#flags & INIT) === 0) return undefined;
    const inits = this.initContainers;
    for (let i = 0; i < inits.length; i++) if (!(inits[i] as InitContainerWorker).succeeded) return inits[i];
    return undefined;
  }

  /** The container workers, in spec order (a new array for a one-container pod: for rare callers). */
  get containers(): readonly ContainerWorker[] {
    const cs = this.#cs;
    return cs instanceof ContainerWorker ? [cs] : cs;
  }

  /** How many containers; with at(i), the loops below walk them without an array. */
  private get count(): number {
    const cs = this.#cs;
    return cs instanceof ContainerWorker ? 1 : cs.length;
  }

  private at(i: number): ContainerWorker {
    const cs = this.#cs;
    return cs instanceof ContainerWorker ? cs : (cs[i] as ContainerWorker);
  }

  /** The sandbox's IP; undefined until it runs. */
  get sandbox(): string | undefined {
    const l = this.#sandboxIPs;
    return l === undefined ? undefined : (l[0] as { ip: string }).ip;
  }

  /** A host-network sandbox has the node's address: it shares the node's pooled list. */
  private setSandbox(ip: string, runtime: Containerd): void {
    this.#sandboxIPs = ip === runtime.hostIP ? hostIPsFor(ip) : Object.freeze([Object.freeze({ ip })]);
  }

  get uid(): string {
    return this.pod.metadata.uid ?? '';
  }

  /** When kill() ran; undefined before. */
  get killedAt(): number | undefined {
    return (this.#flags & KILLED) === 0 ? undefined : killTimes.get(this);
  }

  get busy(): boolean {
    if ((this.#flags & KILLED) !== 0) return true;
    if ((this.#flags & INIT) !== 0) for (const c of this.initContainers) if (c.busy) return true;
    for (let i = 0, n = this.count; i < n; i++) if (this.at(i).busy) return true;
    return false;
  }

  /**
   * Whether a sync would be a no-op: every container waits with no time to wake at, and the
   * status it would report was written. (The kubelet's own status writes echo back as updates.)
   */
  get idle(): boolean {
    return (this.#flags & QUIET) !== 0 && !this.reportedChanged;
  }

  /** After a kubelet restart: re-attach to the sandbox and running containers the pod status names. */
  adopt(env: WorkerEnv, runtime: Containerd): void {
    const st = this.pod.status;
    if (!st?.podIP || st.phase !== 'Running') return;
    this.setSandbox(runtime.adoptSandbox(st.podIP), runtime);
    this.#startTime = rfc3339(Date.parse(st.startTime ?? '') || env.now);
    env.pod = this.pod;
    env.podIP = st.podIP;
    // A running pod is past its init containers: they stay completed, as the status reports them.
    for (const c of this.initContainers) {
      const cs = st.initContainerStatuses?.find((s) => s.name === c.spec.name);
      if (cs) c.adoptExited(cs);
    }
    for (const c of this.containers) {
      const cs = st.containerStatuses?.find((s) => s.name === c.spec.name);
      if (cs) c.adopt(env, cs);
    }
    this.markReported();
  }

  /** Advances every container. `env` is the kubelet's, filled in here with this pod. */
  sync(env: WorkerEnv, runtime: Containerd): number {
    let ip = this.sandbox;
    if (ip === undefined) {
      ip = runtime.runPodSandbox((this.#flags & HOST_NET) !== 0);
      this.setSandbox(ip, runtime);
      this.#startTime = rfc3339(env.now);
    }
    env.pod = this.pod;
    env.podIP = ip;
    let next = Infinity;
    let timed = true;
    if ((this.#flags & INIT) !== 0) {
      // Init containers run one at a time, in order, each to completion; the app containers
      // start only when all have succeeded. One that failed for good (restartPolicy Never) stops
      // the pod where it is.
      for (let init = this.currentInit(); init !== undefined; init = this.currentInit()) {
        next = init.advance(env);
        if (init.succeeded) continue;
        timed = init.waitsForTime;
        this.#flags = timed && next === Infinity ? this.#flags | QUIET : this.#flags & ~QUIET;
        return next;
      }
    }
    for (let i = 0, n = this.count; i < n; i++) {
      const c = this.at(i);
      next = Math.min(next, c.advance(env));
      if (!c.waitsForTime) timed = false;
    }
    this.#flags = timed && next === Infinity ? this.#flags | QUIET : this.#flags & ~QUIET;
    return next;
  }

  /** Stops every container; returns whether any was running. */
  kill(env: WorkerEnv): boolean {
    let any = false;
    env.pod = this.pod;
    env.podIP = this.sandbox ?? '';
    if ((this.#flags & INIT) !== 0) for (const c of this.initContainers) if (c.kill(env)) any = true;
    for (let i = 0, n = this.count; i < n; i++) if (this.at(i).kill(env)) any = true;
    killTimes.set(this, env.now);
    this.#flags = (this.#flags & ~QUIET) | KILLED;
    return any;
  }

  /** Whether status() would report something the last accepted write did not. */
  get reportedChanged(): boolean {
    const f = this.#flags;
    if ((f & SHOWN) === 0 || ((f & SHOWN_IP) !== 0) !== (this.#sandboxIPs !== undefined)) return true;
    if ((f & INIT) !== 0) for (const c of this.initContainers) if (c.reportedChanged) return true;
    for (let i = 0, n = this.count; i < n; i++) if (this.at(i).reportedChanged) return true;
    return false;
  }

  /** The status write went through: remember what it reported. */
  markReported(): void {
    this.#flags = (this.#flags & ~SHOWN_IP) | SHOWN | (this.#sandboxIPs !== undefined ? SHOWN_IP : 0);
    if ((this.#flags & INIT) !== 0) for (const c of this.initContainers) c.markReported();
    for (let i = 0, n = this.count; i < n; i++) this.at(i).markReported();
  }

  status(hostIP: string, now: number): PodStatus {
    const prev = this.pod.status ?? {};
    const n = this.count;
    // Sized up front (the API server keeps it): push() would leave room for 17.
    const containerStatuses = new Array<ContainerStatus>(n);
    let allDone = true;
    let allStarted = true;
    let anyStarted = false;
    let allZero = true;
    let allFrozen = true;
    let unready: string[] | undefined;
    for (let i = 0; i < n; i++) {
      const c = this.at(i);
      const entry = c.status();
      containerStatuses[i] = entry;
      if (!isFrozen(entry)) allFrozen = false;
      if (c.phase !== 'done') allDone = false;
      if (c.everStarted) anyStarted = true;
      else allStarted = false;
      if (c.terminatedCode !== 0) allZero = false;
      if (!c.ready) (unready ??= []).push(c.spec.name);
    }
    let phase: PodStatus['phase'] = 'Pending';
    if (allDone && allStarted) phase = allZero ? 'Succeeded' : 'Failed';
    else if (anyStarted) phase = 'Running';
    // Init containers: their statuses, and the ones not yet succeeded (Initialized is False while any is).
    let initStatuses: ContainerStatus[] | undefined;
    let incomplete: string[] | undefined;
    if ((this.#flags & INIT) !== 0) {
      const inits = this.initContainers;
      initStatuses = new Array<ContainerStatus>(inits.length);
      let failed = false;
      for (let i = 0; i < inits.length; i++) {
        const c = inits[i] as InitContainerWorker;
        const entry = c.status();
        initStatuses[i] = entry;
        if (!isFrozen(entry)) allFrozen = false;
        if (!c.succeeded) (incomplete ??= []).push(c.spec.name);
        if (c.failed) failed = true;
      }
      if (incomplete) phase = failed ? 'Failed' : 'Pending';
    }
    const iso = rfc3339(now);
    const pc = prev.conditions;
    // Ready and ContainersReady: 'PodCompleted' when every container finished, else the unready list.
    const notReadyMsg = allDone || !unready ? '' : `containers with unready status: [${unready.join(' ')}]`;
    const initMsg = incomplete ? `containers with incomplete status: [${incomplete.join(' ')}]` : '';
    const how =
      (this.sandbox !== undefined && (this.#flags & KILLED) === 0 ? SANDBOX_READY : 0) |
      (unready === undefined ? READY : 0) |
      (allDone ? ALL_DONE : 0);
    // Pods synced in the same tick and bound in the same second report the same conditions, from
    // the same (frozen, shared) earlier list: the last answer serves them without a look-up.
    const conditions =
      pc === lastPc && iso === lastIso && how === lastHow && notReadyMsg === lastNotReadyMsg && initMsg === lastInitMsg
        ? lastConditions
        : podConditions(pc, iso, how, notReadyMsg, initMsg);
    const startTime = this.#startTime ?? rfc3339(now);
    const qosClass = prev.qosClass;
    const ip = this.sandbox;
    // One literal per shape, optional fields last: adding them afterwards would give every stored
    // status a separate property store.
    const hostIPs = hostIPsFor(hostIP);
    let st: PodStatus;
    if (ip) {
      // A host-network pod has the node's address: it shares the node's pooled list.
      const podIPs = ip === hostIP ? hostIPs : (this.#sandboxIPs as readonly { ip: string }[]);
      st = qosClass
        ? { phase, conditions, hostIP, hostIPs, startTime, containerStatuses, qosClass, podIP: ip, podIPs }
        : { phase, conditions, hostIP, hostIPs, startTime, containerStatuses, podIP: ip, podIPs };
    } else {
      st = qosClass
        ? { phase, conditions, hostIP, hostIPs, startTime, containerStatuses, qosClass }
        : { phase, conditions, hostIP, hostIPs, startTime, containerStatuses };
    }
    if (initStatuses) st = withInitStatuses(st, initStatuses);
    // Frozen whole when everything in it is (the API server stores it as it is, and does not walk
    // frozen objects again); otherwise the server freezes what is left.
    if (allFrozen) {
      if (initStatuses) Object.freeze(initStatuses);
      Object.freeze(containerStatuses);
      Object.freeze(st);
    }
    return st;
  }
}

/** `status` with initContainerStatuses just before containerStatuses, where the kubelet reports them. */
function withInitStatuses(status: PodStatus, initStatuses: readonly ContainerStatus[]): PodStatus {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(status)) {
    if (k === 'containerStatuses') out['initContainerStatuses'] = initStatuses;
    out[k] = v;
  }
  return out as PodStatus;
}
