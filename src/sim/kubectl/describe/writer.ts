// describe's PrefixWriter (two spaces per level) feeding a padding-2 tab writer, plus the
// multi-line helpers for labels, annotations, taints and tolerations, and the Events table.

import type { Event } from '../../index.ts';
import { describeWriter } from '../printers/tabwriter.ts';
import { humanDuration, parseTime, rfc1123z } from '../time.ts';

export class DescribeWriter {
  #buf = '';
  #out = '';

  line(level: number, text: string): void {
    this.#buf += '  '.repeat(level) + text + '\n';
  }

  /** Aligns what was written so far on its own (kubectl flushes before the Events table). */
  flush(): void {
    this.#out += describeWriter().format(this.#buf);
    this.#buf = '';
  }

  toString(): string {
    this.flush();
    return this.#out;
  }

  /** `Title:\tfirst` then `\tnext` lines; `<none>` when empty. */
  multiline(level: number, title: string, values: string[]): void {
    if (values.length === 0) {
      this.line(level, `${title}:\t<none>`);
      return;
    }
    values.forEach((v, i) => this.line(i === 0 ? level : 0, (i === 0 ? `${title}:\t` : `${'  '.repeat(level)}\t`) + v));
  }

  labels(level: number, title: string, labels: Readonly<Record<string, string>> | undefined): void {
    const keys = Object.keys(labels ?? {}).sort();
    this.multiline(
      level,
      title,
      keys.map((k) => `${k}=${labels?.[k] ?? ''}`),
    );
  }

  annotations(level: number, title: string, ann: Readonly<Record<string, string>> | undefined): void {
    const keys = Object.keys(ann ?? {})
      .filter((k) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
      .sort();
    this.multiline(
      level,
      title,
      keys.map((k) => `${k}: ${ann?.[k] ?? ''}`),
    );
  }
}

export function time1123(s: unknown): string {
  const t = parseTime(s);
  return t === undefined ? '<unknown>' : rfc1123z(t);
}

export function since(now: number, s: unknown): string {
  const t = parseTime(s);
  return t === undefined ? '<unknown>' : humanDuration(now - t);
}

/** When an event last happened: lastTimestamp, else eventTime (events.k8s.io), else firstTimestamp. */
export function eventStamp(e: Event): number {
  return parseTime(e.lastTimestamp) ?? parseTime(e.eventTime) ?? parseTime(e.firstTimestamp) ?? 0;
}

/** The Events section, aligned on its own as kubectl does. */
export function describeEvents(w: DescribeWriter, events: readonly Event[], now: number): void {
  if (events.length === 0) {
    w.line(0, 'Events:\t<none>');
    return;
  }
  w.flush();
  const sorted = [...events].sort((a, b) => eventStamp(a) - eventStamp(b));
  w.line(0, 'Events:');
  w.line(1, 'Type\tReason\tAge\tFrom\tMessage');
  w.line(1, '----\t------\t----\t----\t-------');
  for (const e of sorted) {
    const first = e.eventTime ? since(now, e.eventTime) : since(now, e.firstTimestamp);
    const count = e.count ?? 0;
    const interval = count > 1 ? `${since(now, e.lastTimestamp)} (x${count} over ${first})` : first;
    const from = e.source?.component || e.reportingComponent || '';
    w.line(1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${from}\t${(e.message ?? '').trim()}`);
  }
}

export function tolerationText(t: {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}): string {
  let s = t.key ?? '';
  if (t.value) s += `=${t.value}`;
  if (t.effect) s += `:${t.effect}`;
  if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
  if (t.tolerationSeconds !== undefined) s += ` for ${t.tolerationSeconds}s`;
  return s;
}
