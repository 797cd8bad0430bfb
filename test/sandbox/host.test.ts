import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openSandboxStore, StorageError, type SandboxStore } from '../../src/persistence/index.ts';
import { SandboxHost } from '../../src/sandbox/host.ts';
import type {
  CallMessage,
  CallName,
  Calls,
  InitResult,
  SandboxView,
  WorkerMessage,
} from '../../src/sandbox/protocol.ts';

const NOW = Date.parse('2024-05-20T10:00:00Z');
let dbs = 0;

function harness(openStore: () => Promise<SandboxStore>) {
  const posted: WorkerMessage[] = [];
  const host = new SandboxHost({ openStore, post: (m) => posted.push(m) });
  let id = 0;
  async function call<K extends CallName>(name: K, args: Calls[K]['args']): Promise<Calls[K]['result']> {
    const msgId = ++id;
    await host.receive({ id: msgId, call: name, args } as CallMessage);
    const reply = posted.find((m) => 'id' in m && m.id === msgId);
    if (!reply || !('ok' in reply)) throw new Error('no reply');
    if (!reply.ok) throw new Error(reply.error);
    return reply.result as Calls[K]['result'];
  }
  const views = () => posted.flatMap((m) => ('push' in m && m.push === 'view' ? [m.view as SandboxView] : []));
  const notices = () => posted.flatMap((m) => ('push' in m && m.push === 'notice' ? [m.text] : []));
  return { host, call, views, notices };
}

describe('sandbox host (the worker without the worker)', () => {
  it('starts empty, runs the lab and pushes a view of the new cluster', async () => {
    const name = `host-${++dbs}`;
    const h = harness(() => openSandboxStore({ name }));
    expect(await h.call('init', { now: NOW })).toEqual({ lines: [], history: [], notice: '' } satisfies InitResult);
    expect(h.views().at(-1)?.cluster).toBeNull();
    const r = await h.call('run', { line: 'kind create cluster --name k8s-intro', now: NOW });
    expect(r.exitCode).toBe(0);
    expect(
      h
        .views()
        .at(-1)
        ?.cluster?.nodes.map((n) => n.name),
    ).toEqual(['k8s-intro-control-plane']);
    expect(h.views().at(-1)?.suggestions).toContain('kubectl get nodes');
  });

  it('restores the cluster, history and scrollback in a new worker', async () => {
    const name = `host-${++dbs}`;
    const a = harness(() => openSandboxStore({ name }));
    await a.call('init', { now: NOW });
    await a.call('run', { line: 'kind create cluster --name k8s-intro', now: NOW });
    await a.call('run', { line: 'kubectl create deployment web --image=nginx --replicas=2', now: NOW });
    await a.call('persist', { now: NOW });

    const b = harness(() => openSandboxStore({ name }));
    const init = await b.call('init', { now: NOW + 86_400_000 });
    expect(init.notice).toBe('Your sandbox was restored.');
    expect(init.history).toEqual([
      'kind create cluster --name k8s-intro',
      'kubectl create deployment web --image=nginx --replicas=2',
    ]);
    expect(init.lines.some((l) => l.text === 'deployment.apps/web created')).toBe(true);
    await b.call('advance', { ms: 30_000 });
    expect((await b.call('run', { line: 'kubectl get deploy web', now: NOW })).stdout).toMatch(/^web +2\/2 +2 +2 /m);
  });

  it('starts fresh, and says so, when the saved sandbox cannot be restored', async () => {
    const name = `host-${++dbs}`;
    const store = await openSandboxStore({ name });
    await store.save({ format: 'kcna-sandbox/v1', session: { version: 99 }, lines: [], savedAt: NOW });
    const h = harness(() => openSandboxStore({ name }));
    const init = await h.call('init', { now: NOW });
    expect(init.notice).toBe('The saved sandbox could not be restored, so a new one was started.');
    expect(init.history).toEqual([]);
    expect(await store.load()).toBeNull();
  });

  it('keeps working and tells the learner when saving fails (storage full)', async () => {
    const name = `host-${++dbs}`;
    const real = await openSandboxStore({ name });
    const full = Object.assign(Object.create(real) as SandboxStore, {
      save: () => Promise.reject(new StorageError('quota')),
      load: () => real.load(),
      clear: () => real.clear(),
    });
    const h = harness(() => Promise.resolve(full));
    await h.call('init', { now: NOW });
    const r = await h.call('run', { line: 'kubectl version --client', now: NOW });
    expect(r.exitCode).toBe(0);
    await h.call('persist', { now: NOW });
    expect(h.notices().at(-1)).toMatch(/^The sandbox could not be saved: Storage is full/);
  });

  it('works without storage and says the sandbox will not be kept', async () => {
    const h = harness(() => Promise.reject(new StorageError('unavailable')));
    const init = await h.call('init', { now: NOW });
    expect(init.notice).toMatch(/^The sandbox cannot be saved on this device/);
    expect((await h.call('run', { line: 'kind create cluster', now: NOW })).exitCode).toBe(0);
  });
});
