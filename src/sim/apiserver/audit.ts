// The request log: every call to the API server, who made it and what it asked for, so tests can
// assert exact actions and the UI can draw the hub-and-spoke traffic. Bounded ring buffer.

import type { Verb } from './request.ts';

export interface RequestRecord {
  seq: number;
  /** Simulated epoch ms. */
  time: number;
  userAgent: string;
  verb: Verb | string;
  group: string;
  version: string;
  resource: string;
  subresource?: string | undefined;
  namespace?: string | undefined;
  name?: string | undefined;
  /** HTTP code of the response; 0 when the API server was unreachable. */
  code: number;
}

/** How a slot's record is laid out when it is made (see RequestLog). */
const SHAPE_HANDLE = 0;
const SHAPE_WATCH = 1;
const SHAPE_WATCH_NS = 2;

/**
 * A counter cell per user agent: one map lookup per request instead of a get and a set.
 */
interface AgentCount {
  n: number;
}

export class RequestLog {
  #seq = 0;
  #capacity: number;
  /** Seq of the oldest record kept; records first..#seq are kept (at most capacity * 1.5). */
  #first = 1;
  /**
   * The kept records, column by column in a ring indexed by seq % #size: the API server logs each
   * of its requests without allocating a record; the record objects are made (once each, then
   * kept in #obj) when since()/all() hand them out.
   */
  #size: number;
  #time: Float64Array;
  #agent: string[];
  #verb: string[];
  #group: string[];
  #version: string[];
  #resource: string[];
  #sub: (string | undefined)[];
  #ns: (string | undefined)[];
  #name: (string | undefined)[];
  /** HTTP codes, off the JS heap (which the garbage collector copies): a typed array. */
  #code: Int32Array;
  #shape: Uint8Array;
  #obj: (RequestRecord | undefined)[];
  #byAgent = new Map<unknown, AgentCount>();
  #mutations = 0;

  constructor(capacity = 5_000) {
    this.#capacity = capacity;
    // After a push there are at most floor(capacity * 1.5) + 1 records, before trimming.
    const size = Math.max(1, Math.floor(capacity * 1.5) + 1);
    this.#size = size;
    this.#time = new Float64Array(size);
    this.#agent = new Array<string>(size).fill('');
    this.#verb = new Array<string>(size).fill('');
    this.#group = new Array<string>(size).fill('');
    this.#version = new Array<string>(size).fill('');
    this.#resource = new Array<string>(size).fill('');
    this.#sub = new Array<string | undefined>(size).fill(undefined);
    this.#ns = new Array<string | undefined>(size).fill(undefined);
    this.#name = new Array<string | undefined>(size).fill(undefined);
    this.#code = new Int32Array(size);
    this.#shape = new Uint8Array(size);
    this.#obj = new Array<RequestRecord | undefined>(size).fill(undefined);
  }

  /** Takes the next seq and its slot, dropping the oldest records past capacity * 1.5. */
  #next(agent: unknown, verb: unknown, resource: unknown): number {
    const seq = ++this.#seq;
    if (seq - this.#first + 1 > this.#capacity * 1.5) this.#first = seq - this.#capacity + 1;
    const count = this.#byAgent.get(agent);
    if (count) count.n++;
    else this.#byAgent.set(agent, { n: 1 });
    if (verb !== 'get' && verb !== 'list' && verb !== 'watch' && resource !== 'leases') this.#mutations++;
    return seq;
  }

  /**
   * Logs the API server's request `{ time, userAgent, verb, group, version, resource, subresource,
   * namespace, name, seq, code }` without making the record: returns its seq for setCode().
   */
  logRequest(
    time: number,
    userAgent: string,
    verb: string,
    group: string,
    version: string,
    resource: string,
    subresource: string | undefined,
    namespace: string | undefined,
    name: string | undefined,
  ): number {
    const seq = this.#next(userAgent, verb, resource);
    const i = seq % this.#size;
    this.#time[i] = time;
    this.#agent[i] = userAgent;
    this.#verb[i] = verb;
    this.#group[i] = group;
    this.#version[i] = version;
    this.#resource[i] = resource;
    this.#sub[i] = subresource;
    this.#ns[i] = namespace;
    this.#name[i] = name;
    this.#code[i] = 0;
    this.#shape[i] = SHAPE_HANDLE;
    this.#obj[i] = undefined;
    return seq;
  }

  /**
   * Logs a watch request `{ time, userAgent, verb: 'watch', group, version, resource, namespace?, seq,
   * code }` (namespace present only when given) without making the record.
   */
  logWatch(
    time: number,
    userAgent: string,
    group: string,
    version: string,
    resource: string,
    namespace: string | undefined,
  ): number {
    const seq = this.logRequest(time, userAgent, 'watch', group, version, resource, undefined, namespace, undefined);
    this.#shape[seq % this.#size] = namespace === undefined ? SHAPE_WATCH : SHAPE_WATCH_NS;
    return seq;
  }

  /** Sets the response code of a record logged by logRequest/logWatch (if it is still kept). */
  setCode(seq: number, code: number): void {
    if (seq < this.#first || seq > this.#seq) return;
    const i = seq % this.#size;
    this.#code[i] = code;
    const o = this.#obj[i];
    if (o) o.code = code;
  }

  /** The record of a kept seq, made on first use. */
  #at(seq: number): RequestRecord {
    const i = seq % this.#size;
    let o = this.#obj[i];
    if (o) return o;
    const shape = this.#shape[i];
    if (shape === SHAPE_HANDLE)
      o = {
        time: this.#time[i] as number,
        userAgent: this.#agent[i] as string,
        verb: this.#verb[i] as string,
        group: this.#group[i] as string,
        version: this.#version[i] as string,
        resource: this.#resource[i] as string,
        subresource: this.#sub[i],
        namespace: this.#ns[i],
        name: this.#name[i],
        seq,
        code: this.#code[i] as number,
      };
    else if (shape === SHAPE_WATCH_NS)
      o = {
        time: this.#time[i] as number,
        userAgent: this.#agent[i] as string,
        verb: this.#verb[i] as string,
        group: this.#group[i] as string,
        version: this.#version[i] as string,
        resource: this.#resource[i] as string,
        namespace: this.#ns[i],
        seq,
        code: this.#code[i] as number,
      };
    else
      o = {
        time: this.#time[i] as number,
        userAgent: this.#agent[i] as string,
        verb: this.#verb[i] as string,
        group: this.#group[i] as string,
        version: this.#version[i] as string,
        resource: this.#resource[i] as string,
        seq,
        code: this.#code[i] as number,
      };
    this.#obj[i] = o;
    return o;
  }

  #range(from: number): RequestRecord[] {
    const out: RequestRecord[] = [];
    for (let s = from; s <= this.#seq; s++) out.push(this.#at(s));
    return out;
  }

  /** Write requests so far, not counting Lease renewals (heartbeats); settle() watches this. */
  get mutations(): number {
    return this.#mutations;
  }

  /** The sequence number of the last request; pass it to `since` later. */
  mark(): number {
    return this.#seq;
  }

  /** Records after `mark` (oldest first), as far back as the buffer reaches. */
  since(mark: number): RequestRecord[] {
    if (this.#first > this.#seq) return [];
    // As slice(start) of the kept records would take it.
    const start = Math.max(0, mark + 1 - this.#first);
    return this.#range(this.#first + (Number.isNaN(start) ? 0 : Math.trunc(start)));
  }

  all(): RequestRecord[] {
    return this.#range(this.#first);
  }

  /** Total requests per user agent since the cluster started. */
  totals(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [agent, count] of this.#byAgent) out.set(agent as string, count.n);
    return out;
  }

  get total(): number {
    return this.#seq;
  }
}

/**
 * The client behind a user agent, short: "kubectl", "kube-scheduler", "kubelet",
 * or the controller name for kube-controller-manager ("replicaset-controller", ...).
 */
export function clientName(userAgent: string): string {
  const sa = /system:serviceaccount:kube-system:([\w-]+)$/.exec(userAgent);
  if (sa?.[1]) return sa[1];
  return userAgent.split(/[/ ]/)[0] ?? userAgent;
}

/** "create pods", "patch deployments/scale", "update pods/status": a compact action string. */
export function describeAction(r: RequestRecord): string {
  return `${r.verb} ${r.resource}${r.subresource ? `/${r.subresource}` : ''}`;
}
