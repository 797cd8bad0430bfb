// kubectl's error shapes: `error: ...` from the client, `Error from server (Reason): ...` from
// API Status objects, and the klog + "connection refused" lines when no API server answers.

import type { KubectlEnv, Output } from './env.ts';
import { utcParts } from './time.ts';

/** A client-side error, printed as `error: <message>`. */
export class CmdError extends Error {
  constructor(
    message: string,
    /** Extra lines printed after the error line (usage hints). */
    readonly trailer = '',
  ) {
    super(message);
  }
}

/** Text printed verbatim to stderr with exit code 1 (already fully formatted). */
export class RawError extends Error {}

export interface Status {
  kind: 'Status';
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; group?: string };
}

export class ServerError extends Error {
  constructor(readonly status: Status) {
    super(status.message ?? '');
  }
  get reason(): string {
    return this.status.reason ?? '';
  }
}

/** No API server answered: carries the URL that was dialled. */
export class ConnectionRefused extends Error {
  constructor(readonly server: string) {
    super(`connection to ${server} refused`);
  }
}

export function isStatus(body: unknown): body is Status {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Status';
}

export function serverMessage(e: ServerError, context = ''): string {
  const msg = context ? `${context}: ${e.status.message ?? ''}` : (e.status.message ?? '');
  return e.reason ? `Error from server (${e.reason}): ${msg}` : `Error from server: ${msg}`;
}

/** `127.0.0.1:PORT` from `https://127.0.0.1:PORT`. */
export function hostPort(server: string): string {
  return server.replace(/^[a-z]+:\/\//, '');
}

/** `dial tcp 127.0.0.1:8080` for localhost, as Go resolves it. */
export function dialTarget(server: string): string {
  return hostPort(server).replace(/^localhost/, '127.0.0.1');
}

/** klog's header: `E1124 09:50:05.456603   26356 memcache.go:265] `. */
export function klogLine(env: KubectlEnv, seq: number, file: string, msg: string): string {
  const d = utcParts(env.now() + seq * 3);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = String(d.millis * 1000 + ((seq * 137 + 411) % 1000)).padStart(6, '0');
  const ts = `${p2(d.month)}${p2(d.day)} ${p2(d.hour)}:${p2(d.minute)}:${p2(d.second)}.${micros}`;
  return `E${ts} ${String(env.pid).padStart(7, ' ')} ${file}] ${msg}\n`;
}

/** What kubectl prints when discovery cannot reach the server (five memcache lines, then the hint). */
export function printConnectionRefused(env: KubectlEnv, io: Output, server: string, discovery = true): void {
  if (discovery) {
    const msg = `couldn't get current server API group list: Get "${server}/api?timeout=32s": dial tcp ${dialTarget(server)}: connect: connection refused`;
    for (let i = 0; i < 5; i++) io.err(klogLine(env, i, 'memcache.go:265', msg));
  }
  io.err(`The connection to the server ${hostPort(server)} was refused - did you specify the right host or port?\n`);
}
