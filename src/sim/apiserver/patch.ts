// PATCH bodies: JSON merge patch (RFC 7386), a strategic merge patch that merges lists of named
// objects (containers, env, ports) by key like kubectl's `set image`, and JSON patch (RFC 6902).

export class PatchError extends Error {}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function mergePatch(target: unknown, patch: unknown, strategic: boolean): unknown {
  if (!isObj(patch)) return patch;
  const out: Record<string, unknown> = isObj(target) ? { ...target } : {};
  // for-in with an own-property check visits Object.entries' keys without its arrays and iterator.
  for (const k in patch) {
    if (!Object.hasOwn(patch, k)) continue;
    const v = patch[k];
    if (k === '$patch' || k.startsWith('$setElementOrder')) continue;
    if (v === null) delete out[k];
    else if (strategic && Array.isArray(v) && Array.isArray(out[k])) out[k] = mergeList(out[k] as unknown[], v);
    else out[k] = mergePatch(out[k], v, strategic);
  }
  return out;
}

function mergeKey(items: readonly unknown[]): string | undefined {
  if (items.length === 0 || !items.every(isObj)) return undefined;
  for (const key of ['name', 'containerPort', 'port', 'type', 'ip']) {
    if ((items as Record<string, unknown>[]).every((i) => i[key] !== undefined)) return key;
  }
  return undefined;
}

function mergeList(target: unknown[], patch: unknown[]): unknown[] {
  const key = mergeKey(patch);
  if (!key || !target.every(isObj)) return patch;
  const out = [...target] as Record<string, unknown>[];
  for (const p of patch as Record<string, unknown>[]) {
    const i = out.findIndex((t) => t[key] === p[key]);
    if (p['$patch'] === 'delete') {
      if (i >= 0) out.splice(i, 1);
    } else if (i >= 0) out[i] = mergePatch(out[i], p, true) as Record<string, unknown>;
    else out.push(mergePatch({}, p, true) as Record<string, unknown>);
  }
  return out;
}

function clone(v: unknown): Json {
  return JSON.parse(JSON.stringify(v ?? null)) as Json;
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new PatchError(`invalid JSON pointer: ${JSON.stringify(path)}`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function jsonPatch(target: unknown, ops: unknown): unknown {
  if (!Array.isArray(ops)) throw new PatchError('json patch must be a list of operations');
  const doc = { root: clone(target) } as { root: Json };
  for (const raw of ops) {
    if (!isObj(raw) || typeof raw['op'] !== 'string' || typeof raw['path'] !== 'string')
      throw new PatchError('invalid operation');
    const op = raw['op'];
    const parts = ['root', ...parsePointer(raw['path'])];
    const last = parts.pop() as string;
    let parent: Json = doc as unknown as Json;
    for (const p of parts) {
      const next: Json | undefined = Array.isArray(parent)
        ? parent[Number(p)]
        : isObj(parent)
          ? (parent as Record<string, Json>)[p]
          : undefined;
      if (next === undefined || next === null || typeof next !== 'object')
        throw new PatchError(`doc is missing path: "${String(raw['path'])}"`);
      parent = next;
    }
    const value = clone(raw['value']);
    if (Array.isArray(parent)) {
      const idx = last === '-' ? parent.length : Number(last);
      if (!Number.isInteger(idx) || idx < 0 || idx > parent.length)
        throw new PatchError(`invalid array index: ${last}`);
      if (op === 'add') parent.splice(idx, 0, value);
      else if (op === 'remove') parent.splice(idx, 1);
      else if (op === 'replace') parent[idx] = value;
      else if (op === 'test') {
        if (JSON.stringify(parent[idx]) !== JSON.stringify(value)) throw new PatchError('testing value failed');
      } else throw new PatchError(`unsupported operation: ${op}`);
    } else if (isObj(parent)) {
      const rec = parent as Record<string, Json>;
      if (op === 'add' || op === 'replace') {
        if (op === 'replace' && !(last in rec))
          throw new PatchError(`replace operation does not apply: doc is missing key: ${raw['path']}`);
        rec[last] = value;
      } else if (op === 'remove') {
        if (!(last in rec))
          throw new PatchError(`remove operation does not apply: doc is missing path: "${raw['path']}"`);
        delete rec[last];
      } else if (op === 'test') {
        if (JSON.stringify(rec[last]) !== JSON.stringify(value)) throw new PatchError('testing value failed');
      } else throw new PatchError(`unsupported operation: ${op}`);
    } else throw new PatchError(`doc is missing path: "${String(raw['path'])}"`);
  }
  return doc.root;
}
