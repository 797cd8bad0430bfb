// Public API of the sandbox terminal shared by the app and `npm run sandbox`.

export { Session } from './session.ts';
export type { OutputChunk, RunOptions, RunResult, SessionOptions, SessionState } from './session.ts';
export { complete, suggestions } from './complete.ts';
export type { Completion } from './complete.ts';
export { runScript, transcript } from './script.ts';
export { MemFs, SAMPLE_FILES, HOME } from './fs.ts';
export { needsMore, parseScript, ShellSyntaxError } from './lexer.ts';
export { etcdctl, simControl } from './tools.ts';
export { CONTROL_PLANE_COMPONENTS } from './cluster-port.ts';
export { defaultClusterFactory } from './facade-clusters.ts';
export type {
  ClusterFactory,
  ClusterProfile,
  ComponentState,
  CreateClusterOptions,
  SimCluster,
} from './cluster-port.ts';
