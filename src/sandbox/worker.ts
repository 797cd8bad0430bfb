// The sandbox worker: runs the SandboxHost (the terminal session and its simulated clusters) off
// the main thread and saves to IndexedDB from here, so no big state ever crosses to the page.

// Straight from the file, not the folder's index: the index also pulls the study scheduler
// (ts-fsrs) into the worker's chunk.
import { openSandboxStore } from '../persistence/sandbox-store.ts';
import { afterChunks } from '../sim/lazy.ts';
import { SandboxHost } from './host.ts';
import type { CallMessage } from './protocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const host = new SandboxHost({ openStore: () => openSandboxStore(), post: (msg) => scope.postMessage(msg) });
// YAML support and kubectl's describers are chunks of their own, loaded before the first
// message that may need them.
const dispatch = afterChunks<CallMessage>((message) => host.receive(message));
scope.addEventListener('message', (ev: MessageEvent<CallMessage>) => dispatch(ev.data));
