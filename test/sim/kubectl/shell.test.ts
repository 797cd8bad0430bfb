import { describe, expect, it } from 'vitest';
import { Session, transcript } from '../../../src/sim/shell/index.ts';
import { fakeFactory } from './fake-cluster.ts';

const NOW = Date.parse('2024-05-20T10:00:00Z');
const session = () => new Session({ seed: 1, now: NOW, clusters: fakeFactory(), stepMs: 1000 });

describe('sandbox shell', () => {
  it('writes a here-document to a file and reads it back', () => {
    const s = session();
    expect(s.run('cat > f.yaml <<EOF\nkind: Pod\nmetadata:\n  name: x\nEOF').exitCode).toBe(0);
    expect(s.run('cat f.yaml').stdout).toBe('kind: Pod\nmetadata:\n  name: x\n');
    expect(s.run('ls').stdout).toBe('f.yaml\nkind-multinode.yaml\npod.yaml\nweb-deployment.yaml\nweb-service.yaml\n');
    expect(s.run('rm f.yaml').exitCode).toBe(0);
    expect(s.run('cat f.yaml').stderr).toBe('cat: f.yaml: No such file or directory\n');
  });

  it('pipes through head, tail, grep and wc -l', () => {
    const s = session();
    s.run("cat > n.txt <<'EOF'\none\ntwo\nthree\nfour\nEOF");
    expect(s.run('cat n.txt | head -2').stdout).toBe('one\ntwo\n');
    expect(s.run('cat n.txt | head -n 1').stdout).toBe('one\n');
    expect(s.run('cat n.txt | tail -1').stdout).toBe('four\n');
    expect(s.run('cat n.txt | tail -n +3').stdout).toBe('three\nfour\n');
    expect(s.run('cat n.txt | grep t').stdout).toBe('two\nthree\n');
    expect(s.run('cat n.txt | grep -v t | wc -l').stdout).toBe('2\n');
    expect(s.run('cat n.txt | grep -c o').stdout).toBe('3\n');
    expect(s.run('grep -E "^(one|four)$" n.txt').stdout).toBe('one\nfour\n');
    expect(s.run('cat n.txt | grep zzz').exitCode).toBe(1);
  });

  it('lets sleep advance simulated time on top of the per-command step', () => {
    const s = session();
    s.run('sleep 30');
    expect(s.now() - NOW).toBe(31_000);
    expect(s.run('sleep x').stderr).toBe(
      "sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n",
    );
  });

  it('advances every cluster clock with the session', () => {
    const f = fakeFactory();
    const s = new Session({ seed: 1, now: NOW, clusters: f, stepMs: 1000 });
    s.run('kind create cluster');
    s.run('sleep 2');
    expect(f.made[0]?.elapsed).toBe(4000);
  });

  it('keeps a numbered history', () => {
    const s = session();
    s.run('echo a');
    s.run('echo b');
    expect(s.run('history').stdout).toBe('    1  echo a\n    2  echo b\n    3  history\n');
  });

  it('reports unknown commands like bash', () => {
    const r = session().run('kubeclt get pods');
    expect(r.stderr).toBe('bash: kubeclt: command not found\n');
    expect(r.exitCode).toBe(127);
  });

  it('runs && and || by exit code', () => {
    expect(session().run('false && echo no || echo yes').stdout).toBe('yes\n');
  });

  it('merges stderr into a pipe with 2>&1 and drops it with 2>/dev/null', () => {
    const s = session();
    expect(s.run('kubectl get pods 2>&1 | tail -1').stdout).toBe(
      'The connection to the server localhost:8080 was refused - did you specify the right host or port?\n',
    );
    expect(s.run('kubectl get pods 2>/dev/null').output).toEqual([]);
  });

  it('asks to clear the screen', () => {
    expect(session().run('clear').clear).toBe(true);
  });

  it('survives a JSON round trip with files, history, contexts and clusters', () => {
    const f = fakeFactory();
    const s = new Session({ seed: 3, now: NOW, clusters: f });
    s.run('kind create cluster --name keep');
    s.run('echo hi > note.txt');
    const copy = Session.fromJSON(JSON.parse(JSON.stringify(s.toJSON())), f);
    expect(copy.currentContext()).toBe('kind-keep');
    expect(copy.run('cat note.txt').stdout).toBe('hi\n');
    expect(copy.history).toEqual(['kind create cluster --name keep', 'echo hi > note.txt', 'cat note.txt']);
    expect(copy.now()).toBe(s.now() + copy.stepMs);
    expect(copy.run('kind get clusters').stdout).toBe('keep\n');
  });
});

describe('etcdctl and sim controls', () => {
  it('saves an etcd snapshot to a file and restores it', () => {
    const f = fakeFactory();
    const s = new Session({ seed: 1, now: NOW, clusters: f });
    s.run('kind create cluster');
    const save = s.run('etcdctl snapshot save snap.db');
    expect(save.stdout).toBe('Snapshot saved at snap.db\n');
    expect(save.stderr.split('\n')[0]).toBe(
      '{"level":"info","ts":"2024-05-20T10:00:05Z","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"snap.db.part"}',
    );
    const restore = s.run('etcdctl snapshot restore snap.db');
    expect(restore.stderr.split('\n')[0]).toBe('Deprecated: Use `etcdutl snapshot restore` instead.');
    expect(f.made[0]?.restored).toEqual({ revision: 7, kvs: [{ key: '/registry/namespaces/default' }] });
  });

  it('cannot save a snapshot while etcd is stopped', () => {
    const s = new Session({ seed: 1, now: NOW, clusters: fakeFactory() });
    s.run('kind create cluster');
    expect(s.run('sim stop etcd').stdout).toBe('etcd stopped\n');
    expect(s.run('etcdctl snapshot save snap.db').stderr).toBe('Error: context deadline exceeded\n');
  });

  it('rejects a file that is not a snapshot', () => {
    const s = new Session({ seed: 1, now: NOW, clusters: fakeFactory() });
    s.run('kind create cluster');
    expect(s.run('etcdctl snapshot restore pod.yaml').stderr).toBe(
      'Error: snapshot file integrity check failed. 2 errors occurred:\n\t* invalid database\n\t* invalid database\n',
    );
  });

  it('stops and starts control-plane components and reports their status', () => {
    const f = fakeFactory();
    const s = new Session({ seed: 1, now: NOW, clusters: f });
    s.run('kind create cluster');
    expect(s.run('sim stop kube-scheduler').stdout).toBe('kube-scheduler stopped\n');
    expect(s.run('sim status').stdout).toBe(
      'COMPONENT                 STATUS\netcd                      Running\nkube-apiserver            Running\nkube-controller-manager   Running\nkube-scheduler            Stopped\n',
    );
    expect(s.run('sim start kube-scheduler').stdout).toBe('kube-scheduler started\n');
    expect(s.run('sim stop kubelet').stderr).toBe(
      'sim: unknown component "kubelet"; one of: kube-apiserver, etcd, kube-scheduler, kube-controller-manager\n',
    );
  });

  it('takes a node down and up, and wipes etcd', () => {
    const f = fakeFactory();
    const s = new Session({ seed: 1, now: NOW, clusters: f });
    s.run('kind create cluster');
    expect(s.run('sim node kind-control-plane down').stdout).toBe('node kind-control-plane: kubelet stopped\n');
    expect(s.run('sim node nope down').stderr).toBe('sim: no node named "nope"\n');
    expect(s.run('sim etcd wipe').stdout).toBe('etcd: all keys deleted (cluster state lost)\n');
    expect(f.made[0]?.wiped).toBe(true);
  });

  it('prints the refused connection with the cluster address when the API server is stopped', () => {
    const s = new Session({ seed: 1, now: NOW, clusters: fakeFactory() });
    s.run('kind create cluster');
    s.run('sim stop kube-apiserver');
    const r = s.run('kubectl get nodes');
    expect(r.stderr.split('\n')[5]).toMatch(
      /^The connection to the server 127\.0\.0\.1:\d+ was refused - did you specify the right host or port\?$/,
    );
  });
});

describe('scripts', () => {
  it('echoes each command, skips comments and blank lines, and stops at exit', () => {
    const out = transcript(session(), '# a comment\n\necho one\ncat > f.txt <<EOF\nx\nEOF\nexit\necho never\n');
    expect(out).toBe('$ echo one\none\n$ cat > f.txt <<EOF\n> x\n> EOF\n$ exit\n');
  });
});
