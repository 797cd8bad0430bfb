// One container's lifecycle inside the kubelet's pod worker: pull (with ImagePullBackOff), create,
// start, run with probes, exit, restart with CrashLoopBackOff. Events use the real reasons/messages.

import type { Container, ContainerState, ContainerStatus, Pod } from '../api/types.ts';
import { goDuration } from '../api/duration.ts';
import { rfc3339 } from '../clock.ts';
import type { Containerd, CriContainer, PullState } from './runtime.ts';
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

interface Terminated {
  exitCode: number;
  reason: string;
  startedAt: number;
  finishedAt: number;
  containerID: string;
}

export class ContainerWorker {
  readonly spec: Container;
  readonly index: number;
  phase: Phase = 'pull';
  #pull: PullState | undefined;
  #waitUntil = 0;
  #pullBackoff = BASE_BACKOFF;
  #crashBackoff = BASE_BACKOFF;
  #crashes = 0;
  #waiting: { reason: string; message?: string } = { reason: 'ContainerCreating' };
  cri: CriContainer | undefined;
  restartCount = 0;
  #last: Terminated | undefined;
  #current: Terminated | undefined;
  ready = false;
  #readyAt = 0;
  #liveAt = 0;
  #liveFails = 0;
  #readySucc = 0;

  constructor(spec: Container, index: number, restartCount = 0) {
    this.spec = spec;
    this.index = index;
    this.restartCount = restartCount;
  }

  #fieldPath: string | undefined;

  get fieldPath(): string {
    // Built once: every event of this container stores it.
    return (this.#fieldPath ??= `spec.containers{${this.spec.name}}`);
  }

  /** Something will happen soon without outside help (not counting back-off waits). */
  get busy(): boolean {
    return (
      this.phase === 'pulling' ||
      this.phase === 'pull-failed' ||
      this.phase === 'start' ||
      (this.phase === 'exited' && this.#crashes <= 1)
    );
  }

  /** Runs the state machine as far as it goes at env.now. Returns the next time it needs a look. */
  advance(env: WorkerEnv): number {
    const { now, runtime } = env;
    const image = this.spec.image;
    for (let guard = 0; guard < 6; guard++) {
      switch (this.phase) {
        case 'pull': {
          const policy = this.spec.imagePullPolicy ?? 'IfNotPresent';
          const present = runtime.imagePresent(image) !== undefined;
          if (policy === 'Never' && !present) {
            this.#waiting = {
              reason: 'ErrImageNeverPull',
              message: `Container image "${image}" is not present with pull policy of Never`,
            };
            env.event('Warning', 'ErrImageNeverPull', this.#waiting.message ?? '', this.fieldPath);
            return Infinity;
          }
          if (present && policy !== 'Always') {
            env.event('Normal', 'Pulled', `Container image "${image}" already present on machine`, this.fieldPath);
            this.phase = 'start';
            continue;
          }
          this.#pull = runtime.pullImage(image, now);
          env.event('Normal', 'Pulling', `Pulling image "${image}"`, this.fieldPath);
          if (this.restartCount === 0 && !this.cri) this.#waiting = { reason: 'ContainerCreating' };
          this.phase = 'pulling';
          continue;
        }
        case 'pulling': {
          const p = this.#pull;
          if (!p) {
            this.phase = 'pull';
            continue;
          }
          if (now < p.doneAt) return p.doneAt;
          runtime.finishPull(p, now);
          const r = p.result;
          if (r.ok) {
            const took = goDuration(p.doneAt - p.startedAt);
            env.event(
              'Normal',
              'Pulled',
              `Successfully pulled image "${image}" in ${took} (${took} including waiting). Image size: ${r.sizeBytes} bytes.`,
              this.fieldPath,
            );
            this.#pullBackoff = BASE_BACKOFF;
            this.phase = 'start';
            continue;
          }
          const msg = `rpc error: code = ${r.code} desc = ${r.error}`;
          env.event('Warning', 'Failed', `Failed to pull image "${image}": ${msg}`, this.fieldPath);
          env.event('Warning', 'Failed', 'Error: ErrImagePull', this.fieldPath);
          this.#waiting = { reason: 'ErrImagePull', message: msg };
          this.phase = 'pull-failed';
          return now + 1000;
        }
        case 'pull-failed':
          this.#waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${image}"` };
          env.event('Normal', 'BackOff', `Back-off pulling image "${image}"`, this.fieldPath);
          env.event('Warning', 'Failed', 'Error: ImagePullBackOff', this.fieldPath);
          this.#waitUntil = now + this.#pullBackoff;
          this.#pullBackoff = Math.min(this.#pullBackoff * 2, MAX_BACKOFF);
          this.phase = 'pull-backoff';
          return this.#waitUntil;
        case 'pull-backoff':
          if (now < this.#waitUntil) return this.#waitUntil;
          this.phase = 'pull';
          continue;
        case 'start': {
          const c = runtime.createContainer(this.spec.name, image, this.spec.command, this.spec.args, now);
          if (!c) {
            this.phase = 'pull';
            continue;
          }
          env.event('Normal', 'Created', `Created container ${this.spec.name}`, this.fieldPath);
          runtime.startContainer(c, now);
          env.event('Normal', 'Started', `Started container ${this.spec.name}`, this.fieldPath);
          this.cri = c;
          this.#current = undefined;
          this.phase = 'running';
          const rp = probeTiming(this.spec.readinessProbe);
          const lp = probeTiming(this.spec.livenessProbe);
          this.ready = !this.spec.readinessProbe;
          this.#readyAt = now + rp.delay;
          this.#liveAt = now + lp.delay + lp.period;
          this.#liveFails = 0;
          this.#readySucc = 0;
          continue;
        }
        case 'running':
          return this.#running(env);
        case 'exited': {
          if (now < this.#waitUntil) return this.#waitUntil;
          if (this.#crashes <= 1) {
            this.restartCount++;
            this.phase = 'pull';
            continue;
          }
          const pod = env.pod.metadata;
          const who = `${pod.name ?? ''}_${pod.namespace ?? ''}(${pod.uid ?? ''})`;
          this.#waiting = {
            reason: 'CrashLoopBackOff',
            message: `back-off ${goDuration(this.#crashBackoff)} restarting failed container=${this.spec.name} pod=${who}`,
          };
          env.event(
            'Warning',
            'BackOff',
            `Back-off restarting failed container ${this.spec.name} in pod ${who}`,
            this.fieldPath,
          );
          this.#waitUntil = now + this.#crashBackoff;
          this.#crashBackoff = Math.min(this.#crashBackoff * 2, MAX_BACKOFF);
          this.phase = 'crash-backoff';
          return this.#waitUntil;
        }
        case 'crash-backoff':
          if (now < this.#waitUntil) return this.#waitUntil;
          this.restartCount++;
          this.phase = 'pull';
          continue;
        case 'done':
          return Infinity;
      }
    }
    return now + 1000;
  }

  #running(env: WorkerEnv): number {
    const { now, runtime } = env;
    const c = this.cri;
    if (!c) return Infinity;
    const exit = runtime.exited(c, now);
    if (exit) return this.#onExit(env, c, exit.at, exit.code);
    let next = c.exitAt ?? Infinity;
    if (this.spec.readinessProbe) {
      const t = probeTiming(this.spec.readinessProbe);
      while (this.#readyAt <= now) {
        const r = runProbe(this.spec.readinessProbe, this.spec, c, env.podIP);
        if (r.ok) {
          this.#readySucc++;
          if (this.#readySucc >= t.success) this.ready = true;
        } else {
          this.#readySucc = 0;
          if (this.ready || this.#readyAt + t.period > now)
            env.event('Warning', 'Unhealthy', `Readiness probe failed: ${r.message}`, this.fieldPath);
          this.ready = false;
        }
        this.#readyAt += t.period;
      }
      next = Math.min(next, this.#readyAt);
    }
    if (this.spec.livenessProbe) {
      const t = probeTiming(this.spec.livenessProbe);
      while (this.#liveAt <= now) {
        const r = runProbe(this.spec.livenessProbe, this.spec, c, env.podIP);
        this.#liveAt += t.period;
        if (r.ok) {
          this.#liveFails = 0;
          continue;
        }
        this.#liveFails++;
        env.event('Warning', 'Unhealthy', `Liveness probe failed: ${r.message}`, this.fieldPath);
        if (this.#liveFails >= t.failure) {
          env.event(
            'Normal',
            'Killing',
            `Container ${this.spec.name} failed liveness probe, will be restarted`,
            this.fieldPath,
          );
          runtime.stopContainer(c, now, 137);
          return this.#onExit(env, c, now, 137);
        }
      }
      next = Math.min(next, this.#liveAt);
    }
    return next;
  }

  #onExit(env: WorkerEnv, c: CriContainer, at: number, code: number): number {
    this.ready = false;
    const term: Terminated = {
      exitCode: code,
      reason: code === 0 ? 'Completed' : 'Error',
      startedAt: c.startedAt,
      finishedAt: at,
      containerID: `containerd://${c.id}`,
    };
    this.#current = term;
    this.#last = term;
    const policy = env.pod.spec.restartPolicy ?? 'Always';
    if (policy === 'Never' || (policy === 'OnFailure' && code === 0)) {
      this.phase = 'done';
      return Infinity;
    }
    this.#crashes++;
    this.phase = 'exited';
    this.#waitUntil = env.now + 1000;
    return this.#waitUntil;
  }

  /** Takes over a container reported running in the pod status (after a kubelet restart). */
  adopt(env: WorkerEnv, st: ContainerStatus): boolean {
    const startedAt = st.state.running?.startedAt;
    const id = st.containerID?.replace('containerd://', '');
    if (!startedAt || !id) return false;
    const c = env.runtime.adoptContainer(
      id,
      this.spec.name,
      this.spec.image,
      this.spec.command,
      this.spec.args,
      Date.parse(startedAt),
    );
    if (!c) return false;
    this.cri = c;
    this.phase = 'running';
    this.ready = st.ready;
    this.#readyAt = env.now;
    this.#liveAt = env.now + probeTiming(this.spec.livenessProbe).period;
    return true;
  }

  /** Stops the container for pod deletion. */
  kill(env: WorkerEnv): boolean {
    if (this.phase === 'running' && this.cri) {
      env.event('Normal', 'Killing', `Stopping container ${this.spec.name}`, this.fieldPath);
      env.runtime.stopContainer(this.cri, env.now, 0);
      this.#current = {
        exitCode: 0,
        reason: 'Completed',
        startedAt: this.cri.startedAt,
        finishedAt: env.now,
        containerID: `containerd://${this.cri.id}`,
      };
      this.phase = 'done';
      this.ready = false;
      return true;
    }
    this.phase = 'done';
    return false;
  }

  get everStarted(): boolean {
    return this.cri !== undefined;
  }

  get terminatedCode(): number | undefined {
    return this.phase === 'done' ? this.#current?.exitCode : undefined;
  }

  status(): ContainerStatus {
    let state: ContainerState;
    if (this.phase === 'running' && this.cri) state = { running: { startedAt: rfc3339(this.cri.startedAt) } };
    else if ((this.phase === 'exited' || this.phase === 'done') && this.#current)
      state = { terminated: terminatedState(this.#current) };
    else state = { waiting: { ...this.#waiting } };
    const last =
      this.#last && this.#last !== this.#current
        ? { terminated: terminatedState(this.#last) }
        : this.phase === 'crash-backoff' && this.#last
          ? { terminated: terminatedState(this.#last) }
          : {};
    const st: ContainerStatus = {
      name: this.spec.name,
      state,
      lastState: last,
      ready: this.ready,
      restartCount: this.restartCount,
      image: this.spec.image,
      imageID: this.cri?.imageID ?? '',
      started: this.phase === 'running',
    };
    if (this.cri) st.containerID = `containerd://${this.cri.id}`;
    return st;
  }

  /** Compact fingerprint of what status() would report. */
  signature(): string {
    return `${this.phase}|${this.#waiting.reason}|${this.ready ? 1 : 0}|${this.restartCount}|${this.cri?.id ?? ''}`;
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
