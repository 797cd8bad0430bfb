// What kubectl's subcommands run, as a lazy port (see ../../lazy.ts): their names and flags stay
// in the first load (parsing, Tab completion), and the sandbox worker fetches the rest as its own
// chunk before the first message that runs kubectl (or its alias k; a lab worker with the lab).

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
