// Browser side of the IndexedDB benchmark: seeds 100,000 cards in real Chromium IndexedDB and
// measures the queue read and the review commit with the app's own store code.
import { openStore } from '../../../src/persistence/index.ts';
import { measureStore, seedBenchCollection } from '../../../src/persistence/bench.ts';

export interface IdbBenchResult {
  /** First read after opening the database (cold caches), as when the app starts. */
  coldReadMs: number;
  /** Median of 20 further reads of the next 50 due cards. */
  warmReadMedianMs: number;
  commitP95Ms: number;
  seedMs: number;
}

declare global {
  interface Window {
    runIdbBench: (n: number) => Promise<IdbBenchResult>;
  }
}

window.runIdbBench = async (n: number) => {
  const now = Date.UTC(2026, 10, 24, 12);
  const name = `bench-${n}`;
  let store = await openStore({ name, now });
  const t0 = performance.now();
  await seedBenchCollection(store, n, now);
  const seedMs = performance.now() - t0;
  // Reopen so the first read meets a fresh connection, like an app start.
  store.close();
  store = await openStore({ name, now });
  const c0 = performance.now();
  const first = await store.readDue(now, 50);
  const coldReadMs = performance.now() - c0;
  if (first.length !== 50) throw new Error(`expected 50 due cards, got ${first.length}`);
  const reads: number[] = [];
  for (let i = 0; i < 20; i++) {
    const r0 = performance.now();
    await store.readDue(now, 50);
    reads.push(performance.now() - r0);
  }
  reads.sort((a, b) => a - b);
  const timings = await measureStore(store, now);
  store.close();
  return { coldReadMs, warmReadMedianMs: reads[10] ?? 0, commitP95Ms: timings.commitP95Ms, seedMs };
};
