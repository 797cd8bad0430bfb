// The sandbox worker: owns one terminal Session (and so the simulated clusters) off the main
// thread, runs commands, lets simulated time pass when the page says so, saves itself to
// IndexedDB after each command and when asked, and posts compact views of the cluster.
// The simulation never reads the clock: `now` arrives in messages from the page.

import { Session, defaultClusterFactory, type SessionState } from '../sim/shell/index.ts';
// Straight from the file, not the folder's index: the index also pulls the study scheduler
// (ts-fsrs) into the worker's chunk.
import { openSandboxStore, type SandboxStore, type StoredLine } from '../persistence/sandbox-store.ts';
import { ViewBuilder } from './view.ts';
import { appendLines, forSaving, outputLines } from './lines.ts';
import type { CallMessage, Calls, InitResult, WorkerMessage } from './protocol.ts';

/** Fixed, so the same commands give the same cluster (names, IPs) for every learner and test. */
const SEED = 20251;

const scope = self as unknown as DedicatedWorkerGlobalScope;
let session: Session | null = null;
let lines: StoredLine[] = [];
let store: SandboxStore | null = null;
let saving: Promise<void> = Promise.resolve();
const views = new ViewBuilder();
/** Suggestions change with commands (and faults, which are commands), not with passing time. */
let suggested: string[] = [];

function post(msg: WorkerMessage): void {
  scope.postMessage(msg);
}

function notice(text: string): void {
  post({ push: 'notice', text });
}

function fresh(now: number): Session {
  return new Session({ seed: SEED, now, clusters: defaultClusterFactory(), tty: true });
}

function current(): Session {
  if (!session) throw new Error('the sandbox is not started yet');
  return session;
}

function pushView(): void {
  if (session) post({ push: 'view', view: views.build(session, suggested) });
}

/** Saves the session and scrollback; a failure is told to the learner, never thrown. */
function save(now: number): Promise<void> {
  const s = session;
  if (!store || !s) return saving;
  const target = store;
  const record = { format: 'kcna-sandbox/v1' as const, session: s.toJSON(), lines: forSaving(lines), savedAt: now };
  saving = saving
    .then(() => target.save(record))
    .catch((e: unknown) => notice(`The sandbox could not be saved: ${e instanceof Error ? e.message : String(e)}`));
  return saving;
}

async function init(now: number): Promise<InitResult> {
  let msg = '';
  try {
    store = await openSandboxStore();
  } catch (e) {
    msg = `The sandbox cannot be saved on this device: ${e instanceof Error ? e.message : String(e)}`;
  }
  const saved = store ? await store.load().catch(() => null) : null;
  if (saved) {
    try {
      session = Session.fromJSON(saved.session as SessionState, defaultClusterFactory());
      lines = saved.lines;
      msg = 'Your sandbox was restored.';
    } catch {
      await store?.clear().catch(() => undefined);
      msg = 'The saved sandbox could not be restored, so a new one was started.';
    }
  }
  if (!session) {
    session = fresh(now);
    lines = [];
  }
  return { lines, history: [...session.history], notice: msg };
}

async function reset(now: number): Promise<InitResult> {
  session = fresh(now);
  lines = [];
  await saving;
  await store?.clear().catch(() => undefined);
  return { lines, history: [], notice: 'A new, empty sandbox was started.' };
}

async function handle(msg: CallMessage): Promise<Calls[typeof msg.call]['result']> {
  switch (msg.call) {
    case 'init':
      return init(msg.args.now);
    case 'run': {
      const s = current();
      const r = s.run(msg.args.line);
      lines = appendLines(lines, [{ kind: 'input', text: msg.args.line }, ...outputLines(r)], r.clear);
      void save(msg.args.now);
      return r;
    }
    case 'complete':
      return current().complete(msg.args.line, msg.args.cursor);
    case 'suggestions':
      return current().suggestions();
    case 'advance':
      current().advance(msg.args.ms);
      return null;
    case 'persist':
      await save(msg.args.now);
      return null;
    case 'reset':
      return reset(msg.args.now);
  }
}

// One call at a time, in order: a command never runs before init has restored the session.
let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (ev: MessageEvent<CallMessage>) => {
  const msg = ev.data;
  queue = queue.then(() =>
    handle(msg).then(
      (result) => {
        post({ id: msg.id, ok: true, result });
        if (msg.call === 'init' || msg.call === 'run' || msg.call === 'reset') suggested = session?.suggestions() ?? [];
        if (msg.call !== 'complete' && msg.call !== 'suggestions' && msg.call !== 'persist') pushView();
      },
      (e: unknown) => post({ id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
    ),
  );
});
