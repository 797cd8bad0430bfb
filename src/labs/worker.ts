// The lab worker: runs a lab's simulated cluster off the main thread, so setting up a cluster
// or letting it settle for a check never blocks the page.

import { LabHost } from './host.ts';
import type { LabCallMessage } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new LabHost((msg) => scope.postMessage(msg));
scope.addEventListener('message', (ev: MessageEvent<LabCallMessage>) => void host.receive(ev.data));
