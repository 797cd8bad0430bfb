// The kind and minikube front ends as a lazy port (see ../lazy.ts): only `kind ...` and
// `minikube ...` run them, so the sandbox worker fetches them as their own chunk before the first
// message that mentions either.

import { LazyPort } from '../lazy.ts';
import type * as Tools from './kind.ts';

export type KindTools = Pick<typeof Tools, 'kind' | 'minikube'>;

const port = new LazyPort<KindTools>('kind', () => import('./kind.ts'), /\b(kind|minikube)\b/);

/** Node entry points install the tools up front. */
export function provideKindTools(lib: KindTools): void {
  port.provide(lib);
}

/** The tools (throws "still loading" in a browser worker that has not loaded them yet). */
export function kindTools(): KindTools {
  return port.get();
}
