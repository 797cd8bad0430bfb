import { describe, expect, it } from 'vitest';
import { createDeployment, createScriptPod, eventsFor, kind, kubectl, messages, pods, setImage } from './helpers.ts';
import type { Pod } from '../../src/sim/index.ts';

/** A pod whose one container (nginx) fails its HTTP liveness probe, and an optional readiness probe. */
function createFailingLiveness(c: ReturnType<typeof kind>, name: string, readinessProbe?: object): void {
  const web = {
    name: 'web',
    image: 'nginx:1.27',
    livenessProbe: { httpGet: { path: '/missing', port: 80 }, periodSeconds: 5, failureThreshold: 2 },
    ...(readinessProbe ? { readinessProbe } : {}),
  };
  kubectl(c, {
    verb: 'create',
    resource: 'pods',
    namespace: 'default',
    body: { metadata: { name }, spec: { containers: [web] } },
  });
}

function cells(c: ReturnType<typeof kind>, name: string): unknown[] {
  return (
    (
      kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name, asTable: true }).body as {
        rows: { cells: unknown[] }[];
      }
    ).rows[0]?.cells ?? []
  );
}

describe('kubelet and containerd', () => {
  it('pulls an image with simulated time: ContainerCreating, then Running with Pulling/Pulled/Created/Started events', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginx', 1);
    c.step();
    c.step();
    const [p] = pods(c, 'app=web');
    expect(cells(c, p?.metadata.name ?? '').slice(1, 3)).toEqual(['0/1', 'ContainerCreating']);
    c.settle();
    expect(cells(c, p?.metadata.name ?? '').slice(1, 4)).toEqual(['1/1', 'Running', '0']);
    const evs = messages(eventsFor(c, 'Pod', p?.metadata.name));
    expect(evs).toHaveLength(5);
    expect(evs).toEqual(
      expect.arrayContaining([
        'Normal Created: Created container nginx',
        'Normal Pulling: Pulling image "nginx"',
        expect.stringMatching(
          /^Normal Pulled: Successfully pulled image "nginx" in \d+\.\d+s \(\d+\.\d+s including waiting\)\. Image size: 71026652 bytes\.$/,
        ),
        'Normal Started: Started container nginx',
        `Normal Scheduled: Successfully assigned default/${p?.metadata.name ?? ''} to kind-control-plane`,
      ]),
    );
    expect(eventsFor(c, 'Pod', p?.metadata.name).find((e) => e.reason === 'Started')?.source).toEqual({
      component: 'kubelet',
      host: 'kind-control-plane',
    });
  });

  it('shows ErrImagePull then ImagePullBackOff for an unknown image, and recovers after the image is fixed', () => {
    const c = kind();
    createDeployment(c, 'web', 'nginxx', 1);
    c.advance(3000);
    const [p] = pods(c, 'app=web');
    const name = p?.metadata.name ?? '';
    const seen = new Set<unknown>();
    for (let i = 0; i < 30; i++) {
      c.step();
      seen.add(cells(c, name)[2]);
    }
    expect(seen).toContain('ImagePullBackOff');
    const evs = messages(eventsFor(c, 'Pod', name));
    expect(evs).toContain(
      'Warning Failed: Failed to pull image "nginxx": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginxx:latest": failed to resolve reference "docker.io/library/nginxx:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(evs).toContain('Warning Failed: Error: ErrImagePull');
    expect(evs).toContain('Normal BackOff: Back-off pulling image "nginxx"');
    expect(evs).toContain('Warning Failed: Error: ImagePullBackOff');
    const st = (kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name }).body as Pod).status
      ?.containerStatuses?.[0];
    expect(st?.state.waiting?.reason).toMatch(/^(ErrImagePull|ImagePullBackOff)$/);
    setImage(c, 'web', 'nginxx', 'nginx');
    c.settle();
    const after = pods(c, 'app=web');
    expect(after).toHaveLength(1);
    expect(after[0]?.status?.phase).toBe('Running');
    expect(after[0]?.spec.containers[0]?.image).toBe('nginx');
  });

  it('restarts a crashing container with CrashLoopBackOff back-off and counts restarts', () => {
    const c = kind();
    createScriptPod(c, 'crashy', 'echo boom; exit 1');
    c.advance(90_000);
    const p = kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name: 'crashy' }).body as Pod;
    const cs = p.status?.containerStatuses?.[0];
    expect(cs?.restartCount).toBeGreaterThanOrEqual(3);
    expect(cs?.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    const evs = messages(eventsFor(c, 'Pod', 'crashy'));
    expect(evs).toContain(
      `Warning BackOff: Back-off restarting failed container app in pod crashy_default(${p.metadata.uid ?? ''})`,
    );
    const seen = new Set<unknown>();
    for (let i = 0; i < 120; i++) {
      c.step();
      seen.add(cells(c, 'crashy')[2]);
    }
    expect(seen).toContain('CrashLoopBackOff');
    expect(seen).toContain('Error');
    expect(String(cells(c, 'crashy')[3])).toMatch(/^\d+ \(\d+(s|m\d*s?) ago\)$/);
  });

  it('restarts a container whose liveness probe fails and keeps an unready pod out of READY', () => {
    const c = kind();
    createFailingLiveness(c, 'probed', { tcpSocket: { port: 8080 } });
    c.advance(40_000);
    const p = kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name: 'probed' }).body as Pod;
    expect(p.status?.containerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(1);
    expect(p.status?.containerStatuses?.[0]?.ready).toBe(false);
    const evs = messages(eventsFor(c, 'Pod', 'probed'));
    expect(evs).toContain('Warning Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 404');
    expect(evs).toContain('Normal Killing: Container web failed liveness probe, will be restarted');
    expect(evs.some((e) => e.startsWith('Warning Unhealthy: Readiness probe failed: dial tcp 10.244.0.'))).toBe(true);
  });

  it('runs a new container after a liveness kill: a new id, running, not reported stopped again', () => {
    const c = kind();
    createFailingLiveness(c, 'relive');
    const get = (): Pod =>
      kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name: 'relive' }).body as Pod;
    let st = get().status?.containerStatuses?.[0];
    for (let i = 0; i < 120 && !(st?.restartCount === 1 && st.state.running); i++) {
      c.advance(500);
      st = get().status?.containerStatuses?.[0];
    }
    expect(st?.restartCount).toBe(1);
    expect(st?.state.running).toBeDefined();
    expect(st?.lastState.terminated?.exitCode).toBe(137);
    expect(st?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(st?.containerID).not.toBe(st?.lastState.terminated?.containerID);
  });

  it('stays busy after a status write until its next tick, then takes the echo of the write in without a sync', () => {
    const c = kind();
    c.settle();
    kubectl(c, {
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: { metadata: { name: 'quiet' }, spec: { containers: [{ name: 'p', image: 'registry.k8s.io/pause:3.9' }] } },
    });
    const kubelet = c.kubelet('kind-control-plane');
    const phase = (): string | undefined =>
      (kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name: 'quiet' }).body as Pod).status?.phase;
    for (let i = 0; i < 20 && phase() !== 'Running'; i++) c.step();
    expect(phase()).toBe('Running');
    // The step that wrote Running: the echo of that write still counts as work for the next tick.
    expect(kubelet?.busy()).toBe(true);
    const writes = c.api.requestLog.mutations;
    c.step();
    expect(kubelet?.busy()).toBe(false);
    expect(c.api.requestLog.mutations).toBe(writes);
  });

  it('runs a pod to completion with restartPolicy Never', () => {
    const c = kind();
    kubectl(c, {
      verb: 'create',
      resource: 'pods',
      namespace: 'default',
      body: {
        metadata: { name: 'once' },
        spec: {
          restartPolicy: 'Never',
          containers: [{ name: 'job', image: 'busybox', command: ['sh', '-c', 'echo hello'] }],
        },
      },
    });
    c.settle();
    expect(cells(c, 'once').slice(1, 4)).toEqual(['0/1', 'Completed', '0']);
    expect(
      (kubectl(c, { verb: 'get', resource: 'pods', namespace: 'default', name: 'once' }).body as Pod).status?.phase,
    ).toBe('Succeeded');
    expect(
      kubectl(c, { verb: 'get', resource: 'pods', subresource: 'log', namespace: 'default', name: 'once' }).body,
    ).toBe('hello\n');
  });
});
