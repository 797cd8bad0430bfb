/// <reference path="./sqljs-wasm-url.d.ts" />
// Where the formats layer gets its platform pieces: a DOM window for DOMPurify and the
// sql.js loader. The browser defaults need nothing; Node (CLI, tests, bench) registers a
// jsdom window and a wasm path once via src/deck/node/formats-runtime.ts.

import type { SqlJsStatic } from 'sql.js';
import type { WindowLike } from 'dompurify';

export interface FormatsRuntime {
  /** The window DOMPurify works in. Default: the global `window` in a browser. */
  window?: WindowLike;
  /** Loads sql.js. Default: the browser build with the wasm URL from Vite. */
  loadSqlJs?: () => Promise<SqlJsStatic>;
}

let runtime: FormatsRuntime = {};
let sqlJs: Promise<SqlJsStatic> | null = null;

export function configureFormatsRuntime(next: FormatsRuntime): void {
  runtime = { ...runtime, ...next };
  if (next.loadSqlJs) sqlJs = null;
}

export function domWindow(): WindowLike {
  if (runtime.window) return runtime.window;
  const global = globalThis as { window?: WindowLike };
  if (global.window) return global.window;
  throw new Error('No DOM window for sanitizing HTML: in Node call useNodeFormatsRuntime() first.');
}

async function browserSqlJs(): Promise<SqlJsStatic> {
  // Both imports stay lazy so neither sql.js nor its wasm is in any eager chunk.
  const [{ default: initSqlJs }, { default: wasmUrl }] = await Promise.all([
    import('sql.js'),
    import('sql.js/dist/sql-wasm.wasm?url'),
  ]);
  return initSqlJs({ locateFile: () => wasmUrl });
}

/** sql.js, loaded on first use and kept for later exports and imports. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= (runtime.loadSqlJs ?? browserSqlJs)();
  sqlJs.catch(() => {
    sqlJs = null;
  });
  return sqlJs;
}
