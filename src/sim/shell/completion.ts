// Tab completion for the sandbox terminal: commands, kubectl subcommands and flags, resource
// types, and object names read live from the cluster. A lazy chunk with the shell tools (see
// ./tools-port.ts), fetched before the first completion request; what it completes from comes in
// as an argument (./complete.ts), so the chunk imports no first-load code.

import type { Command, FlagSpec, ResourceInfo } from '../kubectl/index.ts';
import type { Completion } from './complete.ts';
import type { Session } from './session.ts';

/** What completion knows: the session, and the command, flag and resource lists. */
export interface Known {
  session: Session;
  /** kubectl's commands and global flags (loaded before a line that has kubectl or k). */
  kubectl(): { COMMANDS: readonly Command[]; GLOBAL_FLAGS: readonly FlagSpec[] };
  resources: readonly ResourceInfo[];
  shellCommands: readonly string[];
  components: readonly string[];
  objectNames(session: Session, typed: string, namespace: string | undefined): string[];
}

const NAMED_COMMANDS = new Set(['get', 'describe', 'delete', 'label', 'scale', 'expose', 'edit']);
const FILE_COMMANDS = new Set(['cat', 'rm', 'head', 'tail', 'grep', 'wc', 'ls']);
let typeWordList: string[] | undefined;

function typeWords(k: Known): string[] {
  return (typeWordList ??= [...new Set(k.resources.flatMap((r) => [r.name, r.singular, ...r.shortNames]))].sort());
}

function flagWords(k: Known, cmd: Command | undefined): string[] {
  return [...(cmd?.flags ?? []), ...k.kubectl().GLOBAL_FLAGS].map((f) => `--${f.name}`);
}

function kubectlCandidates(k: Known, words: string[], current: string): string[] {
  const { session, objectNames } = k;
  // words: the words after `kubectl`, excluding the one being completed.
  const nsIdx = words.findIndex((w) => w === '-n' || w === '--namespace');
  const namespace = nsIdx >= 0 ? words[nsIdx + 1] : words.includes('-A') ? undefined : 'default';
  if (words[words.length - 1] === '-n' || words[words.length - 1] === '--namespace')
    return objectNames(session, 'namespaces', undefined);
  const positional = words.filter(
    (w, i) => !w.startsWith('-') && words[i - 1] !== '-n' && words[i - 1] !== '--namespace',
  );
  const commands = k.kubectl().COMMANDS;
  let level: readonly Command[] = commands;
  let cmd: Command | undefined;
  let rest = positional;
  while (rest.length > 0) {
    const next = level.find((c) => c.name === rest[0] || c.aliases?.includes(rest[0] ?? ''));
    if (!next) break;
    cmd = next;
    rest = rest.slice(1);
    level = next.subcommands ?? [];
  }
  if (current.startsWith('-')) return flagWords(k, cmd);
  if (!cmd) return commands.map((c) => c.name);
  if (level.length > 0 && rest.length === 0) return level.map((c) => c.name);
  if (['cordon', 'uncordon', 'drain'].includes(cmd.name)) return objectNames(session, 'nodes', undefined);
  if (cmd.name === 'logs') return objectNames(session, 'pods', namespace);
  if (cmd.name === 'use-context') return session.contexts().map((c) => c.name);
  const takesType =
    NAMED_COMMANDS.has(cmd.name) || ['status', 'history', 'undo', 'restart', 'image'].includes(cmd.name);
  if (!takesType) return [];
  if (rest.length === 0) {
    if (current.includes('/')) {
      const [type = ''] = current.split('/');
      return objectNames(session, type, namespace).map((n) => `${type}/${n}`);
    }
    return typeWords(k);
  }
  return objectNames(session, rest[0] ?? '', namespace);
}

/** Tab completion of the word before `cursor`. */
export function complete(k: Known, line: string, cursor: number): Completion {
  const { session } = k;
  const before = line.slice(0, cursor);
  const segment = before.slice(Math.max(before.lastIndexOf('|'), before.lastIndexOf(';'), before.lastIndexOf('&')) + 1);
  const words = segment.split(/\s+/).filter((w, i, a) => w !== '' || i === a.length - 1);
  const current = words.pop() ?? '';
  const from = cursor - current.length;
  let pool: string[] = [];
  const [cmd, ...args] = words;
  if (cmd === undefined) pool = [...k.shellCommands, 'exit'];
  else if (cmd === 'kubectl' || cmd === 'k') {
    const prev = args[args.length - 1];
    pool = prev === '-f' || prev === '--filename' ? session.fs.list() : kubectlCandidates(k, args, current);
  } else if (cmd === 'kind') {
    if (args.length === 0) pool = ['create', 'delete', 'get', 'version'];
    else if (args.length === 1) pool = args[0] === 'get' ? ['clusters', 'nodes'] : ['cluster'];
    else if (args[args.length - 1] === '--name') pool = session.clusterHost().clusters('kind');
    else if (args[args.length - 1] === '--config') pool = session.fs.list();
    else pool = ['--name', '--config'];
  } else if (cmd === 'minikube') pool = args.length === 0 ? ['start', 'delete', 'status'] : [];
  else if (cmd === 'etcdctl')
    pool =
      args.length === 0
        ? ['snapshot', 'version']
        : args.length === 1
          ? ['save', 'restore', 'status']
          : session.fs.list();
  else if (cmd === 'sim') {
    if (args.length === 0) pool = ['status', 'stop', 'start', 'node', 'etcd'];
    else if (args[0] === 'stop' || args[0] === 'start') pool = args.length === 1 ? [...k.components] : [];
    else if (args[0] === 'node')
      pool = args.length === 1 ? (session.currentCluster()?.nodeNames() ?? []) : ['down', 'up'];
    else if (args[0] === 'etcd') pool = ['wipe'];
  } else if (FILE_COMMANDS.has(cmd)) pool = session.fs.list();
  const candidates = [...new Set(pool.filter((p) => p.startsWith(current)))].sort();
  return { from, candidates };
}
