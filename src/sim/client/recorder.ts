// Event recorder (client-go record.EventRecorder): writes core/v1 Events through the API server,
// named <object>.<hex timestamp>, through client-go's EventCorrelator: a repeat of an event patches
// its count, many similar events about one object are combined, and a chatty object is throttled.

import type { KubeObject, ObjectMeta, ObjectReference } from '../api/types.ts';
import type { ApiServer } from '../apiserver/server.ts';
import type { ApiRequest, ApiResponse } from '../apiserver/request.ts';
import {
  CoreEventEntry,
  EventCountPatch,
  SeriesEventEntry,
  type EventEntry,
  type EventOrigin,
} from '../apiserver/event-entry.ts';
import type { FakeClock } from '../clock.ts';
import { rfc3339Micro } from '../clock.ts';
import type { Rand } from '../rand.ts';

export interface EventSource {
  component: string;
  host?: string;
}

interface Seen {
  name: string;
  namespace: string;
  count: number;
}

/** client-go's LRU size for each of the correlator's caches. */
const CACHE_LIMIT = 4096;
/** Aggregation: the 10th distinct message of one reason about one object within 10 minutes. */
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const COMBINED_PREFIX = '(combined from similar events): ';
/** Spam filter: a token bucket per source and object, 25 deep, refilled at one token per 5 minutes. */
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;

const HEX1 = [...'0123456789abcdef'];
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** events.k8s.io events carry no source: one shared (stored frozen) empty object. */
const NO_SOURCE = Object.freeze({});
/** events.k8s.io repeats (back-off loops, probes, retries) extend a series; one-off events are not cached. */
const REPEATING = new Set(['BackOff', 'Pulling', 'Failed', 'Unhealthy', 'FailedScheduling', 'FailedCreate', 'Killing']);

/** The logger's entry for one event: what a repeat patches. */
class Log {
  constructor(
    readonly name: string,
    readonly namespace: string,
    readonly first: string,
    readonly fieldPath: string | undefined,
    readonly message: string,
    public count: number,
  ) {}

  static of(ev: EventEntry, count: number): Log {
    return new Log(ev.name, ev.namespace, ev.firstTimestamp ?? '', ev.involvedObject.fieldPath, ev.message, count);
  }
}

/**
 * A logger entry is the stored Event (its etcd entry) itself while it has been seen once (most
 * events): the correlator keeps no copy of what the store already holds.
 */
type LogLike = Log | EventEntry;

function logMatches(l: LogLike, fieldPath: string | undefined, message: string): boolean {
  return l instanceof Log
    ? l.message === message && l.fieldPath === fieldPath
    : l.message === message && l.involvedObject.fieldPath === fieldPath;
}

/** Aggregation record of one (type, reason) about one object, with the logger entries under it. */
class Rec {
  /** Distinct messages since the record was fresh: one string until a second one arrives. */
  keys: string | Set<string>;
  logs: LogLike | LogLike[] | undefined;
  combined: Log | undefined;

  constructor(
    readonly type: string,
    readonly reason: string,
    public last: number,
    message: string,
  ) {
    this.keys = message;
  }

  /** The logger entry of an exact event, counted once more (so as a Log). */
  observe(fieldPath: string | undefined, message: string): Log | undefined {
    const i = findFew(this.logs, logMatches, fieldPath, message);
    if (i < 0) return undefined;
    const l = fewAt<LogLike>(this.logs, i);
    const log = l instanceof Log ? l : Log.of(l, 1);
    log.count++;
    this.logs = replacedFew<LogLike>(this.logs, i, log);
    return log;
  }

  add(log: LogLike): void {
    this.logs = addedFew(this.logs, log);
  }
}

/**
 * A record is the stored Event itself when that event is the only one of its type and reason about
 * the object, written once at a whole second (its lastTimestamp then gives the record's time).
 */
type RecLike = Rec | EventEntry;

/**
 * Everything the correlator remembers about one involved object. Its records: the first two in
 * fields, the others as a Few list (a pod gets three kinds of kubelet events, Pulled, Created and
 * Started: no array for them, nor the two-item one made on the way).
 */
class ObjectState {
  #r0: RecLike | undefined;
  #r1: RecLike | undefined;
  #rest: Few<RecLike>;
  /**
   * The spam filter's token bucket as one number: when it will be full again (milliseconds after the
   * recorder's start, so it stays a small integer). Taking a token moves it a refill period later;
   * a token is there while it is at most 24 periods ahead.
   */
  #fullAt: number;

  constructor(now: number) {
    this.#fullAt = now;
  }

  /** The record of a type and reason, as a (mutable) Rec. */
  find(type: string, reason: string): Rec | undefined {
    const r0 = this.#r0;
    if (r0 === undefined) return undefined;
    if (recMatches(r0, type, reason)) return r0 instanceof Rec ? r0 : (this.#r0 = recOf(r0));
    const r1 = this.#r1;
    if (r1 === undefined) return undefined;
    if (recMatches(r1, type, reason)) return r1 instanceof Rec ? r1 : (this.#r1 = recOf(r1));
    const i = findFew(this.#rest, recMatches, type, reason);
    if (i < 0) return undefined;
    const r = fewAt<RecLike>(this.#rest, i);
    const rec = r instanceof Rec ? r : recOf(r);
    this.#rest = replacedFew<RecLike>(this.#rest, i, rec);
    return rec;
  }

  add(rec: RecLike): void {
    if (this.#r0 === undefined) this.#r0 = rec;
    else if (this.#r1 === undefined) this.#r1 = rec;
    else this.#rest = addedFew(this.#rest, rec);
  }

  /** The spam filter's TryAccept at `now` (milliseconds after the recorder's start). */
  take(now: number): boolean {
    const fullAt = Math.max(this.#fullAt, now);
    if (fullAt - now > (SPAM_BURST - 1) * SPAM_REFILL_MS) return false;
    this.#fullAt = fullAt + SPAM_REFILL_MS;
    return true;
  }
}

/**
 * A short list kept as its only item until it has two (most objects get one event of each kind, so
 * most lists never become arrays), then as an array no longer than it needs to be.
 */
type Few<T> = T | T[] | undefined;

function recMatches(r: RecLike, type: string, reason: string): boolean {
  return r.type === type && r.reason === reason;
}

/** The index of the first item `match(item, a, b)` accepts, or -1. */
function findFew<T, A>(list: Few<T>, match: (item: T, a: A, b: string) => boolean, a: A, b: string): number {
  if (list === undefined) return -1;
  if (!Array.isArray(list)) return match(list, a, b) ? 0 : -1;
  for (let i = 0; i < list.length; i++) if (match(list[i] as T, a, b)) return i;
  return -1;
}

/** Item i of a list findFew found it in. */
function fewAt<T>(list: Few<T>, i: number): T {
  return Array.isArray(list) ? (list[i] as T) : (list as T);
}

/** `list` with item i replaced (an array in place). */
function replacedFew<T>(list: Few<T>, i: number, item: T): T | T[] {
  if (!Array.isArray(list)) return item;
  list[i] = item;
  return list;
}

function addedFew<T>(list: Few<T>, item: T): T | T[] {
  if (list === undefined) return item;
  if (!Array.isArray(list)) return [list, item];
  // A copy of the exact size (push would add 16 spare slots).
  const out = new Array<T>(list.length + 1);
  for (let i = 0; i < list.length; i++) out[i] = list[i] as T;
  out[list.length] = item;
  return out;
}

function recOf(ev: EventEntry): Rec {
  const rec = new Rec(ev.type, ev.reason, Date.parse(ev.lastTimestamp ?? ''), ev.message);
  rec.logs = ev;
  return rec;
}

export class EventRecorder {
  readonly #api: ApiServer;
  readonly #userAgent: string;
  /** What every event of this recorder reports about its source (core/v1 or events.k8s.io style). */
  readonly #origin: EventOrigin;
  /** The same for a combined event: client-go's aggregate copy carries no reporting fields. */
  readonly #combinedOrigin: EventOrigin;
  readonly #clock: FakeClock;
  readonly #rand: Rand;
  readonly #seen = new Map<string, Seen>();
  readonly #objects = new Map<string, ObjectState>();
  /** The entry #objects holds last (its most recently used). */
  #lastKey: string | undefined;
  #lastState: ObjectState | undefined;
  /** The clock when the recorder started: the spam filter counts from it. */
  readonly #epoch: number;
  /** events.k8s.io style (the scheduler): eventTime + reportingController, no source/count. */
  readonly #newApi: boolean;
  #baseAt = Number.NaN;
  #base = 0n;
  /** #base split at bit 32 (hex of the high part, '' if zero), so most names need no BigInt. */
  #baseHi: string | undefined;
  #baseLo = 0;

  constructor(
    api: ApiServer,
    userAgent: string,
    source: EventSource,
    clock: FakeClock,
    rand: Rand,
    opts: { newApi?: boolean } = {},
  ) {
    this.#api = api;
    this.#userAgent = userAgent;
    this.#createReq = {
      verb: 'create',
      group: '',
      version: 'v1',
      resource: 'events',
      namespace: '',
      body: undefined,
      transfer: true,
      userAgent,
    };
    this.#clock = clock;
    this.#rand = rand;
    this.#newApi = opts.newApi ?? false;
    this.#epoch = clock.now();
    // Stored frozen, without absent fields (as the API server would store them).
    const src = Object.freeze(
      source.host === undefined ? { component: source.component } : { component: source.component, host: source.host },
    );
    this.#origin = Object.freeze(
      this.#newApi
        ? {
            source: NO_SOURCE,
            reportingComponent: source.component,
            // "<component>-<host>"
            reportingInstance: [source.component, source.host ?? ''].join('-'),
          }
        : { source: src, reportingComponent: source.component, reportingInstance: source.host ?? '' },
    );
    this.#combinedOrigin = Object.freeze({ source: src, reportingComponent: '', reportingInstance: '' });
  }

  /** Hex of #base + r, as `(#base + BigInt(r)).toString(16)`. */
  #nanosHex(r: number): string {
    const lo = this.#baseLo + r;
    const hi = this.#baseHi;
    if (hi === undefined || lo >= 0x100000000) return (this.#base + BigInt(r)).toString(16);
    return hi === '' ? lo.toString(16) : hi + lo.toString(16).padStart(8, '0');
  }

  #lastInvolved: ObjectReference | undefined;

  /**
   * The involvedObject reference (`m` is obj.metadata), frozen (it is stored as it is). Consecutive
   * events about the same object version and field share one: the fields are compared, which costs
   * less than asking whether the object is frozen (a call into the runtime) to trust it unchanged.
   */
  #involved(obj: KubeObject, m: ObjectMeta, fieldPath: string | undefined): ObjectReference {
    const { namespace, name, uid, resourceVersion } = m;
    const { kind, apiVersion } = obj;
    const last = this.#lastInvolved;
    if (
      last !== undefined &&
      last.uid === uid &&
      last.resourceVersion === resourceVersion &&
      last.name === name &&
      last.namespace === namespace &&
      last.kind === kind &&
      last.apiVersion === apiVersion &&
      last.fieldPath === (fieldPath || undefined)
    )
      return last;
    let involved: ObjectReference;
    if (
      kind !== undefined &&
      apiVersion !== undefined &&
      namespace !== undefined &&
      name !== undefined &&
      uid !== undefined &&
      resourceVersion !== undefined
    ) {
      // The usual, complete reference as one literal: every field sits in the object itself
      // (added one by one, the fifth and later would need a separate property store).
      involved = fieldPath
        ? { kind, namespace, name, uid, apiVersion, resourceVersion, fieldPath }
        : { kind, namespace, name, uid, apiVersion, resourceVersion };
    } else {
      // Absent fields are left out rather than set to undefined: the API server would drop them,
      // and an object that loses keys is stored in V8's much larger dictionary mode.
      const all: Record<string, string | undefined> = {
        kind,
        namespace,
        name,
        uid,
        apiVersion,
        resourceVersion,
        fieldPath: fieldPath || undefined,
      };
      const some: Record<string, string> = {};
      for (const k in all) if (all[k] !== undefined) some[k] = all[k];
      involved = some;
    }
    Object.freeze(involved);
    this.#lastInvolved = involved;
    return involved;
  }

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    if (this.#newApi) this.#eventsApi(obj, type, reason, message, fieldPath);
    else this.#correlated(obj, type, reason, message, fieldPath);
  }

  /**
   * core/v1 events through client-go's EventCorrelator (tools/record/events_cache.go), in its order:
   * aggregate (the 10th distinct message of one reason about one object within 10 minutes becomes
   * "(combined from similar events): ..."), observe (a repeat patches the earlier event's count),
   * then the spam filter (25 events per object, then one per 5 minutes; the rest are dropped).
   */
  #correlated(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const now = this.#clock.now();
    // Read once: objects of many kinds and shapes make each read a megamorphic lookup.
    const m = obj.metadata;
    const ns = m.namespace || 'default';
    const state = this.#objectState(obj, m, now);
    const rec = state.find(type, reason);
    if (!rec) {
      // The first of its type and reason about the object: nothing to combine or count yet.
      const ev = state.take(now - this.#epoch)
        ? this.#create(obj, m, type, reason, message, fieldPath, ns, false, undefined)
        : undefined;
      if (ev && now % 1000 === 0) return state.add(ev);
      const fresh = new Rec(type, reason, now, message);
      fresh.add(ev ?? new Log(this.#name(m), ns, this.#clock.iso(), fieldPath, message, 1));
      state.add(fresh);
      return;
    }
    if (now - rec.last > AGGREGATE_INTERVAL_MS) rec.keys = message;
    else if (rec.keys !== message) {
      if (typeof rec.keys === 'string') rec.keys = new Set([rec.keys]);
      rec.keys.add(message);
    }
    rec.last = now;
    const combined = typeof rec.keys !== 'string' && rec.keys.size >= AGGREGATE_MAX_EVENTS;
    if (combined && typeof rec.keys !== 'string') {
      // PopAny: Go picks an arbitrary member; the oldest keeps the simulation deterministic.
      const first = rec.keys.values().next().value;
      if (first !== undefined) rec.keys.delete(first);
    }
    // Observe: the logger entry of this exact event (or of the combined one), counted before filtering.
    let log: LogLike | undefined;
    if (combined) {
      log = rec.combined;
      if (log) log.count++;
    } else log = rec.observe(fieldPath, message);
    const text = combined ? COMBINED_PREFIX + message : message;
    if (!state.take(now - this.#epoch)) {
      // Dropped, but the logger already knows it under the name it was given: a repeat patches
      // that name, finds nothing, and creates it then.
      if (!log) {
        const dropped = new Log(this.#name(m), ns, this.#clock.iso(), fieldPath, message, 1);
        if (combined) rec.combined = dropped;
        else rec.add(dropped);
      }
      return;
    }
    if (log) {
      const res = this.#api.handle({
        verb: 'patch',
        group: '',
        version: 'v1',
        resource: 'events',
        namespace: log.namespace,
        name: log.name,
        patchType: 'strategic',
        body: new EventCountPatch(log.count, this.#clock.iso(), text),
        userAgent: this.#userAgent,
      });
      // Gone (TTL, deleted): created again under the same name and count.
      if (res.code === 404) this.#create(obj, m, type, reason, text, fieldPath, ns, combined, log);
      return;
    }
    const ev = this.#create(obj, m, type, reason, text, fieldPath, ns, combined, undefined);
    if (combined) rec.combined = ev ? Log.of(ev, 1) : new Log(this.#name(m), ns, this.#clock.iso(), fieldPath, text, 1);
    else rec.add(ev ?? new Log(this.#name(m), ns, this.#clock.iso(), fieldPath, message, 1));
  }

  /** Creates the event (`again`: re-creates a known one under its name and count); returns it as stored. */
  #create(
    obj: KubeObject,
    m: ObjectMeta,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    fieldPath: string | undefined,
    ns: string,
    combined: boolean,
    again: Log | undefined,
  ): EventEntry | undefined {
    const involved = this.#involved(obj, m, fieldPath);
    const now = this.#clock.iso();
    const first = again ? again.first : now;
    const origin = combined ? this.#combinedOrigin : this.#origin;
    for (let attempt = 0; attempt < 3; attempt++) {
      const name = again ? again.name : this.#name(m);
      const ev = new CoreEventEntry(
        name,
        ns,
        involved,
        reason,
        message,
        origin,
        type,
        first,
        now,
        again ? again.count : 1,
      );
      const res = this.#post(ns, ev);
      if (res.code === 201) return ev;
      if (res.code !== 409 || again) return undefined;
    }
    return undefined;
  }

  /** Creates an event, handed over: the API server fills it in and stores this very entry. */
  #post(ns: string, ev: EventEntry): ApiResponse {
    const req = this.#createReq;
    if (req === undefined)
      return this.#api.handle({
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'events',
        namespace: ns,
        body: ev,
        transfer: true,
        userAgent: this.#userAgent,
      });
    // Taken while in use: an event recorded from inside this call (a nested post) builds its own.
    this.#createReq = undefined;
    req.namespace = ns;
    req.body = ev;
    const res = this.#api.handle(req);
    req.body = undefined;
    this.#createReq = req;
    return res;
  }

  /**
   * #post's request, filled in for each event: the API server reads a request only during the call
   * (it keeps the body, never the request), so one object serves every create. Undefined while in use.
   */
  #createReq: ApiRequest | undefined;

  /** `<object>.<hex nanoseconds>`, the sub-millisecond digits drawn from the seeded PRNG. */
  #name(m: ObjectMeta): string {
    const nowMs = this.#clock.now();
    if (nowMs !== this.#baseAt) this.#setBase(nowMs);
    const r = this.#rand.int(1_000_000);
    const name = m.name ?? '';
    const lo = this.#baseLo + r;
    const hi = this.#baseHi;
    // join() keeps the name one flat string (a concatenation this long would be a rope).
    if (hi === undefined || hi === '' || lo >= 0x100000000) return [name, this.#nanosHex(r)].join('.');
    const x = lo & 0xfffff;
    // The parts go into one array kept for it, the last five digits as table strings: join then
    // allocates only its buffer and the name (no array literal, no intermediate suffix strings).
    const parts = this.#parts;
    parts[0] = name;
    parts[1] = lo >>> 20 === this.#q0 ? this.#prefix0 : this.#prefix1;
    parts[2] = HEX2[x >>> 12] as string;
    parts[3] = HEX2[(x >>> 4) & 0xff] as string;
    parts[4] = HEX1[x & 0xf] as string;
    return parts.join('');
  }

  /** #name's parts: the object's name, its '.'-prefix and the last five hex digits (2 + 2 + 1). */
  readonly #parts = ['', '', '', '', ''];

  /**
   * The hex of a tick's nanoseconds (#base + r) is the high word's, then the low word's eight
   * digits. Its top three digits are one of two (r < 2^20 carries into them at most once), so the
   * name's '.'-prefix up to them is made for both once per tick: #q0 (the top three of #base) or one more.
   */
  #q0 = -1;
  #prefix0 = '';
  #prefix1 = '';

  #setBase(nowMs: number): void {
    this.#baseAt = nowMs;
    this.#base = BigInt(nowMs) * 1000000n;
    const fast = Number.isSafeInteger(nowMs) && nowMs >= 0;
    const hi = this.#base >> 32n;
    const hex = fast ? (hi === 0n ? '' : hi.toString(16)) : undefined;
    this.#baseHi = hex;
    this.#baseLo = Number(this.#base & 0xffffffffn);
    if (!hex) return;
    const q = this.#baseLo >>> 20;
    this.#q0 = q;
    this.#prefix0 = '.' + hex + q.toString(16).padStart(3, '0');
    // (q + 1 = 0x1000 only for names past the low word, which #nanosHex makes.)
    this.#prefix1 = '.' + hex + (q + 1).toString(16).padStart(3, '0');
  }

  /** The correlator's state for one involved object (client-go keys its caches by source + object). */
  #objectState(obj: KubeObject, m: ObjectMeta, now: number): ObjectState {
    const key = m.uid ?? `${obj.kind}/${m.namespace ?? ''}/${m.name ?? ''}`;
    // Already the most recently used (events about one object come in runs): nothing to reorder.
    if (key === this.#lastKey && this.#lastState) return this.#lastState;
    let st = this.#objects.get(key);
    if (st) {
      // Least recently used goes first when the cache is full.
      this.#objects.delete(key);
    } else {
      st = new ObjectState(now - this.#epoch);
      if (this.#objects.size >= CACHE_LIMIT) {
        const oldest = this.#objects.keys().next().value;
        if (oldest !== undefined) this.#objects.delete(oldest);
      }
    }
    this.#objects.set(key, st);
    this.#lastKey = key;
    this.#lastState = st;
    return st;
  }

  /** events.k8s.io events (the scheduler): eventTime + reportingController; a repeat extends its series. */
  #eventsApi(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const m = obj.metadata;
    const ns = m.namespace || 'default';
    const cacheable = type === 'Warning' || REPEATING.has(reason);
    const key = cacheable ? `${m.uid ?? ''}|${fieldPath ?? ''}|${type}|${reason}|${message}` : '';
    const seen = cacheable ? this.#seen.get(key) : undefined;
    if (seen) {
      seen.count++;
      const res = this.#api.handle({
        verb: 'patch',
        group: '',
        version: 'v1',
        resource: 'events',
        namespace: seen.namespace,
        name: seen.name,
        patchType: 'strategic',
        body: { series: { count: seen.count, lastObservedTime: rfc3339Micro(this.#clock.now()) } },
        userAgent: this.#userAgent,
      });
      if (res.code === 200) return;
      this.#seen.delete(key);
    }
    const involved = this.#involved(obj, m, fieldPath);
    for (let attempt = 0; attempt < 3; attempt++) {
      const name = this.#name(m);
      const ev = new SeriesEventEntry(
        name,
        ns,
        involved,
        reason,
        message,
        this.#origin,
        type,
        rfc3339Micro(this.#clock.now()),
        reason === 'Scheduled' ? 'Binding' : 'Scheduling',
      );
      const res = this.#post(ns, ev);
      if (res.code === 201) {
        if (!cacheable) return;
        if (this.#seen.size >= CACHE_LIMIT) {
          const oldest = this.#seen.keys().next().value;
          if (oldest !== undefined) this.#seen.delete(oldest);
        }
        this.#seen.set(key, { name, namespace: ns, count: 1 });
        return;
      }
      if (res.code !== 409) return;
    }
  }
}
