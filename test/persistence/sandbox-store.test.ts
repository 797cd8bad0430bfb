import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openSandboxStore, type StoredSandbox } from '../../src/persistence/index.ts';

let n = 0;
const fresh = () => openSandboxStore({ name: `sandbox-test-${++n}` });
const record = (text: string): StoredSandbox => ({
  format: 'kcna-sandbox/v1',
  session: { version: 1, text },
  lines: [{ kind: 'input', text }],
  savedAt: 1,
});

describe('sandbox store', () => {
  it('returns nothing before the first save', async () => {
    const store = await fresh();
    expect(await store.load()).toBeNull();
  });

  it('gives back the last saved sandbox, replacing the one before', async () => {
    const store = await fresh();
    await store.save(record('kind create cluster'));
    await store.save(record('kubectl get nodes'));
    expect(await store.load()).toEqual(record('kubectl get nodes'));
  });

  it('forgets the sandbox on clear', async () => {
    const store = await fresh();
    await store.save(record('x'));
    await store.clear();
    expect(await store.load()).toBeNull();
  });

  it('ignores a record in a format it does not know', async () => {
    const name = `sandbox-test-${++n}`;
    const store = await openSandboxStore({ name });
    await store.save({ ...record('x'), format: 'something-else' } as unknown as StoredSandbox);
    expect(await store.load()).toBeNull();
  });
});
