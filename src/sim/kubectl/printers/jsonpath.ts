// The JSONPath template dialect of `kubectl -o jsonpath=...` and `--sort-by`: literal text,
// `{.a.b}`, `{.items[*].metadata.name}`, `[n]`, `[a:b]`, `[*]`, `..name`, `['key']`, filters
// `[?(@.type=="Ready")]`, `{range ...}{end}` and `{"\n"}`. Missing keys print nothing, as
// kubectl's --allow-missing-template-keys=true does.

import { JsonPathError } from './jsonpath-error.ts';

export { JsonPathError };

type Step =
  | { k: 'field'; name: string }
  | { k: 'recurse'; name: string }
  | { k: 'index'; start?: number; end?: number; single: boolean }
  | { k: 'all' }
  | { k: 'filter'; path: Step[]; op?: string; value?: string | number | boolean };

type Node = { k: 'text'; v: string } | { k: 'expr'; steps: Step[] } | { k: 'range'; steps: Step[]; body: Node[] };

export function parseTemplate(tmpl: string): Node[] {
  const root: Node[] = [];
  const stack: Node[][] = [root];
  let i = 0;
  const top = () => stack[stack.length - 1] ?? root;
  while (i < tmpl.length) {
    const open = tmpl.indexOf('{', i);
    if (open < 0) {
      top().push({ k: 'text', v: tmpl.slice(i) });
      break;
    }
    if (open > i) top().push({ k: 'text', v: tmpl.slice(i, open) });
    const close = findClose(tmpl, open);
    if (close < 0) throw new JsonPathError('unclosed action');
    const inner = tmpl.slice(open + 1, close).trim();
    i = close + 1;
    if (inner === 'end') {
      if (stack.length === 1) throw new JsonPathError('not in range, nothing to end');
      stack.pop();
    } else if (inner.startsWith('range ')) {
      const node: Node = { k: 'range', steps: parsePath(inner.slice(6).trim()), body: [] };
      top().push(node);
      stack.push(node.body);
    } else if (/^".*"$/s.test(inner) || /^'.*'$/s.test(inner)) {
      top().push({ k: 'text', v: unquote(inner) });
    } else top().push({ k: 'expr', steps: parsePath(inner) });
  }
  if (stack.length > 1) throw new JsonPathError('unclosed range');
  return root;
}

function findClose(s: string, open: number): number {
  let quote = '';
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === '\\') j++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '}') return j;
  }
  return -1;
}

function unquote(s: string): string {
  const body = s.slice(1, -1);
  return body.replace(/\\(.)/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c));
}

function parsePath(src: string): Step[] {
  let p = src;
  if (p.startsWith('$')) p = p.slice(1);
  else if (p.startsWith('@')) p = p.slice(1);
  const steps: Step[] = [];
  let i = 0;
  while (i < p.length) {
    const c = p[i];
    if (p.startsWith('..', i)) {
      const m = /^[A-Za-z0-9_\-/]+/.exec(p.slice(i + 2));
      if (!m) throw new JsonPathError(`invalid recursive descent in ${src}`);
      steps.push({ k: 'recurse', name: m[0] });
      i += 2 + m[0].length;
    } else if (c === '.') {
      const m = /^[A-Za-z0-9_\-/\\.]*?(?=\.|\[|$)/.exec(p.slice(i + 1));
      const name = (m?.[0] ?? '').replace(/\\\./g, '.');
      if (name) steps.push({ k: 'field', name });
      i += 1 + (m?.[0].length ?? 0);
    } else if (c === '[') {
      const end = matchingBracket(p, i);
      if (end < 0) throw new JsonPathError('unclosed array expect ]');
      steps.push(parseBracket(p.slice(i + 1, end), src));
      i = end + 1;
    } else if (/[A-Za-z_]/.test(c ?? '') && i === 0) {
      const m = /^[A-Za-z0-9_\-/]+/.exec(p);
      steps.push({ k: 'field', name: m?.[0] ?? '' });
      i += m?.[0].length ?? 1;
    } else throw new JsonPathError(`unrecognized character in action: ${JSON.stringify(c)}`);
  }
  return steps;
}

function matchingBracket(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let j = open; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return j;
  }
  return -1;
}

function parseBracket(inner: string, src: string): Step {
  const s = inner.trim();
  if (s === '*') return { k: 'all' };
  if (/^'.*'$/.test(s) || /^".*"$/.test(s)) return { k: 'field', name: s.slice(1, -1) };
  if (/^-?\d+$/.test(s)) return { k: 'index', start: Number(s), single: true };
  const slice = /^(-?\d*):(-?\d*)$/.exec(s);
  if (slice) {
    return {
      k: 'index',
      start: slice[1] ? Number(slice[1]) : undefined,
      end: slice[2] ? Number(slice[2]) : undefined,
      single: false,
    };
  }
  const f = /^\?\((.*)\)$/.exec(s);
  if (f) {
    const m = /^(@[^=!<>\s]*)\s*(==|!=|<=|>=|<|>)\s*(.+)$/.exec((f[1] ?? '').trim());
    if (!m) return { k: 'filter', path: parsePath((f[1] ?? '').trim()) };
    const raw = (m[3] ?? '').trim();
    const value = /^['"].*['"]$/.test(raw)
      ? raw.slice(1, -1)
      : raw === 'true'
        ? true
        : raw === 'false'
          ? false
          : Number(raw);
    return { k: 'filter', path: parsePath(m[1] ?? '@'), op: m[2], value };
  }
  throw new JsonPathError(`invalid array index ${inner} in ${src}`);
}

function evalSteps(data: unknown[], steps: Step[]): unknown[] {
  let cur = data;
  for (const st of steps) {
    const next: unknown[] = [];
    for (const v of cur) apply(v, st, next);
    cur = next;
  }
  return cur;
}

function apply(v: unknown, st: Step, out: unknown[]): void {
  if (st.k === 'field') {
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && st.name in v)
      out.push((v as Record<string, unknown>)[st.name]);
  } else if (st.k === 'recurse') {
    const walk = (x: unknown) => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (typeof x === 'object' && x !== null) {
        const o = x as Record<string, unknown>;
        if (st.name in o) out.push(o[st.name]);
        Object.values(o).forEach(walk);
      }
    };
    walk(v);
  } else if (st.k === 'all') {
    if (Array.isArray(v)) out.push(...(v as unknown[]));
    else if (typeof v === 'object' && v !== null) out.push(...Object.values(v));
  } else if (st.k === 'index') {
    if (!Array.isArray(v)) return;
    const arr = v as unknown[];
    const norm = (n: number) => (n < 0 ? arr.length + n : n);
    if (st.single) {
      const idx = norm(st.start ?? 0);
      if (idx >= 0 && idx < arr.length) out.push(arr[idx]);
    } else out.push(...arr.slice(norm(st.start ?? 0), st.end === undefined ? undefined : norm(st.end)));
  } else {
    if (!Array.isArray(v)) return;
    for (const item of v as unknown[]) {
      const got = evalSteps([item], st.path);
      if (st.op === undefined ? got.length > 0 : got.some((g) => compare(g, st.op ?? '==', st.value))) out.push(item);
    }
  }
}

function compare(a: unknown, op: string, b: unknown): boolean {
  const x = typeof b === 'number' && typeof a === 'string' && a !== '' ? Number(a) : a;
  switch (op) {
    case '==':
      return x === b;
    case '!=':
      return x !== b;
    case '<':
      return (x as number) < (b as number);
    case '>':
      return (x as number) > (b as number);
    case '<=':
      return (x as number) <= (b as number);
    default:
      return (x as number) >= (b as number);
  }
}

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return '';
  return goJson(v);
}

/** Maps and lists as kubectl prints them, with Go's json.Marshal: compact, map keys sorted. */
function goJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(o[k])}`).join(',')}}`;
}

function render(nodes: Node[], data: unknown): string {
  let s = '';
  for (const n of nodes) {
    if (n.k === 'text') s += n.v;
    else if (n.k === 'expr') s += evalSteps([data], n.steps).map(text).join(' ');
    else {
      const items = evalSteps([data], n.steps);
      const list = items.length === 1 && Array.isArray(items[0]) ? (items[0] as unknown[]) : items;
      for (const item of list) s += render(n.body, item);
    }
  }
  return s;
}

/** Executes a kubectl JSONPath template against an object. */
export function jsonpath(tmpl: string, data: unknown): string {
  return render(parseTemplate(tmpl), data);
}

/** Values selected by a bare path (`.lastTimestamp`, `{.metadata.name}`) for --sort-by. */
export function selectPath(path: string, data: unknown): unknown[] {
  const p = path.trim().replace(/^\{(.*)\}$/s, '$1');
  return evalSteps([data], parsePath(p.startsWith('.') || p.startsWith('$') || p.startsWith('@') ? p : `.${p}`));
}
