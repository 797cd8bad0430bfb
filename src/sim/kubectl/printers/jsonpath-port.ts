// JSONPath as a lazy port (see lazy.ts): only `-o jsonpath`, `custom-columns` and `--sort-by`
// use it, so the sandbox worker fetches the parser as its own chunk before such a command.

import { LazyPort } from '../../lazy.ts';
import type * as JsonPath from './jsonpath.ts';

export type JsonPathLib = typeof JsonPath;

const port = new LazyPort<JsonPathLib>(
  'JSONPath support',
  () => import('./jsonpath.ts'),
  /jsonpath|sort-by|custom-columns/,
);

/** Node entry points install the parser up front. */
export function provideJsonPath(lib: JsonPathLib): void {
  port.provide(lib);
}

/** The parser (throws "still loading" in a browser worker that has not loaded it yet). */
export function jsonPathLib(): JsonPathLib {
  return port.get();
}
