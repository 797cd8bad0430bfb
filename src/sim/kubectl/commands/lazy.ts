// kubectl itself as a lazy port (see ../../lazy.ts): its entry point, command list and flags, and
// what each subcommand runs. The sandbox worker fetches it (as its own chunks: the command list
// and flag parser are shared with the kind tools) before the first message that runs kubectl or
// its alias k, or completes such a line (a lab worker with the lab). The first load keeps only this
// port, Output (../env.ts) and the resource list (../resources.ts, for the suggestion chips).

import { LazyPort } from '../../lazy.ts';
import type * as Runs from './runs.ts';

export type CommandRuns = typeof Runs;

const port = new LazyPort<CommandRuns>('kubectl', () => import('./runs.ts'), /\bk(?:ubectl)?\b|"card":/);

/** Node entry points install them up front. */
export function provideCommandRuns(lib: CommandRuns): void {
  port.provide(lib);
}

/** What the commands run (throws "still loading" in a browser worker that has not loaded it yet). */
export function runs(): CommandRuns {
  return port.get();
}
