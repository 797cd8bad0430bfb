/// <reference path="./jsdom.d.ts" />
// Node setup for src/deck/formats (CLI, tests, bench): a jsdom window for DOMPurify and sql.js
// with its wasm read from node_modules. Call useNodeFormatsRuntime() once before exporting or
// importing in Node.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { JSDOM } from 'jsdom';
import type { WindowLike } from 'dompurify';
import { configureFormatsRuntime } from '../formats/runtime.ts';

let done = false;

export function useNodeFormatsRuntime(): void {
  if (done) return;
  done = true;
  const require = createRequire(import.meta.url);
  const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
  configureFormatsRuntime({
    window: new JSDOM('').window as unknown as WindowLike,
    loadSqlJs: async () => {
      // Passing the bytes works whichever sql.js build the resolver picks (vitest picks the
      // browser build, which would try to fetch the wasm).
      const { default: initSqlJs } = await import('sql.js');
      const wasmBinary = readFileSync(wasm);
      return initSqlJs({
        wasmBinary: wasmBinary.buffer.slice(wasmBinary.byteOffset, wasmBinary.byteOffset + wasmBinary.byteLength),
      });
    },
  });
}
