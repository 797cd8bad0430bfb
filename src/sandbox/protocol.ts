// The typed message protocol between the page (client.ts) and the sandbox worker (worker.ts).
// Calls carry an id and get exactly one reply; the worker also pushes view snapshots and notices.
// Everything here is plain data (structured-clone safe) and small: views are capped, never the
// whole cluster.

import type { Completion, RunResult } from '../sim/shell/index.ts';
import type { StoredLine } from '../persistence/index.ts';
import type { Reply } from './rpc.ts';

export type { Completion, RunResult, StoredLine };

export interface PodView {
  name: string;
  namespace: string;
  phase: string;
  /** What `kubectl get pods` shows in STATUS: Running, ContainerCreating, ImagePullBackOff... */
  status: string;
}

export interface NodeView {
  name: string;
  role: 'control-plane' | 'worker';
  ready: boolean;
  kubeletRunning: boolean;
  /** Pod count per STATUS on this node. */
  counts: Record<string, number>;
  total: number;
  /** The first pods (default namespace first), enough to draw chips; the rest are only counted. */
  pods: PodView[];
}

export interface ComponentView {
  name: string;
  running: boolean;
}

/** One API request: who asked (component) what (action), and the HTTP code. */
export interface RequestView {
  seq: number;
  client: string;
  /** Which box it comes from in the picture: a control-plane component, `node:NAME`, or `kubectl`. */
  from: string;
  action: string;
  code: number;
}

export interface EventView {
  key: string;
  time: string;
  type: string;
  reason: string;
  object: string;
  source: string;
  message: string;
  count: number;
}

export interface ClusterView {
  name: string;
  context: string;
  managed: boolean;
  /** Simulated time, epoch ms. */
  now: number;
  components: ComponentView[];
  nodes: NodeView[];
  /** Pods not bound to a node yet. */
  unscheduled: PodView[];
  unscheduledTotal: number;
  /** Deployments in the default namespace (for the "break an image" fault). */
  deployments: string[];
  /** Pod count per STATUS in the whole cluster. */
  podCounts: Record<string, number>;
  /** False when the API server did not answer the last read: nodes and pods are the last known. */
  apiAnswered: boolean;
  /** Requests since the previous view (newest last, capped). */
  requests: RequestView[];
  /** The newest events (newest last, capped). */
  events: EventView[];
}

export interface SandboxView {
  /** null before `kind create cluster` (or with no current context). */
  cluster: ClusterView | null;
  suggestions: string[];
  history: string[];
}

export interface InitResult {
  lines: StoredLine[];
  history: string[];
  /** Said to the learner once: restored, started fresh because the save was unreadable, ... */
  notice: string;
}

/** Calls the page makes; `args` goes to the worker, `result` comes back. */
export interface Calls {
  init: { args: { now: number }; result: InitResult };
  run: { args: { line: string; now: number }; result: RunResult };
  complete: { args: { line: string; cursor: number }; result: Completion };
  suggestions: { args: Record<string, never>; result: string[] };
  /** Lets simulated time pass (time controls). */
  advance: { args: { ms: number }; result: null };
  /** Saves now (pause, page hidden). */
  persist: { args: { now: number }; result: null };
  /** Forgets the cluster and the terminal and starts a new session. */
  reset: { args: { now: number }; result: InitResult };
}

export type CallName = keyof Calls;

export type CallMessage = { [K in CallName]: { id: number; call: K; args: Calls[K]['args'] } }[CallName];

export type WorkerMessage = Reply | { push: 'view'; view: SandboxView } | { push: 'notice'; text: string };
