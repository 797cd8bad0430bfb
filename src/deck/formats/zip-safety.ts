// Unpack a zip archive while checking it: every entry name is checked before anything is
// decompressed (no "..", no absolute or drive paths, no duplicates), the entry count, the
// declared and the actual uncompressed sizes and the compression ratio are limited, and a
// truncated archive is reported. Only the entries the caller wants are decompressed.

import { Unzip, UnzipInflate, type UnzipFile } from 'fflate';
import { throwIfAborted, yieldToEventLoop } from './work.ts';
import { ImportError } from './types.ts';

export interface ZipLimits {
  maxEntries: number;
  /** Total uncompressed bytes of the entries that are extracted. */
  maxTotalBytes: number;
  /** Uncompressed / compressed size of one entry, checked once it passes minRatioBytes. */
  maxRatio: number;
  minRatioBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 50_000,
  maxTotalBytes: 512 * 1024 * 1024,
  maxRatio: 200,
  minRatioBytes: 1024 * 1024,
};

const CHUNK = 64 * 1024;

/** Why an entry name is unsafe, or null if it is fine. */
export function unsafeEntryName(name: string): string | null {
  if (name === '') return 'an entry has an empty name';
  if (name.includes('\0')) return `entry "${name.replace(/\0/g, '\\0')}" has a NUL byte in its name`;
  if (/^[\\/]/.test(name) || /^[a-zA-Z]:/.test(name)) return `entry "${name}" has an absolute path`;
  if (name.split(/[\\/]/).some((part) => part === '..')) return `entry "${name}" points outside the archive ("..")`;
  return null;
}

/**
 * Entries named by `wanted` (decompressed) from a zip. Throws ImportError naming the
 * archive and the first problem found.
 */
export async function safeUnzip(
  data: Uint8Array,
  fileName: string,
  wanted: (name: string) => boolean,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  signal?: AbortSignal,
): Promise<{ names: string[]; files: Map<string, Uint8Array> }> {
  const fail = (why: string) =>
    new ImportError(`${why}; the archive was rejected and nothing was imported.`, { file: fileName });
  if (data.length < 22 || data[0] !== 0x50 || data[1] !== 0x4b) throw fail('this is not a zip archive');
  if (!hasEndRecord(data)) throw fail('the archive is truncated (its end-of-archive record is missing)');
  const names: string[] = [];
  const seen = new Set<string>();
  const files = new Map<string, Uint8Array>();
  const pending = new Set<string>();
  let total = 0;
  let error = null as ImportError | null;

  const unzip = new Unzip((file: UnzipFile) => {
    if (error) return;
    const bad = unsafeEntryName(file.name);
    if (bad) return void (error = fail(bad));
    if (seen.has(file.name)) return void (error = fail(`entry "${file.name}" appears twice`));
    seen.add(file.name);
    names.push(file.name);
    if (names.length > limits.maxEntries) return void (error = fail(`it has more than ${limits.maxEntries} entries`));
    const declared = file.originalSize ?? 0;
    if (declared > limits.maxTotalBytes) {
      return void (error = fail(
        `entry "${file.name}" would unpack to ${declared} bytes (limit ${limits.maxTotalBytes})`,
      ));
    }
    if (file.size && declared > limits.minRatioBytes && declared / file.size > limits.maxRatio) {
      return void (error = fail(`entry "${file.name}" is compressed more than ${limits.maxRatio}:1 (a zip bomb?)`));
    }
    if (!wanted(file.name)) return;
    if (file.compression !== 0 && file.compression !== 8) {
      return void (error = fail(`entry "${file.name}" uses an unsupported compression method (${file.compression})`));
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    pending.add(file.name);
    file.ondata = (err, chunk, final) => {
      if (error) return;
      if (err) return void (error = fail(`entry "${file.name}" is damaged (${err.message})`));
      size += chunk.length;
      total += chunk.length;
      if (total > limits.maxTotalBytes) {
        file.terminate();
        return void (error = fail(`it unpacks to more than ${limits.maxTotalBytes} bytes`));
      }
      const packed = file.size ?? data.length;
      if (size > limits.minRatioBytes && size / Math.max(packed, 1) > limits.maxRatio) {
        file.terminate();
        return void (error = fail(`entry "${file.name}" is compressed more than ${limits.maxRatio}:1 (a zip bomb?)`));
      }
      chunks.push(chunk);
      if (final) {
        pending.delete(file.name);
        files.set(file.name, concat(chunks, size));
      }
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let off = 0; off < data.length && !error; off += CHUNK) {
      const end = Math.min(off + CHUNK, data.length);
      unzip.push(data.subarray(off, end), end === data.length);
      if ((off / CHUNK) % 64 === 63) {
        throwIfAborted(signal);
        await yieldToEventLoop();
      }
    }
  } catch (err) {
    if (err instanceof DOMException) throw err;
    error ??= fail(`the archive is damaged (${err instanceof Error ? err.message : String(err)})`);
  }
  if (error) throw error;
  if (pending.size) throw fail(`the archive is truncated: entry "${[...pending][0] ?? ''}" is incomplete`);
  if (names.length === 0) throw fail('the archive is empty or truncated');
  return { names, files };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(size);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}

/** Whether the zip's end-of-central-directory record is present (a cut archive lacks it). */
function hasEndRecord(data: Uint8Array): boolean {
  const stop = Math.max(0, data.length - 22 - 65535);
  for (let i = data.length - 22; i >= stop; i--) {
    if (data[i] === 0x50 && data[i + 1] === 0x4b && data[i + 2] === 0x05 && data[i + 3] === 0x06) return true;
  }
  return false;
}
