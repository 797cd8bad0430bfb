// The `kind` CLI (v0.23) and `minikube` (v1.33) on top of the sandbox's cluster host: the same
// argv rules and the same progress lines the real tools print (kind writes everything to stderr).

import { goDuration } from '../index.ts';
import { parseGoDuration } from '../api/duration.ts';
import { FlagError, Flags, parseFlags } from '../kubectl/index.ts';
import { KindConfigError, parseKindConfig } from './config.ts';

export const KIND_IMAGE = 'kindest/node:v1.30.0';

export interface ClusterSpec {
  provider: 'kind' | 'minikube';
  name: string;
  controlPlanes: number;
  workers: number;
}

/** What kind and minikube need from the sandbox (implemented by the Session). */
export interface ClusterHost {
  clusters(provider: 'kind' | 'minikube'): string[];
  /**
   * Creates the cluster, writes its kubeconfig entry and makes it the current context. Returns
   * how long (simulated ms) the control plane took to become Ready.
   */
  createCluster(spec: ClusterSpec): number;
  /** Removes the cluster and its kubeconfig entries; returns the node names it had. */
  deleteCluster(name: string): string[];
  nodeNames(name: string): string[];
  readFile(path: string): string | undefined;
  /** An integer in [0, n) from the session's seeded generator. */
  randomInt(n: number): number;
  /** Whether stderr is a terminal (kind shows ✓ lines instead of "• ... ✓" pairs). */
  tty: boolean;
}

export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const SALUTATIONS = [
  'Have a nice day! 👋',
  'Thanks for using kind! 😊',
  'Not sure what to do next? 😅  Check out https://kind.sigs.k8s.io/docs/user/quick-start/',
  'Have a question, bug, or feature request? Let us know! https://kind.sigs.k8s.io/#community 🙂',
];

const KIND_USAGE = `kind creates and manages local Kubernetes clusters using Docker container 'nodes'

Usage:
  kind [command]

Available Commands:
  create      Creates one of [cluster]
  delete      Deletes one of [cluster]
  get         Gets one of [clusters, nodes, kubeconfig]
  version     Prints the kind CLI version

Flags:
  -h, --help              help for kind
  -q, --quiet             silence all stderr output
  -v, --verbosity int32   info log verbosity, higher value produces more output
`;

function steps(spec: ClusterSpec): string[] {
  const nodes = spec.controlPlanes + spec.workers + (spec.controlPlanes > 1 ? 1 : 0);
  const out = [`Ensuring node image (${KIND_IMAGE}) 🖼`, `Preparing nodes ${'📦 '.repeat(nodes)}`];
  if (spec.controlPlanes > 1) out.push('Configuring the external load balancer ⚖️');
  out.push('Writing configuration 📜', 'Starting control-plane 🕹️', 'Installing CNI 🔌', 'Installing StorageClass 💾');
  if (spec.controlPlanes > 1) out.push('Joining more control-plane nodes 🎮');
  if (spec.workers > 0) out.push('Joining worker nodes 🚜');
  return out;
}

function err(e: unknown, prefix: string): ToolResult {
  const msg = e instanceof Error ? e.message : String(e);
  return { stdout: '', stderr: `ERROR: ${prefix}${msg}\n`, exitCode: 1 };
}

export function kind(argv: readonly string[], host: ClusterHost): ToolResult {
  const words = argv.filter((a) => !a.startsWith('-'));
  const [verb = '', noun = ''] = words;
  let flags: Flags;
  try {
    flags = new Flags(
      parseFlags(argv, [
        { name: 'name', short: 'n', type: 'string' },
        { name: 'config', type: 'string' },
        { name: 'image', type: 'string' },
        { name: 'wait', type: 'string' },
        { name: 'retain', type: 'bool' },
        { name: 'kubeconfig', type: 'string' },
        { name: 'all', type: 'bool' },
        { name: 'help', short: 'h', type: 'bool' },
        { name: 'quiet', short: 'q', type: 'bool' },
        { name: 'verbosity', short: 'v', type: 'int' },
      ]),
    );
  } catch (e) {
    if (e instanceof FlagError) return { stdout: '', stderr: `ERROR: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
  if (verb === '' || flags.bool('help')) return { stdout: KIND_USAGE, stderr: '', exitCode: 0 };
  if (verb === 'version') return { stdout: 'kind v0.23.0 go1.21.10 linux/amd64\n', stderr: '', exitCode: 0 };
  if (verb === 'create' && noun === 'cluster') return createCluster(flags, host);
  if (verb === 'delete' && (noun === 'cluster' || noun === 'clusters')) {
    const names =
      noun === 'clusters'
        ? flags.bool('all')
          ? host.clusters('kind')
          : words.slice(2)
        : [flags.str('name') || 'kind'];
    let stderr = '';
    for (const name of names) {
      stderr += `Deleting cluster "${name}" ...\n`;
      const nodes = host.clusters('kind').includes(name) ? host.deleteCluster(name) : [];
      if (nodes.length) stderr += `Deleted nodes: [${nodes.map((n) => JSON.stringify(n)).join(' ')}]\n`;
    }
    if (noun === 'clusters') stderr += `Deleted clusters: [${names.map((n) => JSON.stringify(n)).join(' ')}]\n`;
    return { stdout: '', stderr, exitCode: 0 };
  }
  if (verb === 'get' && noun === 'clusters') {
    const names = host.clusters('kind');
    return names.length
      ? { stdout: names.map((n) => n + '\n').join(''), stderr: '', exitCode: 0 }
      : { stdout: '', stderr: 'No kind clusters found.\n', exitCode: 0 };
  }
  if (verb === 'get' && noun === 'nodes') {
    const name = flags.str('name') || 'kind';
    if (!host.clusters('kind').includes(name))
      return { stdout: '', stderr: `No kind nodes found for cluster "${name}".\n`, exitCode: 0 };
    return {
      stdout: host
        .nodeNames(name)
        .map((n) => n + '\n')
        .join(''),
      stderr: '',
      exitCode: 0,
    };
  }
  const known = ['create', 'delete', 'get', 'version'];
  if (!known.includes(verb))
    return { stdout: '', stderr: `ERROR: unknown command "${verb}" for "kind"\n`, exitCode: 1 };
  return { stdout: '', stderr: `ERROR: Subcommand is required\n`, exitCode: 1 };
}

function createCluster(flags: Flags, host: ClusterHost): ToolResult {
  let controlPlanes = 1;
  let workers = 0;
  let name = flags.str('name');
  const configPath = flags.str('config');
  if (configPath) {
    const text = host.readFile(configPath);
    if (text === undefined)
      return err(`error reading file: open ${configPath}: no such file or directory`, 'failed to create cluster: ');
    try {
      const cfg = parseKindConfig(text);
      controlPlanes = cfg.controlPlanes;
      workers = cfg.workers;
      if (!name && cfg.name) name = cfg.name;
    } catch (e) {
      if (e instanceof KindConfigError) return err(e, 'failed to create cluster: ');
      throw e;
    }
  }
  name = name || 'kind';
  if (!/^[a-z0-9.-]+$/.test(name) || name.length > 50)
    return err(
      `'${name}' is not a valid cluster name, cluster names must match \`^[a-z0-9.-]+$\``,
      'failed to create cluster: ',
    );
  if (host.clusters('kind').includes(name))
    return err(`node(s) already exist for a cluster with the name "${name}"`, 'failed to create cluster: ');
  const waitMs = flags.has('wait') ? parseGoDuration(flags.str('wait')) : 0;
  if (waitMs === undefined)
    return {
      stdout: '',
      stderr: `ERROR: invalid argument "${flags.str('wait')}" for "--wait" flag: time: invalid duration "${flags.str('wait')}"\n`,
      exitCode: 1,
    };
  const spec: ClusterSpec = { provider: 'kind', name, controlPlanes, workers };
  const step = (s: string) => (host.tty ? ` \x1b[32m✓\x1b[0m ${s}\n` : ` • ${s}  ...\n ✓ ${s}\n`);
  let stderr = `Creating cluster "${name}" ...\n`;
  for (const s of steps(spec)) stderr += step(s);
  const readyMs = host.createCluster(spec);
  if (waitMs > 0) {
    stderr += step(`Waiting ≤ ${goDuration(Math.round(waitMs / 1000) * 1000)} for control-plane = Ready ⏳`);
    stderr += ` • Ready after ${goDuration(Math.round(readyMs / 1000) * 1000)} 💚\n`;
  }
  const salutation = SALUTATIONS[host.randomInt(SALUTATIONS.length)] ?? SALUTATIONS[0];
  stderr += `Set kubectl context to "kind-${name}"\nYou can now use your cluster with:\n\nkubectl cluster-info --context kind-${name}\n\n${salutation}\n`;
  return { stdout: '', stderr, exitCode: 0 };
}

export function minikube(argv: readonly string[], host: ClusterHost): ToolResult {
  const verb = argv.find((a) => !a.startsWith('-')) ?? '';
  const exists = host.clusters('minikube').includes('minikube');
  if (verb === 'start') {
    if (exists) {
      return {
        stdout: `😄  minikube v1.33.1 on Debian 12\n✨  Using the docker driver based on existing profile\n👍  Starting "minikube" primary control-plane node in "minikube" cluster\n🏃  Updating the running docker "minikube" container ...\n🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default\n`,
        stderr: '',
        exitCode: 0,
      };
    }
    host.createCluster({ provider: 'minikube', name: 'minikube', controlPlanes: 1, workers: 0 });
    return {
      stdout: [
        '😄  minikube v1.33.1 on Debian 12',
        '✨  Automatically selected the docker driver. Other choices: ssh',
        '📌  Using Docker driver with root privileges',
        '👍  Starting "minikube" primary control-plane node in "minikube" cluster',
        '🚜  Pulling base image v0.0.44 ...',
        '🔥  Creating docker container (CPUs=2, Memory=3900MB) ...',
        '🐳  Preparing Kubernetes v1.30.0 on Docker 26.1.1 ...',
        '    ▪ Generating certificates and keys ...',
        '    ▪ Booting up control plane ...',
        '    ▪ Configuring RBAC rules ...',
        '🔗  Configuring bridge CNI (Container Networking Interface) ...',
        '🔎  Verifying Kubernetes components...',
        '    ▪ Using image gcr.io/k8s-minikube/storage-provisioner:v5',
        '🌟  Enabled addons: storage-provisioner, default-storageclass',
        '🏄  Done! kubectl is now configured to use "minikube" cluster and "default" namespace by default',
        '',
      ].join('\n'),
      stderr: '',
      exitCode: 0,
    };
  }
  if (verb === 'delete') {
    if (!exists)
      return {
        stdout: '🤷  Profile "minikube" not found. Run "minikube profile list" to view all profiles.\n',
        stderr: '',
        exitCode: 0,
      };
    host.deleteCluster('minikube');
    return {
      stdout:
        '🔥  Deleting "minikube" in docker ...\n🔥  Deleting container "minikube" ...\n🔥  Removing /root/.minikube/machines/minikube ...\n💀  Removed all traces of the "minikube" cluster.\n',
      stderr: '',
      exitCode: 0,
    };
  }
  if (verb === 'status') {
    if (!exists)
      return {
        stdout:
          '🤷  Profile "minikube" not found. Run "minikube profile list" to view all profiles.\n👉  To start a cluster, run: "minikube start"\n',
        stderr: '',
        exitCode: 85,
      };
    return {
      stdout:
        'minikube\ntype: Control Plane\nhost: Running\nkubelet: Running\napiserver: Running\nkubeconfig: Configured\n\n',
      stderr: '',
      exitCode: 0,
    };
  }
  return {
    stdout: '',
    stderr: `Error: unknown command "${verb}" for "minikube"\nRun 'minikube --help' for usage.\n`,
    exitCode: 1,
  };
}
