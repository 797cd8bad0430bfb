// Builds the compact picture of the session's current cluster that the worker posts to the page:
// components, nodes with their pods (counted per status, only the first few listed), the API
// requests since the last view and the newest events. It reads through the API server like any
// client would, so while kube-apiserver or etcd is down it keeps showing the last known state.

import {
  ApiServer,
  clientName,
  describeAction,
  type Event,
  type KubeObject,
  type Node,
  type Pod,
  type RequestRecord,
} from '../sim/index.ts';
import type { Session, SimCluster } from '../sim/shell/index.ts';
import type { ClusterView, EventView, NodeView, PodView, RequestView, SandboxView } from './protocol.ts';

/** Our own reads are not drawn as traffic. */
export const VIEW_AGENT = 'sandbox-view';
const PODS_PER_NODE = 12;
const MAX_REQUESTS = 40;
const MAX_EVENTS = 20;

function list<T>(api: SimCluster['api'], resource: string, group = '', namespace?: string): T[] | null {
  const r = api.handle({
    verb: 'list',
    group,
    version: 'v1',
    resource,
    ...(namespace ? { namespace } : {}),
    userAgent: VIEW_AGENT,
  });
  return r.code === 200 ? ((r.body as { items: T[] }).items ?? []) : null;
}

export function podStatus(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  // While init containers run, the first unfinished one says where the pod is, as in kubectl
  // (table-rows.ts's initReason; sharing a module between this eager code and that lazy chunk
  // made the bundler split kubectl's modules into an extra first-load chunk, +1.3 KiB).
  const inits = pod.status?.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    const term = c?.state.terminated;
    if (!c || (term && term.exitCode === 0)) continue;
    const waiting = c.state.waiting?.reason;
    if (term) return `Init:${term.reason || `ExitCode:${term.exitCode}`}`;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${pod.spec.initContainers?.length ?? inits.length}`;
  }
  let status: string = pod.status?.reason || pod.status?.phase || 'Pending';
  for (const c of pod.status?.containerStatuses ?? []) {
    if (c.state.waiting?.reason) status = c.state.waiting.reason;
    else if (c.state.terminated?.reason) status = c.state.terminated.reason;
  }
  return status;
}

/** Where a request comes from in the picture: a control-plane box, a node, or kubectl. */
export function requestSource(userAgent: string): string {
  if (userAgent.startsWith('kubelet/')) return `node:${userAgent.split(' ').pop() ?? ''}`;
  const head = userAgent.split('/')[0] ?? '';
  if (head === 'kubectl' || head === 'kubectl-completion') return 'kubectl';
  if (['kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager', 'kube-apiserver'].includes(head))
    return head;
  return 'other';
}

function podView(p: Pod): PodView {
  return {
    name: p.metadata.name ?? '',
    namespace: p.metadata.namespace ?? '',
    phase: p.status?.phase ?? 'Pending',
    status: podStatus(p),
  };
}

function eventTime(e: Event): string {
  return e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? '';
}

function eventView(e: Event): EventView {
  const o = e.involvedObject;
  return {
    key: e.metadata.uid ?? `${e.metadata.namespace ?? ''}/${e.metadata.name ?? ''}`,
    time: eventTime(e),
    type: e.type ?? 'Normal',
    reason: e.reason ?? '',
    object: `${(o.kind ?? '').toLowerCase()}/${o.name ?? ''}`,
    source: e.source?.component || e.reportingComponent || '',
    message: e.message ?? '',
    count: e.count ?? 1,
  };
}

function byDefaultFirst(a: Pod, b: Pod): number {
  const da = a.metadata.namespace === 'default' ? 0 : 1;
  const db = b.metadata.namespace === 'default' ? 0 : 1;
  return da - db || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

function count(into: Record<string, number>, key: string): void {
  into[key] = (into[key] ?? 0) + 1;
}

/** Remembers what the previous view showed, so requests are drawn once and a dead API keeps the last picture. */
export class ViewBuilder {
  #mark = -1;
  #last: ClusterView | null = null;
  #cluster: SimCluster | undefined;

  build(session: Session, suggestions: string[]): SandboxView {
    const cluster = session.currentCluster();
    if (cluster !== this.#cluster) {
      this.#cluster = cluster;
      this.#last = null;
      this.#mark = -1;
    }
    return {
      cluster: cluster ? this.#clusterView(session, cluster) : null,
      suggestions,
      history: [...session.history],
    };
  }

  #requests(cluster: SimCluster): RequestView[] {
    const api = cluster.api;
    if (!(api instanceof ApiServer)) return [];
    const log = api.requestLog;
    const fresh: RequestRecord[] = this.#mark < 0 ? [] : log.since(this.#mark);
    this.#mark = log.mark();
    return fresh
      .filter((r) => r.userAgent !== VIEW_AGENT && !r.userAgent.startsWith('kubectl-completion'))
      .slice(-MAX_REQUESTS)
      .map((r) => ({
        seq: r.seq,
        client: clientName(r.userAgent),
        from: requestSource(r.userAgent),
        action: describeAction(r),
        code: r.code,
      }));
  }

  #clusterView(session: Session, cluster: SimCluster): ClusterView {
    const requests = this.#requests(cluster);
    const components = cluster
      .components()
      .filter((c) => c.kind !== 'node')
      .map((c) => ({ name: c.name, running: c.running }));
    const nodes = list<Node>(cluster.api, 'nodes');
    const pods = nodes ? list<Pod>(cluster.api, 'pods') : null;
    const events = pods ? list<Event>(cluster.api, 'events') : null;
    const deployments = events ? list<KubeObject>(cluster.api, 'deployments', 'apps', 'default') : null;
    const context = session.currentContext();
    const base = {
      name: context.replace(/^kind-/, ''),
      context,
      managed: components.some((c) => c.name === 'cloud-controller-manager'),
      now: session.now(),
      components,
      requests,
    };
    if (!nodes || !pods || !events || !deployments) {
      const last = this.#last;
      const view: ClusterView = last
        ? { ...last, ...base, apiAnswered: false }
        : {
            ...base,
            nodes: [],
            unscheduled: [],
            unscheduledTotal: 0,
            deployments: [],
            podCounts: {},
            events: [],
            apiAnswered: false,
          };
      this.#last = view;
      return view;
    }
    const kubelets = new Map(
      cluster
        .components()
        .filter((c) => c.name === 'kubelet')
        .map((c) => [c.node ?? '', c.running]),
    );
    const byNode = new Map<string, Pod[]>();
    const podCounts: Record<string, number> = {};
    for (const p of pods) {
      const n = p.spec.nodeName ?? '';
      const arr = byNode.get(n);
      if (arr) arr.push(p);
      else byNode.set(n, [p]);
      count(podCounts, podStatus(p));
    }
    const nodeViews: NodeView[] = nodes.map((n) => {
      const mine = (byNode.get(n.metadata.name ?? '') ?? []).sort(byDefaultFirst);
      const counts: Record<string, number> = {};
      for (const p of mine) count(counts, podStatus(p));
      const labels = n.metadata.labels ?? {};
      return {
        name: n.metadata.name ?? '',
        role: 'node-role.kubernetes.io/control-plane' in labels ? 'control-plane' : 'worker',
        ready: n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
        kubeletRunning: kubelets.get(n.metadata.name ?? '') ?? true,
        counts,
        total: mine.length,
        pods: mine.slice(0, PODS_PER_NODE).map(podView),
      };
    });
    const pending = (byNode.get('') ?? []).sort(byDefaultFirst);
    const sortedEvents = [...events]
      .sort((a, b) => (eventTime(a) < eventTime(b) ? -1 : eventTime(a) > eventTime(b) ? 1 : 0))
      .slice(-MAX_EVENTS);
    const view: ClusterView = {
      ...base,
      nodes: nodeViews,
      unscheduled: pending.slice(0, PODS_PER_NODE).map(podView),
      unscheduledTotal: pending.length,
      deployments: deployments.map((d) => d.metadata.name ?? '').filter(Boolean),
      podCounts,
      apiAnswered: true,
      events: sortedEvents.map(eventView),
    };
    this.#last = view;
    return view;
  }
}
