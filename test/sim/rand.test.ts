import { describe, expect, it } from 'vitest';
import { Rand } from '../../src/sim/rand.ts';

describe('Rand', () => {
  it('hexCodes draws the same digits as hex(n), and leaves the stream where hex(n) does', () => {
    const a = new Rand(42, 'node-1');
    const b = new Rand(42, 'node-1');
    const codes: number[] = [0, 0];
    a.hexCodes(codes, 2, 64);
    expect(String.fromCharCode(...codes.slice(2))).toBe(b.hex(64));
    expect(a.u32()).toBe(b.u32());
  });
});
