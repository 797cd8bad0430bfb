// Server-side Table output (what `kubectl get` asks for) as a lazy port (see ../lazy.ts): the
// sandbox worker fetches it as its own chunk before the first `get`; a lab worker with the lab it
// starts (its checks read tables).

import { LazyPort } from '../lazy.ts';
import type * as Tables from './tables.ts';

export type TablesLib = Pick<typeof Tables, 'buildTable'>;

const port = new LazyPort<TablesLib>('Table output', () => import('./tables.ts'), /\bget\b|"card":/);

/** Node entry points install it up front. */
export function provideTables(lib: TablesLib): void {
  port.provide(lib);
}

/** The table builder (throws "still loading" in a browser worker that has not loaded it yet). */
export function tables(): TablesLib {
  return port.get();
}
