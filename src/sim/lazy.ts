// Code the browser workers fetch as separate chunks on first use (the YAML library, kubectl itself
// with its describers, printers and JSONPath, Table output, the kind, minikube, etcdctl and sim
// tools, the shell's own commands and Tab completion), so opening the Sandbox never waits for it.
// Each is a port: a browser worker starts loading it before running a message that may need it
// (`afterChunks`); Node entry points (CLI, deck validation, tests, benchmarks) provide it up front
// and never wait.

/** One lazily loaded library. */
export class LazyPort<T> {
  readonly #what: string;
  readonly #load: () => Promise<T>;
  readonly #mayNeed: RegExp;
  #lib: T | null = null;
  #loading: Promise<void> | null = null;
  #lazy = false;

  /**
   * `what` names it in the error a command gets if it still needs it; `mayNeed` matches the
   * (JSON of the) worker messages that may need it.
   */
  constructor(what: string, load: () => Promise<T>, mayNeed: RegExp) {
    this.#what = what;
    this.#load = load;
    this.#mayNeed = mayNeed;
    PORTS.push(this as LazyPort<unknown>);
  }

  provide(lib: T): void {
    this.#lib = lib;
  }

  /**
   * The library. In a lazy host a command that needs it unexpectedly starts the load and gets a
   * plain error asking to run it again; Node hosts always provide it up front.
   */
  get(): T {
    if (this.#lib) return this.#lib;
    if (this.#lazy) void this.load();
    throw new Error(`${this.#what} is still loading: run the command again in a moment.`);
  }

  /** Loads the chunk (browser workers). Safe to call more than once. */
  load(): Promise<void> {
    this.#lazy = true;
    this.#loading ??= this.#load().then((m) => this.provide(m));
    return this.#loading;
  }

  /** Starts the load if `request` may need the library; undefined when nothing needs waiting for. */
  loadFor(request: string): Promise<void> | undefined {
    if (this.#lib) return undefined;
    this.#lazy = true;
    return this.#mayNeed.test(request) ? this.load() : undefined;
  }
}

const PORTS: LazyPort<unknown>[] = [];

/** What a message needs loaded first, if anything. */
function loadsFor(request: unknown): Promise<unknown> | undefined {
  const text = JSON.stringify(request) ?? '';
  let all: Promise<void>[] | undefined;
  for (const port of PORTS) {
    const load = port.loadFor(text);
    if (load) (all ??= []).push(load);
  }
  return all && Promise.all(all);
}

/**
 * Wraps a worker's message handler: a message whose arguments may need a lazy library waits for
 * it; while a load is pending, later messages wait behind it, so they reach the handler in order.
 * Other messages are handed over at once, as without the wrapper.
 */
export function afterChunks<M extends { args: unknown }>(handle: (message: M) => unknown): (message: M) => void {
  let pending: Promise<void> | null = null;
  return (message) => {
    const load = loadsFor(message.args);
    if (!load && !pending) {
      void handle(message);
      return;
    }
    const next: Promise<void> = (pending ?? Promise.resolve())
      .then(() => load)
      .catch(() => undefined) // a failed load surfaces as the command's own error
      .then(() => void handle(message));
    pending = next;
    void next.then(() => {
      if (pending === next) pending = null;
    });
  };
}
