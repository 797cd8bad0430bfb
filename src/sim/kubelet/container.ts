// One container's lifecycle inside the kubelet's pod worker: pull (with ImagePullBackOff), create,
// start, run with probes, exit, restart with CrashLoopBackOff. Events use the real reasons/messages.

import type { Container, ContainerState, ContainerStatus, Pod } from '../api/types.ts';
import { goDuration } from '../api/duration.ts';
import { rfc3339 } from '../clock.ts';
import { exitAt, type Containerd, type CriContainer, type CriKind, type PullState } from './runtime.ts';
import { probeTiming, runProbe } from './probes.ts';

const MAX_BACKOFF = 300_000;
const BASE_BACKOFF = 10_000;

export interface WorkerEnv {
  now: number;
  runtime: Containerd;
  pod: Pod;
  podIP: string;
  event: (type: 'Normal' | 'Warning', reason: string, message: string, fieldPath: string) => void;
}

type Phase =
  'pull' | 'pulling' | 'pull-failed' | 'pull-backoff' | 'start' | 'running' | 'exited' | 'crash-backoff' | 'done';

/**
 * ContainerWorker #st (see there): the bit that says its restart count is kept aside in
 * oddCounts, and the counts it packs.
 */
const ODD_COUNT = 32;
const MAX_PACKED_COUNT = 2 ** 24;
const oddCounts = new WeakMap<object, number>();

/** The phases by their numbers. */
const PHASES: readonly Phase[] = [
  'pull',
  'pulling',
  'pull-failed',
  'pull-backoff',
  'start',
  'running',
  'exited',
  'crash-backoff',
  'done',
];

/** Small numbers for the phases, to remember the reported state in one number. */
const PHASE_NO: Readonly<Record<Phase, number>> = {
  pull: 0,
  pulling: 1,
  'pull-failed': 2,
  'pull-backoff': 3,
  start: 4,
  running: 5,
  exited: 6,
  'crash-backoff': 7,
  done: 8,
};

/** Phases in which advance() does nothing before the time it returned (see `waitsForTime`), a bit each. */
const TIMED = (['pulling', 'pull-backoff', 'running', 'exited', 'crash-backoff', 'done'] as const).reduce(
  (bits, p) => bits | (1 << PHASE_NO[p]),
  0,
);

interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

/** The waiting reasons a container reports (every one is set in this file). */
type WaitingReason =
  | 'ContainerCreating'
  | 'PodInitializing'
  | 'ErrImageNeverPull'
  | 'ErrImagePull'
  | 'ImagePullBackOff'
  | 'CrashLoopBackOff';
type Waiting = Readonly<{ reason: WaitingReason; message?: string }>;

/** Small numbers for the waiting reasons, to remember the reported state in one number. */
const REASON_NO: Readonly<Record<WaitingReason, number>> = {
  ContainerCreating: 0,
  ErrImageNeverPull: 1,
  ErrImagePull: 2,
  ImagePullBackOff: 3,
  CrashLoopBackOff: 4,
  PodInitializing: 5,
};

const CREATING: Waiting = Object.freeze({ reason: 'ContainerCreating' });
const CREATING_STATE: ContainerState = Object.freeze({ waiting: CREATING });
/** What the kubelet reports for a container it has not created yet in a pod with init containers. */
const INITIALIZING: Waiting = Object.freeze({ reason: 'PodInitializing' });
const INITIALIZING_STATE: ContainerState = Object.freeze({ waiting: INITIALIZING });
const NO_STATE: ContainerState = Object.freeze({});

/**
 * What most containers never need, made the first time any of it is: back-off bookkeeping (first
 * failed pull or exit), the pull in progress, the probe schedule, the terminated states, and a
 * waiting state other than ContainerCreating. One field per container instead of six (a pause
 * container has none of them).
 */
interface More {
  waiting: Waiting;
  /** The waiting state before the runtime has the container: ContainerCreating, or PodInitializing. */
  fresh: Waiting;
  waitUntil: number;
  pullBackoff: number;
  crashBackoff: number;
  crashes: number;
  /** The pull in progress (phase 'pulling'). */
  pull: PullState | undefined;
  probing: Probing | undefined;
  /** The last termination (lastState), and the current one (state) while exited or done. */
  last: Terminated | undefined;
  current: Terminated | undefined;
}

/** Probe schedule of a running container that has probes. */
interface Probing {
  readonly readiness: ReturnType<typeof probeTiming>;
  readonly liveness: ReturnType<typeof probeTiming>;
  readyAt: number;
  liveAt: number;
  liveFails: number;
  readySucc: number;
}

/**
 * Event texts and the fieldPath of one container name, built once and flat: every event stores
 * them, and a pod template's containers all share one name.
 */
interface NameTexts {
  fieldPath: string;
  /** The fieldPath of an init container of that name. */
  initFieldPath: string;
  created: string;
  started: string;
  stopping: string;
}

const nameTexts = new Map<string, NameTexts>();

function textsFor(name: string): NameTexts {
  let t = nameTexts.get(name);
  if (!t) {
    if (nameTexts.size >= 1000) nameTexts.clear();
    t = {
      fieldPath: ['spec.containers{', name, '}'].join(''),
      initFieldPath: ['spec.initContainers{', name, '}'].join(''),
      created: ['Created container ', name].join(''),
      started: ['Started container ', name].join(''),
      stopping: ['Stopping container ', name].join(''),
    };
    nameTexts.set(name, t);
  }
  return t;
}

/** `Container image "<image>" already present on machine`, one flat string per image. */
const presentTexts = new Map<string, string>();

function presentText(image: string): string {
  let t = presentTexts.get(image);
  if (t === undefined) {
    if (presentTexts.size >= 1000) presentTexts.clear();
    t = ['Container image "', image, '" already present on machine'].join('');
    presentTexts.set(image, t);
  }
  return t;
}

/** `{ running: { startedAt } }` states, shared by the containers started in the same second. */
const runningStates = new Map<string, ContainerState>();

function runningState(startedAt: number): ContainerState {
  const iso = rfc3339(startedAt);
  let s = runningStates.get(iso);
  if (!s) {
    if (runningStates.size >= 1000) runningStates.clear();
    s = Object.freeze({ running: Object.freeze({ startedAt: iso }) });
    runningStates.set(iso, s);
  }
  return s;
}

/*
 * Private methods here are TypeScript `private`, not `#`: a class with `#` methods or accessors
 * stores a brand in every instance, one more field per container (and per pod in PodWorker).
 */
export class ContainerWorker implements CriContainer {
  readonly spec: Container;
  /**
   * The runtime's container, in the worker's own fields (see CriContainer): its id, its kind
   * (undefined until the first create) and when it started.
   */
  containerID = '';
  criKind: CriKind | undefined = undefined;
  startedAt = 0;
  /**
   * Restarts, phase and readiness in one small integer (one field, not three):
   * restartCount * 64 + PHASE_NO[phase] * 2 + ready, with bit 5 (ODD_COUNT) set instead when the
   * restart count is not a small non-negative integer (from a status someone else wrote), which
   * is then kept aside in oddCounts.
   */
  #st = 0;
  #more: More | undefined;
  /** What the last accepted status write reported, as shownNo() numbers it (see `reportedChanged`). */
  #shown = -1;

  /** `initializing`: the pod has init containers, so a container not created yet waits in PodInitializing. */
  constructor(spec: Container, restartCount = 0, initializing = false) {
    this.spec = spec;
    this.restartCount = restartCount;
    if (initializing) {
      const more = this.extra();
      more.waiting = INITIALIZING;
      more.fresh = INITIALIZING;
    }
  }

  /** PHASE_NO of the phase. */
  private get phaseNo(): number {
    return (this.#st & 31) >> 1;
  }

  get phase(): Phase {
    return PHASES[this.phaseNo] as Phase;
  }

  set phase(p: Phase) {
    const s = this.#st;
    this.#st = (s & ~31) | (PHASE_NO[p] * 2) | (s & 1);
  }

  get restartCount(): number {
    const s = this.#st;
    return (s & ODD_COUNT) !== 0 ? (oddCounts.get(this) as number) : s >>> 6;
  }

  set restartCount(n: number) {
    const low = this.#st & 31;
    if (Number.isInteger(n) && n >= 0 && n < MAX_PACKED_COUNT && !Object.is(n, -0)) {
      this.#st = n * 64 + low;
    } else {
      oddCounts.set(this, n);
      this.#st = low | ODD_COUNT;
    }
  }

  get ready(): boolean {
    return (this.#st & 1) === 1;
  }

  set ready(r: boolean) {
    const s = this.#st;
    this.#st = (s & ~1) | (r ? 1 : 0);
  }

  /** The event texts of this container's name (looked up, not kept: events are few per container). */
  private get texts(): NameTexts {
    return textsFor(this.spec.name);
  }

  get fieldPath(): string {
    return textsFor(this.spec.name).fieldPath;
  }

  /** The pod's restart policy as it applies to this container. */
  protected restartPolicy(pod: Pod): string {
    return pod.spec.restartPolicy ?? 'Always';
  }

  /** Whether the container is ready as soon as it starts (it is, without a readiness probe). */
  protected readyOnStart(): boolean {
    return !this.spec.readinessProbe;
  }

  /** Whether the container counts as ready once it exited with `code` (an app container never does). */
  protected readyAfterExit(code: number): boolean {
    void code;
    return false;
  }

  /** The waiting state status() reports while not running (ContainerCreating unless #more says). */
  private get waiting(): Waiting {
    return this.#more?.waiting ?? CREATING;
  }

  private set waiting(w: Waiting) {
    if (w !== CREATING || this.#more !== undefined) this.extra().waiting = w;
  }

  /** The waiting state of a container the runtime has not created yet. */
  private get fresh(): Waiting {
    return this.#more?.fresh ?? CREATING;
  }

  private extra(): More {
    return (this.#more ??= {
      waiting: CREATING,
      fresh: CREATING,
      waitUntil: 0,
      pullBackoff: BASE_BACKOFF,
      crashBackoff: BASE_BACKOFF,
      crashes: 0,
      pull: undefined,
      probing: undefined,
      last: undefined,
      current: undefined,
    });
  }

  /** Something will happen soon without outside help (not counting back-off waits). */
  get busy(): boolean {
    const phase = this.phase;
    return (
      phase === 'pulling' ||
      phase === 'pull-failed' ||
      phase === 'start' ||
      (phase === 'exited' && (this.#more?.crashes ?? 0) <= 1)
    );
  }

  /**
   * Whether advance() is a no-op (no event, no change) until the time it last returned: true in
   * every phase that only waits for a time. 'pull' and 'pull-failed' act on every call.
   */
  get waitsForTime(): boolean {
    return ((TIMED >> this.phaseNo) & 1) === 1;
  }

  /** Runs the state machine as far as it goes at env.now. Returns the next time it needs a look. */
  advance(env: WorkerEnv): number {
    const { now, runtime } = env;
    const image = this.spec.image;
    for (let guard = 0; guard < 6; guard++) {
      // By number: comparing the names cost a string comparison per case.
      switch (this.phaseNo) {
        case PHASE_NO.pull: {
          const policy = this.spec.imagePullPolicy ?? 'IfNotPresent';
          const present = runtime.imagePresent(image) !== undefined;
          if (policy === 'Never' && !present) {
            this.waiting = {
              reason: 'ErrImageNeverPull',
              message: `Container image "${image}" is not present with pull policy of Never`,
            };
            env.event('Warning', 'ErrImageNeverPull', this.waiting.message ?? '', this.fieldPath);
            return Infinity;
          }
          if (present && policy !== 'Always') {
            env.event('Normal', 'Pulled', presentText(image), this.fieldPath);
            this.phase = 'start';
            continue;
          }
          this.extra().pull = runtime.pullImage(image, now);
          env.event('Normal', 'Pulling', `Pulling image "${image}"`, this.fieldPath);
          if (this.restartCount === 0 && this.criKind === undefined) this.waiting = this.fresh;
          this.phase = 'pulling';
          continue;
        }
        case PHASE_NO.pulling: {
          const more = this.#more;
          const p = more?.pull;
          if (!more || !p) {
            this.phase = 'pull';
            continue;
          }
          if (now < p.doneAt) return p.doneAt;
          runtime.finishPull(p, now);
          more.pull = undefined;
          const r = p.result;
          if (r.ok) {
            const took = goDuration(p.doneAt - p.startedAt);
            env.event(
              'Normal',
              'Pulled',
              `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${r.sizeBytes} bytes.`,
              this.fieldPath,
            );
            more.pullBackoff = BASE_BACKOFF;
            this.phase = 'start';
            continue;
          }
          const msg = `rpc error: code = ${r.code} desc = ${r.error}`;
          env.event('Warning', 'Failed', `Failed to pull image "${image}": ${msg}`, this.fieldPath);
          env.event('Warning', 'Failed', 'Error: ErrImagePull', this.fieldPath);
          this.waiting = { reason: 'ErrImagePull', message: msg };
          this.phase = 'pull-failed';
          return now + 1000;
        }
        case PHASE_NO['pull-failed']: {
          this.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` };
          env.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, this.fieldPath);
          env.event('Warning', 'Failed', 'Error: ImagePullBackOff', this.fieldPath);
          const retry = this.extra();
          retry.waitUntil = now + retry.pullBackoff;
          retry.pullBackoff = Math.min(retry.pullBackoff * 2, MAX_BACKOFF);
          this.phase = 'pull-backoff';
          return retry.waitUntil;
        }
        case PHASE_NO['pull-backoff']: {
          const until = this.#more?.waitUntil ?? 0;
          if (now < until) return until;
          this.phase = 'pull';
          continue;
        }
        case PHASE_NO.start: {
          if (!runtime.createContainer(this, image, this.spec.command, this.spec.args)) {
            this.phase = 'pull';
            continue;
          }
          env.event('Normal', 'Created', this.texts.created, this.fieldPath);
          runtime.startContainer(this, now);
          env.event('Normal', 'Started', this.texts.started, this.fieldPath);
          if (this.#more) this.#more.current = undefined;
          this.phase = 'running';
          this.ready = this.readyOnStart();
          // A fresh start waits out the probes' initial delays.
          this.startProbing(now, true);
          continue;
        }
        case PHASE_NO.running:
          return this.running(env);
        case PHASE_NO.exited: {
          const retry = this.extra();
          if (now < retry.waitUntil) return retry.waitUntil;
          if (retry.crashes <= 1) {
            this.restartCount++;
            this.phase = 'pull';
            continue;
          }
          const pod = env.pod.metadata;
          const who = `${pod.name ?? ''}_${pod.namespace ?? ''}(${pod.uid ?? ''})`;
          this.waiting = {
            reason: 'CrashLoopBackOff',
            message: `back-off ${goDuration(retry.crashBackoff)} restarting failed container=${this.spec.name} pod=${who}`,
          };
          env.event(
            'Warning',
            'BackOff',
            `Back-off restarting failed container ${this.spec.name} in pod ${who}`,
            this.fieldPath,
          );
          retry.waitUntil = now + retry.crashBackoff;
          retry.crashBackoff = Math.min(retry.crashBackoff * 2, MAX_BACKOFF);
          this.phase = 'crash-backoff';
          return retry.waitUntil;
        }
        case PHASE_NO['crash-backoff']: {
          const until = this.#more?.waitUntil ?? 0;
          if (now < until) return until;
          this.restartCount++;
          this.phase = 'pull';
          continue;
        }
        case PHASE_NO.done:
          return Infinity;
      }
    }
    return now + 1000;
  }

  private running(env: WorkerEnv): number {
    const { now, runtime } = env;
    const kind = this.criKind;
    if (kind === undefined) return Infinity;
    const exit = runtime.exited(this, now);
    if (exit) return this.onExit(env, exit.at, exit.code);
    let next = exitAt(this) ?? Infinity;
    const pr = this.#more?.probing;
    if (!pr) return next;
    if (this.spec.readinessProbe) {
      const t = pr.readiness;
      while (pr.readyAt <= now) {
        const r = runProbe(this.spec.readinessProbe, this.spec, kind.plan, env.podIP);
        if (r.ok) {
          pr.readySucc++;
          if (pr.readySucc >= t.success) this.ready = true;
        } else {
          pr.readySucc = 0;
          if (this.ready || pr.readyAt + t.period > now)
            env.event('Warning', 'Unhealthy', `Readiness probe failed: ${r.message}`, this.fieldPath);
          this.ready = false;
        }
        pr.readyAt += t.period;
      }
      next = Math.min(next, pr.readyAt);
    }
    if (this.spec.livenessProbe) {
      const t = pr.liveness;
      while (pr.liveAt <= now) {
        const r = runProbe(this.spec.livenessProbe, this.spec, kind.plan, env.podIP);
        pr.liveAt += t.period;
        if (r.ok) {
          pr.liveFails = 0;
          continue;
        }
        pr.liveFails++;
        env.event('Warning', 'Unhealthy', `Liveness probe failed: ${r.message}`, this.fieldPath);
        if (pr.liveFails >= t.failure) {
          env.event(
            'Normal',
            'Killing',
            `Container ${this.spec.name} failed liveness probe, will be restarted`,
            this.fieldPath,
          );
          runtime.stopContainer(this, now, 137);
          return this.onExit(env, now, 137);
        }
      }
      next = Math.min(next, pr.liveAt);
    }
    return next;
  }

  private onExit(env: WorkerEnv, at: number, code: number): number {
    this.ready = this.readyAfterExit(code);
    const term: Terminated = {
      exitCode: code,
      reason: code === 0 ? 'Completed' : 'Error',
      startedAt: this.startedAt,
      finishedAt: at,
      containerID: this.containerID,
    };
    const more = this.extra();
    more.current = term;
    more.last = term;
    const policy = this.restartPolicy(env.pod);
    if (policy === 'Never' || (policy === 'OnFailure' && code === 0)) {
      this.phase = 'done';
      return Infinity;
    }
    const retry = this.extra();
    retry.crashes++;
    this.phase = 'exited';
    retry.waitUntil = env.now + 1000;
    return retry.waitUntil;
  }

  /** Takes over a container reported running in the pod status (after a kubelet restart). */
  adopt(env: WorkerEnv, st: ContainerStatus): boolean {
    const startedAt = st.state.running?.startedAt;
    const id = st.containerID?.replace('containerd://', '');
    if (!startedAt || !id) return false;
    if (
      !env.runtime.adoptContainer(this, id, this.spec.image, this.spec.command, this.spec.args, Date.parse(startedAt))
    )
      return false;
    this.phase = 'running';
    this.ready = st.ready;
    // An adopted container has been running: its probes are due at once.
    this.startProbing(env.now, false);
    return true;
  }

  /**
   * Takes over a container the pod status reports as exited (an init container that completed,
   * after a kubelet restart): it stays done, as reported.
   */
  adoptExited(st: ContainerStatus): boolean {
    const t = st.state.terminated;
    if (!t) return false;
    const term: Terminated = {
      exitCode: t.exitCode,
      reason: t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error'),
      startedAt: Date.parse(t.startedAt ?? '') || 0,
      finishedAt: Date.parse(t.finishedAt ?? '') || 0,
      containerID: t.containerID ?? '',
    };
    const more = this.extra();
    more.current = term;
    more.last = term;
    this.phase = 'done';
    this.ready = st.ready;
    return true;
  }

  /** Probe schedule for a container that is running from `now` (none without probes). */
  private startProbing(now: number, initialDelay: boolean): void {
    if (this.#more) this.#more.probing = undefined;
    // Each probe read once, at the test every start makes (its feedback has seen every kind of
    // container spec; a second read here, made only with probes, deoptimised advance).
    const readinessProbe = this.spec.readinessProbe;
    const livenessProbe = this.spec.livenessProbe;
    if (!readinessProbe && !livenessProbe) return;
    const readiness = probeTiming(readinessProbe);
    const liveness = probeTiming(livenessProbe);
    this.extra().probing = {
      readiness,
      liveness,
      readyAt: initialDelay ? now + readiness.delay : now,
      liveAt: initialDelay ? now + liveness.delay + liveness.period : now + liveness.period,
      liveFails: 0,
      readySucc: 0,
    };
  }

  /** Stops the container for pod deletion. */
  kill(env: WorkerEnv): boolean {
    if (this.phase === 'running' && this.criKind !== undefined) {
      env.event('Normal', 'Killing', this.texts.stopping, this.fieldPath);
      env.runtime.stopContainer(this, env.now, 0);
      this.extra().current = {
        exitCode: 0,
        reason: 'Completed',
        startedAt: this.startedAt,
        finishedAt: env.now,
        containerID: this.containerID,
      };
      this.phase = 'done';
      this.ready = false;
      return true;
    }
    this.phase = 'done';
    return false;
  }

  get everStarted(): boolean {
    return this.criKind !== undefined;
  }

  get terminatedCode(): number | undefined {
    return this.phase === 'done' ? this.#more?.current?.exitCode : undefined;
  }

  status(): ContainerStatus {
    const more = this.#more;
    const current = more?.current;
    const lastTerm = more?.last;
    let state: ContainerState;
    // Whether state and lastState are shared frozen objects (cheaper than asking Object.isFrozen).
    let shared = true;
    const kind = this.criKind;
    if (this.phase === 'running' && kind !== undefined) state = runningState(this.startedAt);
    else if ((this.phase === 'exited' || this.phase === 'done') && current) {
      state = { terminated: terminatedState(current) };
      shared = false;
    } else if (this.waiting === CREATING) state = CREATING_STATE;
    else if (this.waiting === INITIALIZING) state = INITIALIZING_STATE;
    else {
      state = { waiting: { ...this.waiting } };
      shared = false;
    }
    const last =
      lastTerm && lastTerm !== current
        ? { terminated: terminatedState(lastTerm) }
        : this.phase === 'crash-backoff' && lastTerm
          ? { terminated: terminatedState(lastTerm) }
          : NO_STATE;
    const name = this.spec.name;
    const image = this.spec.image;
    const ready = this.ready;
    const restartCount = this.restartCount;
    const started = this.phase === 'running';
    // containerID in the literal, not added afterwards: that would give every stored status a
    // separate property store.
    const st: ContainerStatus = kind
      ? {
          name,
          state,
          lastState: last,
          ready,
          restartCount,
          image,
          imageID: kind.imageID,
          started,
          containerID: this.containerID,
        }
      : { name, state, lastState: last, ready, restartCount, image, imageID: '', started };
    // With the shared (frozen) states of the usual case, the entry is frozen whole: the API server
    // stores a status as it is and does not walk frozen objects again.
    return shared && last === NO_STATE ? Object.freeze(st) : st;
  }

  /**
   * Phase, readiness, restarts and waiting reason in one number (restartCount stays exact in a
   * double). The container is not in it: a new one is only started after restartCount grew (or
   * from a phase before the first start), so a different container always shows in the number.
   */
  private shownNo(): number {
    return (this.restartCount * 32 + (this.#st & 31)) * 8 + REASON_NO[this.waiting.reason];
  }

  /**
   * Whether what status() reports (phase, waiting reason, readiness, restarts, container) changed
   * since the last markReported(). Compares one number instead of building a signature string.
   */
  get reportedChanged(): boolean {
    return this.shownNo() !== this.#shown;
  }

  markReported(): void {
    this.#shown = this.shownNo();
  }
}

function terminatedState(t: Terminated): NonNullable<ContainerState['terminated']> {
  return {
    exitCode: t.exitCode,
    reason: t.reason,
    startedAt: rfc3339(t.startedAt),
    finishedAt: rfc3339(t.finishedAt),
    containerID: t.containerID,
  };
}

/**
 * An init container: it runs to completion before the next one (and then the app containers)
 * start. It is restarted only after a failure, unless the pod's restartPolicy is Never, and it
 * counts as ready once it exited with 0 (as the kubelet's prober reports it).
 */
export class InitContainerWorker extends ContainerWorker {
  override get fieldPath(): string {
    return textsFor(this.spec.name).initFieldPath;
  }

  protected override restartPolicy(pod: Pod): string {
    return pod.spec.restartPolicy === 'Never' ? 'Never' : 'OnFailure';
  }

  protected override readyOnStart(): boolean {
    return false;
  }

  protected override readyAfterExit(code: number): boolean {
    return code === 0;
  }

  /** Exited with 0: the pod can go on to its next init container. */
  get succeeded(): boolean {
    return this.phase === 'done' && this.terminatedCode === 0;
  }

  /** Exited with an error and will not be restarted (restartPolicy Never): the pod has failed. */
  get failed(): boolean {
    return this.phase === 'done' && this.terminatedCode !== 0;
  }
}
