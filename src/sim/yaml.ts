// The YAML library as a port. kubectl (`-o yaml`, `apply -f`) and kind (`--config`) need it, but
// it is a third of the sandbox worker's size, so the browser workers fetch it as its own chunk
// right after they start (`loadYaml`) instead of making the Sandbox screen wait for it. Node entry
// points (CLI, deck validation, tests) install it eagerly with `provideYaml`.

import type * as YamlModule from 'yaml';

export type YamlLib = Pick<typeof YamlModule, 'parse' | 'parseAllDocuments' | 'stringify'>;

let lib: YamlLib | null = null;
let loading: Promise<void> | null = null;
let lazy = false;

export function provideYaml(yaml: YamlLib): void {
  lib = yaml;
}

/**
 * The YAML library. In a lazy host a command that needs it unexpectedly starts the load and gets
 * a plain error asking to run it again; Node hosts always provide it up front.
 */
export function yamlLib(): YamlLib {
  if (lib) return lib;
  if (lazy) void loadYaml();
  throw new Error('YAML support is still loading: run the command again in a moment.');
}

/** Loads the library as a separate chunk (browser workers). Safe to call more than once. */
export function loadYaml(): Promise<void> {
  lazy = true;
  loading ??= import('yaml').then((m) => provideYaml(m));
  return loading;
}

const MAY_NEED_YAML = /yaml|yml|\bapply\b|\s-f\b|--filename|--config|<</i;

/**
 * Browser workers call this before running a request: if it may read or print YAML (`-o yaml`,
 * `apply -f`, `kind create cluster --config`, a here-document), the library is loaded first.
 * Other commands run at once, so opening the Sandbox never waits for the YAML chunk.
 */
export function yamlFor(request: unknown): Promise<void> | undefined {
  if (lib) return undefined;
  lazy = true;
  return MAY_NEED_YAML.test(JSON.stringify(request) ?? '') ? loadYaml() : undefined;
}

/**
 * Wraps a worker's message handler: a message whose arguments may need YAML waits for the library;
 * while a load is pending, later messages wait behind it, so they reach the handler in order.
 * Other messages are handed over at once, as without the wrapper.
 */
export function afterYaml<M extends { args: unknown }>(handle: (message: M) => unknown): (message: M) => void {
  let pending: Promise<void> | null = null;
  return (message) => {
    const load = yamlFor(message.args);
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
