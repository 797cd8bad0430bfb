import { describe, expect, it } from 'vitest';
import { DNS1123_SUBDOMAIN, isDns1123Subdomain } from '../../src/sim/api/names.ts';

// isDns1123Subdomain scans a name instead of running the regex: it must agree with the regex on
// every string.
describe('isDns1123Subdomain', () => {
  it('agrees with DNS1123_SUBDOMAIN', () => {
    const cases = ['', 'a', '0', 'a.b', 'a-b', 'a--b', '-a', 'a-', '.a', 'a.', 'a..b', 'a.-b', 'a-.b', 'A', 'a_b', 'é'];
    cases.push('web-7d9f8c.17f3a5b2c4d5e6f7', 'a.b-c.d', 'x\u0100', 'a\u0000b', 'ab/cd', 'a b');
    // Every string of up to four characters over an alphabet with each class and a few others.
    const alphabet = ['a', 'z', '0', '9', '-', '.', 'A', '/', '_', '{', '`', ':', '@', '\u00e9', '\u0161'];
    const grow = (xs: string[]) => xs.flatMap((x) => alphabet.map((c) => x + c));
    let level = [''];
    for (let n = 1; n <= 4; n++) {
      level = grow(level);
      cases.push(...level);
    }
    for (const s of cases) expect([s, isDns1123Subdomain(s)]).toEqual([s, DNS1123_SUBDOMAIN.test(s)]);
  });
});
