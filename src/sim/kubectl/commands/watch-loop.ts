// Running a watch over simulated time. A real `kubectl get -w` streams until Ctrl-C; here the
// host lets simulated time pass in one-second ticks and ends the stream once no event has
// arrived for `env.watchQuietMs` while the cluster has no work in flight (or after
// `env.watchMaxMs`).

import type { KubectlEnv, WatchEvent } from '../env.ts';

const TICK_MS = 1000;

export function watchLoop(
  env: KubectlEnv,
  subscribe: (onEvent: (ev: WatchEvent) => void, onClose: () => void) => () => void,
  onEvent: (ev: WatchEvent) => void,
): void {
  const pending: WatchEvent[] = [];
  let closed = false;
  const unsubscribe = subscribe(
    (ev) => pending.push(ev),
    () => {
      closed = true;
    },
  );
  const start = env.now();
  let last = start;
  try {
    for (;;) {
      for (let ev = pending.shift(); ev; ev = pending.shift()) {
        onEvent(ev);
        last = env.now();
      }
      const quiet = env.now() - last >= env.watchQuietMs && !(env.busy?.() ?? false);
      if (closed || quiet || env.now() - start >= env.watchMaxMs) break;
      env.advance(TICK_MS);
    }
  } finally {
    unsubscribe();
  }
}

/** Lets simulated time pass until `done()` holds or `maxMs` elapses; returns whether it held. */
export function waitUntil(env: KubectlEnv, done: () => boolean, maxMs: number): boolean {
  const start = env.now();
  for (;;) {
    if (done()) return true;
    if (env.now() - start >= maxMs) return false;
    env.advance(TICK_MS);
  }
}
