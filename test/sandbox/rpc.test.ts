import { describe, expect, it } from 'vitest';
import { LabClient } from '../../src/labs/client.ts';
import { SandboxClient } from '../../src/sandbox/client.ts';
import type { SandboxView, WorkerMessage } from '../../src/sandbox/protocol.ts';

/** A Worker stand-in: records what the page posts and lets the test answer as the worker would. */
function fakeWorker<M>() {
  const posted: { id: number; call: string; args: unknown }[] = [];
  const onMessage: ((ev: MessageEvent<M>) => void)[] = [];
  const onError: ((ev: ErrorEvent) => void)[] = [];
  let terminated = false;
  return {
    posted,
    get terminated() {
      return terminated;
    },
    worker: {
      postMessage: (msg: unknown) => void posted.push(msg as (typeof posted)[number]),
      addEventListener: (type: 'message' | 'error', fn: (ev: never) => void) => {
        if (type === 'message') onMessage.push(fn as (ev: MessageEvent<M>) => void);
        else onError.push(fn as (ev: ErrorEvent) => void);
      },
      terminate: () => {
        terminated = true;
      },
    },
    send: (data: M) => onMessage.forEach((fn) => fn({ data } as MessageEvent<M>)),
    fail: (message: string) => onError.forEach((fn) => fn({ message } as ErrorEvent)),
  };
}

describe('worker calls from the page', () => {
  it('settles each call with the reply carrying its id, in any order', async () => {
    const w = fakeWorker<WorkerMessage>();
    const client = new SandboxClient(w.worker);
    const first = client.call('suggestions', {});
    const second = client.call('run', { line: 'kubectl get pods', now: 1 });
    expect(w.posted.map((m) => [m.id, m.call])).toEqual([
      [1, 'suggestions'],
      [2, 'run'],
    ]);
    w.send({ id: 2, ok: false, error: 'error: the server does not have a resource type "podz"' });
    w.send({ id: 1, ok: true, result: ['kubectl get nodes'] });
    await expect(first).resolves.toEqual(['kubectl get nodes']);
    await expect(second).rejects.toThrow('error: the server does not have a resource type "podz"');
    // A stray or repeated reply is ignored.
    w.send({ id: 2, ok: true, result: null });
  });

  it("routes the sandbox worker's pushes to the view and notice subscribers", () => {
    const w = fakeWorker<WorkerMessage>();
    const client = new SandboxClient(w.worker);
    const views: SandboxView[] = [];
    const notices: string[] = [];
    client.onView = (v) => views.push(v);
    client.onNotice = (t) => notices.push(t);
    const view = { nodes: [] } as unknown as SandboxView;
    w.send({ push: 'view', view });
    w.send({ push: 'notice', text: 'Saving is off: storage is full' });
    expect(views).toEqual([view]);
    expect(notices).toEqual(['Saving is off: storage is full']);
  });

  it("fails every waiting call when the worker's script fails, with its message or a plain one", async () => {
    const w = fakeWorker<WorkerMessage>();
    const client = new SandboxClient(w.worker);
    const a = client.call('suggestions', {});
    w.fail('SyntaxError: Unexpected token');
    await expect(a).rejects.toThrow('SyntaxError: Unexpected token');
    const b = client.call('suggestions', {});
    w.fail('');
    await expect(b).rejects.toThrow('the simulation could not be loaded');
  });

  it('closing a lab stops its worker and fails what was still waiting', async () => {
    const w = fakeWorker<{ id: number; ok: true; result: unknown }>();
    const client = new LabClient(w.worker);
    const pending = client.call('check', {});
    client.terminate();
    expect(w.terminated).toBe(true);
    await expect(pending).rejects.toThrow('the lab was closed');
    // The worker's late answer changes nothing.
    w.send({ id: 1, ok: true, result: { passed: true, results: [] } });
  });
});
