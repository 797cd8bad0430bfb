// kubectl against a bare simulated API server (no controllers, scheduler or kubelets): objects
// stay exactly as written, so printer and command tests can pin every cell.

import { ApiServer } from '../../../src/sim/apiserver/server.ts';
import { FakeClock } from '../../../src/sim/clock.ts';
import { EtcdStore } from '../../../src/sim/etcd/store.ts';
import { Rand } from '../../../src/sim/rand.ts';
import { runKubectl, type KubectlEnv } from '../../../src/sim/kubectl/index.ts';

export const T0 = Date.parse('2024-05-20T10:00:00Z');

export function bareApi(files: Record<string, string> = {}) {
  const clock = new FakeClock(T0);
  const api = new ApiServer(new EtcdStore(), clock, new Rand(1));
  for (const ns of ['default', 'kube-system'])
    api.handle({
      verb: 'create',
      group: '',
      version: 'v1',
      resource: 'namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
      userAgent: 'test',
    });
  let current = 'kind-kind';
  const env = (stdin = ''): KubectlEnv => ({
    api,
    server: 'https://127.0.0.1:41234',
    namespace: 'default',
    kubeconfig: {
      contexts: () => [{ name: 'kind-kind', cluster: 'kind-kind', user: 'kind-kind', namespace: '' }],
      currentContext: () => current,
      useContext: (n) => (n === 'kind-kind' ? ((current = n), true) : false),
    },
    now: () => clock.now(),
    advance: (ms) => clock.advance(ms),
    watchQuietMs: 3000,
    watchMaxMs: 20000,
    readFile: (p) => files[p],
    stdin,
    pid: 12345,
  });
  const kubectl = (line: string, stdin = '') => runKubectl(line.split(' ').filter(Boolean), env(stdin));
  const create = (resource: string, body: Record<string, unknown>, namespace = 'default', group = '') =>
    api.handle({ verb: 'create', group, version: 'v1', resource, namespace, body, userAgent: 'test' });
  return { api, clock, env, kubectl, create };
}
