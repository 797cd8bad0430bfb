// Validation of incoming objects, with the real field paths and messages (a useful subset).

import type {
  Container,
  Deployment,
  KubeObject,
  LabelSelector,
  PodSpec,
  PodTemplateSpec,
  ReplicaSet,
  Service,
} from '../api/types.ts';
import type { ResourceInfo } from '../api/resources.ts';
import {
  DNS1035_LABEL,
  DNS1035_LABEL_MSG,
  DNS1123_LABEL,
  DNS1123_LABEL_MSG,
  DNS1123_SUBDOMAIN_MSG,
  isDns1123Subdomain,
} from '../api/names.ts';
import { LABEL_VALUE, LABEL_VALUE_MSG, QUALIFIED_NAME, matchesSelector, selectorFromObject } from '../api/labels.ts';
import { fieldErr, type FieldError } from './status.ts';
import { isFrozen } from '../api/meta.ts';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function goMap(m: Record<string, unknown>): string {
  return `map[string]string{${Object.keys(m)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${JSON.stringify(m[k])}`)
    .join(', ')}}`;
}

/**
 * Frozen label maps already found valid: a controller's pods share their template's labels, so
 * thousands of pods check them once.
 */
const validLabels = new WeakSet<object>();

function validateLabels(labels: unknown, path: string, errs: FieldError[]): void {
  if (labels === undefined) return;
  if (!isRecord(labels)) {
    errs.push(fieldErr.invalid(path, labels, 'must be a map of strings'));
    return;
  }
  if (validLabels.has(labels)) return;
  const before = errs.length;
  checkLabels(labels, path, errs);
  if (errs.length === before && isFrozen(labels)) validLabels.add(labels);
}

function checkLabels(labels: Record<string, unknown>, path: string, errs: FieldError[]): void {
  // for-in with an own-property check visits Object.entries' keys without its arrays and iterator.
  for (const k in labels) {
    if (!Object.hasOwn(labels, k)) continue;
    const v = labels[k];
    if (!QUALIFIED_NAME.test(k) || k.length > 316)
      errs.push(
        fieldErr.invalid(
          path,
          k,
          "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
        ),
      );
    if (typeof v !== 'string') errs.push(fieldErr.invalid(`${path}`, v, 'label values must be strings'));
    else if (!LABEL_VALUE.test(v) || v.length > 63) errs.push(fieldErr.invalid(path, v, LABEL_VALUE_MSG));
  }
}

export function validateName(info: ResourceInfo, name: string, errs: FieldError[]): void {
  if (info.resource === 'namespaces' || info.resource === 'services') {
    const [re, msg] =
      info.resource === 'services' ? [DNS1035_LABEL, DNS1035_LABEL_MSG] : [DNS1123_LABEL, DNS1123_LABEL_MSG];
    if (!re.test(name) || name.length > 63) errs.push(fieldErr.invalid('metadata.name', name, msg));
  } else if (!isDns1123Subdomain(name) || name.length > 253) {
    errs.push(fieldErr.invalid('metadata.name', name, DNS1123_SUBDOMAIN_MSG));
  }
}

export function validateMeta(info: ResourceInfo, obj: KubeObject, errs: FieldError[]): void {
  validateLabels(obj.metadata.labels, 'metadata.labels', errs);
  if (obj.metadata.annotations !== undefined && !isRecord(obj.metadata.annotations))
    errs.push(fieldErr.invalid('metadata.annotations', obj.metadata.annotations, 'must be a map of strings'));
  if (obj.metadata.ownerReferences !== undefined && !Array.isArray(obj.metadata.ownerReferences))
    errs.push(fieldErr.invalid('metadata.ownerReferences', obj.metadata.ownerReferences, 'must be a list'));
  void info;
}

function validateContainer(c: unknown, path: string, errs: FieldError[], names: Set<string>): void {
  if (!isRecord(c)) {
    errs.push(fieldErr.invalid(path, c, 'must be an object'));
    return;
  }
  const ctr = c as unknown as Container;
  if (typeof ctr.name !== 'string' || ctr.name === '') errs.push(fieldErr.required(`${path}.name`));
  else if (!DNS1123_LABEL.test(ctr.name)) errs.push(fieldErr.invalid(`${path}.name`, ctr.name, DNS1123_LABEL_MSG));
  else if (names.has(ctr.name)) errs.push(fieldErr.duplicate(`${path}.name`, ctr.name));
  else names.add(ctr.name);
  if (typeof ctr.image !== 'string' || ctr.image.trim() === '') errs.push(fieldErr.required(`${path}.image`));
  if (ctr.imagePullPolicy !== undefined && !['Always', 'IfNotPresent', 'Never'].includes(ctr.imagePullPolicy))
    errs.push(
      fieldErr.notSupported(`${path}.imagePullPolicy`, ctr.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']),
    );
  if (ctr.ports !== undefined) {
    if (!Array.isArray(ctr.ports)) errs.push(fieldErr.invalid(`${path}.ports`, ctr.ports, 'must be a list'));
    else
      ctr.ports.forEach((p, i) => {
        const port = (p as { containerPort?: unknown }).containerPort;
        if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
          errs.push(
            fieldErr.invalid(`${path}.ports[${i}].containerPort`, port, 'must be between 1 and 65535, inclusive'),
          );
      });
  }
}

/**
 * Frozen (stored, immutable) pod specs already found valid. Every pod stamped from one template
 * shares one defaulted spec object, so thousands of pods validate it once.
 */
const validSpecs = new WeakSet<object>();

export function validatePodSpec(spec: unknown, path: string, errs: FieldError[]): void {
  if (!isRecord(spec)) {
    errs.push(fieldErr.required(`${path}.containers`));
    return;
  }
  if (validSpecs.has(spec)) return;
  const before = errs.length;
  checkPodSpec(spec, path, errs);
  if (errs.length === before && isFrozen(spec)) validSpecs.add(spec);
}

function checkPodSpec(spec: Record<string, unknown>, path: string, errs: FieldError[]): void {
  const s = spec as unknown as PodSpec;
  if (!Array.isArray(s.containers) || s.containers.length === 0) errs.push(fieldErr.required(`${path}.containers`));
  const names = new Set<string>();
  if (Array.isArray(s.containers))
    s.containers.forEach((c, i) => validateContainer(c, `${path}.containers[${i}]`, errs, names));
  // Init containers after the app containers, as the real validation runs: their names must
  // differ from all of them, and a container that runs to completion has no probes.
  const inits: unknown = s.initContainers;
  if (inits !== undefined && inits !== null) {
    if (!Array.isArray(inits)) errs.push(fieldErr.invalid(`${path}.initContainers`, inits, 'must be a list'));
    else
      inits.forEach((c: unknown, i) => {
        const at = `${path}.initContainers[${i}]`;
        validateContainer(c, at, errs, names);
        if (!isRecord(c)) return;
        for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
          if (c[probe] !== undefined && c[probe] !== null)
            errs.push(
              fieldErr.forbidden(`${at}.${probe}`, 'may not be set for init containers without restartPolicy=Always'),
            );
      });
  }
  if (s.restartPolicy !== undefined && !['Always', 'OnFailure', 'Never'].includes(s.restartPolicy))
    errs.push(fieldErr.notSupported(`${path}.restartPolicy`, s.restartPolicy, ['Always', 'OnFailure', 'Never']));
  if (s.nodeSelector !== undefined) validateLabels(s.nodeSelector, `${path}.nodeSelector`, errs);
  if (s.tolerations !== undefined && !Array.isArray(s.tolerations))
    errs.push(fieldErr.invalid(`${path}.tolerations`, s.tolerations, 'must be a list'));
}

function validateSelectorAndTemplate(sel: unknown, template: unknown, errs: FieldError[]): void {
  if (!isRecord(sel)) {
    errs.push(fieldErr.required('spec.selector'));
  } else {
    const ls = sel as LabelSelector;
    if (Object.keys(ls.matchLabels ?? {}).length === 0 && (ls.matchExpressions ?? []).length === 0)
      errs.push(fieldErr.invalid('spec.selector', 'null', 'empty selector is invalid for deployment'));
  }
  if (!isRecord(template)) {
    errs.push(fieldErr.required('spec.template'));
    return;
  }
  const t = template as unknown as PodTemplateSpec;
  const labels = (t.metadata?.labels ?? {}) as Record<string, string>;
  validateLabels(labels, 'spec.template.metadata.labels', errs);
  if (isRecord(sel)) {
    try {
      if (!matchesSelector(selectorFromObject(sel as LabelSelector), labels))
        errs.push({
          type: 'FieldValueInvalid',
          field: 'spec.template.metadata.labels',
          message: `Invalid value: ${goMap(labels)}: \`selector\` does not match template \`labels\``,
        });
    } catch {
      errs.push(fieldErr.invalid('spec.selector', 'selector', 'invalid selector'));
    }
  }
  validatePodSpec(t.spec, 'spec.template.spec', errs);
}

function validateReplicas(v: unknown, errs: FieldError[]): void {
  if (v === undefined) return;
  if (typeof v !== 'number' || !Number.isInteger(v))
    errs.push(fieldErr.invalid('spec.replicas', v, 'must be an integer'));
  else if (v < 0) errs.push(fieldErr.invalid('spec.replicas', v, 'must be greater than or equal to 0'));
}

/** Deployment and ReplicaSet specs found valid (stored once frozen, so unchanged since). */
const validWorkloads = new WeakSet<object>();

export function validateObject(info: ResourceInfo, obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  validateMeta(info, obj, errs);
  const spec = (obj as { spec?: unknown }).spec;
  switch (info.kind) {
    case 'Pod':
      validatePodSpec(spec, 'spec', errs);
      break;
    case 'Deployment':
    case 'ReplicaSet': {
      const d = obj as Deployment | ReplicaSet;
      if (!isRecord(d.spec)) {
        errs.push(fieldErr.required('spec.selector'), fieldErr.required('spec.template'));
        break;
      }
      // A stored spec kept by an update (a patch of metadata, say) was found valid when written.
      if (validWorkloads.has(d.spec) && isFrozen(d.spec)) break;
      const before = errs.length;
      validateReplicas(d.spec.replicas, errs);
      validateSelectorAndTemplate(d.spec.selector, d.spec.template, errs);
      if (errs.length === before) validWorkloads.add(d.spec);
      break;
    }
    case 'DaemonSet': {
      const ds = spec as { selector?: unknown; template?: unknown } | undefined;
      validateSelectorAndTemplate(ds?.selector, ds?.template, errs);
      break;
    }
    case 'Service': {
      const s = obj as Service;
      if (!isRecord(s.spec)) {
        errs.push(fieldErr.required('spec.ports'));
        break;
      }
      const type = String(s.spec.type ?? 'ClusterIP');
      if (!['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type))
        errs.push(fieldErr.notSupported('spec.type', type, ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort']));
      if (
        type !== 'ExternalName' &&
        (!Array.isArray(s.spec.ports) || s.spec.ports.length === 0) &&
        s.spec.clusterIP !== 'None'
      )
        errs.push(fieldErr.required('spec.ports'));
      (Array.isArray(s.spec.ports) ? s.spec.ports : []).forEach((p, i) => {
        if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535)
          errs.push(fieldErr.invalid(`spec.ports[${i}].port`, p.port, 'must be between 1 and 65535, inclusive'));
      });
      if (s.spec.selector !== undefined) validateLabels(s.spec.selector, 'spec.selector', errs);
      break;
    }
    case 'ConfigMap': {
      const data = (obj as { data?: unknown }).data;
      if (data !== undefined && !isRecord(data)) errs.push(fieldErr.invalid('data', data, 'must be a map of strings'));
      else
        for (const [k, v] of Object.entries(data ?? {}))
          if (typeof v !== 'string') errs.push(fieldErr.invalid(`data[${k}]`, v, 'must be a string'));
      break;
    }
    default:
      break;
  }
  return errs;
}
