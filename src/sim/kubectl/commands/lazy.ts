// What the less common kubectl subcommands run, as a lazy port (see ../../lazy.ts): their names
// and flags stay in the first load (parsing, Tab completion), and the sandbox worker fetches the
// rest as its own chunk before the first message that names one of them (a lab, with the lab).

import { LazyPort } from '../../lazy.ts';
import type * as Runs from './runs.ts';

export type CommandRuns = typeof Runs;

const port = new LazyPort<CommandRuns>(
  'kubectl',
  () => import('./runs.ts'),
  /\b(cluster-info|version|api-resources|config|events|rollout|scale|set|cordon|uncordon|drain|taint|top|label|annotate|patch|wait|logs|exec|attach|cp|debug|port-forward|proxy|edit|replace|diff|explain|autoscale|auth|certificate|kustomize|completion|plugin|api-versions)\b|"card":|"kubectl"/,
);

/** Node entry points install them up front. */
export function provideCommandRuns(lib: CommandRuns): void {
  port.provide(lib);
}

/** What the commands run (throws "still loading" in a browser worker that has not loaded it yet). */
export function runs(): CommandRuns {
  return port.get();
}
