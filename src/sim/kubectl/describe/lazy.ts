// The describers as a lazy port: `kubectl describe` is the only command that prints them, so the
// sandbox worker fetches them as their own chunk before the first message that mentions it.

import { LazyPort } from '../../lazy.ts';
import type * as Describers from './describers.ts';

export type DescriberLib = typeof Describers;

const port = new LazyPort<DescriberLib>('kubectl describe', () => import('./describers.ts'), /\bdescribe\b/);

/** Node entry points install the describers up front. */
export function provideDescribers(lib: DescriberLib): void {
  port.provide(lib);
}

/** The describers (throws "still loading" in a browser worker that has not loaded them yet). */
export function describers(): DescriberLib {
  return port.get();
}
