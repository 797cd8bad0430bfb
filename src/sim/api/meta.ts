// Small helpers over object metadata shared by the API server and its clients.

import type { Condition, KubeObject, OwnerReference } from './types.ts';

/**
 * Object.isFrozen(v), cheaply. Nothing in the simulation seals an object or stops its extension
 * any other way (the linter forbids it), so an object that cannot be extended is a frozen one:
 * Object.isExtensible reads a bit of the object's map, where Object.isFrozen is a runtime call
 * that walks its properties, and hot paths ask this of stored objects tens of thousands of times
 * per settle. Like Object.isFrozen, true for a primitive.
 */
export function isFrozen(v: unknown): boolean {
  return !Object.isExtensible(v);
}

/**
 * An empty array that holds heap values (objects, strings) from the start, for long-lived lists
 * made afresh in every cluster. A `[]` starts as an array of small integers and changes kind at its
 * first such element, which throws away the code V8 optimised for the arrays made there before.
 */
export function heapArray<T>(): T[] {
  return [{}].slice(1) as T[];
}

/** Freezes a JSON-like value in place (post-order), skipping already frozen subtrees. */
export function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !isFrozen(v)) {
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
    Object.freeze(v);
  }
  return v;
}

export class NotPlainError extends Error {}

/**
 * Checks that a request body is plain JSON data (objects, arrays, strings, finite numbers,
 * booleans, null) no deeper than 64 levels, and freezes it. Frozen subtrees were checked before.
 */
export function freezePlain<T>(v: T, depth = 0): T {
  if (v === null) return v;
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return v;
  if (t === 'number') {
    if (!Number.isFinite(v)) throw new NotPlainError('non-finite number');
    return v;
  }
  if (t !== 'object') throw new NotPlainError(`unsupported value of type ${t}`);
  // Most values met here are frozen subtrees of stored objects (about 38,000 in a 3,000-pod settle).
  if (isFrozen(v)) return v;
  if (depth > 64) throw new NotPlainError('object nesting too deep');
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const item: unknown = v[i];
      const frozen = freezePlain(item, depth + 1);
      if (frozen !== item) v[i] = frozen;
    }
    return Object.freeze(v);
  }
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) {
    const rec = v as Record<string, unknown>;
    let holes = false;
    // for-in (plain objects only reach here) avoids allocating a key array per object.
    for (const k in rec) {
      const x = rec[k];
      if (x === undefined) holes = true;
      else if (typeof x === 'object') {
        // A frozen child needs no call.
        if (x !== null && !isFrozen(x)) {
          const frozen = freezePlain(x, depth + 1);
          if (frozen !== x) rec[k] = frozen;
        }
      } else if (typeof x === 'number' && !Number.isFinite(x)) throw new NotPlainError('non-finite number');
      else if (typeof x === 'function' || typeof x === 'symbol' || typeof x === 'bigint')
        throw new NotPlainError(`unsupported value of type ${typeof x}`);
    }
    // JSON has no undefined: drop those keys. A copy rather than `delete`, which would leave the
    // object in V8's slow dictionary mode (about 450 bytes for a five-field reference).
    if (holes) return Object.freeze(withoutUndefined(rec, proto)) as T;
  } else throw new NotPlainError('unsupported object type');
  return Object.freeze(v);
}

function withoutUndefined(rec: Record<string, unknown>, proto: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = proto === null ? (Object.create(null) as Record<string, unknown>) : {};
  for (const k in rec) {
    const x = rec[k];
    if (x === undefined) continue;
    if (k === '__proto__')
      Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}

/** Interned "namespace/name" keys: namespace -> name -> key. */
const keys = new Map<string, Map<string, string>>();
let keyCount = 0;
const KEY_LIMIT = 500_000;

/**
 * The "namespace/name" key informers and work queues use, interned: every cache and queue that
 * holds an object shares one flat key string whose hash V8 computes once, instead of each building
 * its own (a rope that must be flattened and hashed on every map lookup).
 */
export function namespacedKey(ns: string, name: string): string {
  let byName = keys.get(ns);
  if (!byName) {
    byName = new Map();
    keys.set(ns, byName);
  }
  let k = byName.get(name);
  if (k === undefined) {
    if (keyCount >= KEY_LIMIT) {
      // A bound for very long sessions: start over (keys stay correct, only sharing is lost).
      keys.clear();
      keyCount = 0;
      byName = new Map();
      keys.set(ns, byName);
    }
    k = [ns, name].join('/');
    byName.set(name, k);
    keyCount++;
  }
  return k;
}

/** The object objectKey was last asked about, the namespace and name it had then, and its key. */
let keyedObject: KubeObject | undefined;
let keyedNs: string | undefined;
let keyedName: string | undefined;
let keyedKey = '';

export function objectKey(obj: KubeObject): string {
  const meta = obj.metadata;
  const ns = meta.namespace;
  const name = meta.name;
  // Every informer of a change asks about the same object in turn (the key follows from the
  // namespace and name alone).
  if (obj === keyedObject && ns === keyedNs && name === keyedName) return keyedKey;
  const key = ns ? namespacedKey(ns, name ?? '') : (name ?? '');
  keyedObject = obj;
  keyedNs = ns;
  keyedName = name;
  keyedKey = key;
  return key;
}

export function splitKey(key: string): { namespace: string; name: string } {
  const i = key.indexOf('/');
  return i < 0 ? { namespace: '', name: key } : { namespace: key.slice(0, i), name: key.slice(i + 1) };
}

export function controllerRef(obj: KubeObject): OwnerReference | undefined {
  // A plain loop: called for every pod event by several components.
  const refs = obj.metadata.ownerReferences;
  if (refs) for (let i = 0; i < refs.length; i++) if (refs[i]?.controller === true) return refs[i];
  return undefined;
}

/** The uid of the object's controller (what informers index pods by, and spreading counts by). */
export function controllerUid(obj: KubeObject): string | undefined {
  return controllerRef(obj)?.uid;
}

export function ownerRefTo(owner: KubeObject): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function getCondition(conds: readonly Condition[] | undefined, type: string): Condition | undefined {
  if (conds) for (let i = 0; i < conds.length; i++) if (conds[i]?.type === type) return conds[i];
  return undefined;
}

/** Replaces (or adds) one condition, keeping lastTransitionTime when the status did not change. */
export function setCondition(conds: readonly Condition[] | undefined, next: Condition): Condition[] {
  const out = [...(conds ?? [])];
  const i = out.findIndex((c) => c.type === next.type);
  const prev = i >= 0 ? out[i] : undefined;
  const merged: Condition =
    prev && prev.status === next.status && prev.lastTransitionTime
      ? { ...next, lastTransitionTime: prev.lastTransitionTime }
      : next;
  if (i >= 0) out[i] = merged;
  else out.push(merged);
  return out;
}

/** True when `o`'s enumerable keys are exactly `keys`, in that order. */
export function hasKeys(o: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) if (k !== keys[i++]) return false;
  return i === keys.length;
}
