// Browser side of the IndexedDB benchmark: seeds 100,000 cards in real Chromium IndexedDB and
// measures the queue read and the review commit with the app's own store code.
import { openStore } from '../../../src/persistence/index.ts';
import { measureStore, seedBenchCollection } from '../../../src/persistence/bench.ts';

declare global {
  interface Window {
    runIdbBench: (n: number) => Promise<{ readNext50Ms: number; commitP95Ms: number; seedMs: number }>;
  }
}

window.runIdbBench = async (n: number) => {
  const now = Date.UTC(2026, 10, 24, 12);
  const store = await openStore({ name: `bench-${n}`, now });
  const t0 = performance.now();
  await seedBenchCollection(store, n, now);
  const seedMs = performance.now() - t0;
  const timings = await measureStore(store, now);
  store.close();
  return { ...timings, seedMs };
};
