// etcdctl and the `sim` fault commands as a lazy port (see ../lazy.ts): the sandbox worker fetches
// them as their own chunk before the first message that mentions either.

import { LazyPort } from '../lazy.ts';
import type * as Tools from './tools.ts';

export type ShellTools = Pick<typeof Tools, 'etcdctl' | 'simControl'>;

const port = new LazyPort<ShellTools>('etcdctl/sim', () => import('./tools.ts'), /\b(etcdctl|sim)\b/);

/** Node entry points install the tools up front. */
export function provideShellTools(lib: ShellTools): void {
  port.provide(lib);
}

/** The tools (throws "still loading" in a browser worker that has not loaded them yet). */
export function shellTools(): ShellTools {
  return port.get();
}
