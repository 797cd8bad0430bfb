// The kubelet's per-pod worker: a sandbox (pod IP) plus one ContainerWorker per container, and the
// pod status (phase, conditions, container statuses) the status manager reports to the API server.

import type { Condition, Pod, PodStatus } from '../api/types.ts';
import { rfc3339 } from '../clock.ts';
import type { Containerd, Sandbox } from './runtime.ts';
import { ContainerWorker, type WorkerEnv } from './container.ts';

/**
 * Pods started in the same tick report identical conditions: share one frozen object per distinct
 * condition instead of allocating five per status write (thousands of pods on a big cluster).
 */
const conditionPool = new Map<string, Condition>();
const hostIPsPool = new Map<string, readonly { ip: string }[]>();

function hostIPsFor(ip: string): readonly { ip: string }[] {
  let v = hostIPsPool.get(ip);
  if (!v) {
    v = Object.freeze([Object.freeze({ ip })]);
    hostIPsPool.set(ip, v);
  }
  return v;
}

function intern(c: Condition): Condition {
  const key = `${c.type}|${c.status}|${c.lastTransitionTime ?? ''}|${c.reason ?? ''}|${c.message ?? ''}`;
  let v = conditionPool.get(key);
  if (!v) {
    if (conditionPool.size > 10_000) conditionPool.clear();
    v = Object.freeze(c);
    conditionPool.set(key, v);
  }
  return v;
}

export class PodWorker {
  readonly uid: string;
  pod: Pod;
  readonly containers: ContainerWorker[];
  sandbox: Sandbox | undefined;
  startTime: number | undefined;
  nextWake = 0;
  lastSignature = '';
  killedAt: number | undefined;

  constructor(pod: Pod) {
    this.uid = pod.metadata.uid ?? '';
    this.pod = pod;
    const prev = pod.status?.containerStatuses ?? [];
    this.containers = pod.spec.containers.map(
      (c, i) => new ContainerWorker(c, i, prev.find((s) => s.name === c.name)?.restartCount ?? 0),
    );
  }

  get busy(): boolean {
    return this.killedAt !== undefined || this.containers.some((c) => c.busy);
  }

  /** After a kubelet restart: re-attach to the sandbox and running containers the pod status names. */
  adopt(env: Omit<WorkerEnv, 'pod' | 'podIP'>, runtime: Containerd): void {
    const st = this.pod.status;
    if (!st?.podIP || st.phase !== 'Running') return;
    this.sandbox = runtime.adoptSandbox(st.podIP, env.now);
    this.startTime = Date.parse(st.startTime ?? '') || env.now;
    const full: WorkerEnv = { ...env, pod: this.pod, podIP: st.podIP };
    for (const c of this.containers) {
      const cs = st.containerStatuses?.find((s) => s.name === c.spec.name);
      if (cs) c.adopt(full, cs);
    }
    this.lastSignature = this.signature();
  }

  sync(env: Omit<WorkerEnv, 'pod' | 'podIP'>, runtime: Containerd): number {
    if (!this.sandbox) {
      this.sandbox = runtime.runPodSandbox(this.pod.spec.hostNetwork === true, env.now);
      this.startTime = env.now;
    }
    let next = Infinity;
    const full: WorkerEnv = { ...env, pod: this.pod, podIP: this.sandbox.ip };
    for (const c of this.containers) next = Math.min(next, c.advance(full));
    return next;
  }

  /** Stops every container; returns whether any was running. */
  kill(env: Omit<WorkerEnv, 'pod' | 'podIP'>): boolean {
    let any = false;
    const full: WorkerEnv = { ...env, pod: this.pod, podIP: this.sandbox?.ip ?? '' };
    for (const c of this.containers) if (c.kill(full)) any = true;
    this.killedAt = env.now;
    return any;
  }

  signature(): string {
    let s = this.sandbox?.ip ?? '-';
    for (const c of this.containers) s += ';' + c.signature();
    return s;
  }

  status(hostIP: string, now: number): PodStatus {
    const prev = this.pod.status ?? {};
    const statuses = this.containers.map((c) => c.status());
    const allDone = this.containers.every((c) => c.phase === 'done');
    let phase: PodStatus['phase'] = 'Pending';
    if (allDone && this.containers.every((c) => c.everStarted))
      phase = this.containers.every((c) => c.terminatedCode === 0) ? 'Succeeded' : 'Failed';
    else if (this.containers.some((c) => c.everStarted)) phase = 'Running';
    const unready = this.containers.filter((c) => !c.ready).map((c) => c.spec.name);
    const iso = rfc3339(now);
    const cond = (type: string, ok: boolean, reason?: string, message?: string): Condition => {
      const old = prev.conditions?.find((c) => c.type === type);
      const status = ok ? 'True' : 'False';
      const c: Condition = {
        type,
        status,
        lastProbeTime: null,
        lastTransitionTime: old && old.status === status ? (old.lastTransitionTime ?? iso) : iso,
      };
      if (!ok && reason) {
        c.reason = reason;
        if (message) c.message = message;
      }
      if (ok && allDone && (type === 'Ready' || type === 'ContainersReady')) c.reason = 'PodCompleted';
      return intern(c);
    };
    const notReadyMsg = `containers with unready status: [${unready.join(' ')}]`;
    const scheduled = prev.conditions?.find((c) => c.type === 'PodScheduled') ?? {
      type: 'PodScheduled',
      status: 'True',
      lastProbeTime: null,
      lastTransitionTime: iso,
    };
    const ip = this.sandbox?.ip;
    const st: PodStatus = {
      phase,
      conditions: [
        cond('PodReadyToStartContainers', this.sandbox !== undefined && this.killedAt === undefined),
        cond('Initialized', true),
        cond(
          'Ready',
          unready.length === 0,
          allDone ? 'PodCompleted' : 'ContainersNotReady',
          allDone ? undefined : notReadyMsg,
        ),
        cond(
          'ContainersReady',
          unready.length === 0,
          allDone ? 'PodCompleted' : 'ContainersNotReady',
          allDone ? undefined : notReadyMsg,
        ),
        scheduled,
      ],
      hostIP,
      hostIPs: hostIPsFor(hostIP),
      startTime: rfc3339(this.startTime ?? now),
      containerStatuses: statuses,
    };
    if (prev.qosClass) st.qosClass = prev.qosClass;
    if (ip) {
      st.podIP = ip;
      st.podIPs = [{ ip }];
    }
    return st;
  }
}
