// The sandbox worker: runs the SandboxHost (the terminal session and its simulated clusters) off
// the main thread and saves to IndexedDB from here, so no big state ever crosses to the page.

// Straight from the file, not the folder's index: the index also pulls the study scheduler
// (ts-fsrs) into the worker's chunk.
import { openSandboxStore } from '../persistence/sandbox-store.ts';
import { yamlFor } from '../sim/yaml.ts';
import { SandboxHost } from './host.ts';
import type { CallMessage } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new SandboxHost({ openStore: () => openSandboxStore(), post: (msg) => scope.postMessage(msg) });
// YAML support is its own chunk, loaded before the first call that may need it. Messages are
// handed to the host at once, as before, except that while a load is pending later messages wait
// behind it, so they are still handed over in the order they came.
let pending: Promise<void> | null = null;
scope.addEventListener('message', (ev: MessageEvent<CallMessage>) => {
  const load = yamlFor(ev.data.args);
  if (!load && !pending) {
    void host.receive(ev.data);
    return;
  }
  const next: Promise<void> = (pending ?? Promise.resolve())
    .then(() => load)
    .catch(() => undefined) // a failed load surfaces as the command's own error
    .then(() => void host.receive(ev.data));
  pending = next;
  void next.then(() => {
    if (pending === next) pending = null;
  });
});
