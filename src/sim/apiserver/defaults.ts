// Defaulting, as the real API server's SetDefaults_* functions and the DefaultTolerationSeconds
// admission plugin do it. Inputs are never mutated; pod specs are memoised per (frozen) input so
// every pod stamped from the same template shares one defaulted spec.

import type {
  Container,
  DaemonSet,
  Deployment,
  KubeObject,
  Namespace,
  Pod,
  PodSpec,
  PodTemplateSpec,
  ReplicaSet,
  Service,
  Toleration,
} from '../api/types.ts';
import { isFrozen } from '../api/meta.ts';

export function pullPolicyFor(image: string): 'Always' | 'IfNotPresent' {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const colon = image.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'Always';
  return image.slice(colon + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Container): Container {
  if (c.imagePullPolicy && c.terminationMessagePath && c.terminationMessagePolicy && c.resources) return c;
  return {
    ...c,
    resources: c.resources ?? {},
    terminationMessagePath: c.terminationMessagePath ?? '/dev/termination-log',
    terminationMessagePolicy: c.terminationMessagePolicy ?? 'File',
    imagePullPolicy: c.imagePullPolicy ?? pullPolicyFor(typeof c.image === 'string' ? c.image : ''),
    ...(c.ports ? { ports: c.ports.map((p) => (p.protocol ? p : { ...p, protocol: 'TCP' })) } : {}),
  };
}

const NOT_READY: Toleration = {
  key: 'node.kubernetes.io/not-ready',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};
const UNREACHABLE: Toleration = {
  key: 'node.kubernetes.io/unreachable',
  operator: 'Exists',
  effect: 'NoExecute',
  tolerationSeconds: 300,
};

function hasToleration(ts: readonly Toleration[], key: string): boolean {
  return ts.some(
    (t) =>
      (t.key === key || (t.key === undefined && t.operator === 'Exists')) && (t.effect === 'NoExecute' || !t.effect),
  );
}

/**
 * The default securityContext, one frozen `{}` (stored specs are frozen anyway): a fresh `{}` here and
 * frozen ones from stored templates would give the field two shapes, and the second, first seen in
 * a new cluster, throws away the compiled code of every function that read the field.
 */
const NO_SECURITY_CONTEXT = Object.freeze({});

/**
 * Specs and templates this file built: defaulting them again gives the same values. Once frozen
 * (stored) they are kept as they are, so an update that leaves them alone keeps the stored objects,
 * which the generation check, validation and freezing then pass over by identity.
 */
const defaulted = new WeakSet<object>();

function isDefaulted(v: object): boolean {
  return isFrozen(v) && defaulted.has(v);
}

const templateMemo = new WeakMap<object, PodSpec>();
const podMemo = new WeakMap<object, PodSpec>();

export function defaultPodSpec(spec: PodSpec, forPod: boolean): PodSpec {
  // A Deployment's template spec, given to its ReplicaSet, is kept (and so shared).
  if (!forPod && isDefaulted(spec)) return spec;
  const memo = forPod ? podMemo : templateMemo;
  const cached = memo.get(spec);
  if (cached) return cached;
  const containers = Array.isArray(spec.containers) ? spec.containers.map(defaultContainer) : spec.containers;
  const out: PodSpec = {
    ...spec,
    containers,
    restartPolicy: spec.restartPolicy ?? 'Always',
    terminationGracePeriodSeconds: spec.terminationGracePeriodSeconds ?? 30,
    dnsPolicy: spec.dnsPolicy ?? 'ClusterFirst',
    serviceAccountName: spec.serviceAccountName ?? 'default',
    securityContext: spec.securityContext ?? NO_SECURITY_CONTEXT,
    schedulerName: spec.schedulerName ?? 'default-scheduler',
    enableServiceLinks: spec.enableServiceLinks ?? true,
    preemptionPolicy: spec.preemptionPolicy ?? 'PreemptLowerPriority',
  };
  if (spec.initContainers) out.initContainers = spec.initContainers.map(defaultContainer);
  if (forPod) {
    out.priority =
      spec.priority ??
      (spec.priorityClassName === 'system-node-critical'
        ? 2000001000
        : spec.priorityClassName === 'system-cluster-critical'
          ? 2000000000
          : 0);
    // Pushed into a `[]`, not a copy of the given list: a copy of an empty list is an array of
    // small integers, which the first push turns into one of objects, and the code optimised for
    // the other pods' arrays is thrown away at each new cluster's first template without tolerations.
    const tol: Toleration[] = [];
    tol.push(...(spec.tolerations ?? []));
    if (!hasToleration(tol, NOT_READY.key ?? '')) tol.push(NOT_READY);
    if (!hasToleration(tol, UNREACHABLE.key ?? '')) tol.push(UNREACHABLE);
    out.tolerations = tol;
  }
  if (isFrozen(spec)) memo.set(spec, out);
  if (!forPod) defaulted.add(out);
  return out;
}

function defaultTemplate(t: PodTemplateSpec): PodTemplateSpec {
  if (!t || typeof t !== 'object' || !t.spec || typeof t.spec !== 'object' || isDefaulted(t)) return t;
  const out = { ...t, metadata: t.metadata ?? {}, spec: defaultPodSpec(t.spec, false) };
  defaulted.add(out);
  return out;
}

const qosMemo = new WeakMap<object, string>();

/** The pod's QoS class; memoised per frozen spec (pods of one template share their spec). */
function qosClass(spec: PodSpec): string {
  let q = qosMemo.get(spec);
  if (q === undefined) {
    q = computeQosClass(spec);
    if (isFrozen(spec)) qosMemo.set(spec, q);
  }
  return q;
}

/** Whether `o` has an own enumerable key (Object.keys(o).length > 0, without the array). */
function hasAnyKey(o: object): boolean {
  for (const k in o) if (Object.hasOwn(o, k)) return true;
  return false;
}

/** Whether a limit is set for `r` and the request (if any) equals it. */
function pinned(req: Record<string, unknown>, lim: Record<string, unknown>, r: string): boolean {
  const l = lim[r];
  return l !== undefined && (req[r] === undefined || req[r] === l);
}

// Indexed loops and no key arrays: this runs for every pod whose spec is not memoised yet (a
// DaemonSet's pods each have their own), mostly unoptimised.
function computeQosClass(spec: PodSpec): string {
  let any = false;
  let guaranteed = true;
  const containers = spec.containers ?? [];
  for (let i = 0; i < containers.length; i++) {
    const res = (containers[i] as Container).resources;
    const req = res?.requests ?? {};
    const lim = res?.limits ?? {};
    if (hasAnyKey(req) || hasAnyKey(lim)) any = true;
    if (!pinned(req, lim, 'cpu') || !pinned(req, lim, 'memory')) guaranteed = false;
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** `{ phase: 'Pending', qosClass }` per QoS class, frozen: shared by every new pod of that class. */
const pendingStatuses = new Map<string, Readonly<{ phase: 'Pending'; qosClass: string }>>();

function pendingStatus(qos: string): Readonly<{ phase: 'Pending'; qosClass: string }> {
  let st = pendingStatuses.get(qos);
  if (st === undefined) {
    st = Object.freeze({ phase: 'Pending', qosClass: qos });
    pendingStatuses.set(qos, st);
  }
  return st;
}

const POD_KEYS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

/** True when a pod's keys are apiVersion, kind, metadata, spec (and status), in that order. */
export function isPodShape(p: KubeObject): boolean {
  let i = 0;
  for (const k in p) if (k !== POD_KEYS[i++]) return false;
  return i >= 4;
}

export function defaultObject(obj: KubeObject): KubeObject {
  switch (obj.kind) {
    case 'Pod': {
      const p = obj as Pod;
      if (!p.spec || typeof p.spec !== 'object') return p;
      const spec = defaultPodSpec(p.spec, true);
      const status =
        p.status === undefined
          ? pendingStatus(qosClass(spec))
          : { phase: 'Pending', qosClass: qosClass(spec), ...p.status };
      // The usual fields alone: one literal (same keys, same order) keeps all five in the object;
      // the spread would put status in a property backing store.
      if (isPodShape(p)) return { apiVersion: p.apiVersion, kind: p.kind, metadata: p.metadata, spec, status } as Pod;
      return { ...p, spec, status } as Pod;
    }
    case 'Deployment': {
      const d = obj as Deployment;
      if (!d.spec || typeof d.spec !== 'object' || isDefaulted(d.spec)) return d;
      const strategy = d.spec.strategy ?? {};
      const type = strategy.type ?? 'RollingUpdate';
      const spec = {
        ...d.spec,
        replicas: d.spec.replicas ?? 1,
        revisionHistoryLimit: d.spec.revisionHistoryLimit ?? 10,
        progressDeadlineSeconds: d.spec.progressDeadlineSeconds ?? 600,
        strategy:
          type === 'RollingUpdate'
            ? {
                type,
                rollingUpdate: {
                  maxUnavailable: strategy.rollingUpdate?.maxUnavailable ?? '25%',
                  maxSurge: strategy.rollingUpdate?.maxSurge ?? '25%',
                },
              }
            : { type },
        template: defaultTemplate(d.spec.template),
      };
      defaulted.add(spec);
      return { ...d, spec } as Deployment;
    }
    case 'ReplicaSet': {
      const r = obj as ReplicaSet;
      if (!r.spec || typeof r.spec !== 'object' || isDefaulted(r.spec)) return r;
      const spec = { ...r.spec, replicas: r.spec.replicas ?? 1, template: defaultTemplate(r.spec.template) };
      defaulted.add(spec);
      return { ...r, spec } as ReplicaSet;
    }
    case 'DaemonSet': {
      const d = obj as DaemonSet;
      if (!d.spec || typeof d.spec !== 'object') return d;
      return { ...d, spec: { ...d.spec, template: defaultTemplate(d.spec.template) } } as DaemonSet;
    }
    case 'Service': {
      const s = obj as Service;
      if (!s.spec || typeof s.spec !== 'object') return s;
      const type = s.spec.type ?? 'ClusterIP';
      const ports = Array.isArray(s.spec.ports)
        ? s.spec.ports.map((p) => ({ ...p, protocol: p.protocol ?? 'TCP', targetPort: p.targetPort ?? p.port }))
        : s.spec.ports;
      const lb = type === 'LoadBalancer' || type === 'NodePort';
      return {
        ...s,
        spec: {
          ...s.spec,
          type,
          ports,
          sessionAffinity: s.spec.sessionAffinity ?? 'None',
          ipFamilies: s.spec.ipFamilies ?? ['IPv4'],
          ipFamilyPolicy: s.spec.ipFamilyPolicy ?? 'SingleStack',
          internalTrafficPolicy: s.spec.internalTrafficPolicy ?? 'Cluster',
          ...(lb ? { externalTrafficPolicy: s.spec.externalTrafficPolicy ?? 'Cluster' } : {}),
          ...(type === 'LoadBalancer'
            ? { allocateLoadBalancerNodePorts: s.spec.allocateLoadBalancerNodePorts ?? true }
            : {}),
        },
        status: { loadBalancer: {} },
      } as Service;
    }
    case 'Namespace': {
      const n = obj as Namespace;
      const name = n.metadata.name ?? '';
      return {
        ...n,
        metadata: { ...n.metadata, labels: { ...(n.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name } },
        spec: { finalizers: n.spec?.finalizers ?? ['kubernetes'] },
        status: { phase: 'Active' },
      } as Namespace;
    }
    default:
      return obj;
  }
}
