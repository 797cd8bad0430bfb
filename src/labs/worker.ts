// The lab worker: runs a lab's simulated cluster off the main thread, so setting up a cluster
// or letting it settle for a check never blocks the page.

import { afterChunks } from '../sim/lazy.ts';
import { LabHost } from './host.ts';
import type { LabCallMessage } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new LabHost((msg) => scope.postMessage(msg));
// YAML support and kubectl's describers are chunks of their own, loaded before the first
// message that may need them.
const dispatch = afterChunks<LabCallMessage>((message) => host.receive(message));
scope.addEventListener('message', (ev: MessageEvent<LabCallMessage>) => dispatch(ev.data));
