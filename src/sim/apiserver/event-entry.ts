// Events as the components' recorders post them: a typed body (like client-go's v1.Event) that the
// API server fills in and keeps as its etcd entry, encoded, until someone reads it. A cluster
// writes several Events per pod and reads few of them, so most are never turned into an object tree.

import type { Event, ObjectReference } from '../api/types.ts';
import { EncodedEntry } from '../etcd/store.ts';
import { resourceInfo, type ResourceInfo } from '../api/resources.ts';
import type { ApiRequest, ApiResponse } from './request.ts';
import { alreadyExists } from './status.ts';
import { isDns1123Subdomain } from '../api/names.ts';
import { namespaceCheck, type WriteContext } from './writes.ts';
import { formatUuid, type Rand } from '../rand.ts';

/** Who reports an event: the fields every event of one recorder shares (all frozen). */
export interface EventOrigin {
  readonly source: Readonly<{ component?: string; host?: string }>;
  readonly reportingComponent: string;
  readonly reportingInstance: string;
}

const EVENTS = resourceInfo('', 'events') as ResourceInfo;

/** The etcd directory of a namespace's events, one string per namespace. */
const DIRS = new Map<string, string>();
/** The last namespace eventsDir was asked for, and its directory (events come in runs of one). */
let lastNs = '';
let lastDir = '';

function eventsDir(ns: string): string {
  if (ns === lastNs) return lastDir;
  let dir = DIRS.get(ns);
  if (dir === undefined) {
    dir = `${EVENTS.etcdPrefix}/${ns}/`;
    if (DIRS.size > 1000) DIRS.clear();
    DIRS.set(ns, dir);
  }
  lastNs = ns;
  lastDir = dir;
  return dir;
}

/** A stored series event's creationTimestamp ('' until stored), eventTime and action. */
type SeriesTimes = readonly [created: string, eventTime: string, action: string];

/**
 * What one recorder's events share (by namespace and type, see EventHome), and the UIDs of those
 * it stored: four words each, in a typed array's buffer, which lies outside the JS heap (the
 * scavenger never copies it) and takes half what four fields of each entry would (a deleted
 * event's 16 bytes stay: Events are seldom deleted).
 */
class OriginEvents {
  /** A few: the namespaces a recorder's events are in, one or two types each. */
  #homes: readonly EventHome[] = [];
  #words = new Int32Array(64);
  #drawn = 0;

  constructor(readonly origin: EventOrigin) {}

  home(namespace: string, type: 'Normal' | 'Warning'): EventHome {
    const homes = this.#homes;
    for (let i = 0; i < homes.length; i++) {
      const h = homes[i] as EventHome;
      if (h.namespace === namespace && h.type === type) return h;
    }
    const home = new EventHome(this, namespace, type);
    // A copy of the exact size (push would add 16 spare slots).
    this.#homes = [...homes, home];
    return home;
  }

  /** Draws a UID as Rand.uuid() would (the same four words from the stream); returns its slot. */
  drawUid(rand: Rand): number {
    // (Arguments are evaluated in order.)
    return this.#add(rand.u32() | 0, rand.u32() | 0, rand.u32() | 0, rand.u32() | 0);
  }

  /** Slot i's UID as text. */
  uid(i: number): string {
    const w = this.#words;
    return formatUuid(w[i * 4] as number, w[i * 4 + 1] as number, w[i * 4 + 2] as number, w[i * 4 + 3] as number);
  }

  #add(a: number, b: number, c: number, d: number): number {
    const i = this.#drawn++;
    let w = this.#words;
    if (i * 4 + 4 > w.length) {
      const more = new Int32Array(w.length * 2);
      more.set(w);
      this.#words = w = more;
    }
    w[i * 4] = a;
    w[i * 4 + 1] = b;
    w[i * 4 + 2] = c;
    w[i * 4 + 3] = d;
    return i;
  }
}

/** The recorders' origins and their events (an origin is frozen: it cannot hold them itself). */
const ORIGINS = new WeakMap<EventOrigin, OriginEvents>();

/**
 * The fields one recorder's events of one namespace and type have in common: an entry keeps this
 * one reference instead of three fields of its own (and a Warning no copy of its origin).
 */
class EventHome {
  readonly dir: string;
  /** The last SeriesTimes made, as posted ('' created) and as stored: most series events share them. */
  posted: SeriesTimes | undefined;
  stored: SeriesTimes | undefined;

  constructor(
    readonly events: OriginEvents,
    readonly namespace: string,
    readonly type: 'Normal' | 'Warning',
  ) {
    this.dir = eventsDir(namespace);
  }

  seriesTimes(created: string, eventTime: string, action: string): SeriesTimes {
    const last = created === '' ? this.posted : this.stored;
    if (last !== undefined && last[0] === created && last[1] === eventTime && last[2] === action) return last;
    const t: SeriesTimes = [created, eventTime, action];
    if (created === '') this.posted = t;
    else this.stored = t;
    return t;
  }
}

/**
 * One Event. The recorder sets everything but uid and creationTimestamp, which the API server
 * fills in when it stores the entry. Two shapes: CoreEventEntry (core/v1 style, with a count) and
 * SeriesEventEntry (events.k8s.io style, with eventTime and action, as the scheduler writes them).
 * Fields are few on purpose: a cluster keeps several of these per pod, and V8 gives each entry
 * every field its class declares, 8 bytes each (what many events share is in their EventHome).
 */
export abstract class EventEntry extends EncodedEntry {
  /** The UID's slot in the origin's table (-1 until drawn, when the entry is stored). */
  #uid = -1;
  readonly #home: EventHome;
  /** metadata.creationTimestamp, filled in when the entry is stored ('' until then). */
  abstract creationTimestamp: string;

  constructor(
    readonly name: string,
    namespace: string,
    /** Frozen. */
    readonly involvedObject: ObjectReference,
    readonly reason: string,
    readonly message: string,
    origin: EventOrigin,
    type: 'Normal' | 'Warning',
  ) {
    super();
    let events = ORIGINS.get(origin);
    if (events === undefined) ORIGINS.set(origin, (events = new OriginEvents(origin)));
    this.#home = events.home(namespace, type);
  }

  protected get home(): EventHome {
    return this.#home;
  }

  get namespace(): string {
    return this.#home.namespace;
  }

  get type(): 'Normal' | 'Warning' {
    return this.#home.type;
  }

  get origin(): EventOrigin {
    return this.#home.events.origin;
  }

  abstract readonly firstTimestamp: string | null;
  abstract readonly lastTimestamp: string | null;
  abstract readonly count: number | undefined;
  abstract readonly eventTime: string | null;
  abstract readonly action: string | undefined;

  get dir(): string {
    return this.#home.dir;
  }

  /** The metadata.uid ('' until stored). */
  get uid(): string {
    return this.creationTimestamp === '' ? '' : this.#home.events.uid(this.#uid);
  }

  /** Draws the UID as Rand.uuid() would (the same four words from the stream). */
  drawUid(rand: Rand): void {
    this.#uid = this.#home.events.drawUid(rand);
  }

  /** The same UID as `other`, an event of the same origin (this is a later version of its key). */
  sameUid(other: EventEntry): void {
    this.#uid = other.#uid;
  }

  /** The stored Event, decoded (frozen, like every stored object). */
  get value(): Event {
    return Object.freeze(this.draft(true));
  }

  /**
   * The Event as a plain object: as stored (`stored`, with the server's fields) or as posted
   * (metadata of name and namespace alone, for the API server's general create path).
   */
  draft(stored: boolean): Event {
    const metadata = stored
      ? Object.freeze({
          name: this.name,
          uid: this.uid,
          creationTimestamp: this.creationTimestamp,
          namespace: this.namespace,
          resourceVersion: String(this.modRevision),
        })
      : { name: this.name, namespace: this.namespace };
    const o = this.origin;
    const count = this.count;
    // The keys in their stored order: a count in a core Event, an action in a series one.
    const e: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata,
      involvedObject: this.involvedObject,
      reason: this.reason,
      message: this.message,
      source: o.source,
      firstTimestamp: this.firstTimestamp,
      lastTimestamp: this.lastTimestamp,
    };
    if (count !== undefined) e.count = count;
    e.type = this.type;
    e.eventTime = this.eventTime;
    if (count === undefined) e.action = this.action;
    e.reportingComponent = o.reportingComponent;
    e.reportingInstance = o.reportingInstance;
    return e;
  }
}

/**
 * A core/v1 Event as client-go's recorder writes it: first and last timestamps and a count. Most
 * are written once and stored at once (created, first and last at one time, count 1): they keep
 * that time alone, the others all four in a tuple. One field for all four: every field costs each
 * of the thousands of entries a cluster keeps (and the garbage collector copies them).
 */
export class CoreEventEntry extends EventEntry {
  #times: string | readonly [created: string, first: string, last: string, count: number];

  constructor(
    name: string,
    namespace: string,
    involvedObject: ObjectReference,
    reason: string,
    message: string,
    origin: EventOrigin,
    type: 'Normal' | 'Warning',
    firstTimestamp: string,
    lastTimestamp: string,
    count: number,
  ) {
    super(name, namespace, involvedObject, reason, message, origin, type);
    this.#times =
      firstTimestamp === lastTimestamp && count === 1 ? lastTimestamp : ['', firstTimestamp, lastTimestamp, count];
  }

  /** The time alone stands for the creation time too once the entry is stored (given a revision). */
  get creationTimestamp(): string {
    const t = this.#times;
    return typeof t !== 'string' ? t[0] : this.modRevision === 0 ? '' : t;
  }

  set creationTimestamp(at: string) {
    const t = this.#times;
    if (typeof t === 'string') {
      if (at !== t) this.#times = [at, t, t, 1];
    } else if (at !== t[0]) this.#times = [at, t[1], t[2], t[3]];
  }

  get firstTimestamp(): string {
    const t = this.#times;
    return typeof t === 'string' ? t : t[1];
  }

  get lastTimestamp(): string {
    const t = this.#times;
    return typeof t === 'string' ? t : t[2];
  }

  get count(): number {
    const t = this.#times;
    return typeof t === 'string' ? 1 : t[3];
  }

  get eventTime(): null {
    return null;
  }

  get action(): undefined {
    return undefined;
  }
}

/** An events.k8s.io Event (the scheduler's): eventTime and action, no timestamps or count. */
export class SeriesEventEntry extends EventEntry {
  /** Shared with the other events of its home made at the same times (see EventHome.seriesTimes). */
  #times: SeriesTimes;

  constructor(
    name: string,
    namespace: string,
    involvedObject: ObjectReference,
    reason: string,
    message: string,
    origin: EventOrigin,
    type: 'Normal' | 'Warning',
    eventTime: string,
    action: string,
  ) {
    super(name, namespace, involvedObject, reason, message, origin, type);
    this.#times = this.home.seriesTimes('', eventTime, action);
  }

  get creationTimestamp(): string {
    return this.#times[0];
  }

  set creationTimestamp(at: string) {
    const t = this.#times;
    if (at !== t[0]) this.#times = this.home.seriesTimes(at, t[1], t[2]);
  }

  get eventTime(): string {
    return this.#times[1];
  }

  get action(): string {
    return this.#times[2];
  }

  get firstTimestamp(): null {
    return null;
  }

  get lastTimestamp(): null {
    return null;
  }

  get count(): undefined {
    return undefined;
  }
}

/**
 * create of an EventEntry body: what the general create does for such an Event (it needs no
 * defaulting and passes validation but for its name), storing the entry itself. Undefined when the
 * request is not that simple case (another resource, a dry run, a namespace mismatch, a name that
 * fails validation): the caller then creates `entry.draft(false)` the general way.
 */
export function createEventEntry(
  ctx: WriteContext,
  info: ResourceInfo,
  req: ApiRequest,
  entry: EventEntry,
): ApiResponse | undefined {
  const ns = req.namespace ?? entry.namespace;
  if (info.kind !== 'Event' || info.group !== '' || req.dryRun || entry.namespace !== ns || entry.modRevision !== 0)
    return undefined;
  const name = entry.name;
  // validateName's check of an Event's name, without its list of errors. It also turns away '' and
  // names with a '/' (which the general path rejects).
  if (name.length > 253 || !isDns1123Subdomain(name)) return undefined;
  const nsErr = namespaceCheck(ctx, info, ns, name);
  if (nsErr) return nsErr;
  // Straight to etcd: the entry's directory is the key's (a valid name has no '/').
  const etcd = ctx.storage.etcd;
  if (etcd.hasIn(entry.dir, name)) return { code: 409, body: alreadyExists(info, name) };
  // Filled in before the write, which tells watchers (the name is free: nothing wrote in between).
  entry.drawUid(ctx.rand);
  entry.creationTimestamp = ctx.clock.iso();
  // (The key was just found missing, with nothing written since: not looked up again.)
  etcd.tryCreateEntry(entry, true);
  return { code: 201, body: entry };
}

/**
 * The body of client-go's count patch, `{count, lastTimestamp, message}` (these own fields, in this
 * order), as recorders send it: a plain merge patch to anything but patchEventCount.
 */
export class EventCountPatch {
  constructor(
    /** An integer, as the correlator counts (patchEventCount stores it unchecked). */
    readonly count: number,
    readonly lastTimestamp: string,
    readonly message: string,
  ) {}
}

/**
 * patch (no subresource) of an Event with an EventCountPatch body (a strategic or merge patch)
 * when the Event is held by a CoreEventEntry: the general patch's result (stored Event, revisions,
 * watch event, response), kept as a new entry for the key's next version instead of decoded,
 * copied and stored decoded. Undefined when not that case (another resource or body, a dry run,
 * a patch that changes nothing, an Event stored decoded): the caller patches the general way.
 */
export function patchEventCount(
  ctx: WriteContext,
  info: ResourceInfo,
  req: ApiRequest,
  ns: string,
  name: string,
): ApiResponse | undefined {
  const body = req.body;
  // Any patch type but json merges the body.
  if (info !== EVENTS || req.patchType === 'json' || req.dryRun || !(body instanceof EventCountPatch)) return undefined;
  const { count, lastTimestamp, message } = body;
  // An entry is stored under its name in its namespace's directory.
  const stored = ctx.storage.etcd.updateEntry(eventsDir(ns), name, (cur) => {
    if (
      !(cur instanceof CoreEventEntry) ||
      (count === cur.count && lastTimestamp === cur.lastTimestamp && message === cur.message)
    )
      return undefined;
    const next = new CoreEventEntry(
      name,
      ns,
      cur.involvedObject,
      cur.reason,
      message,
      cur.origin,
      cur.type,
      cur.firstTimestamp,
      lastTimestamp,
      count,
    );
    next.sameUid(cur);
    next.creationTimestamp = cur.creationTimestamp;
    return next;
  });
  return stored && { code: 200, body: stored.value };
}
