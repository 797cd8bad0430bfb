// kubectl describe for Deployments, ReplicaSets, DaemonSets, Services, ConfigMaps, Namespaces and a
// generic fallback.

import type {
  ConfigMap,
  DaemonSet,
  Deployment,
  Event,
  Namespace,
  PodTemplateSpec,
  ReplicaSet,
  Service,
  LabelSelector,
} from '../../index.ts';
import { DescribeWriter, describeEvents, time1123, tolerationText } from './writer.ts';

export function selectorString(sel: LabelSelector | undefined): string {
  if (!sel) return '<none>';
  const parts = Object.keys(sel.matchLabels ?? {})
    .sort()
    .map((k) => `${k}=${sel.matchLabels?.[k] ?? ''}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`);
  }
  return parts.join(',') || '<none>';
}

function podTemplate(w: DescribeWriter, t: PodTemplateSpec): void {
  w.line(0, 'Pod Template:');
  w.labels(1, 'Labels', t.metadata?.labels);
  if (t.metadata?.annotations && Object.keys(t.metadata.annotations).length)
    w.annotations(1, 'Annotations', t.metadata.annotations);
  if (t.spec.serviceAccountName) w.line(1, `Service Account:\t${t.spec.serviceAccountName}`);
  w.line(1, 'Containers:');
  for (const c of t.spec.containers) {
    w.line(0, `   ${c.name}:`);
    w.line(2, `Image:\t${c.image}`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`);
    w.line(2, `${ports.length > 1 ? 'Ports' : 'Port'}:\t${ports.join(', ') || '<none>'}`);
    w.line(2, `${hostPorts.length > 1 ? 'Host Ports' : 'Host Port'}:\t${hostPorts.join(', ') || '<none>'}`);
    for (const kind of ['limits', 'requests'] as const) {
      const r = c.resources?.[kind];
      if (!r || Object.keys(r).length === 0) continue;
      w.line(2, `${kind === 'limits' ? 'Limits' : 'Requests'}:`);
      for (const k of Object.keys(r).sort()) w.line(3, `${k}:\t${r[k] ?? ''}`);
    }
    if (c.env?.length) {
      w.line(2, 'Environment:');
      for (const e of c.env) w.line(3, `${e.name}:\t${e.value ?? ''}`);
    } else w.line(2, 'Environment:\t<none>');
    w.line(2, 'Mounts:\t<none>');
  }
  w.line(1, 'Volumes:\t<none>');
  w.labels(1, 'Node-Selectors', t.spec.nodeSelector);
  w.multiline(1, 'Tolerations', (t.spec.tolerations ?? []).map(tolerationText));
}

export function describeDeployment(
  d: Deployment,
  rsList: readonly ReplicaSet[],
  events: readonly Event[],
  now: number,
): string {
  const w = new DescribeWriter();
  const m = d.metadata;
  const st = d.status ?? {};
  w.line(0, `Name:\t${m.name ?? ''}`);
  w.line(0, `Namespace:\t${m.namespace ?? ''}`);
  w.line(0, `CreationTimestamp:\t${time1123(m.creationTimestamp)}`);
  w.labels(0, 'Labels', m.labels);
  w.annotations(0, 'Annotations', m.annotations);
  w.line(0, `Selector:\t${selectorString(d.spec.selector)}`);
  const want = d.spec.replicas ?? 1;
  w.line(
    0,
    `Replicas:\t${want} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable`,
  );
  const strategy = d.spec.strategy?.type ?? 'RollingUpdate';
  w.line(0, `StrategyType:\t${strategy}`);
  w.line(0, `MinReadySeconds:\t${d.spec.minReadySeconds ?? 0}`);
  if (strategy === 'RollingUpdate') {
    const ru = d.spec.strategy?.rollingUpdate;
    w.line(
      0,
      `RollingUpdateStrategy:\t${ru?.maxUnavailable ?? '25%'} max unavailable, ${ru?.maxSurge ?? '25%'} max surge`,
    );
  }
  podTemplate(w, d.spec.template);
  if (st.conditions?.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tReason');
    w.line(1, '----\t------\t------');
    for (const c of st.conditions) w.line(1, `${c.type} \t${c.status}\t${c.reason ?? ''}`);
  }
  const owned = rsList.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === m.uid));
  const rev = (rs: ReplicaSet) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const newest = [...owned].sort((a, b) => rev(b) - rev(a))[0];
  const fmtRs = (rs: ReplicaSet) =>
    `${rs.metadata.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`;
  const old = owned.filter((rs) => rs !== newest && (rs.spec.replicas ?? 0) > 0);
  w.line(0, `OldReplicaSets:\t${old.map(fmtRs).join(', ') || '<none>'}`);
  w.line(0, `NewReplicaSet:\t${newest ? fmtRs(newest) : '<none>'}`);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeReplicaSet(
  rs: ReplicaSet,
  podPhases: readonly string[],
  events: readonly Event[],
  now: number,
): string {
  const w = new DescribeWriter();
  const m = rs.metadata;
  w.line(0, `Name:\t${m.name ?? ''}`);
  w.line(0, `Namespace:\t${m.namespace ?? ''}`);
  w.line(0, `Selector:\t${selectorString(rs.spec.selector)}`);
  w.labels(0, 'Labels', m.labels);
  w.annotations(0, 'Annotations', m.annotations);
  const owner = m.ownerReferences?.find((o) => o.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  w.line(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 0} desired`);
  const count = (p: string) => podPhases.filter((x) => x === p).length;
  w.line(
    0,
    `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`,
  );
  podTemplate(w, rs.spec.template);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeDaemonSet(
  ds: DaemonSet,
  podPhases: readonly string[],
  events: readonly Event[],
  now: number,
): string {
  const w = new DescribeWriter();
  const m = ds.metadata;
  const st = ds.status;
  const nodeSelector = ds.spec.template.spec.nodeSelector ?? {};
  w.line(0, `Name:\t${m.name ?? ''}`);
  w.line(0, `Selector:\t${selectorString(ds.spec.selector)}`);
  w.line(
    0,
    `Node-Selector:\t${
      Object.keys(nodeSelector)
        .sort()
        .map((k) => `${k}=${nodeSelector[k] ?? ''}`)
        .join(',') || '<none>'
    }`,
  );
  w.labels(0, 'Labels', m.labels);
  w.annotations(0, 'Annotations', m.annotations);
  w.line(0, `Desired Number of Nodes Scheduled: ${st?.desiredNumberScheduled ?? 0}`);
  w.line(0, `Current Number of Nodes Scheduled: ${st?.currentNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Up-to-date Pods: ${st?.updatedNumberScheduled ?? 0}`);
  w.line(0, `Number of Nodes Scheduled with Available Pods: ${st?.numberAvailable ?? 0}`);
  w.line(0, `Number of Nodes Misscheduled: ${st?.numberMisscheduled ?? 0}`);
  const count = (p: string) => podPhases.filter((x) => x === p).length;
  w.line(
    0,
    `Pods Status:\t${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`,
  );
  podTemplate(w, ds.spec.template);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeService(svc: Service, endpoints: string[], events: readonly Event[], now: number): string {
  const w = new DescribeWriter();
  const m = svc.metadata;
  const s = svc.spec;
  w.line(0, `Name:\t${m.name ?? ''}`);
  w.line(0, `Namespace:\t${m.namespace ?? ''}`);
  w.labels(0, 'Labels', m.labels);
  w.annotations(0, 'Annotations', m.annotations);
  w.labels(0, 'Selector', s.selector);
  w.line(0, `Type:\t${s.type ?? 'ClusterIP'}`);
  w.line(0, `IP Family Policy:\t${s.ipFamilyPolicy ?? 'SingleStack'}`);
  w.line(0, `IP Families:\t${(s.ipFamilies ?? ['IPv4']).join(',')}`);
  w.line(0, `IP:\t${s.clusterIP ?? ''}`);
  w.line(0, `IPs:\t${(s.clusterIPs ?? (s.clusterIP ? [s.clusterIP] : [])).join(',')}`);
  for (const p of s.ports ?? []) {
    const name = p.name || '<unset>';
    w.line(0, `Port:\t${name}\t${p.port}/${p.protocol ?? 'TCP'}`);
    w.line(0, `TargetPort:\t${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) w.line(0, `NodePort:\t${name}\t${p.nodePort}/${p.protocol ?? 'TCP'}`);
    w.line(0, `Endpoints:\t${endpoints.join(',') || '<none>'}`);
  }
  w.line(0, `Session Affinity:\t${s.sessionAffinity ?? 'None'}`);
  if (s.type === 'NodePort' || s.type === 'LoadBalancer')
    w.line(0, `External Traffic Policy:\t${s.externalTrafficPolicy ?? 'Cluster'}`);
  describeEvents(w, events, now);
  return w.toString();
}

export function describeNamespace(ns: Namespace): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${ns.metadata.name ?? ''}`);
  w.labels(0, 'Labels', ns.metadata.labels);
  w.annotations(0, 'Annotations', ns.metadata.annotations);
  w.line(0, `Status:\t${ns.status?.phase ?? 'Active'}`);
  w.line(0, '');
  w.line(0, 'No resource quota.');
  w.line(0, '');
  w.line(0, 'No LimitRange resource.');
  return w.toString();
}

export function describeConfigMap(cm: ConfigMap, events: readonly Event[], now: number): string {
  const w = new DescribeWriter();
  w.line(0, `Name:\t${cm.metadata.name ?? ''}`);
  w.line(0, `Namespace:\t${cm.metadata.namespace ?? ''}`);
  w.labels(0, 'Labels', cm.metadata.labels);
  w.annotations(0, 'Annotations', cm.metadata.annotations);
  w.line(0, '');
  w.line(0, 'Data');
  w.line(0, '====');
  for (const k of Object.keys(cm.data ?? {}).sort()) {
    w.line(0, `${k}:`);
    w.line(0, '----');
    w.line(0, cm.data?.[k] ?? '');
  }
  w.line(0, '');
  w.line(0, 'BinaryData');
  w.line(0, '====');
  for (const k of Object.keys(cm.binaryData ?? {}).sort())
    w.line(0, `${k}: ${(cm.binaryData?.[k] ?? '').length} bytes`);
  w.line(0, '');
  describeEvents(w, events, now);
  return w.toString();
}

/** Objects without a dedicated describer: metadata, then events. */
export function describeGeneric(
  obj: {
    metadata?: {
      name?: string;
      namespace?: string;
      labels?: Record<string, string>;
      annotations?: Record<string, string>;
      creationTimestamp?: string;
    };
  },
  events: readonly Event[],
  now: number,
): string {
  const w = new DescribeWriter();
  const m = obj.metadata ?? {};
  w.line(0, `Name:\t${m.name ?? ''}`);
  if (m.namespace) w.line(0, `Namespace:\t${m.namespace}`);
  w.labels(0, 'Labels', m.labels);
  w.annotations(0, 'Annotations', m.annotations);
  if (m.creationTimestamp) w.line(0, `CreationTimestamp:\t${time1123(m.creationTimestamp)}`);
  describeEvents(w, events, now);
  return w.toString();
}
