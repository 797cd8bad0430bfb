// Label selectors: the string form kubectl sends (-l), the LabelSelector object form, and matching.

import type { LabelSelector, Labels } from './types.ts';

export type LabelOp = '=' | '!=' | 'in' | 'notin' | 'exists' | '!';

export interface Requirement {
  key: string;
  op: LabelOp;
  values: readonly string[];
}

/** A parsed selector; an empty list matches everything. `null` (nothing) matches nothing. */
export type Selector = readonly Requirement[];

export class SelectorParseError extends Error {}

/** A label key (and a taint key): an optional DNS-subdomain prefix and '/', then a name part. */
export const QUALIFIED_NAME =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
/** A label value (and a taint value), up to 63 characters. */
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
/** What the API server and kubectl say of an invalid label value. */
export const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

const KEY = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?)?$/;

function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 316)
    throw new SelectorParseError(`unable to parse requirement: invalid label key "${key}"`);
  return key;
}

function checkValue(v: string): string {
  if (!VALUE.test(v) || v.length > 63)
    throw new SelectorParseError(`unable to parse requirement: invalid label value: "${v}"`);
  return v;
}

/** Split on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** labels.Parse: "app=web,tier!=db,env in (a,b),!legacy". Throws SelectorParseError. */
export function parseLabelSelector(input: string): Selector {
  const s = input.trim();
  if (s === '') return [];
  const reqs: Requirement[] = [];
  for (const raw of splitTerms(s)) {
    const term = raw.trim();
    if (term === '') throw new SelectorParseError("unable to parse requirement: found '', expected: identifier");
    const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(term);
    if (set) {
      const values = (set[3] ?? '').split(',').map((v) => checkValue(v.trim()));
      reqs.push({ key: checkKey(set[1] ?? ''), op: set[2] === 'in' ? 'in' : 'notin', values });
      continue;
    }
    const eq = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(term);
    if (eq) {
      reqs.push({ key: checkKey(eq[1] ?? ''), op: eq[2] === '!=' ? '!=' : '=', values: [checkValue(eq[3] ?? '')] });
      continue;
    }
    if (term.startsWith('!')) {
      reqs.push({ key: checkKey(term.slice(1).trim()), op: '!', values: [] });
      continue;
    }
    reqs.push({ key: checkKey(term), op: 'exists', values: [] });
  }
  return sortRequirements(reqs);
}

function sortRequirements(reqs: Requirement[]): Requirement[] {
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** metav1.LabelSelectorAsSelector. Returns null for a nil selector (matches nothing). */
export function selectorFromObject(sel: LabelSelector | undefined | null): Selector | null {
  if (!sel) return null;
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key, op: '=', values: [value] });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort();
    const op: LabelOp =
      e.operator === 'In' ? 'in' : e.operator === 'NotIn' ? 'notin' : e.operator === 'Exists' ? 'exists' : '!';
    reqs.push({ key: e.key, op, values });
  }
  return sortRequirements(reqs);
}

export function matchesRequirement(r: Requirement, labels: Labels | undefined): boolean {
  const v = labels?.[r.key];
  switch (r.op) {
    case '=':
      return v !== undefined && v === r.values[0];
    case '!=':
      return v === undefined || v !== r.values[0];
    case 'in':
      return v !== undefined && r.values.includes(v);
    case 'notin':
      return v === undefined || !r.values.includes(v);
    case 'exists':
      return v !== undefined;
    case '!':
      return v === undefined;
  }
}

export function matchesSelector(sel: Selector | null, labels: Labels | undefined): boolean {
  if (sel === null) return false;
  for (const r of sel) if (!matchesRequirement(r, labels)) return false;
  return true;
}

/** labels.Selector.String(): the SELECTOR column and `kubectl describe` form. */
export function selectorToString(sel: Selector | null): string {
  if (sel === null) return '<none>';
  return sel
    .map((r) => {
      switch (r.op) {
        case '=':
          return `${r.key}=${r.values[0] ?? ''}`;
        case '!=':
          return `${r.key}!=${r.values[0] ?? ''}`;
        case 'in':
          return `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        case '!':
          return `!${r.key}`;
      }
    })
    .join(',');
}

/** Labels as "k=v,k2=v2" sorted by key (labels.Set.String). */
export function formatLabels(labels: Labels | undefined): string {
  if (!labels) return '<none>';
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels[k] ?? ''}`).join(',');
}

export function labelsEqual(a: Labels | undefined, b: Labels | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  for (const k of ka) if (a?.[k] !== b?.[k]) return false;
  return true;
}
