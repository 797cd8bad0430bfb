// Runs parsed pipelines: standard input from the previous command, a here-document or a file;
// stderr straight to the terminal (or merged with 2>&1, or dropped with 2>/dev/null); stdout of
// the last command to the terminal or a file (`>`, `>>`); `&&`/`||` on exit codes.

import { runs } from '../kubectl/commands/lazy.ts';
import { Output } from '../kubectl/env.ts';
import { kindTools } from '../kind/index.ts';
import type { ToolOutput } from './builtins.ts';
import type { Pipeline, SimpleCommand } from './lexer.ts';
import type { OutputChunk, Session } from './session.ts';
import { shellTools } from './tools-port.ts';

export const SHELL_COMMANDS = [
  'kubectl',
  'k',
  'kind',
  'minikube',
  'etcdctl',
  'sim',
  'cat',
  'ls',
  'rm',
  'echo',
  'head',
  'tail',
  'grep',
  'wc',
  'sleep',
  'history',
  'clear',
  'pwd',
  'help',
] as const;

const HELP = `Commands in this sandbox:
  kubectl ...            the Kubernetes CLI (alias: k)
  kind ... / minikube ...  create and delete local clusters
  etcdctl snapshot save|restore FILE   back up and restore etcd
  sim status | sim stop|start COMPONENT | sim node NAME down|up | sim etcd wipe
  cat, ls, rm, echo, head, tail, grep, wc, sleep N, history, clear, pwd
Pipes (|), redirection (>, >>, 2>&1) and here-documents (cat > f.yaml <<EOF) work.
`;

/** Where a command's terminal output goes: an array, or the session's live sink. */
export interface Sink {
  push(...chunks: OutputChunk[]): unknown;
}

interface Chunked {
  /** Already delivered to the live sink while running. */
  streamed?: boolean;
  stdout: string;
  /** stderr chunks. */
  chunks: OutputChunk[];
  /** Both streams in write order, when the tool interleaves them (kubectl). */
  ordered?: OutputChunk[];
  exitCode: number;
  clear: boolean;
}

function runTool(session: Session, argv: string[], stdin: string, live?: Sink): Chunked {
  const [name = '', ...args] = argv;
  const plain = (r: ToolOutput): Chunked => ({
    stdout: r.stdout,
    chunks: r.stderr ? [{ fd: 2, text: r.stderr }] : [],
    exitCode: r.exitCode,
    clear: false,
  });
  switch (name) {
    case 'kubectl':
    case 'k': {
      const io = new Output(live ? (c) => live.push(c) : undefined);
      const code = runs().kubectl(args, session.kubectlEnv(stdin), io);
      return {
        streamed: !!live,
        stdout: io.stdout,
        chunks: io.chunks.filter((c) => c.fd === 2),
        ordered: io.chunks,
        exitCode: code,
        clear: false,
      };
    }
    case 'kind':
      return plain(kindTools().kind(args, session.clusterHost()));
    case 'minikube':
      return plain(kindTools().minikube(args, session.clusterHost()));
    case 'etcdctl':
      return plain(shellTools().etcdctl(args, session));
    case 'sim':
      return plain(shellTools().simControl(args, session));
    case 'head':
      return plain(shellTools().head(args, stdin, session.fs));
    case 'tail':
      return plain(shellTools().tail(args, stdin, session.fs));
    case 'grep':
      return plain(shellTools().grep(args, stdin, session.fs));
    case 'wc':
      return plain(shellTools().wc(args, stdin, session.fs));
    case 'cat':
      return plain(shellTools().cat(args, stdin, session.fs));
    case 'ls':
      return plain(shellTools().ls(args, session.fs));
    case 'rm':
      return plain(shellTools().rm(args, session.fs));
    case 'echo':
      return plain(shellTools().echo(args));
    case 'pwd':
      return plain({ stdout: '/root\n', stderr: '', exitCode: 0 });
    case 'history':
      return plain(shellTools().history(session.history));
    case 'help':
      return plain({ stdout: HELP, stderr: '', exitCode: 0 });
    case 'clear':
      return { stdout: '', chunks: [], exitCode: 0, clear: true };
    case 'true':
      return plain({ stdout: '', stderr: '', exitCode: 0 });
    case 'false':
      return plain({ stdout: '', stderr: '', exitCode: 1 });
    case 'sleep': {
      const ms = shellTools().sleepMs(args);
      if (typeof ms === 'string') return plain({ stdout: '', stderr: ms, exitCode: 1 });
      session.advance(ms);
      return plain({ stdout: '', stderr: '', exitCode: 0 });
    }
    default:
      return plain({ stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 });
  }
}

function runCommand(
  session: Session,
  cmd: SimpleCommand,
  piped: string | undefined,
  last: boolean,
  out: Sink,
): { stdout: string; exitCode: number; clear: boolean } {
  let stdin = piped ?? '';
  if (cmd.heredoc !== undefined) stdin = cmd.heredoc;
  if (cmd.stdinFile !== undefined) {
    const text = session.fs.read(cmd.stdinFile);
    if (text === undefined) {
      out.push({ fd: 2, text: `bash: ${cmd.stdinFile}: No such file or directory\n` });
      return { stdout: '', exitCode: 1, clear: false };
    }
    stdin = text;
  }
  if (cmd.argv.length === 0) return { stdout: '', exitCode: 0, clear: false };
  const streamable = last && cmd.redirects.length === 0;
  const r = runTool(session, cmd.argv, stdin, streamable ? out : undefined);
  if (streamable && r.ordered) {
    if (!r.streamed) out.push(...r.ordered);
    return { stdout: r.stdout, exitCode: r.exitCode, clear: r.clear };
  }
  let stdout = r.stdout;
  let stderrChunks = r.chunks;
  for (const red of cmd.redirects) {
    if (red.fd === 2 && red.target === '&1') {
      stdout = stderrChunks.map((c) => c.text).join('') + stdout;
      stderrChunks = [];
    } else if (red.target === '/dev/null') {
      if (red.fd === 1) stdout = '';
      else stderrChunks = [];
    } else if (red.fd === 1) {
      session.fs.write(red.target, stdout, red.append);
      stdout = '';
    } else {
      session.fs.write(red.target, stderrChunks.map((c) => c.text).join(''), red.append);
      stderrChunks = [];
    }
  }
  out.push(...stderrChunks);
  if (last && stdout) out.push({ fd: 1, text: stdout });
  return { stdout, exitCode: r.exitCode, clear: r.clear };
}

/** Executes pipelines in order; returns the last exit code. */
export function execute(session: Session, pipelines: Pipeline[], out: Sink): { exitCode: number; clear: boolean } {
  let exitCode = 0;
  let clear = false;
  for (const p of pipelines) {
    if (p.join === '&&' && exitCode !== 0) continue;
    if (p.join === '||' && exitCode === 0) continue;
    let piped: string | undefined;
    p.commands.forEach((cmd, i) => {
      const r = runCommand(session, cmd, piped, i === p.commands.length - 1, out);
      piped = r.stdout;
      exitCode = r.exitCode;
      if (r.clear) clear = true;
    });
  }
  return { exitCode, clear };
}
