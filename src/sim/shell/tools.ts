// etcdctl (snapshot save/restore/status against the current cluster's simulated etcd) and the
// sandbox's own `sim` controls, the only commands that are not real tools. The app's fault
// buttons call the same functions.

import type { ToolOutput } from './builtins.ts';
import { CONTROL_PLANE_COMPONENTS } from './cluster-port.ts';
import type { Session } from './session.ts';
import { rfc3339 } from '../kubectl/time.ts';

// Tab completion and the shell's file and text commands come with them (see ./tools-port.ts).
export { complete } from './completion.ts';
export { cat, echo, grep, head, history, ls, rm, sleepMs, tail, wc } from './builtins.ts';

const ok = (stdout: string, stderr = ''): ToolOutput => ({ stdout, stderr, exitCode: 0 });
const fail = (stderr: string, exitCode = 1): ToolOutput => ({ stdout: '', stderr, exitCode });

const SNAPSHOT_MAGIC = 'sandbox-etcd-snapshot/v1';

function etcdDown(session: Session): boolean {
  const c = session.currentCluster();
  return !c || c.components().some((x) => x.name === 'etcd' && !x.running);
}

export function etcdctl(argv: string[], session: Session): ToolOutput {
  const args = argv.filter((a) => !a.startsWith('--'));
  const [group, verb, file] = args;
  if (group === 'version') return ok('etcdctl version: 3.5.12\nAPI version: 3.5\n');
  if (group !== 'snapshot' || !verb)
    return fail(`Error: unknown command "${args.join(' ')}" for "etcdctl"\nRun 'etcdctl --help' for usage.\n`);
  if (!file) return fail(`Error: snapshot ${verb} expects one argument\n`);
  const ts = rfc3339(session.now());
  if (verb === 'save') {
    const cluster = session.currentCluster();
    if (!cluster || etcdDown(session)) return fail('Error: context deadline exceeded\n');
    const data = JSON.stringify({ magic: SNAPSHOT_MAGIC, snapshot: cluster.snapshot() });
    session.fs.write(file, data);
    return ok(
      `Snapshot saved at ${file}\n`,
      `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:65","msg":"created temporary db file","path":"${file}.part"}\n` +
        `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:73","msg":"fetching snapshot","endpoint":"127.0.0.1:2379"}\n` +
        `{"level":"info","ts":"${ts}","caller":"snapshot/v3_snapshot.go:97","msg":"saved","path":"${file}"}\n`,
    );
  }
  const text = session.fs.read(file);
  if (text === undefined) return fail(`Error: stat ${file}: no such file or directory\n`);
  let snap: unknown;
  try {
    const parsed = JSON.parse(text) as { magic?: string; snapshot?: unknown };
    if (parsed.magic !== SNAPSHOT_MAGIC) throw new Error('bad magic');
    snap = parsed.snapshot;
  } catch {
    return fail(
      'Error: snapshot file integrity check failed. 2 errors occurred:\n\t* invalid database\n\t* invalid database\n',
    );
  }
  if (verb === 'status') {
    const keys = Array.isArray((snap as { kvs?: unknown[] }).kvs) ? (snap as { kvs: unknown[] }).kvs.length : 0;
    const rev = Number((snap as { revision?: number }).revision ?? 0);
    return ok(
      `Deprecated: Use \`etcdutl snapshot status\` instead.\n\n${(rev >>> 0).toString(16)}, ${rev}, ${keys}, ${text.length} B\n`,
    );
  }
  if (verb === 'restore') {
    const cluster = session.currentCluster();
    if (!cluster) return fail('Error: context deadline exceeded\n');
    cluster.restore(snap);
    return ok(
      '',
      `Deprecated: Use \`etcdutl snapshot restore\` instead.\n\n` +
        `${ts}\tinfo\tsnapshot/v3_snapshot.go:248\trestoring snapshot\t{"path": "${file}", "wal-dir": "default.etcd/member/wal", "data-dir": "default.etcd", "snap-dir": "default.etcd/member/snap"}\n` +
        `${ts}\tinfo\tsnapshot/v3_snapshot.go:269\trestored snapshot\t{"path": "${file}", "wal-dir": "default.etcd/member/wal", "data-dir": "default.etcd", "snap-dir": "default.etcd/member/snap"}\n`,
    );
  }
  return fail(`Error: unknown command "${verb}" for "etcdctl snapshot"\n`);
}

const SIM_USAGE = `usage:
  sim status
  sim stop|start kube-apiserver|etcd|kube-scheduler|kube-controller-manager
  sim node NODE down|up
  sim etcd wipe
`;

export function simControl(argv: string[], session: Session): ToolOutput {
  const [verb = '', a = '', b = ''] = argv;
  const cluster = session.currentCluster();
  if (verb === '' || verb === 'help') return ok(SIM_USAGE);
  if (!cluster) return fail('sim: no cluster in the current context (create one with `kind create cluster`)\n');
  if (verb === 'status') {
    const rows = cluster
      .components()
      .map(
        (c) =>
          `${c.kind === 'node' && c.node ? `${c.name} (${c.node})` : c.name}\t${c.running ? 'Running' : 'Stopped'}`,
      );
    const width = Math.max(9, ...rows.map((r) => (r.split('\t')[0] ?? '').length)) + 3;
    const line = (r: string) => {
      const [n = '', s = ''] = r.split('\t');
      return n.padEnd(width) + s + '\n';
    };
    return ok(line('COMPONENT\tSTATUS') + rows.map(line).join(''));
  }
  if (verb === 'stop' || verb === 'start') {
    if (!(CONTROL_PLANE_COMPONENTS as readonly string[]).includes(a))
      return fail(`sim: unknown component "${a}"; one of: ${CONTROL_PLANE_COMPONENTS.join(', ')}\n`);
    if (verb === 'stop') cluster.stopComponent(a);
    else cluster.startComponent(a);
    return ok(`${a} ${verb === 'stop' ? 'stopped' : 'started'}\n`);
  }
  if (verb === 'node') {
    if (!cluster.nodeNames().includes(a)) return fail(`sim: no node named "${a}"\n`);
    if (b !== 'down' && b !== 'up') return fail(SIM_USAGE);
    if (b === 'down') cluster.nodeDown(a);
    else cluster.nodeUp(a);
    return ok(`node ${a}: kubelet ${b === 'down' ? 'stopped' : 'started'}\n`);
  }
  if (verb === 'etcd' && a === 'wipe') {
    cluster.wipeEtcd();
    return ok('etcd: all keys deleted (cluster state lost)\n');
  }
  return fail(SIM_USAGE);
}
