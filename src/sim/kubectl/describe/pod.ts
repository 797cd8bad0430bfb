// kubectl describe pod, section by section as describePod prints it in kubectl 1.30.

import type { Container, ContainerState, ContainerStatus, Event, Pod } from '../../index.ts';
import { type DescribeWriter, describeEvents, since, time1123, tolerationText } from './writer.ts';
import { DescribeWriter as Writer } from './writer.ts';

interface VolumeLike {
  name: string;
  hostPath?: { path: string; type?: string };
  projected?: { sources?: unknown[]; defaultMode?: number };
  configMap?: { name?: string; optional?: boolean };
  emptyDir?: { medium?: string; sizeLimit?: string };
  secret?: { secretName?: string; optional?: boolean };
  persistentVolumeClaim?: { claimName?: string; readOnly?: boolean };
}

interface MountLike {
  name: string;
  mountPath: string;
  readOnly?: boolean;
}

export function describePod(pod: Pod, events: readonly Event[], now: number): string {
  const w = new Writer();
  const m = pod.metadata;
  const st = pod.status ?? {};
  w.line(0, `Name:\t${m.name ?? ''}`);
  w.line(0, `Namespace:\t${m.namespace ?? ''}`);
  if (pod.spec.priority !== undefined) w.line(0, `Priority:\t${pod.spec.priority}`);
  if (pod.spec.priorityClassName) w.line(0, `Priority Class Name:\t${pod.spec.priorityClassName}`);
  w.line(0, `Service Account:\t${pod.spec.serviceAccountName ?? ''}`);
  w.line(0, `Node:\t${pod.spec.nodeName ? `${pod.spec.nodeName}/${st.hostIP ?? ''}` : '<none>'}`);
  if (st.startTime) w.line(0, `Start Time:\t${time1123(st.startTime)}`);
  w.labels(0, 'Labels', m.labels);
  w.annotations(0, 'Annotations', m.annotations);
  if (m.deletionTimestamp) {
    w.line(0, `Status:\tTerminating (lasts ${since(now, m.deletionTimestamp)})`);
    w.line(0, `Termination Grace Period:\t${m.deletionGracePeriodSeconds ?? 30}s`);
  } else w.line(0, `Status:\t${st.phase ?? ''}`);
  if (st.reason) w.line(0, `Reason:\t${st.reason}`);
  if (st.message) w.line(0, `Message:\t${st.message}`);
  const seccomp = (pod.spec.securityContext?.['seccompProfile'] as { type?: string } | undefined)?.type;
  if (seccomp) w.line(0, `SeccompProfile:\t${seccomp}`);
  w.line(0, `IP:\t${st.podIP ?? ''}`);
  const ips = st.podIPs ?? [];
  if (ips.length === 0) w.line(0, 'IPs:\t<none>');
  else {
    w.line(0, 'IPs:');
    for (const ip of ips) w.line(1, `IP:\t${ip.ip}`);
  }
  const owner = m.ownerReferences?.find((o) => o.controller);
  if (owner) w.line(0, `Controlled By:\t${owner.kind}/${owner.name}`);
  if (st.nominatedNodeName) w.line(0, `NominatedNodeName:\t${st.nominatedNodeName}`);
  if (pod.spec.initContainers?.length) {
    w.line(0, 'Init Containers:');
    containers(w, pod.spec.initContainers, st.initContainerStatuses ?? []);
  }
  w.line(0, 'Containers:');
  containers(w, pod.spec.containers, st.containerStatuses ?? []);
  if (st.conditions?.length) {
    w.line(0, 'Conditions:');
    w.line(1, 'Type\tStatus');
    for (const c of st.conditions) w.line(1, `${c.type} \t${c.status} `);
  }
  volumes(w, ((pod.spec as { volumes?: VolumeLike[] }).volumes ?? []) as VolumeLike[]);
  w.line(0, `QoS Class:\t${st.qosClass ?? 'BestEffort'}`);
  w.labels(0, 'Node-Selectors', pod.spec.nodeSelector);
  w.multiline(0, 'Tolerations', (pod.spec.tolerations ?? []).map(tolerationText));
  describeEvents(w, events, now);
  return w.toString();
}

function containers(w: DescribeWriter, list: readonly Container[], statuses: readonly ContainerStatus[]): void {
  for (const c of list) {
    const s = statuses.find((x) => x.name === c.name);
    w.line(1, `${c.name}:`);
    if (s) w.line(2, `Container ID:\t${s.containerID ?? ''}`);
    w.line(2, `Image:\t${c.image}`);
    if (s) w.line(2, `Image ID:\t${s.imageID}`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`);
    w.line(2, `${ports.length > 1 ? 'Ports' : 'Port'}:\t${ports.join(', ') || '<none>'}`);
    w.line(2, `${hostPorts.length > 1 ? 'Host Ports' : 'Host Port'}:\t${hostPorts.join(', ') || '<none>'}`);
    if (c.command?.length) {
      w.line(2, 'Command:');
      for (const x of c.command) w.line(3, x);
    }
    if (c.args?.length) {
      w.line(2, 'Args:');
      for (const x of c.args) w.line(3, x);
    }
    if (s) {
      state(w, 'State', s.state);
      if (s.lastState.terminated) state(w, 'Last State', s.lastState);
      w.line(2, `Ready:\t${s.ready ? 'True' : 'False'}`);
      w.line(2, `Restart Count:\t${s.restartCount}`);
    }
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
    const mounts = ((c as { volumeMounts?: MountLike[] }).volumeMounts ?? []) as MountLike[];
    if (mounts.length === 0) w.line(2, 'Mounts:\t<none>');
    else {
      w.line(2, 'Mounts:');
      for (const mt of [...mounts].sort((a, b) => (a.mountPath < b.mountPath ? -1 : 1)))
        w.line(3, `${mt.mountPath} from ${mt.name} (${mt.readOnly ? 'ro' : 'rw'})`);
    }
  }
}

function state(w: DescribeWriter, title: string, s: ContainerState): void {
  if (s.running) {
    w.line(2, `${title}:\tRunning`);
    w.line(3, `Started:\t${time1123(s.running.startedAt)}`);
  } else if (s.waiting) {
    w.line(2, `${title}:\tWaiting`);
    if (s.waiting.reason) w.line(3, `Reason:\t${s.waiting.reason}`);
  } else if (s.terminated) {
    const t = s.terminated;
    w.line(2, `${title}:\tTerminated`);
    if (t.reason) w.line(3, `Reason:\t${t.reason}`);
    if (t.message) w.line(3, `Message:\t${t.message}`);
    w.line(3, `Exit Code:\t${t.exitCode}`);
    w.line(3, `Started:\t${time1123(t.startedAt)}`);
    w.line(3, `Finished:\t${time1123(t.finishedAt)}`);
  } else w.line(2, `${title}:\tWaiting`);
}

function volumes(w: DescribeWriter, vols: readonly VolumeLike[]): void {
  if (vols.length === 0) {
    w.line(0, 'Volumes:\t<none>');
    return;
  }
  w.line(0, 'Volumes:');
  for (const v of vols) {
    w.line(1, `${v.name}:`);
    if (v.hostPath) {
      w.line(2, 'Type:\tHostPath (bare host directory volume)');
      w.line(2, `Path:\t${v.hostPath.path}`);
      w.line(2, `HostPathType:\t${v.hostPath.type ?? ''}`);
    } else if (v.projected) {
      w.line(2, 'Type:\tProjected (a volume that contains injected data from multiple sources)');
      w.line(2, 'TokenExpirationSeconds:\t3607');
      w.line(2, 'ConfigMapName:\tkube-root-ca.crt');
      w.line(2, 'ConfigMapOptional:\t<nil>');
      w.line(2, 'DownwardAPI:\ttrue');
    } else if (v.configMap) {
      w.line(2, 'Type:\tConfigMap (a volume populated by a ConfigMap)');
      w.line(2, `Name:\t${v.configMap.name ?? ''}`);
      w.line(2, `Optional:\t${v.configMap.optional ? 'true' : 'false'}`);
    } else if (v.emptyDir) {
      w.line(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)");
      w.line(2, `Medium:\t${v.emptyDir.medium ?? ''}`);
      w.line(2, `SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}`);
    } else if (v.secret) {
      w.line(2, 'Type:\tSecret (a volume populated by a Secret)');
      w.line(2, `SecretName:\t${v.secret.secretName ?? ''}`);
      w.line(2, `Optional:\t${v.secret.optional ? 'true' : 'false'}`);
    } else if (v.persistentVolumeClaim) {
      w.line(2, 'Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
      w.line(2, `ClaimName:\t${v.persistentVolumeClaim.claimName ?? ''}`);
      w.line(2, `ReadOnly:\t${v.persistentVolumeClaim.readOnly ? 'true' : 'false'}`);
    }
  }
}
