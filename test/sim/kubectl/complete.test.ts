import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/sim/shell/index.ts';
import { fakeFactory } from './fake-cluster.ts';

const session = () => new Session({ seed: 1, now: 0, clusters: fakeFactory() });
const c = (s: Session, line: string) => s.complete(line, line.length);

describe('tab completion', () => {
  it('completes command names at the start of a line', () => {
    expect(c(session(), 'ku')).toEqual({ from: 0, candidates: ['kubectl'] });
  });

  it('completes kubectl subcommands', () => {
    expect(c(session(), 'kubectl ro').candidates).toEqual(['rollout']);
    expect(c(session(), 'kubectl rollout ').candidates).toEqual(['history', 'restart', 'status', 'undo']);
  });

  it('completes resource types with short names', () => {
    const r = c(session(), 'kubectl get de');
    expect(r.from).toBe(12);
    expect(r.candidates).toEqual(['deploy', 'deployment', 'deployments']);
  });

  it('completes flags of the command', () => {
    expect(c(session(), 'kubectl get pods --all').candidates).toEqual(['--all-namespaces']);
  });

  it('completes file names after -f and for cat', () => {
    expect(c(session(), 'kubectl apply -f web').candidates).toEqual(['web-deployment.yaml', 'web-service.yaml']);
    expect(c(session(), 'cat kind').candidates).toEqual(['kind-multinode.yaml']);
  });

  it('completes after a pipe', () => {
    expect(c(session(), 'kubectl get pods | hea').candidates).toEqual(['head']);
  });

  it('completes sim components and kind nouns', () => {
    expect(c(session(), 'sim stop kube-s').candidates).toEqual(['kube-scheduler']);
    expect(c(session(), 'kind get c').candidates).toEqual(['clusters']);
  });
});

describe('suggestions', () => {
  it('proposes creating a cluster when there is none', () => {
    expect(session().suggestions()).toEqual(['kind create cluster', 'minikube start', 'kubectl version --client']);
  });

  it('proposes looking around once a cluster exists', () => {
    const s = session();
    s.run('kind create cluster');
    expect(s.suggestions()[0]).toBe('kubectl get nodes');
  });

  it('proposes restarting a stopped component', () => {
    const s = session();
    s.run('kind create cluster');
    s.run('sim stop kube-scheduler');
    expect(s.suggestions()[0]).toBe('sim start kube-scheduler');
  });
});
