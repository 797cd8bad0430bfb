// kubectl describe node: identity, taints, conditions, addresses, capacity, system info, the
// pods on the node with their requests, the allocated-resources summary and events.

import type { Container, Event, Node, Pod } from '../../index.ts';
import { parseQuantity } from '../../index.ts';
import { DescribeWriter, describeEvents, since, time1123 } from './writer.ts';

function roles(node: Node): string {
  const r = Object.keys(node.metadata.labels ?? {})
    .filter((k) => k.startsWith('node-role.kubernetes.io/'))
    .map((k) => k.slice('node-role.kubernetes.io/'.length))
    .sort();
  return r.join(',') || '<none>';
}

const milliCpu = (q: string | undefined) => Math.round((parseQuantity(q) ?? 0) * 1000);
const bytes = (q: string | undefined) => Math.round(parseQuantity(q) ?? 0);

function pct(used: number, total: number): string {
  return total > 0 ? `${Math.trunc((used * 100) / total)}%` : '0%';
}

function cpuText(m: number): string {
  return m === 0 ? '0' : m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

function memText(b: number): string {
  if (b === 0) return '0';
  const units: Array<[string, number]> = [
    ['Gi', 1024 ** 3],
    ['Mi', 1024 ** 2],
    ['Ki', 1024],
  ];
  for (const [u, n] of units) if (b % n === 0) return `${b / n}${u}`;
  return String(b);
}

export function describeNode(
  node: Node,
  pods: readonly Pod[],
  events: readonly Event[],
  now: number,
  lease?: { holderIdentity?: string; renewTime?: string },
): string {
  const w = new DescribeWriter();
  const m = node.metadata;
  const st = node.status ?? {};
  w.line(0, `Name:\t${m.name ?? ''}`);
  w.line(0, `Roles:\t${roles(node)}`);
  w.labels(0, 'Labels', m.labels);
  w.annotations(0, 'Annotations', m.annotations);
  w.line(0, `CreationTimestamp:\t${time1123(m.creationTimestamp)}`);
  w.multiline(
    0,
    'Taints',
    (node.spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
  );
  w.line(0, `Unschedulable:\t${node.spec.unschedulable ? 'true' : 'false'}`);
  w.line(0, 'Lease:');
  w.line(1, `HolderIdentity:\t${lease?.holderIdentity ?? '<unset>'}`);
  w.line(1, 'AcquireTime:\t<unset>');
  w.line(1, `RenewTime:\t${lease?.renewTime ? time1123(lease.renewTime) : '<unset>'}`);
  if (st.conditions?.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage');
    w.line(1, '----\t------\t-----------------\t------------------\t------\t-------');
    for (const c of st.conditions)
      w.line(
        1,
        `${c.type} \t${c.status} \t${time1123(c.lastHeartbeatTime)} \t${time1123(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}`,
      );
  }
  w.line(0, 'Addresses:');
  for (const a of st.addresses ?? []) w.line(1, `${a.type}:\t${a.address}`);
  for (const [title, res] of [
    ['Capacity', st.capacity],
    ['Allocatable', st.allocatable],
  ] as const) {
    if (!res) continue;
    w.line(0, `${title}:`);
    for (const k of Object.keys(res).sort()) w.line(1, `${k}:\t${res[k] ?? ''}`);
  }
  const ni = st.nodeInfo ?? {};
  w.line(0, 'System Info:');
  const info: Array<[string, string]> = [
    ['Machine ID', 'machineID'],
    ['System UUID', 'systemUUID'],
    ['Boot ID', 'bootID'],
    ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'],
    ['Operating System', 'operatingSystem'],
    ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'],
    ['Kubelet Version', 'kubeletVersion'],
    ['Kube-Proxy Version', 'kubeProxyVersion'],
  ];
  for (const [label, key] of info) w.line(1, `${label}:\t${ni[key] ?? ''}`);
  if (node.spec.podCIDR) w.line(0, `PodCIDR:\t${node.spec.podCIDR}`);
  if (node.spec.podCIDRs?.length) w.line(0, `PodCIDRs:\t${node.spec.podCIDRs.join(',')}`);
  if (node.spec.providerID) w.line(0, `ProviderID:\t${node.spec.providerID}`);
  const running = pods.filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const allocCpu = milliCpu(st.allocatable?.['cpu']);
  const allocMem = bytes(st.allocatable?.['memory']);
  let reqCpu = 0;
  let limCpu = 0;
  let reqMem = 0;
  let limMem = 0;
  w.line(0, `Non-terminated Pods:\t(${running.length} in total)`);
  w.line(1, 'Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge');
  w.line(1, '---------\t----\t------------\t----------\t---------------\t-------------\t---');
  for (const p of running) {
    const of = (c: Container, kind: 'requests' | 'limits', r: 'cpu' | 'memory') =>
      r === 'cpu' ? milliCpu(c.resources?.[kind]?.[r]) : bytes(c.resources?.[kind]?.[r]);
    // The app containers' sum, or the largest init container's if that is more: they run first.
    const sum = (kind: 'requests' | 'limits', r: 'cpu' | 'memory') =>
      Math.max(
        p.spec.containers.reduce((n, c) => n + of(c, kind, r), 0),
        ...(p.spec.initContainers ?? []).map((c) => of(c, kind, r)),
      );
    const rc = sum('requests', 'cpu');
    const lc = sum('limits', 'cpu');
    const rm = sum('requests', 'memory');
    const lm = sum('limits', 'memory');
    reqCpu += rc;
    limCpu += lc;
    reqMem += rm;
    limMem += lm;
    w.line(
      1,
      `${p.metadata.namespace ?? ''}\t${p.metadata.name ?? ''}\t${cpuText(rc)} (${pct(rc, allocCpu)})\t${cpuText(lc)} (${pct(lc, allocCpu)})\t${memText(rm)} (${pct(rm, allocMem)})\t${memText(lm)} (${pct(lm, allocMem)})\t${since(now, p.metadata.creationTimestamp)}`,
    );
  }
  w.line(0, 'Allocated resources:');
  w.line(1, '(Total limits may be over 100 percent, i.e., overcommitted.)');
  w.line(1, 'Resource\tRequests\tLimits');
  w.line(1, '--------\t--------\t------');
  w.line(1, `cpu\t${cpuText(reqCpu)} (${pct(reqCpu, allocCpu)})\t${cpuText(limCpu)} (${pct(limCpu, allocCpu)})`);
  w.line(1, `memory\t${memText(reqMem)} (${pct(reqMem, allocMem)})\t${memText(limMem)} (${pct(limMem, allocMem)})`);
  w.line(1, 'ephemeral-storage\t0 (0%)\t0 (0%)');
  w.line(1, 'hugepages-1Gi\t0 (0%)\t0 (0%)');
  w.line(1, 'hugepages-2Mi\t0 (0%)\t0 (0%)');
  describeEvents(w, events, now);
  return w.toString();
}
