// The lab worker: runs a lab's simulated cluster off the main thread, so setting up a cluster
// or letting it settle for a check never blocks the page.

import { yamlFor } from '../sim/yaml.ts';
import { LabHost } from './host.ts';
import type { LabCallMessage } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new LabHost((msg) => scope.postMessage(msg));
// YAML support is its own chunk, loaded before the first call that may need it. Messages are
// handed to the host at once, as before, except that while a load is pending later messages wait
// behind it, so they are still handed over in the order they came.
let pending: Promise<void> | null = null;
scope.addEventListener('message', (ev: MessageEvent<LabCallMessage>) => {
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
