// Public API of the kind/minikube front end. The tools themselves load lazily (./lazy.ts): import
// values from ./kind.ts only through kindTools(), or the browser worker bundles them eagerly.

export { kindTools, provideKindTools } from './lazy.ts';
export type { KindTools } from './lazy.ts';
export type { ClusterHost, ClusterSpec, ToolResult } from './kind.ts';
export type { KindConfig } from './config.ts';
