// Public API of the kind/minikube front end.

export { kind, minikube, KIND_IMAGE } from './kind.ts';
export type { ClusterHost, ClusterSpec, ToolResult } from './kind.ts';
export { parseKindConfig, KindConfigError } from './config.ts';
export type { KindConfig } from './config.ts';
