// Tab completion and "what makes sense now" suggestions for the sandbox terminal: commands,
// kubectl subcommands and flags, resource types, and object names read live from the cluster.

import { COMMANDS, GLOBAL_FLAGS, RESOURCES, resolveResource, type Command } from '../kubectl/index.ts';
import { CONTROL_PLANE_COMPONENTS } from './cluster-port.ts';
import { SHELL_COMMANDS } from './exec.ts';
import type { Session } from './session.ts';

export interface Completion {
  /** Offset in the line where the completed word starts. */
  from: number;
  /** Full replacement words for line.slice(from, cursor), sorted. */
  candidates: string[];
}

const TYPE_WORDS = [...new Set(RESOURCES.flatMap((r) => [r.name, r.singular, ...r.shortNames]))].sort();
const NAMED_COMMANDS = new Set(['get', 'describe', 'delete', 'label', 'scale', 'expose', 'edit']);
const FILE_COMMANDS = new Set(['cat', 'rm', 'head', 'tail', 'grep', 'wc', 'ls']);

function objectNames(session: Session, typed: string, namespace: string | undefined): string[] {
  const res = resolveResource(typed);
  const api = session.currentCluster()?.api;
  if (!res || !api) return [];
  const r = api.handle({
    verb: 'list',
    group: res.group,
    version: res.version,
    resource: res.name,
    namespace: res.namespaced ? namespace : undefined,
    userAgent: 'kubectl-completion',
  });
  const items = (r.body as { items?: Array<{ metadata?: { name?: string } }> } | undefined)?.items ?? [];
  return items.map((i) => i.metadata?.name ?? '').filter(Boolean);
}

function flagWords(cmd: Command | undefined): string[] {
  return [...(cmd?.flags ?? []), ...GLOBAL_FLAGS].map((f) => `--${f.name}`);
}

function kubectlCandidates(session: Session, words: string[], current: string): string[] {
  // words: the words after `kubectl`, excluding the one being completed.
  const nsIdx = words.findIndex((w) => w === '-n' || w === '--namespace');
  const namespace = nsIdx >= 0 ? words[nsIdx + 1] : words.includes('-A') ? undefined : 'default';
  if (words[words.length - 1] === '-n' || words[words.length - 1] === '--namespace')
    return objectNames(session, 'namespaces', undefined);
  const positional = words.filter(
    (w, i) => !w.startsWith('-') && words[i - 1] !== '-n' && words[i - 1] !== '--namespace',
  );
  let level: readonly Command[] = COMMANDS;
  let cmd: Command | undefined;
  let rest = positional;
  while (rest.length > 0) {
    const next = level.find((c) => c.name === rest[0] || c.aliases?.includes(rest[0] ?? ''));
    if (!next) break;
    cmd = next;
    rest = rest.slice(1);
    level = next.subcommands ?? [];
  }
  if (current.startsWith('-')) return flagWords(cmd);
  if (!cmd) return COMMANDS.map((c) => c.name);
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
    return TYPE_WORDS;
  }
  return objectNames(session, rest[0] ?? '', namespace);
}

export function complete(session: Session, line: string, cursor: number): Completion {
  const before = line.slice(0, cursor);
  const segment = before.slice(Math.max(before.lastIndexOf('|'), before.lastIndexOf(';'), before.lastIndexOf('&')) + 1);
  const words = segment.split(/\s+/).filter((w, i, a) => w !== '' || i === a.length - 1);
  const current = words.pop() ?? '';
  const from = cursor - current.length;
  let pool: string[] = [];
  const [cmd, ...args] = words;
  if (cmd === undefined) pool = [...SHELL_COMMANDS, 'exit'];
  else if (cmd === 'kubectl' || cmd === 'k') {
    const prev = args[args.length - 1];
    pool = prev === '-f' || prev === '--filename' ? session.fs.list() : kubectlCandidates(session, args, current);
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
    else if (args[0] === 'stop' || args[0] === 'start') pool = args.length === 1 ? [...CONTROL_PLANE_COMPONENTS] : [];
    else if (args[0] === 'node')
      pool = args.length === 1 ? (session.currentCluster()?.nodeNames() ?? []) : ['down', 'up'];
    else if (args[0] === 'etcd') pool = ['wipe'];
  } else if (FILE_COMMANDS.has(cmd)) pool = session.fs.list();
  const candidates = [...new Set(pool.filter((p) => p.startsWith(current)))].sort();
  return { from, candidates };
}

/** Commands that make sense in the session's current state (for suggestion chips). */
export function suggestions(session: Session): string[] {
  const cluster = session.currentCluster();
  if (!cluster) {
    const kinds = session.clusterHost().clusters('kind');
    return [
      ...(kinds.length ? [`kubectl config use-context kind-${kinds[0] ?? ''}`] : []),
      'kind create cluster',
      'minikube start',
      'kubectl version --client',
    ];
  }
  const stopped = cluster.components().filter((c) => !c.running && c.kind !== 'node');
  if (stopped.length) return [...stopped.map((c) => `sim start ${c.name}`), 'sim status', 'kubectl get pods -A'];
  const deployments = objectNames(session, 'deployments', 'default');
  if (deployments.length === 0)
    return [
      'kubectl get nodes',
      'kubectl get pods -A',
      'kubectl cluster-info',
      'kubectl create deployment web --image=nginx --replicas=2',
    ];
  const d = deployments[0] ?? 'web';
  return [
    `kubectl get pods -l app=${d}`,
    `kubectl describe deployment ${d}`,
    `kubectl scale deployment ${d} --replicas=3`,
    'kubectl get events -A --sort-by=.lastTimestamp',
    `kubectl delete deployment ${d}`,
  ];
}
