import { describe, expect, it } from 'vitest';
import type { Cluster, Pod } from '../../src/sim/index.ts';
import { Session, defaultClusterFactory } from '../../src/sim/shell/index.ts';
import { createPod, eventsFor, kind, kubectl, messages } from './helpers.ts';

/** A pod whose init containers run busybox scripts before its nginx app container. */
function createInitPod(c: Cluster, name: string, scripts: string[], restartPolicy?: string) {
  return createPod(c, name, {
    ...(restartPolicy ? { restartPolicy } : {}),
    initContainers: scripts.map((script, i) => ({
      name: `init-${i + 1}`,
      image: 'busybox:1.36',
      command: ['sh', '-c', script],
    })),
    containers: [{ name: 'web', image: 'nginx' }],
  });
}

function pod(c: Cluster, name: string): Pod {
  return kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name }).body as Pod;
}

/** READY, STATUS and RESTARTS as `kubectl get pods` prints them. */
function row(c: Cluster, name: string): unknown[] {
  const table = kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name, asTable: true }).body as {
    rows: { cells: unknown[] }[];
  };
  return table.rows[0]?.cells.slice(1, 4) ?? [];
}

describe('init containers', () => {
  it('run one after the other to completion before the app container starts', () => {
    const c = kind();
    expect(createInitPod(c, 'web', ['sleep 5', 'sleep 3']).code).toBe(201);
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      c.step();
      const status = String(row(c, 'web')[1]);
      if (seen.at(-1) !== status) seen.push(status);
    }
    // Init:0/2 while the first runs, Init:1/2 while the second does, PodInitializing while the
    // app container's image is pulled, then Running.
    expect(seen).toEqual(['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running']);
    const p = pod(c, 'web');
    expect(p.status?.initContainerStatuses?.map((s) => [s.name, s.state.terminated?.reason, s.ready])).toEqual([
      ['init-1', 'Completed', true],
      ['init-2', 'Completed', true],
    ]);
    const [first, second] = p.status?.initContainerStatuses ?? [];
    // The second started only once the first had finished.
    expect(Date.parse(second?.state.terminated?.startedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(first?.state.terminated?.finishedAt ?? ''),
    );
    expect(Object.keys(p.status ?? {}).indexOf('initContainerStatuses')).toBe(
      Object.keys(p.status ?? {}).indexOf('containerStatuses') - 1,
    );
    expect(p.status?.conditions?.find((x) => x.type === 'Initialized')?.status).toBe('True');
    const evs = messages(eventsFor(c, 'Pod', 'web'));
    expect(evs).toEqual(
      expect.arrayContaining(['Normal Created: Created container init-1', 'Normal Started: Started container init-2']),
    );
    expect(
      eventsFor(c, 'Pod', 'web').find((e) => e.message === 'Started container init-1')?.involvedObject.fieldPath,
    ).toBe('spec.initContainers{init-1}');
  });

  it('hold the pod Pending with Initialized=False while one still runs', () => {
    const c = kind();
    createInitPod(c, 'web', ['sleep 60']);
    c.advance(5000);
    const p = pod(c, 'web');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.conditions?.find((x) => x.type === 'Initialized')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotInitialized',
      message: 'containers with incomplete status: [init-1]',
    });
    expect(p.status?.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(row(c, 'web')).toEqual(['0/1', 'Init:0/1', '0']);
    // The app container's logs are not there yet.
    const logs = kubectl(c, {
      verb: 'get',
      resource: 'pods',
      subresource: 'log',
      namespace: 'default',
      name: 'web',
    });
    expect(logs.code).toBe(400);
    expect((logs.body as { message: string }).message).toBe(
      'container "web" in pod "web" is waiting to start: PodInitializing',
    );
  });

  it('restart a failing init container with back-off, and the app never starts', () => {
    const c = kind();
    createInitPod(c, 'web', ['exit 1']);
    const seen = new Set<unknown>();
    for (let i = 0; i < 60; i++) {
      c.step();
      seen.add(row(c, 'web')[1]);
    }
    expect(seen).toContain('Init:Error');
    expect(seen).toContain('Init:CrashLoopBackOff');
    const p = pod(c, 'web');
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.containerStatuses?.[0]?.state.running).toBeUndefined();
    // Restarts of the init container count while the pod initializes.
    expect(Number(String(row(c, 'web')[2]).split(' ')[0])).toBeGreaterThanOrEqual(2);
  });

  it('fail the pod when one fails and restartPolicy is Never', () => {
    const c = kind();
    createInitPod(c, 'job', ['exit 3'], 'Never');
    c.advance(10_000);
    const p = pod(c, 'job');
    expect(p.status?.phase).toBe('Failed');
    expect(p.status?.initContainerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(p.status?.initContainerStatuses?.[0]?.restartCount).toBe(0);
    expect(row(c, 'job')).toEqual(['0/1', 'Init:Error', '0']);
  });

  it('are validated like the API server does', () => {
    const c = kind();
    const dup = kubectl(c, {
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: {
        metadata: { name: 'dup' },
        spec: {
          initContainers: [{ name: 'web', image: 'busybox', readinessProbe: { exec: { command: ['true'] } } }],
          containers: [{ name: 'web', image: 'nginx' }],
        },
      },
    });
    expect(dup.code).toBe(422);
    expect((dup.body as { message: string }).message).toBe(
      'Pod "dup" is invalid: [spec.initContainers[0].name: Duplicate value: "web", spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always]',
    );
  });

  it('a wrong init image holds a Deployment in Init until `kubectl set image` fixes it', () => {
    const s = new Session({ seed: 3, now: Date.parse('2024-05-20T10:00:00Z'), clusters: defaultClusterFactory() });
    s.run('kind create cluster');
    s.run(`cat <<EOF | kubectl apply -f -
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      initContainers:
      - name: fetch-config
        image: busybox:1.366
        command: ['sh', '-c', 'echo fetched; sleep 2']
      containers:
      - name: web
        image: nginx
EOF`);
    s.run('sleep 30');
    const stuck = s.run('kubectl get pods -l app=web --no-headers').stdout;
    expect(stuck).toMatch(/ 0\/1 +Init:(ErrImagePull|ImagePullBackOff) +0 /);
    expect(s.run('kubectl set image deployment/web fetch-config=busybox:1.36').stdout).toBe(
      'deployment.apps/web image updated\n',
    );
    // The same image again changes nothing: kubectl sends no patch and says nothing.
    expect(s.run('kubectl set image deployment/web fetch-config=busybox:1.36').stdout).toBe('');
    expect(s.run('kubectl rollout status deployment/web').stdout).toContain('successfully rolled out');
    expect(s.run('kubectl get pods -l app=web --no-headers').stdout).toMatch(/ 1\/1 +Running +0 /);
    expect(s.run('kubectl get deployment web -o jsonpath={.spec.template.spec.initContainers[0].image}').stdout).toBe(
      'busybox:1.36',
    );
  });
});
