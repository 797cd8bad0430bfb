// etcdctl, the `sim` fault commands, the shell's own commands (cat, ls, grep, echo, sleep...) and
// Tab completion as a lazy port (see ../lazy.ts): the sandbox worker fetches them as their own
// chunk before the first message that names one of these commands or asks to complete a line (its
// arguments have a cursor); a lab worker with the lab it starts.

import { LazyPort } from '../lazy.ts';
import type * as Tools from './tools.ts';

export type ShellTools = typeof Tools;

const port = new LazyPort<ShellTools>(
  'This shell command',
  () => import('./tools.ts'),
  /\b(etcdctl|sim|cat|ls|rm|echo|head|tail|grep|wc|history|sleep)\b|"cursor":|"card":/,
);

/** Node entry points install the tools up front. */
export function provideShellTools(lib: ShellTools): void {
  port.provide(lib);
}

/** The tools (throws "still loading" in a browser worker that has not loaded them yet). */
export function shellTools(): ShellTools {
  return port.get();
}
