// A sandbox terminal session, shared by `npm run sandbox` and the app's sandbox screen. It owns
// the kubeconfig (clusters and contexts), the in-memory file system, the command history and
// simulated time: every command lets a fixed step of simulated time pass, `sleep N` lets N
// seconds pass, and `-w` watches run until the cluster has been quiet for a while (see
// watch-loop.ts), so a whole run is a pure function of (seed, now, input lines).

import { Rand } from '../index.ts';
import type { ContextInfo, KubectlEnv } from '../kubectl/index.ts';
import type { ClusterHost, ClusterSpec } from '../kind/index.ts';
import type { ClusterFactory, SimCluster } from './cluster-port.ts';
import { MemFs } from './fs.ts';
import { KubeconfigFile, type KubeContext } from './kubeconfig.ts';
import { type Completion, complete, suggestions } from './complete.ts';
import { execute } from './exec.ts';
import { ShellSyntaxError, needsMore, parseScript } from './lexer.ts';

export interface SessionOptions {
  seed: number;
  /** Simulated wall-clock start, epoch ms. */
  now: number;
  clusters: ClusterFactory;
  /** Simulated time each command takes (default 5 s). */
  stepMs?: number;
  /** kind prints ✓ lines (true) or "• ... / ✓" pairs (false, stderr not a terminal). */
  tty?: boolean;
  /** A watch ends after this much simulated quiet (default 5 s). */
  watchQuietMs?: number;
  /** and never runs longer than this (default 120 s). */
  watchMaxMs?: number;
}

export interface OutputChunk {
  fd: 1 | 2;
  text: string;
}

export interface RunOptions {
  /**
   * Called with each piece of terminal output as it is produced. A `kubectl get -w` runs for a
   * bounded window of simulated time (until the watched objects have been quiet for
   * `watchQuietMs`, at most `watchMaxMs`); its rows arrive here one by one, so a UI running the
   * session in a worker can show them as a stream. The same chunks are in RunResult.output.
   */
  onOutput?: (chunk: OutputChunk) => void;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /** stdout and stderr in the order they were written, as a terminal shows them. */
  output: OutputChunk[];
  /** The command asked to clear the screen. */
  clear: boolean;
}

interface ClusterEntry {
  name: string;
  provider: 'kind' | 'minikube';
  port: number;
  cluster: SimCluster;
}

export interface SessionState {
  version: 1;
  seed: number;
  now: number;
  stepMs: number;
  tty: boolean;
  watchQuietMs: number;
  watchMaxMs: number;
  rand: number[];
  pid: number;
  history: string[];
  files: Record<string, string>;
  contexts: KubeContext[];
  currentContext: string;
  clusters: Array<{ name: string; provider: 'kind' | 'minikube'; port: number; state: unknown }>;
}

const NO_SERVER = 'http://localhost:8080';

export class Session {
  readonly fs: MemFs;
  readonly seed: number;
  readonly stepMs: number;
  readonly tty: boolean;
  readonly watchQuietMs: number;
  readonly watchMaxMs: number;
  #now: number;
  #rand: Rand;
  #pid: number;
  #history: string[] = [];
  #factory: ClusterFactory;
  #clusters = new Map<string, ClusterEntry>();
  #kubeconfig = new KubeconfigFile();

  constructor(opts: SessionOptions, fs?: MemFs) {
    this.seed = opts.seed;
    this.#now = opts.now;
    this.#factory = opts.clusters;
    this.stepMs = opts.stepMs ?? 5000;
    this.tty = opts.tty ?? false;
    this.watchQuietMs = opts.watchQuietMs ?? 5000;
    this.watchMaxMs = opts.watchMaxMs ?? 120_000;
    this.#rand = new Rand(opts.seed, 'sandbox-session');
    this.#pid = 20000 + this.#rand.int(40000);
    this.fs = fs ?? new MemFs();
  }

  now(): number {
    return this.#now;
  }

  get history(): readonly string[] {
    return this.#history;
  }

  /** Lets simulated time pass for the session and every cluster. */
  advance(ms: number): void {
    if (ms <= 0) return;
    this.#now += ms;
    for (const c of this.#clusters.values()) c.cluster.advance(ms);
  }

  /** True when `text` needs more lines (open here-document, quote or trailing pipe). */
  needsMore(text: string): boolean {
    return needsMore(text);
  }

  /** Runs one input (a line, or a line plus its here-document body). Never throws. */
  run(text: string, opts: RunOptions = {}): RunResult {
    const output: OutputChunk[] = [];
    const sink = {
      push: (...chunks: OutputChunk[]) => {
        for (const c of chunks) {
          output.push(c);
          opts.onOutput?.(c);
        }
      },
    };
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return result(output, 0, false);
    this.#history.push(text.includes('\n') ? (text.split('\n')[0] ?? text) : trimmed);
    let exitCode = 0;
    let clear = false;
    try {
      const pipelines = parseScript(text);
      const r = execute(this, pipelines, sink);
      exitCode = r.exitCode;
      clear = r.clear;
    } catch (e) {
      if (e instanceof ShellSyntaxError) {
        sink.push({ fd: 2, text: `bash: ${e.message.replace(/^incomplete: /, '')}\n` });
        exitCode = 2;
      } else {
        sink.push({ fd: 2, text: `error: ${e instanceof Error ? e.message : String(e)}\n` });
        exitCode = 1;
      }
    }
    this.advance(this.stepMs);
    return result(output, exitCode, clear);
  }

  /** Tab completion of the word before `cursor`. */
  complete(line: string, cursor: number): Completion {
    return complete(this, line, cursor);
  }

  /** Commands that make sense now (the app's suggestion chips). */
  suggestions(): string[] {
    return suggestions(this);
  }

  // ---- kubeconfig -------------------------------------------------------------------------

  contexts(): ContextInfo[] {
    return this.#kubeconfig.contexts();
  }

  currentContext(): string {
    return this.#kubeconfig.current;
  }

  useContext(name: string): boolean {
    return this.#kubeconfig.use(name);
  }

  clusterFor(contextName: string): SimCluster | undefined {
    const ctx = this.#kubeconfig.find(contextName);
    return ctx ? this.#clusters.get(ctx.cluster)?.cluster : undefined;
  }

  /** The cluster behind the current context, if it still exists. */
  currentCluster(): SimCluster | undefined {
    return this.clusterFor(this.#kubeconfig.current);
  }

  /** The environment a kubectl invocation runs in, for the current (or a named) context. */
  kubectlEnv(stdin: string, contextName = this.#kubeconfig.current): KubectlEnv {
    const ctx = this.#kubeconfig.find(contextName);
    const entry = ctx ? this.#clusters.get(ctx.cluster) : undefined;
    this.#pid += 1 + this.#rand.int(40);
    return {
      api: entry ? entry.cluster.api : null,
      server: ctx?.server ?? NO_SERVER,
      namespace: ctx?.namespace || 'default',
      kubeconfig: {
        contexts: () => this.contexts(),
        currentContext: () => this.#kubeconfig.current,
        useContext: (n) => this.useContext(n),
      },
      now: () => this.#now,
      advance: (ms) => this.advance(ms),
      watchQuietMs: this.watchQuietMs,
      watchMaxMs: this.watchMaxMs,
      busy: () => entry?.cluster.busy() ?? false,
      readFile: (p) => this.fs.read(p),
      stdin,
      pid: this.#pid,
      withContext: (n) => (this.#kubeconfig.find(n) ? this.kubectlEnv(stdin, n) : null),
    };
  }

  // ---- clusters (kind/minikube host) ---------------------------------------------------------

  clusterHost(): ClusterHost {
    return {
      clusters: (provider) =>
        [...this.#clusters.values()]
          .filter((c) => c.provider === provider)
          .map((c) => c.name)
          .sort(),
      createCluster: (spec) => this.#createCluster(spec),
      deleteCluster: (name) => this.#deleteCluster(name),
      nodeNames: (name) => this.#clusters.get(this.#clusterKey(name))?.cluster.nodeNames() ?? [],
      readFile: (p) => this.fs.read(p),
      randomInt: (n) => this.#rand.int(n),
      tty: this.tty,
    };
  }

  #clusterKey(name: string): string {
    return name === 'minikube' && this.#clusters.has('minikube') ? 'minikube' : `kind-${name}`;
  }

  #createCluster(spec: ClusterSpec): number {
    const key = spec.provider === 'minikube' ? 'minikube' : `kind-${spec.name}`;
    const cluster = this.#factory.create({
      profile: spec.workers > 0 ? 'kind-multi' : 'kind',
      name: spec.name,
      workers: spec.workers,
      seed: (this.seed + this.#rand.int(1_000_000)) >>> 0,
      now: this.#now,
    });
    // Bootstrapping took simulated time: the session catches up with the new cluster's clock.
    const behind = cluster.now() - this.#now;
    if (behind > 0) this.advance(behind);
    const port = spec.provider === 'minikube' ? 8443 : 32768 + this.#rand.int(32768);
    const server = spec.provider === 'minikube' ? `https://192.168.49.2:${port}` : `https://127.0.0.1:${port}`;
    this.#clusters.set(key, { name: spec.name, provider: spec.provider, port, cluster });
    this.#kubeconfig.add({
      name: key,
      cluster: key,
      user: key,
      namespace: spec.provider === 'minikube' ? 'default' : '',
      server,
    });
    return Math.max(0, behind);
  }

  #deleteCluster(name: string): string[] {
    const key = this.#clusterKey(name);
    const entry = this.#clusters.get(key);
    if (!entry) return [];
    const nodes = entry.cluster.nodeNames();
    this.#clusters.delete(key);
    this.#kubeconfig.removeCluster(key);
    return nodes;
  }

  // ---- persistence ----------------------------------------------------------------------------

  toJSON(): SessionState {
    return {
      version: 1,
      seed: this.seed,
      now: this.#now,
      stepMs: this.stepMs,
      tty: this.tty,
      watchQuietMs: this.watchQuietMs,
      watchMaxMs: this.watchMaxMs,
      rand: this.#rand.save(),
      pid: this.#pid,
      history: [...this.#history],
      files: this.fs.toJSON(),
      ...this.#kubeconfig.toJSON(),
      clusters: [...this.#clusters.entries()].map(([, c]) => ({
        name: c.name,
        provider: c.provider,
        port: c.port,
        state: c.cluster.serialize(),
      })),
    };
  }

  static fromJSON(state: SessionState, clusters: ClusterFactory): Session {
    const s = new Session(
      {
        seed: state.seed,
        now: state.now,
        clusters,
        stepMs: state.stepMs,
        tty: state.tty,
        watchQuietMs: state.watchQuietMs,
        watchMaxMs: state.watchMaxMs,
      },
      MemFs.fromJSON(state.files),
    );
    s.#rand.load(state.rand);
    s.#pid = state.pid;
    s.#history = [...state.history];
    s.#kubeconfig = new KubeconfigFile(state.contexts, state.currentContext);
    for (const c of state.clusters) {
      const key = c.provider === 'minikube' ? 'minikube' : `kind-${c.name}`;
      s.#clusters.set(key, {
        name: c.name,
        provider: c.provider,
        port: c.port,
        cluster: clusters.restore(c.state, state.now),
      });
    }
    return s;
  }
}

function result(output: OutputChunk[], exitCode: number, clear: boolean): RunResult {
  return {
    stdout: output
      .filter((c) => c.fd === 1)
      .map((c) => c.text)
      .join(''),
    stderr: output
      .filter((c) => c.fd === 2)
      .map((c) => c.text)
      .join(''),
    exitCode,
    output,
    clear,
  };
}
