// One row function per kind, mirroring kubectl's printers (printPod, printNode, printEvent, ...).
// Each returns every cell, wide ones included; the table builder drops priority-1 cells unless wide.

import type {
  ConfigMap,
  ContainerStatus,
  DaemonSet,
  Deployment,
  Endpoints,
  Event,
  KubeObject,
  Lease,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Service,
} from '../api/types.ts';
import { humanDuration } from '../api/duration.ts';
import { parseTime } from '../clock.ts';
import { formatLabels, selectorFromObject, selectorToString } from '../api/labels.ts';

export type Cell = string | number;
type RowFn = (obj: never, now: number) => Cell[];

export function since(ts: string | null | undefined, now: number): string {
  const t = parseTime(ts);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** Restarts of these containers, and when the last of their previous runs ended (0: none did). */
function restartTally(statuses: readonly ContainerStatus[]): { restarts: number; last: number } {
  let restarts = 0;
  let last = 0;
  for (const c of statuses) {
    restarts += c.restartCount;
    const t = parseTime(c.lastState?.terminated?.finishedAt) ?? 0;
    if (t > last) last = t;
  }
  return { restarts, last };
}

/**
 * While an init container has not completed, where initialization stands: the first such one's
 * Init:<reason>, or Init:<completed>/<all>. Undefined once every one exited with 0.
 */
function initReason(pod: Pod, inits: readonly ContainerStatus[]): string | undefined {
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i] as ContainerStatus;
    const term = c.state.terminated;
    if (term && term.exitCode === 0) continue;
    const waiting = c.state.waiting?.reason;
    if (term) return term.reason ? `Init:${term.reason}` : `Init:ExitCode:${term.exitCode}`;
    if (waiting && waiting !== 'PodInitializing') return `Init:${waiting}`;
    return `Init:${i}/${pod.spec?.initContainers?.length ?? inits.length}`;
  }
  return undefined;
}

function podStatusAndCounts(pod: Pod, now: number): Cell[] {
  const st = pod.status ?? {};
  const total = pod.spec?.containers?.length ?? 0;
  let ready = 0;
  let reason: string = st.reason || st.phase || '';
  const scheduled = st.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'SchedulingGated') reason = 'SchedulingGated';
  let hasRunning = false;
  const inits = st.initContainerStatuses ?? [];
  const init = initReason(pod, inits);
  if (init !== undefined) reason = init;
  const initialized = st.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True') === true;
  // While the pod initializes, its init containers' restarts count; past that, its app containers'.
  const pastInit = init === undefined || initialized;
  const statuses = pastInit ? (st.containerStatuses ?? []) : [];
  const { restarts, last: lastRestart } = restartTally(pastInit ? statuses : inits);
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    if (!c) continue;
    if (c.state.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.state.terminated) reason = `ExitCode:${c.state.terminated.exitCode}`;
    else if (c.ready && c.state.running) {
      hasRunning = true;
      ready++;
    }
  }
  if (reason === 'Completed' && hasRunning) {
    reason = st.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
  }
  if (pod.metadata.deletionTimestamp) reason = st.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  const restartStr =
    restarts !== 0 && lastRestart > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return [`${ready}/${total}`, reason, restartStr];
}

const printPod = (pod: Pod, now: number): Cell[] => {
  const gates = (pod.spec as { readinessGates?: unknown[] }).readinessGates;
  return [
    pod.metadata.name ?? '',
    ...podStatusAndCounts(pod, now),
    since(pod.metadata.creationTimestamp, now),
    pod.status?.podIP || '<none>',
    pod.spec?.nodeName || '<none>',
    pod.status?.nominatedNodeName || '<none>',
    gates && gates.length > 0 ? `0/${gates.length}` : '<none>',
  ];
};

const printNode = (node: Node, now: number): Cell[] => {
  const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
  const status = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  const roles: string[] = [];
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.push(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role' && v) roles.push(v);
  }
  roles.sort();
  const info = node.status?.nodeInfo ?? {};
  const addr = (t: string): string => node.status?.addresses?.find((a) => a.type === t)?.address ?? '<none>';
  return [
    node.metadata.name ?? '',
    status.join(','),
    roles.length ? roles.join(',') : '<none>',
    since(node.metadata.creationTimestamp, now),
    info['kubeletVersion'] ?? '',
    addr('InternalIP'),
    addr('ExternalIP'),
    info['osImage'] || '<unknown>',
    info['kernelVersion'] || '<unknown>',
    info['containerRuntimeVersion'] || '<unknown>',
  ];
};

function workloadWide(
  template: Deployment['spec']['template'] | undefined,
  selector: Deployment['spec']['selector'] | undefined,
): Cell[] {
  const cs = template?.spec?.containers ?? [];
  return [
    cs.map((c) => c.name).join(','),
    cs.map((c) => c.image).join(','),
    selectorToString(selectorFromObject(selector)),
  ];
}

const printDeployment = (d: Deployment, now: number): Cell[] => [
  d.metadata.name ?? '',
  `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`,
  d.status?.updatedReplicas ?? 0,
  d.status?.availableReplicas ?? 0,
  since(d.metadata.creationTimestamp, now),
  ...workloadWide(d.spec?.template, d.spec?.selector),
];

const printReplicaSet = (rs: ReplicaSet, now: number): Cell[] => [
  rs.metadata.name ?? '',
  rs.spec?.replicas ?? 0,
  rs.status?.replicas ?? 0,
  rs.status?.readyReplicas ?? 0,
  since(rs.metadata.creationTimestamp, now),
  ...workloadWide(rs.spec?.template, rs.spec?.selector),
];

const printDaemonSet = (ds: DaemonSet, now: number): Cell[] => [
  ds.metadata.name ?? '',
  ds.status?.desiredNumberScheduled ?? 0,
  ds.status?.currentNumberScheduled ?? 0,
  ds.status?.numberReady ?? 0,
  ds.status?.updatedNumberScheduled ?? 0,
  ds.status?.numberAvailable ?? 0,
  formatLabels(ds.spec?.template?.spec?.nodeSelector),
  since(ds.metadata.creationTimestamp, now),
  ...workloadWide(ds.spec?.template, ds.spec?.selector),
];

function externalIP(svc: Service): string {
  const ext = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter((s) => s !== '');
      const all = [...lb, ...ext];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
  }
}

const printService = (svc: Service, now: number): Cell[] => {
  const ports = (svc.spec?.ports ?? []).map((p) =>
    p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`,
  );
  return [
    svc.metadata.name ?? '',
    svc.spec?.type ?? 'ClusterIP',
    svc.spec?.clusterIPs?.[0] ?? svc.spec?.clusterIP ?? '<none>',
    externalIP(svc),
    ports.length ? ports.join(',') : '<none>',
    since(svc.metadata.creationTimestamp, now),
    formatLabels(svc.spec?.selector),
  ];
};

export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  const add = (s: string): void => {
    if (list.length === max) more = true;
    if (!more) list.push(s);
    count++;
  };
  for (const ss of subsets) {
    const addrs = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) for (const a of addrs) add(a.ip);
    else for (const p of ss.ports) for (const a of addrs) add(`${a.ip}:${p.port}`);
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

const printEndpoints = (ep: Endpoints, now: number): Cell[] => [
  ep.metadata.name ?? '',
  formatEndpoints(ep),
  since(ep.metadata.creationTimestamp, now),
];

const printEvent = (e: Event, now: number): Cell[] => {
  const first = e.firstTimestamp ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  const last = e.lastTimestamp ? since(e.lastTimestamp, now) : first;
  const io = e.involvedObject ?? {};
  const kind = (io.kind ?? '').toLowerCase();
  const target = io.name ? `${kind}/${io.name}` : kind;
  const component = e.source?.component || e.reportingComponent || '';
  const host = e.source?.host || e.reportingInstance || '';
  const source = component === '' ? '' : host ? `${component}, ${host}` : component;
  return [
    last,
    e.type ?? '',
    e.reason ?? '',
    target,
    io.fieldPath ?? '',
    source,
    (e.message ?? '').trim(),
    first,
    e.count || 1,
    e.metadata.name ?? '',
  ];
};

const printNamespace = (ns: Namespace, now: number): Cell[] => [
  ns.metadata.name ?? '',
  ns.status?.phase ?? '',
  since(ns.metadata.creationTimestamp, now),
];

const printConfigMap = (cm: ConfigMap, now: number): Cell[] => [
  cm.metadata.name ?? '',
  Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length,
  since(cm.metadata.creationTimestamp, now),
];

const printLease = (l: Lease, now: number): Cell[] => [
  l.metadata.name ?? '',
  l.spec?.holderIdentity ?? '',
  since(l.metadata.creationTimestamp, now),
];

export const ROWS: Readonly<Record<string, RowFn>> = {
  pods: printPod,
  nodes: printNode,
  deployments: printDeployment,
  replicasets: printReplicaSet,
  daemonsets: printDaemonSet,
  services: printService,
  endpoints: printEndpoints,
  events: printEvent,
  namespaces: printNamespace,
  configmaps: printConfigMap,
  leases: printLease,
};

export function rowCells(resource: string, obj: KubeObject, now: number): Cell[] {
  const fn = ROWS[resource] as ((o: KubeObject, now: number) => Cell[]) | undefined;
  return fn ? fn(obj, now) : [obj.metadata.name ?? '', since(obj.metadata.creationTimestamp, now)];
}
