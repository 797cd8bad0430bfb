// Public API of the sandbox terminal shared by the app and `npm run sandbox`.
//
//   const session = new Session({ seed, now, clusters: defaultClusterFactory() });
//   const r = session.run('kubectl get pods -A', { onOutput });  // never throws
//   r.output (ordered stdout/stderr chunks), r.stdout, r.stderr, r.exitCode, r.clear
//   session.needsMore(text)  // open here-document / quote / trailing pipe: read another line
//   session.complete(line, cursor), session.suggestions(), session.history
//   Session.fromJSON(JSON.parse(JSON.stringify(session.toJSON())), defaultClusterFactory())
//
// Time: each run() lets `stepMs` of simulated time pass after the command; `sleep N` adds N s;
// commands that block in real life (kind create, delete --wait, rollout status, drain, get -w)
// let simulated time pass while they wait. `get -w` runs until the watched objects have been
// quiet for `watchQuietMs` and the cluster is idle (at most `watchMaxMs`), streaming its rows
// through `onOutput` as they are printed.

export { Session } from './session.ts';
export type { OutputChunk, RunOptions, RunResult, SessionOptions, SessionState } from './session.ts';
export { complete, suggestions } from './complete.ts';
export type { Completion } from './complete.ts';
export { runScript, transcript } from './script.ts';
export { MemFs, SAMPLE_FILES, HOME } from './fs.ts';
export { needsMore, parseScript, ShellSyntaxError } from './lexer.ts';
export { provideShellTools, shellTools } from './tools-port.ts';
export { CONTROL_PLANE_COMPONENTS } from './cluster-port.ts';
export { defaultClusterFactory } from './facade-clusters.ts';
export type {
  ClusterFactory,
  ClusterProfile,
  ComponentState,
  CreateClusterOptions,
  SimCluster,
} from './cluster-port.ts';
