import { describe, expect, it } from 'vitest';
import { CompactedError, EtcdStore } from '../../src/sim/etcd/store.ts';

// The store keeps its history in a ring: what historySince returns (and when it throws) must be
// what a plain list of every event, trimmed to historyLimit past 2 * historyLimit events and cut
// by compact(), gives.
describe('etcd history', () => {
  it('matches a plain list through writes, trims and compactions', () => {
    for (const limit of [0, 1, 2, 3, 7]) {
      const s = new EtcdStore({ historyLimit: limit });
      const model: { rev: number; key: string; type: string }[] = [];
      let compacted = 0;
      let seed = limit + 1;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        return seed % n;
      };
      for (let step = 0; step < 400; step++) {
        const r = rnd(10);
        if (r === 0) {
          const target = Math.min(s.revision - rnd(4), s.revision);
          s.compact(target);
          if (target > compacted) {
            compacted = target;
            while (model.length && (model[0]?.rev ?? 0) <= target) model.shift();
          }
        } else {
          const key = `/registry/things/ns/k${rnd(5)}`;
          const del = r === 1 && s.get(key) !== undefined;
          if (del) s.delete(key);
          else s.put(key, { step });
          model.push({ rev: s.revision, key, type: del ? 'DELETE' : 'PUT' });
          if (model.length > limit * 2) {
            const drop = model.length - limit;
            compacted = model[drop - 1]?.rev ?? compacted;
            model.splice(0, drop);
          }
        }
        for (const after of [0, compacted, s.revision - 3, s.revision - 1, s.revision]) {
          if (after < compacted) {
            expect(() => s.historySince(after)).toThrow(CompactedError);
            continue;
          }
          const got = s.historySince(after).map((e) => [e.kv.modRevision, e.kv.key, e.type]);
          const want = model.filter((e) => e.rev > after).map((e) => [e.rev, e.key, e.type]);
          expect([limit, step, after, got]).toEqual([limit, step, after, want]);
        }
      }
    }
  });
});
