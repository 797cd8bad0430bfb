import { afterEach, describe, expect, it } from 'vitest';
import { measureStore, seedBenchCollection } from '../../src/persistence/bench.ts';
import type { Store } from '../../src/persistence/index.ts';
import { NOW, freshStore } from './helpers.ts';

let store: Store;
afterEach(() => store.close());

describe('benchmark helpers', () => {
  it('seeds a collection and measures reads and commits, leaving the data unchanged', async () => {
    store = await freshStore();
    const due = await seedBenchCollection(store, 2_000, NOW);
    const before = await store.counts(NOW, 0, { ...(await store.getSettings(NOW)) });
    expect(before.dueNow).toBe(due);
    expect(due).toBeGreaterThan(100);

    const timings = await measureStore(store, NOW, 20);
    expect(timings.commits).toBe(20);
    expect(timings.readNext50Ms).toBeGreaterThan(0);
    expect(timings.commitP95Ms).toBeGreaterThan(0);
    expect(await store.counts(NOW, 0, await store.getSettings(NOW))).toEqual(before);
  });
});
