// Seeded pseudo-random numbers (sfc32). Every component gets its own stream derived from the
// cluster seed and its name, so stopping one component does not change another's choices.

import { fnv32a } from './api/names.ts';

export const KIND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const HEX = '0123456789abcdef';

/** Two hex digits per byte value. */
const BYTE_HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

function hex4(n: number): string {
  return (BYTE_HEX[(n >>> 8) & 0xff] as string) + (BYTE_HEX[n & 0xff] as string);
}

/** (n >>> 0) in 8 hex digits, zero-padded. */
function hex8(n: number): string {
  return hex4(n >>> 16) + hex4(n & 0xffff);
}

export class Rand {
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number, stream = '') {
    this.#a = (seed >>> 0) ^ 0x9e3779b9;
    this.#b = fnv32a(stream) ^ 0x243f6a88;
    this.#c = ((seed / 0x100000000) >>> 0) ^ 0xb7e15162;
    this.#d = 1;
    for (let i = 0; i < 15; i++) this.u32();
  }

  u32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Float in [0, 1). */
  next(): number {
    return this.u32() / 0x100000000;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  string(length: number, alphabet = KIND_ALPHABET): string {
    if (length < 13) {
      // V8 keeps short concatenations flat.
      let s = '';
      for (let i = 0; i < length; i++) s += alphabet[this.int(alphabet.length)];
      return s;
    }
    // Longer ones would become a rope of `length` nodes (about 1.7 KB for a 64-digit container
    // id); join() builds one flat string.
    const parts = new Array<string>(length);
    for (let i = 0; i < length; i++) parts[i] = alphabet[this.int(alphabet.length)] as string;
    return parts.join('');
  }

  /** A version-4 style UUID. */
  uuid(): string {
    const a = this.u32();
    const b = (this.u32() & 0xffff0fff) | 0x4000;
    const c = (this.u32() & 0x3fffffff) | 0x80000000;
    const d = this.u32();
    // join() gives one flat 36-character string; a template literal would leave a rope of eight.
    return [hex8(a), hex4(b >>> 16), hex4(b & 0xffff), hex4(c >>> 16), hex4(c & 0xffff) + hex8(d)].join('-');
  }

  hex(length: number): string {
    return this.string(length, HEX);
  }

  /** State for serialisation. */
  save(): [number, number, number, number] {
    return [this.#a, this.#b, this.#c, this.#d];
  }

  load(state: readonly number[]): void {
    this.#a = state[0] ?? 0;
    this.#b = state[1] ?? 0;
    this.#c = state[2] ?? 0;
    this.#d = state[3] ?? 1;
  }
}
