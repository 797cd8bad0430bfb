import { describe, expect, it } from 'vitest';
import { EtcdStore } from '../../src/sim/etcd/store.ts';
import { Storage } from '../../src/sim/apiserver/storage.ts';
import { resourceInfo, type ResourceInfo } from '../../src/sim/api/resources.ts';
import type { KubeObject } from '../../src/sim/api/types.ts';

const PODS = resourceInfo('', 'pods') as ResourceInfo;
const NODES = resourceInfo('', 'nodes') as ResourceInfo;

function obj(name: string, namespace?: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Pod', metadata: namespace === undefined ? { name } : { name, namespace } };
}

// The storage layer finds a key in its directory first and looks at the name's '/' only on a miss:
// whatever the name and namespace hold, reads, writes and deletes touch the key etcd would.
describe('Storage keys', () => {
  it("read, write and delete the key of a name or namespace with a '/' as etcd has it", () => {
    const etcd = new EtcdStore();
    const st = new Storage(etcd);
    const cases: [ResourceInfo, string | undefined, string][] = [
      [PODS, 'default', 'plain'],
      [PODS, 'default', 'a/b'],
      [PODS, 'x/y', 'c'],
      [PODS, 'x/y', 'd/e'],
      [PODS, undefined, 'f'],
      [NODES, undefined, 'g/h'],
    ];
    for (const [info, ns, name] of cases) {
      const key = info.namespaced ? `${info.etcdPrefix}/${ns ?? ''}/${name}` : `${info.etcdPrefix}/${name}`;
      expect(st.has(info, ns, name)).toBe(false);
      expect(st.read(info, ns, name)).toBeUndefined();
      const stored = st.write(info, obj(name, ns), 0);
      expect(stored?.metadata.name).toBe(name);
      expect(etcd.get(key)?.value).toBe(stored);
      expect(st.has(info, ns, name)).toBe(true);
      expect(st.read(info, ns, name)?.key).toBe(key);
      expect(st.readValue(info, ns, name)).toBe(stored);
      // Another name in the same directory is not it.
      expect(st.has(info, ns, `${name}x`)).toBe(false);
    }
    expect(st.list(PODS, 'x/y').map((o) => o.metadata.name)).toEqual(['c', 'd/e']);
    for (const [info, ns, name] of cases) {
      expect(st.remove(info, obj(name, ns))).toBe(true);
      expect(st.has(info, ns, name)).toBe(false);
      expect(st.readValue(info, ns, name)).toBeUndefined();
    }
    expect(etcd.size).toBe(0);
  });
});
