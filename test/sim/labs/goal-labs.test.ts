import { describe, expect, it } from 'vitest';
import { checkLab, evaluateCheck, runPrediction } from '../../../src/sim/labs/index.ts';
import type { LabCheck } from '../../../src/deck/index.ts';
import { lab, start, type } from './helpers.ts';

const now = (run: ReturnType<typeof start>, check: LabCheck) =>
  evaluateCheck(check, { session: run.session, clusters: run.clusters });

describe('lab-first-cluster', () => {
  const card = lab('lab-first-cluster');

  it('passes once the learner has created the k8s-intro cluster', () => {
    expect(checkLab(card, start(card, card.solution)).passed).toBe(true);
  });

  it('fails with no cluster, or with a cluster of another name', () => {
    const none = checkLab(card, start(card));
    expect(none.passed).toBe(false);
    expect(none.results[1]?.message).toMatch(/no cluster/);
    expect(checkLab(card, start(card, ['kind create cluster --name other'])).passed).toBe(false);
  });

  it('is not fooled by a scheduler Pod that is still listed right after the scheduler stopped', () => {
    const run = start(card, ['kind create cluster --name k8s-intro', 'sim stop kube-scheduler']);
    const result = checkLab(card, run);
    expect(result.passed).toBe(false);
    expect(result.results.find((r) => 'pods' in r.check && r.check.pods === 'component=kube-scheduler')?.ok).toBe(
      false,
    );
  });
});

describe('lab-scale-down-demo', () => {
  const card = lab('lab-scale-down-demo');

  it('passes after kubectl scale to 1 replica', () => {
    expect(checkLab(card, start(card, card.solution)).passed).toBe(true);
  });

  it('fails while demo still wants 3 replicas', () => {
    const result = checkLab(card, start(card));
    expect(result.passed).toBe(false);
    expect(result.results[0]?.message).toMatch(/3\/3 ready/);
  });

  it('is not fooled by deleting two Pods by hand: one Pod only lasts until the ReplicaSet refills', () => {
    const run = start(card);
    const api = run.session.currentCluster()?.api;
    const names = run.session
      .run('kubectl get pods -l app=demo -o name')
      .stdout.trim()
      .split('\n')
      .map((n) => n.replace('pod/', ''));
    // Deleted through the API within one instant, so the moment with a single Pod is observable.
    for (const name of names.slice(0, 2)) {
      api?.handle({
        verb: 'delete',
        group: '',
        version: 'v1',
        resource: 'pods',
        namespace: 'default',
        name,
        gracePeriodSeconds: 0,
        userAgent: 'test',
      });
    }
    expect(now(run, { pods: 'app=demo', count: 1 }).ok).toBe(true);
    const result = checkLab(card, run);
    expect(result.passed).toBe(false);
    expect(result.results[1]?.message).toMatch(/^3 pods of 3 selected/);
  });
});

describe('lab-pending-pod', () => {
  const card = lab('lab-pending-pod');

  it('passes once a node carries the label the Pod selects', () => {
    expect(checkLab(card, start(card, card.solution)).passed).toBe(true);
  });

  it('fails while the Pod is Pending, or after labelling the node with the wrong value', () => {
    expect(checkLab(card, start(card)).passed).toBe(false);
    const wrong = checkLab(card, start(card, ['kubectl label node lab-control-plane disktype=hdd']));
    expect(wrong.passed).toBe(false);
    expect(wrong.results[0]?.message).toBe('pod picky is Pending, not ready');
  });

  it('waits for the cluster to settle: right after the fix the Pod is not Running yet, but the check passes', () => {
    const run = start(card, ['kubectl label node lab-control-plane disktype=ssd']);
    expect(now(run, { pod: 'picky', phase: 'Running', ready: true }).ok).toBe(false);
    expect(checkLab(card, run).passed).toBe(true);
  });
});

describe('lab-image-pull-backoff', () => {
  const card = lab('lab-image-pull-backoff');

  it('passes after set image and a completed rollout', () => {
    expect(checkLab(card, start(card, card.solution)).passed).toBe(true);
  });

  it('fails with the typo in place, or with another wrong image', () => {
    expect(checkLab(card, start(card)).passed).toBe(false);
    expect(checkLab(card, start(card, ['kubectl set image deployment/web ngnix=nginx:9.99'])).passed).toBe(false);
  });

  it('is not fooled by a fixed image whose rollout never completes', () => {
    const run = start(card, ['kubectl set image deployment/web ngnix=nginx:1.27', 'sim stop kube-controller-manager']);
    expect(now(run, { deployment: 'web', image: 'nginx:1.27' }).ok).toBe(true);
    const result = checkLab(card, run);
    expect(result.passed).toBe(false);
    expect(result.results[0]?.message).toMatch(/rollout not complete/);
  });
});

describe('lab-stuck-in-init', () => {
  const card = lab('lab-stuck-in-init');

  it('starts stuck with an Init: status', () => {
    const run = start(card);
    run.session.run('sleep 20');
    expect(run.session.run('kubectl get pods -l app=web --no-headers').stdout).toMatch(
      / 0\/1 +Init:(ErrImagePull|ImagePullBackOff) /,
    );
    expect(checkLab(card, run).passed).toBe(false);
  });

  it('passes after fixing the init container image and a completed rollout', () => {
    expect(checkLab(card, start(card, card.solution)).passed).toBe(true);
  });

  it('fails with another wrong init image, or with a Deployment made again without the init container', () => {
    expect(checkLab(card, start(card, ['kubectl set image deployment/web fetch-config=busybox:9.99'])).passed).toBe(
      false,
    );
    const removed = start(card, [
      'kubectl delete deployment web',
      'kubectl create deployment web --image=nginx',
      'kubectl rollout status deployment/web',
    ]);
    expect(checkLab(card, removed).passed).toBe(false);
  });
});

describe('lab-taint-reserve-node', () => {
  const card = lab('lab-taint-reserve-node');

  it('passes after a NoExecute taint and scaling to 6', () => {
    const run = start(card, card.solution);
    expect(checkLab(card, run).passed).toBe(true);
  });

  it('fails with web Pods still on lab-worker2 (a NoSchedule taint leaves them), or with the node cordoned', () => {
    const noSchedule = start(card, [
      'kubectl taint nodes lab-worker2 dedicated=special:NoSchedule',
      'kubectl scale deployment web --replicas=6',
      'kubectl rollout status deployment/web',
    ]);
    expect(noSchedule.session.run('kubectl get pods -l app=web -o wide').stdout).toContain('lab-worker2');
    expect(checkLab(card, noSchedule).passed).toBe(false);
    const cordoned = start(card, [
      'kubectl taint nodes lab-worker2 dedicated=special:NoExecute',
      'kubectl cordon lab-worker2',
      'kubectl scale deployment web --replicas=6',
      'kubectl rollout status deployment/web',
    ]);
    expect(checkLab(card, cordoned).passed).toBe(false);
    const otherValue = start(card, [
      'kubectl taint nodes lab-worker2 dedicated=other:NoExecute',
      'kubectl scale deployment web --replicas=6',
      'kubectl rollout status deployment/web',
    ]);
    expect(checkLab(card, otherValue).passed).toBe(false);
    expect(checkLab(card, start(card)).passed).toBe(false);
  });
});

describe('lab-connection-refused', () => {
  const card = lab('lab-connection-refused');

  it('passes after recreating the cluster', () => {
    expect(checkLab(card, start(card, card.solution)).passed).toBe(true);
  });

  it('fails while no cluster exists', () => {
    const result = checkLab(card, start(card));
    expect(result.passed).toBe(false);
    expect(result.results[0]?.message).toMatch(/exited 1: The connection to the server localhost:8080 was refused/);
  });

  it('is not fooled by a node that still shows Ready a moment after its kubelet died', () => {
    const run = start(card, ['kind create cluster --name k8s-intro', 'sim node k8s-intro-control-plane down']);
    expect(now(run, { node: '*', ready: true }).ok).toBe(true);
    expect(checkLab(card, run).passed).toBe(false);
  });
});

describe.each([
  ['lab-scheduler-stopped', 'kube-scheduler', 'web'],
  ['lab-controller-manager-stopped', 'kube-controller-manager', 'demo'],
])('%s', (id, component, deployment) => {
  const card = lab(id);
  const predicted = () => {
    const run = start(card);
    runPrediction(card, run, 0);
    return run;
  };

  it(`passes once ${component} runs again and ${deployment} is ready`, () => {
    const run = predicted();
    type(run, card.solution ?? []);
    expect(checkLab(card, run).passed).toBe(true);
  });

  it(`fails while ${component} is stopped`, () => {
    const result = checkLab(card, predicted());
    expect(result.passed).toBe(false);
    expect(result.results[0]?.message).toBe(`${component} is stopped`);
  });

  it(`is not fooled by starting ${component} just long enough for ${deployment} to run`, () => {
    const run = predicted();
    type(run, [`sim start ${component}`, 'sleep 60', `sim stop ${component}`]);
    expect(now(run, { deployment, readyReplicas: card.id === 'lab-scheduler-stopped' ? 1 : 2 }).ok).toBe(true);
    expect(checkLab(card, run).passed).toBe(false);
  });
});
