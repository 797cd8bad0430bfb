// kubectl, kind and the sandbox controls on the real simulated control plane.

import { describe, expect, it } from 'vitest';
import { Session, defaultClusterFactory } from '../../../src/sim/shell/index.ts';

const START = Date.parse('2024-05-20T10:00:00Z');

function cluster(seed = 5, config = ''): Session {
  const s = new Session({ seed, now: START, clusters: defaultClusterFactory() });
  s.run(`kind create cluster${config}`);
  return s;
}

describe('kubectl on a kind cluster', () => {
  it('shows the node Ready with kind and containerd details in -o wide', () => {
    const out = cluster().run('kubectl get nodes -o wide').stdout.split('\n');
    expect(out[0]).toBe(
      'NAME                 STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION     CONTAINER-RUNTIME',
    );
    expect(out[1]).toMatch(
      /^kind-control-plane {3}Ready {4}control-plane {3}\d+s +v1\.30\.0 {3}172\.18\.0\.2 {4}<none> {8}Debian GNU\/Linux 12 \(bookworm\) {3}6\.8\.0-45-generic {3}containerd:\/\/1\.7\.15$/,
    );
  });

  it('names multi-node clusters like kind and taints only the control plane', () => {
    const s = cluster(5, ' --name multi --config kind-multinode.yaml');
    expect(s.run('kubectl get nodes -o name').stdout).toBe(
      'node/multi-control-plane\nnode/multi-worker\nnode/multi-worker2\n',
    );
    expect(s.run('kubectl get node multi-control-plane -o jsonpath={.spec.taints[*].key}').stdout).toBe(
      'node-role.kubernetes.io/control-plane',
    );
    expect(s.run('kubectl get node multi-worker -o jsonpath={.spec.taints}').stdout).toBe('');
  });

  it('creates a deployment whose pods carry the pod-template-hash and a 5-character suffix', () => {
    const s = cluster();
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    s.run('sleep 10');
    const names = s.run('kubectl get pods -l app=web -o name').stdout.trim().split('\n');
    const rs = s.run('kubectl get rs -l app=web -o name').stdout.trim();
    const hash = rs.replace('replicaset.apps/web-', '');
    expect(hash).toMatch(/^[4-9bcdf]{8,10}$/);
    expect(names).toHaveLength(2);
    for (const n of names) expect(n).toMatch(new RegExp(`^pod/web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
    expect(s.run('kubectl get deploy web').stdout).toMatch(
      /^NAME {3}READY {3}UP-TO-DATE {3}AVAILABLE {3}AGE\nweb {4}2\/2 {5}2 {12}2 {11}\d+s\n$/,
    );
  });

  it('waits for rollout status and reports it like kubectl', () => {
    const s = cluster();
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    const r = s.run('kubectl rollout status deployment/web');
    expect(r.stdout.split('\n').at(-2)).toBe('deployment "web" successfully rolled out');
    expect(r.stdout).toMatch(
      /^Waiting for deployment "web" rollout to finish: \d+ (of|out of) 2 (updated|new) replicas (are available|have been updated)\.\.\.\n/,
    );
  });

  it('describes pods selected by label with events from the scheduler and kubelet', () => {
    const s = cluster();
    s.run('kubectl create deployment web --image=nginx');
    s.run('sleep 15');
    const out = s.run('kubectl describe pods -l app=web').stdout;
    expect(out).toMatch(/^Name: {13}web-[4-9bcdf]+-\w{5}\nNamespace: {8}default\nPriority: {9}0\n/);
    expect(out).toContain('Controlled By:  ReplicaSet/web-');
    expect(out).toMatch(
      /\n {2}Normal {2}Scheduled {2}\d+s +default-scheduler {2}Successfully assigned default\/web-\S+ to kind-control-plane\n/,
    );
    expect(out).toMatch(/\n {2}Normal {2}Pulling {4}\d+s +kubelet +Pulling image "nginx"\n/);
  });

  it('deletes a running pod and the ReplicaSet replaces it', () => {
    const s = cluster();
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    s.run('sleep 15');
    const before = s.run('kubectl get pods -l app=web -o name').stdout.trim().split('\n');
    const del = s.run(`kubectl delete ${before[0] ?? ''}`);
    expect(del.stdout).toBe(`pod "${(before[0] ?? '').slice(4)}" deleted\n`);
    s.run('sleep 15');
    const after = s.run('kubectl get pods -l app=web -o name').stdout.trim().split('\n');
    expect(after).toHaveLength(2);
    expect(after).not.toContain(before[0]);
  });

  it('lists events with NAMESPACE first when sorted by lastTimestamp across namespaces', () => {
    const s = cluster();
    s.run('kubectl create deployment demo --image=nginx --replicas=3');
    s.run('kubectl scale deployment demo --replicas=1');
    const out = s.run('kubectl get events -A --sort-by=.lastTimestamp | tail -3').stdout;
    expect(out.split('\n')).toHaveLength(4);
    const all = s.run('kubectl get events -A --sort-by=.lastTimestamp').stdout;
    expect(all.split('\n')[0]).toMatch(/^NAMESPACE +LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(all).toMatch(/ deployment\/demo +Scaled down replica set demo-\w+ to 1 from 3\n/);
  });

  it('switches contexts between clusters', () => {
    const s = cluster();
    s.run('kind create cluster --name second');
    expect(s.run('kubectl config current-context').stdout).toBe('kind-second\n');
    expect(s.run('kubectl get nodes -o name --context kind-kind').stdout).toBe('node/kind-control-plane\n');
    expect(s.run('kubectl config use-context kind-kind').stdout).toBe('Switched to context "kind-kind".\n');
    expect(s.run('kubectl get nodes -o name').stdout).toBe('node/kind-control-plane\n');
    expect(s.run('kubectl get pods --context nope').stderr).toBe(
      'Error in configuration: context was not found for specified context: nope\n',
    );
  });

  it('completes namespace and pod names from the live cluster', () => {
    const s = cluster();
    expect(s.complete('kubectl get po -n kube-s', 24).candidates).toEqual(['kube-system']);
    expect(s.complete('kubectl logs -n kube-system etcd', 32).candidates).toEqual(['etcd-kind-control-plane']);
  });
});

describe('faults and backups', () => {
  it('leaves new pods Pending while the scheduler is stopped', () => {
    const s = cluster();
    s.run('sim stop kube-scheduler');
    s.run('kubectl create deployment web --image=nginx');
    s.run('sleep 10');
    expect(s.run('kubectl get pods -l app=web').stdout).toMatch(/ 0\/1 {5}Pending {3}0 {10}\d+s\n$/);
    s.run('sim start kube-scheduler');
    s.run('sleep 15');
    expect(s.run('kubectl get pods -l app=web').stdout).toMatch(/ 1\/1 {5}Running {3}0 {10}\d+s\n$/);
  });

  it('refuses connections while the API server is stopped', () => {
    const s = cluster();
    s.run('sim stop kube-apiserver');
    const r = s.run('kubectl get pods');
    expect(r.stderr.split('\n')[5]).toMatch(
      /^The connection to the server 127\.0\.0\.1:\d+ was refused - did you specify the right host or port\?$/,
    );
    s.run('sim start kube-apiserver');
    expect(s.run('kubectl get ns default -o name').stdout).toBe('namespace/default\n');
  });

  it('brings the cluster state back from an etcd snapshot after a wipe', () => {
    const s = cluster();
    s.run('kubectl create deployment web --image=nginx');
    s.run('sleep 10');
    expect(s.run('etcdctl snapshot save backup.db').stdout).toBe('Snapshot saved at backup.db\n');
    s.run('sim etcd wipe');
    expect(s.run('kubectl get deployments').stderr).toBe('No resources found in default namespace.\n');
    s.run('etcdctl snapshot restore backup.db');
    expect(s.run('kubectl get deployments -o name').stdout).toBe('deployment.apps/web\n');
  });

  it('marks a node NotReady after its kubelet stops', () => {
    const s = cluster(5, ' --config kind-multinode.yaml');
    s.run('sim node kind-worker down');
    s.run('sleep 60');
    expect(s.run('kubectl get node kind-worker').stdout).toMatch(
      /^NAME +STATUS +ROLES +AGE +VERSION\nkind-worker {3}NotReady {3}<none> /,
    );
  });

  it('restores a whole session, cluster included, from JSON', () => {
    const s = cluster();
    s.run('kubectl create deployment web --image=nginx');
    s.run('sleep 10');
    const copy = Session.fromJSON(JSON.parse(JSON.stringify(s.toJSON())), defaultClusterFactory());
    expect(copy.run('kubectl get deploy web -o name').stdout).toBe('deployment.apps/web\n');
    expect(copy.run('kubectl get pods -l app=web -o jsonpath={.items[*].status.phase}').stdout).toBe('Running');
  });
});

describe('streaming output', () => {
  it('hands watch rows to onOutput one by one, in the same order as the result', () => {
    const s = cluster();
    const seen: string[] = [];
    const r = s.run('kubectl create deployment web --image=nginx --replicas=2 && kubectl get pods -l app=web -w', {
      onOutput: (c) => seen.push(c.text),
    });
    expect(seen.join('')).toBe(r.output.map((c) => c.text).join(''));
    const rows = seen.join('').split('\n');
    expect(rows[0]).toBe('deployment.apps/web created');
    expect(rows[1]).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE$/);
    expect(seen.length).toBeGreaterThan(3);
    expect(rows.filter((l) => / 1\/1 +Running /.test(l))).toHaveLength(2);
  });
});

describe('rollouts, drain and logs on a cluster', () => {
  it('keeps a revision history and rolls back', () => {
    const s = cluster();
    s.run('kubectl create deployment web --image=nginx:1.25 --replicas=2');
    s.run('kubectl rollout status deployment/web');
    expect(s.run('kubectl set image deployment/web nginx=nginx:1.27').stdout).toBe(
      'deployment.apps/web image updated\n',
    );
    s.run('kubectl rollout status deployment/web');
    expect(s.run('kubectl rollout history deployment/web').stdout).toBe(
      'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n',
    );
    expect(s.run('kubectl rollout undo deployment/web').stdout).toBe('deployment.apps/web rolled back\n');
    s.run('kubectl rollout status deployment/web');
    expect(s.run('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}').stdout).toBe(
      'nginx:1.25',
    );
  });

  it('drains a worker: cordons it, skips DaemonSet pods, evicts the rest', () => {
    const s = cluster(5, ' --config kind-multinode.yaml');
    s.run('kubectl create deployment web --image=nginx --replicas=4');
    s.run('sleep 15');
    const refused = s.run('kubectl drain kind-worker');
    expect(refused.stdout).toBe('node/kind-worker cordoned\n');
    expect(refused.stderr).toMatch(
      /^error: unable to drain node "kind-worker" due to error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/kindnet-\w{5}, kube-system\/kube-proxy-\w{5}, continuing command\.\.\.\n/,
    );
    const r = s.run('kubectl drain kind-worker --ignore-daemonsets');
    expect(r.stdout).toMatch(/^node\/kind-worker already cordoned\n(pod\/\S+ evicted\n)+node\/kind-worker drained\n$/);
    expect(r.stdout).toContain('pod/web-');
    expect(r.stderr).toMatch(
      /^Warning: ignoring DaemonSet-managed Pods: kube-system\/kindnet-\w{5}, kube-system\/kube-proxy-\w{5}\n/,
    );
    s.run('sleep 15');
    expect(s.run('kubectl get pods -l app=web --field-selector spec.nodeName=kind-worker -o name').stderr).toBe(
      'No resources found in default namespace.\n',
    );
    expect(s.run('kubectl get node kind-worker').stdout).toMatch(/kind-worker {3}Ready,SchedulingDisabled {3}<none> /);
  });

  it('prints a container log', () => {
    const s = cluster();
    s.run('kubectl run hello --image=busybox:1.36 --restart=Never --command -- sh -c "echo hello"');
    s.run('sleep 10');
    expect(s.run('kubectl logs hello').stdout).toBe('hello\n');
    expect(s.run('kubectl get pod hello -o jsonpath={.spec.containers[0].command}').stdout).toBe(
      '["sh","-c","echo hello"]',
    );
    expect(s.run('kubectl logs nope').stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('logs every word an unquoted echo prints, up to the next command', () => {
    const s = cluster();
    s.run(
      `kubectl run greet --image=busybox:1.36 --restart=Never --command -- sh -c 'echo waiting  for db; echo "done"'`,
    );
    s.run('sleep 10');
    expect(s.run('kubectl logs greet').stdout).toBe('waiting for db\ndone\n');
  });
});

describe('describe for DaemonSets', () => {
  it('prints the scheduling counts as kubectl does', () => {
    const out = cluster().run('kubectl describe ds kube-proxy -n kube-system').stdout;
    expect(out.split('\n').slice(0, 11)).toEqual([
      'Name:           kube-proxy',
      'Selector:       k8s-app=kube-proxy',
      'Node-Selector:  <none>',
      'Labels:         k8s-app=kube-proxy',
      'Annotations:    <none>',
      'Desired Number of Nodes Scheduled: 1',
      'Current Number of Nodes Scheduled: 1',
      'Number of Nodes Scheduled with Up-to-date Pods: 1',
      'Number of Nodes Scheduled with Available Pods: 1',
      'Number of Nodes Misscheduled: 0',
      'Pods Status:  1 Running / 0 Waiting / 0 Succeeded / 0 Failed',
    ]);
  });
});

describe('taints and patches on a cluster', () => {
  it('keeps new pods off a tainted node until they tolerate the taint, and evicts with NoExecute', () => {
    const s = cluster(5, ' --name multi --config kind-multinode.yaml');
    expect(s.run('kubectl taint nodes multi-worker2 gpu=true:NoSchedule').stdout).toBe('node/multi-worker2 tainted\n');
    s.run('kubectl create deployment web --image=nginx --replicas=6');
    s.run('kubectl rollout status deployment/web');
    const nodes = () => s.run('kubectl get pods -l app=web -o jsonpath={.items[*].spec.nodeName}').stdout.split(' ');
    expect(nodes()).toHaveLength(6);
    expect(nodes()).not.toContain('multi-worker2');
    // A YAML strategic-merge patch adds a toleration to the template: the new pods may land there.
    expect(
      s.run(
        `kubectl patch deployment web -p 'spec: {template: {spec: {tolerations: [{key: gpu, operator: Equal, value: "true", effect: NoSchedule}]}}}'`,
      ).stdout,
    ).toBe('deployment.apps/web patched\n');
    s.run('kubectl rollout status deployment/web');
    expect(nodes()).toContain('multi-worker2');
    // NoExecute evicts the pods that do not tolerate it; their replacements go elsewhere.
    expect(s.run('kubectl taint nodes multi-worker2 maintenance=now:NoExecute').stdout).toBe(
      'node/multi-worker2 tainted\n',
    );
    s.run('sleep 20');
    expect(nodes()).not.toContain('multi-worker2');
    expect(s.run('kubectl get deploy web -o jsonpath={.status.readyReplicas}').stdout).toBe('6');
  });
});

describe('kubectl wait, top and the commands the sandbox cannot run', () => {
  it('waits for conditions, jsonpath values and deletion over simulated time', () => {
    const s = cluster();
    s.run('kubectl create deployment web --image=nginx --replicas=2');
    expect(s.run('kubectl wait --for=condition=Available deployment/web --timeout=60s').stdout).toBe(
      'deployment.apps/web condition met\n',
    );
    const pods = s.run('kubectl wait --for=condition=ready pod -l app=web').stdout.trim().split('\n');
    expect(pods).toHaveLength(2);
    for (const line of pods) expect(line).toMatch(/^pod\/web-[a-z0-9]+-[a-z0-9]{5} condition met$/);
    expect(s.run(`kubectl wait --for=jsonpath='{.status.readyReplicas}'=2 deploy/web`).stdout).toBe(
      'deployment.apps/web condition met\n',
    );
    // Something already gone needs no waiting, and nothing is printed for it.
    const pod = (pods[0] ?? '').split(' ')[0] ?? '';
    s.run(`kubectl delete ${pod}`);
    expect(s.run(`kubectl wait --for=delete ${pod}`)).toMatchObject({ stdout: '', exitCode: 0 });
    const timedOut = s.run('kubectl wait --for=condition=Bogus node/kind-control-plane --timeout=3s');
    expect(timedOut.stderr).toBe('error: timed out waiting for the condition on nodes/kind-control-plane\n');
    expect(timedOut.exitCode).toBe(1);
    expect(s.run('kubectl wait --for=condition=Ready pod/nope').stderr).toBe(
      'Error from server (NotFound): pods "nope" not found\n',
    );
    expect(s.run('kubectl wait --for=ready pod -l app=web').stderr).toBe('error: unrecognized condition: "ready"\n');
  });

  it('waits while a pod terminates', () => {
    // No simulated time between commands: the pod is still terminating when wait starts.
    const s = new Session({ seed: 5, now: START, clusters: defaultClusterFactory(), stepMs: 0 });
    s.run('kind create cluster');
    s.run('kubectl run web --image=nginx');
    s.run('kubectl wait --for=condition=Ready pod/web --timeout=60s');
    s.run('kubectl delete pod web --wait=false');
    expect(s.run('kubectl get pod web -o jsonpath={.metadata.deletionTimestamp}').stdout).not.toBe('');
    expect(s.run('kubectl wait --for=delete pod/web --timeout=60s').stdout).toBe('pod/web condition met\n');
    expect(s.run('kubectl get pod web').stderr).toBe('Error from server (NotFound): pods "web" not found\n');
  });

  it('has no Metrics API on kind, and says which real commands the sandbox cannot run', () => {
    const s = cluster();
    expect(s.run('kubectl top pods').stderr).toBe('error: Metrics API not available\n');
    const exec = s.run('kubectl exec -it web -- sh');
    expect(exec.exitCode).toBe(1);
    expect(exec.stderr).toMatch(
      /^error: "kubectl exec" is not available in this sandbox: its containers are simulated/,
    );
    expect(s.run('kubectl xyzzy').stderr).toBe('error: unknown command "xyzzy" for "kubectl"\n');
  });
});

describe('NoExecute taints added with kubectl', () => {
  it('evict a tolerating pod only once its tolerationSeconds have passed', () => {
    const s = new Session({ seed: 5, now: START, clusters: defaultClusterFactory(), stepMs: 0 });
    s.run('kind create cluster');
    s.run(`cat <<EOF | kubectl apply -f -
apiVersion: v1
kind: Pod
metadata: { name: patient }
spec:
  tolerations:
  - { key: maintenance, operator: Exists, effect: NoExecute, tolerationSeconds: 30 }
  containers:
  - { name: web, image: nginx }
EOF`);
    s.run('kubectl wait --for=condition=Ready pod/patient --timeout=60s');
    s.run('kubectl run impatient --image=nginx');
    s.run('kubectl wait --for=condition=Ready pod/impatient --timeout=60s');
    expect(s.run('kubectl taint nodes kind-control-plane maintenance=now:NoExecute').stdout).toBe(
      'node/kind-control-plane tainted\n',
    );
    s.run('sleep 10');
    // The pod without a toleration goes at once; the tolerating one stays for its 30 seconds.
    expect(s.run('kubectl get pod impatient').stderr).toBe(
      'Error from server (NotFound): pods "impatient" not found\n',
    );
    expect(s.run('kubectl get pod patient -o jsonpath={.metadata.name}').stdout).toBe('patient');
    s.run('sleep 25');
    expect(s.run('kubectl get pod patient').stderr).toBe('Error from server (NotFound): pods "patient" not found\n');
  });
});
