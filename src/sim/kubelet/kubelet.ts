// kubelet: the node agent. Registers its Node, renews its Lease, runs the pods bound to it through
// containerd (CRI), creates mirror pods for its static pods, reports pod status, and finishes
// graceful deletions. It only ever talks to the API server (and to its local runtime).

import type { Node, Pod } from '../api/types.ts';
import type { ApiServer, NodeLogProvider } from '../apiserver/server.ts';
import type { ApiResponse } from '../apiserver/request.ts';
import type { FakeClock } from '../clock.ts';
import { rfc3339Micro } from '../clock.ts';
import type { Rand } from '../rand.ts';
import { Informer } from '../client/informer.ts';
import { WorkQueue } from '../client/workqueue.ts';
import { EventRecorder } from '../client/recorder.ts';
import { milliCpu, bytes } from '../api/quantity.ts';
import { namespacedKey } from '../api/meta.ts';
import { Containerd } from './runtime.ts';
import { PodWorker } from './pod-worker.ts';
import type { WorkerEnv } from './container.ts';
import { nodeObject, nodeStatus, partsFor, type ConfigParts, type NodeConfig } from './node-status.ts';
import { mirrorPod, type StaticPod } from './static-pods.ts';

const LEASE_RENEW_MS = 10_000;
const STATUS_REPORT_MS = 5 * 60_000;
const KILL_MS = 1000;
/** The empty spec of every kubelet's node reference (see #nodeRef). */
const EMPTY_SPEC = Object.freeze({});

/** A static pod's mirror pod: its name, its informer key, and whether its manifest is in place. */
interface Mirror {
  name: string;
  key: string;
  enabled: boolean;
}

export class Kubelet {
  readonly cfg: NodeConfig;
  readonly runtime: Containerd;
  readonly #api: ApiServer;
  readonly #clock: FakeClock;
  readonly #rand: Rand;
  /**
   * Our user agent, written into each request literal (added afterwards, it would need a property
   * store). Request bodies are built per request and never touched again, so they are handed over
   * (`transfer`): the API server fills them in instead of copying them.
   */
  readonly #ua: string;
  readonly #events: EventRecorder;
  readonly #queue = new WorkQueue();
  readonly #workers = new Map<string, PodWorker>();
  readonly #static: StaticPod[];
  /** Per static pod (the node's name never changes). A plain array: worker nodes need no map. */
  readonly #mirrors: Mirror[];
  readonly #readyAfterMs: number;
  #pods: Informer<Pod>;
  #running = true;
  #registered = false;
  /** Whether the API server has our log provider (registered once, at the first registered tick). */
  #logsRegistered = false;
  #startedAt: number;
  #reportedReady: boolean | undefined;
  #lastStatusAt = -Infinity;
  #lastLeaseAt = -Infinity;
  #lease: Record<string, unknown> | undefined;
  #nodeUid = '';
  #filled: { cpu: string; memory: string; pods: number } | undefined;
  #statusDirty = false;
  /** Set after a cluster restore: pods reported running are re-attached, not restarted. */
  adoptRunning = false;

  constructor(
    cfg: NodeConfig,
    deps: { api: ApiServer; clock: FakeClock; rand: Rand },
    opts: { staticPods?: StaticPod[]; preload?: string[]; readyAfterMs?: number } = {},
  ) {
    this.cfg = cfg;
    this.#api = deps.api;
    this.#clock = deps.clock;
    this.#rand = deps.rand;
    this.#ua = ['kubelet/v1.30.0 (linux/amd64) kubernetes/7c48c2b ', cfg.name].join('');
    this.runtime = new Containerd(deps.rand, cfg.podCIDR, cfg.ip);
    this.runtime.preload(opts.preload ?? []);
    this.#static = opts.staticPods ?? [];
    this.#mirrors = this.#static.map((s) => {
      const name = `${s.component}-${cfg.name}`;
      return { name, key: namespacedKey('kube-system', name), enabled: true };
    });
    this.#readyAfterMs = opts.readyAfterMs ?? 5000;
    this.#events = new EventRecorder(
      deps.api,
      this.#ua,
      { component: 'kubelet', host: cfg.name },
      deps.clock,
      deps.rand,
    );
    this.#pods = this.#newInformer();
    this.#startedAt = deps.clock.now();
    this.#env = {
      now: 0,
      runtime: this.runtime,
      pod: null as unknown as Pod,
      podIP: '',
      event: (type, reason, message, fieldPath) => {
        if (!this.#silent) this.#events.event(this.#env.pod, type, reason, message, fieldPath);
      },
    };
  }

  get name(): string {
    return this.cfg.name;
  }

  get running(): boolean {
    return this.#running;
  }

  readonly #logProvider: NodeLogProvider = (ns, pod, o) => this.#logs(ns, pod, o);

  #newInformer(): Informer<Pod> {
    const inf = new Informer<Pod>(
      this.#api,
      { group: '', version: 'v1', resource: 'pods', fieldSelector: ['spec.nodeName=', this.cfg.name].join('') },
      this.#ua,
    );
    // The informer hands over its interned cache key: the cache, the queue and #workers share one
    // flat string, and no key is looked up per change.
    const enqueue = (_p: Pod, key: string): void => this.#queue.add(key);
    inf.on({ add: enqueue, update: (_a, pod, key) => this.#onUpdate(pod, key), delete: enqueue });
    return inf;
  }

  /** Fault: the machine loses power. Containers are gone; nothing reports. */
  powerOff(): void {
    this.#running = false;
    this.#pods.stop();
    this.runtime.reset();
    this.#workers.clear();
    this.#queue.clear();
    this.#tookIn = false;
    this.#api.registerNodeLogs(this.cfg.name, undefined);
    this.#logsRegistered = false;
  }

  powerOn(): void {
    if (this.#running) return;
    this.#running = true;
    this.#registered = false;
    this.#reportedReady = undefined;
    this.#startedAt = this.#clock.now();
    this.cfg.bootID = this.#rand.uuid();
    this.#pods = this.#newInformer();
  }

  setStaticPod(component: string, enabled: boolean): void {
    for (let i = 0; i < this.#static.length; i++)
      if ((this.#static[i] as StaticPod).component === component) (this.#mirrors[i] as Mirror).enabled = enabled;
  }

  /** Fault: the node's resources are exhausted (allocatable shrinks to what is in use). */
  fill(): void {
    let cpu = 0;
    let mem = 0;
    for (const p of this.#pods.list()) {
      for (const c of p.spec.containers) {
        cpu += milliCpu(c.resources?.requests?.['cpu']);
        mem += bytes(c.resources?.requests?.['memory']);
      }
    }
    this.#filled = { cpu: `${cpu}m`, memory: String(mem), pods: this.#pods.size };
    this.#statusDirty = true;
  }

  unfill(): void {
    this.#filled = undefined;
    this.#statusDirty = true;
  }

  busy(): boolean {
    if (!this.#running) return false;
    if (!this.#registered || this.#queue.length > 0 || this.#tookIn) return true;
    if (this.#reportedReady !== true) return true;
    for (const w of this.#workers.values()) if (w.busy) return true;
    return false;
  }

  tick(now: number): void {
    if (!this.#running) return;
    if (!this.#registered) this.#register(now);
    if (!this.#registered) return;
    // Once: only powerOff() takes it away again.
    if (!this.#logsRegistered) {
      this.#api.registerNodeLogs(this.cfg.name, this.#logProvider);
      this.#logsRegistered = true;
    }
    this.#pods.sync();
    // The cheap tests here, not in the calls: most ticks have nothing to report (the node status
    // changed, or the last report is getting old), and a call per tick made #syncNodeStatus hot
    // enough to be compiled for the few reports it makes.
    if (
      this.#statusDirty ||
      now - this.#startedAt >= this.#readyAfterMs !== this.#reportedReady ||
      now - this.#lastStatusAt >= STATUS_REPORT_MS
    )
      this.#syncNodeStatus(now);
    if (now - this.#lastLeaseAt >= LEASE_RENEW_MS) this.#renewLease(now);
    this.#syncStaticPods();
    this.#queue.promote(now);
    // Where the queue is drained: an echo taken in (see #takeIn) would have been synced here.
    this.#tookIn = false;
    if (this.#queue.length > 0) {
      const keys = this.#queue.drain();
      for (let i = 0; i < keys.length; i++) this.#syncPod(keys[i] as string, now);
    }
  }

  #register(now: number): void {
    const node = nodeObject(this.cfg, false, this.#clock.iso(), this.runtime.listImages(), this.#configParts());
    const res = this.#api.handle({
      verb: 'create' as const,
      group: '',
      version: 'v1',
      resource: 'nodes',
      body: node,
      transfer: true,
      userAgent: this.#ua,
    });
    if (res.code !== 201 && res.code !== 409) return;
    if (res.code === 201) this.#nodeUid = (res.body as Node).metadata.uid ?? '';
    this.#registered = true;
    this.#lease = undefined;
    this.#startedAt = Math.min(this.#startedAt, now);
    const ref = this.#nodeRef();
    this.#events.event(ref, 'Normal', 'Starting', 'Starting kubelet.');
    this.#events.event(
      ref,
      'Normal',
      'NodeHasSufficientMemory',
      `Node ${this.cfg.name} status is now: NodeHasSufficientMemory`,
    );
    this.#events.event(
      ref,
      'Normal',
      'NodeHasNoDiskPressure',
      `Node ${this.cfg.name} status is now: NodeHasNoDiskPressure`,
    );
    this.#events.event(
      ref,
      'Normal',
      'NodeHasSufficientPID',
      `Node ${this.cfg.name} status is now: NodeHasSufficientPID`,
    );
    this.#events.event(ref, 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
    this.#statusDirty = true;
  }

  /**
   * Node events name the node by its name as UID, as the kubelet's nodeRef does. One frozen object
   * per kubelet (the node's name never changes): the recorder then shares one involvedObject between
   * consecutive events about it (the five at registration) instead of building one per event.
   */
  #nodeRef(): Node {
    return (this.#nodeRefObj ??= Object.freeze({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: Object.freeze({ name: this.cfg.name, uid: this.cfg.name }),
      spec: EMPTY_SPEC,
    }) as Node);
  }
  #nodeRefObj: Node | undefined;

  /** GET of this kubelet's own Node. */
  /** The status parts that follow from our config, rebuilt only when it changed (a reboot's bootID). */
  #configParts(): ConfigParts {
    return (this.#parts = partsFor(this.cfg, this.#parts));
  }
  #parts: ConfigParts | undefined;

  #getNode(): ApiResponse {
    return this.#api.handle({
      verb: 'get',
      group: '',
      version: 'v1',
      resource: 'nodes',
      name: this.cfg.name,
      userAgent: this.#ua,
    });
  }

  #syncNodeStatus(now: number): void {
    const ready = now - this.#startedAt >= this.#readyAfterMs;
    const get = this.#getNode();
    if (get.code === 404) {
      this.#registered = false;
      return;
    }
    if (get.code !== 200) return;
    const cur = get.body as Node;
    if (cur.metadata.uid !== this.#nodeUid) this.#lease = undefined;
    this.#nodeUid = cur.metadata.uid ?? '';
    const f = this.#filled;
    const status = nodeStatus(
      this.cfg,
      ready,
      this.#clock.iso(),
      cur.status?.conditions,
      this.runtime.listImages(),
      f ? f.pods : this.cfg.maxPods,
      f,
      this.#configParts(),
    );
    const res = this.#api.handle({
      verb: 'update' as const,
      group: '',
      version: 'v1',
      resource: 'nodes',
      subresource: 'status' as const,
      name: this.cfg.name,
      body: { ...cur, status },
      transfer: true,
      userAgent: this.#ua,
    });
    if (res.code !== 200) return;
    this.#lastStatusAt = now;
    this.#statusDirty = false;
    if (ready && this.#reportedReady !== true)
      this.#events.event(this.#nodeRef(), 'Normal', 'NodeReady', `Node ${this.cfg.name} status is now: NodeReady`);
    this.#reportedReady = ready;
  }

  #renewLease(now: number): void {
    const name = this.cfg.name;
    const spec = { holderIdentity: name, leaseDurationSeconds: 40, renewTime: rfc3339Micro(now) };
    // Each request is one literal of the same shape (no spread of a shared base: a generic copy,
    // and a shape the API server sees from no one else).
    let res: ApiResponse | undefined;
    if (!this.#lease) {
      // Like the real kubelet's lease controller: get the lease first and adopt it if it exists
      // (after a kubelet restart or re-registration it is still there), create it otherwise.
      const got = this.#api.handle({
        verb: 'get' as const,
        group: 'coordination.k8s.io',
        version: 'v1',
        resource: 'leases',
        namespace: 'kube-node-lease',
        name,
        userAgent: this.#ua,
      });
      if (got.code === 200) this.#lease = got.body as Record<string, unknown>;
    }
    if (this.#lease) {
      // Without its resourceVersion (an unconditional update); the other keys in their order.
      // Copied key by key, not with a rest pattern (a slow generic copy), nor delete (which would
      // put the object in slow dictionary mode).
      const from = this.#lease['metadata'] as Record<string, unknown>;
      const meta: Record<string, unknown> = {};
      for (const k in from) if (k !== 'resourceVersion' && Object.hasOwn(from, k)) meta[k] = from[k];
      const body = { ...this.#lease, metadata: meta, spec };
      res = this.#api.handle({
        verb: 'update' as const,
        group: 'coordination.k8s.io',
        version: 'v1',
        resource: 'leases',
        namespace: 'kube-node-lease',
        name,
        body,
        transfer: true,
        userAgent: this.#ua,
      });
    }
    if (res?.code === 404) {
      // The lease vanished: check the Node object itself is still there (etcd may have lost everything).
      const node = this.#getNode();
      if (node.code === 404) {
        this.#registered = false;
        this.#lease = undefined;
        return;
      }
      if (node.code === 200) this.#nodeUid = (node.body as Node).metadata.uid ?? '';
    }
    if (!res || res.code === 404 || res.code === 409) {
      const body = {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: {
          name,
          namespace: 'kube-node-lease',
          ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: this.#nodeUid }],
        },
        spec,
      };
      res = this.#api.handle({
        verb: 'create' as const,
        group: 'coordination.k8s.io',
        version: 'v1',
        resource: 'leases',
        namespace: 'kube-node-lease',
        name: undefined,
        body,
        transfer: true,
        userAgent: this.#ua,
      });
    }
    if (res.code === 200 || res.code === 201) {
      this.#lease = res.body as Record<string, unknown>;
      this.#lastLeaseAt = now;
    }
  }

  #syncStaticPods(): void {
    for (let i = 0; i < this.#static.length; i++) {
      const s = this.#static[i] as StaticPod;
      const { name, key, enabled } = this.#mirrors[i] as Mirror;
      const existing = this.#pods.get(key);
      if (enabled && !existing) {
        this.#api.handle({
          verb: 'create' as const,
          group: '',
          version: 'v1',
          resource: 'pods',
          namespace: 'kube-system',
          body: mirrorPod(s, this.cfg.name, this.#nodeUid, this.#clock.iso()),
          transfer: true,
          userAgent: this.#ua,
        });
      } else if (!enabled && existing && !existing.metadata.deletionTimestamp) {
        this.#api.handle({
          verb: 'delete' as const,
          group: '',
          version: 'v1',
          resource: 'pods',
          namespace: 'kube-system',
          name,
          userAgent: this.#ua,
        });
      }
    }
  }

  /**
   * The environment handed to pod and container workers, one object reused for every sync (the
   * pod worker fills in its pod). Events go to the recorder unless `#silent`. Made in the
   * constructor, with our runtime and a null pod: an `undefined` in a field that has held objects
   * of one class widens its type when the next kubelet is made, and every optimised function that
   * relied on it (#syncPod, advance...) is thrown away and compiled again.
   */
  readonly #env: WorkerEnv;
  #silent = false;

  #workerEnv(now: number, silent: boolean): WorkerEnv {
    const env = this.#env;
    env.now = now;
    this.#silent = silent;
    return env;
  }

  /** Stops a worker's containers and removes them and its sandbox from the runtime. */
  #removeWorker(key: string, w: PodWorker): void {
    for (const c of w.initContainers) if (c.everStarted) this.runtime.removeContainer(c.containerID);
    for (const c of w.containers) if (c.everStarted) this.runtime.removeContainer(c.containerID);
    if (w.sandbox !== undefined) this.runtime.removePodSandbox(w.sandbox);
    this.#workers.delete(key);
  }

  #syncPod(key: string, now: number): void {
    const pod = this.#pods.get(key);
    let w = this.#workers.get(key);
    if (w && (!pod || w.uid !== pod.metadata.uid)) {
      w.kill(this.#workerEnv(now, true));
      this.#removeWorker(key, w);
      w = undefined;
    }
    if (!pod) return;
    // Read here, on every sync: a read only where a status is written had not seen the
    // control-plane pods' metadata (their writes come first, before V8 keeps feedback), and
    // #writeStatus was deoptimised and compiled again when the next cluster started them.
    const { namespace, name } = pod.metadata;
    if (!w) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') return;
      w = new PodWorker(pod);
      this.#workers.set(key, w);
      if (this.adoptRunning && pod.status?.hostIP === this.cfg.ip) w.adopt(this.#workerEnv(now, true), this.runtime);
    }
    w.pod = pod;
    if (pod.metadata.deletionTimestamp) {
      const killedAt = w.killedAt;
      if (killedAt === undefined) {
        w.kill(this.#workerEnv(now, false));
        this.#writeStatus(w, key, now, namespace, name);
        this.#queue.addAt(key, now + KILL_MS);
        return;
      }
      if (now < killedAt + KILL_MS) {
        this.#queue.addAt(key, killedAt + KILL_MS);
        return;
      }
      const res = this.#api.handle({
        verb: 'delete' as const,
        group: '',
        version: 'v1',
        resource: 'pods',
        namespace: namespace ?? '',
        name: name ?? '',
        gracePeriodSeconds: 0,
        body: { preconditions: { uid: w.uid } },
        userAgent: this.#ua,
      });
      if (res.code === 200 || res.code === 404 || res.code === 409) this.#removeWorker(key, w);
      else this.#queue.addAt(key, now + 1000);
      return;
    }
    // Most updates of a running pod are the echo of our own status write: nothing to do.
    if (w.idle) return;
    const next = w.sync(this.#workerEnv(now, false), this.runtime);
    this.#writeStatus(w, key, now, namespace, name);
    if (next !== Infinity) this.#queue.addAt(key, Math.max(next, now + 1));
  }

  /**
   * The key of the pod whose status #writeStatus is writing, while it writes: watch events are
   * delivered at once, so our informer hears the write's echo before the write returns, and holds
   * it in #echo until the outcome is known.
   */
  #writingKey: string | undefined;
  #echo: Pod | undefined;
  /** An echo was taken in since the queue was last drained (busy() answers as if it were queued). */
  #tookIn = false;

  #onUpdate(pod: Pod, key: string): void {
    if (key === this.#writingKey) this.#echo = pod;
    else this.#queue.add(key);
  }

  /**
   * Takes in the echo of our own status write without queueing it, where its sync would only have
   * taken it in (see #syncPod): the worker has nothing left to do and the pod is not being deleted.
   * One queued key and one sync fewer per pod start.
   */
  #takeIn(w: PodWorker, pod: Pod): boolean {
    if (!w.idle || w.uid !== pod.metadata.uid || pod.metadata.deletionTimestamp) return false;
    w.pod = pod;
    this.#tookIn = true;
    return true;
  }

  /** Reports the worker's pod status, if it changed; `namespace` and `name` are its pod's. */
  #writeStatus(w: PodWorker, key: string, now: number, namespace: string | undefined, name: string | undefined): void {
    if (!w.reportedChanged) return;
    const status = w.status(this.cfg.ip, now);
    this.#writingKey = key;
    const res = this.#api.handle({
      verb: 'update' as const,
      group: '',
      version: 'v1',
      resource: 'pods',
      subresource: 'status' as const,
      namespace: namespace ?? '',
      name: name ?? '',
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace },
        status,
      },
      transfer: true,
      userAgent: this.#ua,
    });
    this.#writingKey = undefined;
    const echo = this.#echo;
    this.#echo = undefined;
    if (res.code === 200) w.markReported();
    if (echo !== undefined && !this.#takeIn(w, echo)) this.#queue.add(key);
  }

  #logs(ns: string, pod: string, o: { container?: string; previous?: boolean; tailLines?: number }): ApiResponse {
    const w = this.#workers.get(`${ns}/${pod}`);
    const c = o.container
      ? (w?.containers.find((x) => x.spec.name === o.container) ??
        w?.initContainers.find((x) => x.spec.name === o.container))
      : w?.containers[0];
    if (!w || !c)
      return {
        code: 400,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `container "${o.container ?? ''}" in pod "${pod}" is not valid`,
          reason: 'BadRequest',
          code: 400,
        },
      };
    if (c.criKind === undefined) {
      const reason = c.status().state.waiting?.reason ?? 'ContainerCreating';
      return {
        code: 400,
        body: {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `container "${c.spec.name}" in pod "${pod}" is waiting to start: ${reason}`,
          reason: 'BadRequest',
          code: 400,
        },
      };
    }
    const lines = c.criKind.plan.logs;
    const tail = o.tailLines !== undefined && o.tailLines >= 0 ? lines.slice(-o.tailLines) : lines;
    return { code: 200, body: tail.map((l) => `${l}\n`).join('') };
  }
}
