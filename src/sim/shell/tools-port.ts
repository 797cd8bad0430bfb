// etcdctl, the `sim` fault commands and Tab completion as a lazy port (see ../lazy.ts): the sandbox
// worker fetches them as their own chunk before the first message that mentions etcdctl or sim,
// or asks to complete a line (its arguments have a cursor).

import { LazyPort } from '../lazy.ts';
import type * as Tools from './tools.ts';

export type ShellTools = Pick<typeof Tools, 'etcdctl' | 'simControl' | 'complete'>;

const port = new LazyPort<ShellTools>('etcdctl/sim', () => import('./tools.ts'), /\b(etcdctl|sim)\b|"cursor":/);

/** Node entry points install the tools up front. */
export function provideShellTools(lib: ShellTools): void {
  port.provide(lib);
}

/** The tools (throws "still loading" in a browser worker that has not loaded them yet). */
export function shellTools(): ShellTools {
  return port.get();
}
