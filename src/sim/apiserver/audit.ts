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

export class RequestLog {
  #buf: RequestRecord[] = [];
  #seq = 0;
  #capacity: number;
  #byAgent = new Map<string, number>();
  #mutations = 0;

  constructor(capacity = 5_000) {
    this.#capacity = capacity;
  }

  /** Stamps `seq` (and `code` 0) on `r` and keeps it; callers may pass both already present (as 0). */
  record(r: Omit<RequestRecord, 'seq' | 'code'> & Partial<Pick<RequestRecord, 'seq' | 'code'>>): RequestRecord {
    const rec = r as RequestRecord;
    rec.seq = ++this.#seq;
    rec.code = 0;
    this.#buf.push(rec);
    if (this.#buf.length > this.#capacity * 1.5) this.#buf.splice(0, this.#buf.length - this.#capacity);
    this.#byAgent.set(r.userAgent, (this.#byAgent.get(r.userAgent) ?? 0) + 1);
    if (r.verb !== 'get' && r.verb !== 'list' && r.verb !== 'watch' && r.resource !== 'leases') this.#mutations++;
    return rec;
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
    const first = this.#buf[0];
    if (!first) return [];
    const start = Math.max(0, mark + 1 - first.seq);
    return this.#buf.slice(start);
  }

  all(): RequestRecord[] {
    return [...this.#buf];
  }

  /** Total requests per user agent since the cluster started. */
  totals(): Map<string, number> {
    return new Map(this.#byAgent);
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
