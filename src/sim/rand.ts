// Seeded pseudo-random numbers (sfc32). Every component gets its own stream derived from the
// cluster seed and its name, so stopping one component does not change another's choices.

import { fnv32a } from './api/names.ts';

export const KIND_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const HEX = '0123456789abcdef';

/** Character codes of the hex digits. */
const HEX_CODES = Array.from(HEX, (c) => c.charCodeAt(0));
const DASH = 45;

/** Character code of the hex digit of `n` at bit `shift` (multiple of 4). */
function hx(n: number, shift: number): number {
  return HEX_CODES[(n >>> shift) & 15] as number;
}

/**
 * The text of the version-4 style UUID made of four random words (as Rand.uuid draws them; any
 * 32-bit representation, signed or not): the version and variant bits are set here.
 */
export function formatUuid(a: number, b0: number, c0: number, d: number): string {
  const b = (b0 & 0xffff0fff) | 0x4000;
  const c = (c0 & 0x3fffffff) | 0x80000000;
  // One flat 36-character string in one allocation (every object and event carries a UID).
  // prettier-ignore
  return String.fromCharCode(
    hx(a, 28), hx(a, 24), hx(a, 20), hx(a, 16), hx(a, 12), hx(a, 8), hx(a, 4), hx(a, 0), DASH,
    hx(b, 28), hx(b, 24), hx(b, 20), hx(b, 16), DASH,
    hx(b, 12), hx(b, 8), hx(b, 4), hx(b, 0), DASH,
    hx(c, 28), hx(c, 24), hx(c, 20), hx(c, 16), DASH,
    hx(c, 12), hx(c, 8), hx(c, 4), hx(c, 0),
    hx(d, 28), hx(d, 24), hx(d, 20), hx(d, 16), hx(d, 12), hx(d, 8), hx(d, 4), hx(d, 0),
  );
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

  // The state is read into locals with `| 0` (it is always int32, so this changes nothing): V8
  // then keeps the arithmetic in 32-bit registers; straight from the private fields it runs
  // several times slower.
  u32(): number {
    const a = this.#a | 0;
    const b = this.#b | 0;
    const c = this.#c | 0;
    const d = this.#d | 0;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    this.#c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /**
   * n draws of int(16), each stored as a hex digit's char code in `into` from `offset`: u32() with
   * the state in locals, written back once (a container id takes 64). int(16) is the top four bits.
   */
  hexCodes(into: number[], offset: number, n: number): void {
    let a = this.#a | 0;
    let b = this.#b | 0;
    let c = this.#c | 0;
    let d = this.#d | 0;
    for (let i = 0; i < n; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (((c << 21) | (c >>> 11)) + t) | 0;
      into[offset + i] = HEX_CODES[t >>> 28] as number;
    }
    this.#a = a;
    this.#b = b;
    this.#c = c;
    this.#d = d;
  }

  /** Float in [0, 1). */
  next(): number {
    return this.u32() / 0x100000000;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** `length` random characters of `alphabet` (names' suffixes are 5: a short string stays flat). */
  string(length: number, alphabet = KIND_ALPHABET): string {
    let s = '';
    for (let i = 0; i < length; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }

  /** A version-4 style UUID. */
  uuid(): string {
    const a = this.u32();
    const b = this.u32();
    const c = this.u32();
    return formatUuid(a, b, c, this.u32());
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
