// Event recorder (client-go record.EventRecorder): writes core/v1 Events through the API server,
// named <object>.<hex timestamp>, and counts repeats of the same event instead of writing new ones.

import type { Event, KubeObject, ObjectReference } from '../api/types.ts';
import type { ApiServer } from '../apiserver/server.ts';
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

const CACHE_LIMIT = 4096;

/** events.k8s.io events carry no source: one shared (stored frozen) empty object. */
const NO_SOURCE = Object.freeze({});
/** Events that repeat (back-off loops, probes, retries) are counted; one-off events are not cached. */
const REPEATING = new Set(['BackOff', 'Pulling', 'Failed', 'Unhealthy', 'FailedScheduling', 'FailedCreate', 'Killing']);

export class EventRecorder {
  readonly #api: ApiServer;
  readonly #userAgent: string;
  readonly #source: EventSource;
  readonly #clock: FakeClock;
  readonly #rand: Rand;
  readonly #seen = new Map<string, Seen>();
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
    this.#source = source;
    this.#clock = clock;
    this.#rand = rand;
    this.#newApi = opts.newApi ?? false;
    this.#instance = [source.component, source.host ?? ''].join('-');
  }

  /** reportingInstance of events.k8s.io events: "<component>-<host>". */
  readonly #instance: string;

  /** Hex of #base + r, as `(#base + BigInt(r)).toString(16)`. */
  #nanosHex(r: number): string {
    const lo = this.#baseLo + r;
    const hi = this.#baseHi;
    if (hi === undefined || lo >= 0x100000000) return (this.#base + BigInt(r)).toString(16);
    return hi === '' ? lo.toString(16) : hi + lo.toString(16).padStart(8, '0');
  }

  #lastObj: KubeObject | undefined;
  #lastFieldPath: string | undefined;
  #lastInvolved: ObjectReference | undefined;

  /**
   * The involvedObject reference. Consecutive events about the same stored (frozen, so unchanged)
   * object and field share one: the API server freezes it with the first event that stores it.
   */
  #involved(obj: KubeObject, fieldPath: string | undefined): ObjectReference {
    if (obj === this.#lastObj && fieldPath === this.#lastFieldPath && this.#lastInvolved) return this.#lastInvolved;
    const m = obj.metadata;
    // Absent fields are left out rather than set to undefined: the API server would drop them,
    // and an object that loses keys is stored in V8's much larger dictionary mode.
    const involved: ObjectReference = { kind: obj.kind };
    if (m.namespace !== undefined) involved.namespace = m.namespace;
    if (m.name !== undefined) involved.name = m.name;
    if (m.uid !== undefined) involved.uid = m.uid;
    involved.apiVersion = obj.apiVersion;
    if (m.resourceVersion !== undefined) involved.resourceVersion = m.resourceVersion;
    if (fieldPath) involved.fieldPath = fieldPath;
    const frozen = Object.isFrozen(obj) && Object.isFrozen(m);
    this.#lastObj = frozen ? obj : undefined;
    this.#lastFieldPath = fieldPath;
    this.#lastInvolved = frozen ? involved : undefined;
    return involved;
  }

  event(obj: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, fieldPath?: string): void {
    const m = obj.metadata;
    const ns = m.namespace || 'default';
    const cacheable = type === 'Warning' || REPEATING.has(reason);
    const key = cacheable ? `${m.uid ?? ''}|${fieldPath ?? ''}|${type}|${reason}|${message}` : '';
    const now = this.#clock.iso();
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
        body: this.#newApi
          ? { series: { count: seen.count, lastObservedTime: rfc3339Micro(this.#clock.now()) } }
          : { count: seen.count, lastTimestamp: now },
        userAgent: this.#userAgent,
      });
      if (res.code === 200) return;
      this.#seen.delete(key);
    }
    const involved = this.#involved(obj, fieldPath);
    for (let attempt = 0; attempt < 3; attempt++) {
      const nowMs = this.#clock.now();
      if (nowMs !== this.#baseAt) {
        this.#baseAt = nowMs;
        this.#base = BigInt(nowMs) * 1000000n;
        const fast = Number.isSafeInteger(nowMs) && nowMs >= 0;
        const hi = this.#base >> 32n;
        this.#baseHi = fast ? (hi === 0n ? '' : hi.toString(16)) : undefined;
        this.#baseLo = Number(this.#base & 0xffffffffn);
      }
      const r = this.#rand.int(1_000_000);
      // join() keeps the name one flat string (a concatenation this long would be a rope).
      const name = [m.name ?? '', this.#nanosHex(r)].join('.');
      const ev: Event = this.#newApi
        ? {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name, namespace: ns },
            involvedObject: involved,
            reason,
            message,
            source: NO_SOURCE,
            firstTimestamp: null,
            lastTimestamp: null,
            type,
            eventTime: rfc3339Micro(this.#clock.now()),
            action: reason === 'Scheduled' ? 'Binding' : 'Scheduling',
            reportingComponent: this.#source.component,
            reportingInstance: this.#instance,
          }
        : {
            apiVersion: 'v1',
            kind: 'Event',
            metadata: { name, namespace: ns },
            involvedObject: involved,
            reason,
            message,
            source: this.#source,
            firstTimestamp: now,
            lastTimestamp: now,
            count: 1,
            type,
            eventTime: null,
            reportingComponent: this.#source.component,
            reportingInstance: this.#source.host ?? '',
          };
      const res = this.#api.handle({
        verb: 'create',
        group: '',
        version: 'v1',
        resource: 'events',
        namespace: ns,
        body: ev,
        transfer: true,
        userAgent: this.#userAgent,
      });
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
