// Field selectors as kubectl sends them (--field-selector): only = / == / != on the fields each
// resource supports, like the real registry's field label conversion.

import { SelectorParseError } from './labels.ts';

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

export type FieldSelector = readonly FieldRequirement[];

export function parseFieldSelector(input: string): FieldSelector {
  const s = input.trim();
  if (s === '') return [];
  return s.split(',').map((term) => {
    const m = /^\s*([^=!\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(term);
    if (!m) throw new SelectorParseError(`invalid selector: '${input}'; can't understand '${term}'`);
    return { field: m[1] ?? '', op: m[2] === '!=' ? '!=' : '=', value: m[3] ?? '' };
  });
}

const COMMON = ['metadata.name', 'metadata.namespace'];

/** Supported field labels per resource (pkg/registry/.../strategy.go ToSelectableFields). */
export const FIELD_LABELS: Readonly<Record<string, readonly string[]>> = {
  pods: [
    ...COMMON,
    'spec.nodeName',
    'spec.restartPolicy',
    'spec.schedulerName',
    'spec.serviceAccountName',
    'spec.hostNetwork',
    'status.phase',
    'status.podIP',
    'status.nominatedNodeName',
  ],
  nodes: [...COMMON, 'spec.unschedulable'],
  events: [
    ...COMMON,
    'involvedObject.kind',
    'involvedObject.namespace',
    'involvedObject.name',
    'involvedObject.uid',
    'involvedObject.apiVersion',
    'involvedObject.resourceVersion',
    'involvedObject.fieldPath',
    'reason',
    'reportingComponent',
    'source',
    'type',
  ],
  namespaces: [...COMMON, 'status.phase'],
  replicasets: [...COMMON, 'status.replicas'],
};

export function checkFieldSelector(resource: string, sel: FieldSelector): void {
  const allowed = FIELD_LABELS[resource] ?? COMMON;
  for (const r of sel) {
    if (!allowed.includes(r.field)) throw new SelectorParseError(`field label not supported: ${r.field}`);
  }
}

function get(obj: unknown, path: string): string {
  if (path === 'source') path = 'source.component';
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return '';
    cur = (cur as Record<string, unknown>)[part];
  }
  if (cur === undefined || cur === null) return '';
  return typeof cur === 'string' ? cur : String(cur);
}

export function fieldValue(obj: unknown, field: string): string {
  return get(obj, field);
}

export function matchesFields(sel: FieldSelector, obj: unknown): boolean {
  for (const r of sel) {
    const v = get(obj, r.field);
    if (r.op === '=' ? v !== r.value : v === r.value) return false;
  }
  return true;
}
