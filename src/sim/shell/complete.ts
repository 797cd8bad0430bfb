// "What makes sense now" suggestions for the sandbox terminal, and Tab completion, whose work is
// in ./completion.ts, a lazy chunk with the shell tools (see ./tools-port.ts).

import { runs } from '../kubectl/commands/lazy.ts';
import { RESOURCES, resolveResource } from '../kubectl/resources.ts';
import { CONTROL_PLANE_COMPONENTS } from './cluster-port.ts';
import { SHELL_COMMANDS } from './exec.ts';
import type { Session } from './session.ts';
import { shellTools } from './tools-port.ts';

export interface Completion {
  /** Offset in the line where the completed word starts. */
  from: number;
  /** Full replacement words for line.slice(from, cursor), sorted. */
  candidates: string[];
}

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

/** Tab completion of the word before `cursor` (a browser worker loads it before a completion request). */
export function complete(session: Session, line: string, cursor: number): Completion {
  return shellTools().complete(
    {
      session,
      kubectl: runs,
      resources: RESOURCES,
      shellCommands: SHELL_COMMANDS,
      components: CONTROL_PLANE_COMPONENTS,
      objectNames,
    },
    line,
    cursor,
  );
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
