import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/sim/shell/index.ts';
import { fakeFactory } from './fake-cluster.ts';

const NOW = Date.parse('2024-05-20T10:00:00Z');
const session = (tty = false) => new Session({ seed: 1, now: NOW, clusters: fakeFactory(), tty });

describe('kind create cluster', () => {
  it('prints kind v0.23 steps as a non-terminal sees them and sets the context', () => {
    const s = session();
    const r = s.run('kind create cluster --name k8s-intro');
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n');
    expect(lines.slice(0, 13)).toEqual([
      'Creating cluster "k8s-intro" ...',
      ' • Ensuring node image (kindest/node:v1.30.0) 🖼  ...',
      ' ✓ Ensuring node image (kindest/node:v1.30.0) 🖼',
      ' • Preparing nodes 📦   ...',
      ' ✓ Preparing nodes 📦 ',
      ' • Writing configuration 📜  ...',
      ' ✓ Writing configuration 📜',
      ' • Starting control-plane 🕹️  ...',
      ' ✓ Starting control-plane 🕹️',
      ' • Installing CNI 🔌  ...',
      ' ✓ Installing CNI 🔌',
      ' • Installing StorageClass 💾  ...',
      ' ✓ Installing StorageClass 💾',
    ]);
    expect(lines.slice(13, 18)).toEqual([
      'Set kubectl context to "kind-k8s-intro"',
      'You can now use your cluster with:',
      '',
      'kubectl cluster-info --context kind-k8s-intro',
      '',
    ]);
    expect([
      'Have a nice day! 👋',
      'Thanks for using kind! 😊',
      'Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/',
      'Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂',
    ]).toContain(lines[18]);
    expect(s.currentContext()).toBe('kind-k8s-intro');
    expect(r.exitCode).toBe(0);
  });

  it('prints green ticks on a terminal', () => {
    const r = session(true).run('kind create cluster');
    expect(r.stderr.split('\n')[1]).toBe(' \x1b[32m✓\x1b[0m Ensuring node image (kindest/node:v1.30.0) 🖼');
  });

  it('builds a multi-node cluster from a config with workers', () => {
    const s = session();
    const r = s.run('kind create cluster --name multi --config kind-multinode.yaml');
    expect(r.stderr).toContain(' ✓ Preparing nodes 📦 📦 📦 \n');
    expect(r.stderr).toContain(' ✓ Joining worker nodes 🚜\n');
    expect(s.run('kind get nodes --name multi').stdout).toBe('multi-control-plane\nmulti-worker\nmulti-worker2\n');
  });

  it('waits for the control plane with --wait and says how long it took', () => {
    const r = session().run('kind create cluster --wait 60s');
    expect(r.stderr).toContain(
      ' • Waiting ≤ 1m0s for control-plane = Ready ⏳  ...\n ✓ Waiting ≤ 1m0s for control-plane = Ready ⏳\n • Ready after 0s 💚\n',
    );
    expect(session().run('kind create cluster --wait soon').stderr).toBe(
      'ERROR: invalid argument "soon" for "--wait" flag: time: invalid duration "soon"\n',
    );
  });

  it('refuses a second cluster with the same name', () => {
    const s = session();
    s.run('kind create cluster');
    const r = s.run('kind create cluster');
    expect(r.stderr).toBe(
      'ERROR: failed to create cluster: node(s) already exist for a cluster with the name "kind"\n',
    );
    expect(r.exitCode).toBe(1);
  });

  it('reports a missing config file', () => {
    const r = session().run('kind create cluster --config nope.yaml');
    expect(r.stderr).toBe(
      'ERROR: failed to create cluster: error reading file: open nope.yaml: no such file or directory\n',
    );
  });

  it('lists and deletes clusters', () => {
    const s = session();
    expect(s.run('kind get clusters').stderr).toBe('No kind clusters found.\n');
    s.run('kind create cluster --name a');
    s.run('kind create cluster --name b');
    expect(s.run('kind get clusters').stdout).toBe('a\nb\n');
    const r = s.run('kind delete cluster --name a');
    expect(r.stderr).toBe('Deleting cluster "a" ...\nDeleted nodes: ["a-control-plane"]\n');
    expect(s.run('kind get clusters').stdout).toBe('b\n');
  });

  it('leaves kubectl without a server after the current cluster is deleted', () => {
    const s = session();
    s.run('kind create cluster --name gone');
    s.run('kind delete cluster --name gone');
    const r = s.run('kubectl get pods');
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(
      /^E0520 10:00:\d\d\.\d{6} {3}\d{5} memcache\.go:265\] couldn't get current server API group list: Get "http:\/\/localhost:8080\/api\?timeout=32s": dial tcp 127\.0\.0\.1:8080: connect: connection refused$/,
    );
    expect(lines[5]).toBe(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
    expect(r.exitCode).toBe(1);
  });
});

describe('minikube', () => {
  it('starts and deletes the minikube cluster and context', () => {
    const s = session();
    const r = s.run('minikube start');
    expect(r.stdout.split('\n').at(-2)).toBe(
      '🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default',
    );
    expect(s.run('kubectl config current-context').stdout).toBe('minikube\n');
    expect(s.run('minikube delete').stdout).toBe(
      '🔥  Deleting "minikube" in docker ...\n🔥  Deleting container "minikube" ...\n🔥  Removing /root/.minikube/machines/minikube ...\n💀  Removed all traces of the "minikube" cluster.\n',
    );
    expect(s.run('kubectl config current-context').stderr).toBe('error: current-context is not set\n');
  });
});

describe('kubectl without a cluster', () => {
  it('fails create deployment on the POST itself, as kubectl does without discovery', () => {
    const r = session().run('kubectl create deployment web --image=nginx');
    expect(r.stderr).toBe(
      'error: failed to create deployment: Post "http://localhost:8080/apis/apps/v1/namespaces/default/deployments?fieldManager=kubectl-create&fieldValidation=Strict": dial tcp 127.0.0.1:8080: connect: connection refused\n',
    );
  });

  it('prints the debug hint on stdout and the refusal on stderr for cluster-info', () => {
    const r = session().run('kubectl cluster-info');
    expect(r.stdout).toBe("\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
    expect(r.stderr.split('\n').at(-2)).toBe(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?',
    );
    expect(r.exitCode).toBe(1);
  });

  it('still prints the client version', () => {
    const r = session().run('kubectl version');
    expect(r.stdout).toBe('Client Version: v1.30.0\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\n');
    expect(r.stderr).toBe(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
    );
  });
});
