// What kubectl cluster-info, version, api-resources, config, events and top run: fetched as a lazy
// chunk (see ./lazy.ts); their names and flags are in ./info.ts.

import type { Event } from '../../index.ts';
import type { CommandContext } from '../command.ts';
import { CmdError, ConnectionRefused, printConnectionRefused } from '../errors.ts';
import { parseOutput, printObjects } from '../printers/format.ts';
import { toJson, toYaml } from '../printers/objects.ts';
import { TabWriter, tableWriter } from '../printers/tabwriter.ts';
import { RESOURCES, type ResourceInfo, apiVersion, resolveResource } from '../resources.ts';
import { humanDuration } from '../time.ts';
import { eventStamp } from '../describe/writer.ts';
import { CLIENT_VERSION, KUSTOMIZE_VERSION } from './info.ts';

const SERVICES = resolveResource('services') as ResourceInfo;
const EVENTS = resolveResource('events') as ResourceInfo;

const green = (s: string) => `\x1b[0;32m${s}\x1b[0m`;
const yellow = (s: string) => `\x1b[0;33m${s}\x1b[0m`;
const DEBUG_HINT = "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";

/**
 * `kubectl top node|pod`: it reads the metrics.k8s.io API, which metrics-server provides. A kind
 * cluster has no metrics-server, so kubectl finds no Metrics API, as it does here.
 */
export function top(): number {
  throw new CmdError('Metrics API not available');
}

/**
 * Why the sandbox cannot carry out a real kubectl command (kubectl.ts lists them): they need
 * container processes, a connection from your machine, an editor or server data it does not
 * simulate. With what to use instead, where there is something.
 */
const WHY_NOT: Readonly<Record<string, string>> = {
  exec: 'its containers are simulated and run no processes; `kubectl logs` and `kubectl describe` show what they do',
  attach: 'its containers are simulated and run no processes; `kubectl logs` shows their output',
  cp: 'its containers are simulated and have no file systems',
  debug: 'its containers are simulated and run no processes',
  'port-forward': 'nothing outside the simulation can connect to its Pods',
  proxy: 'nothing outside the simulation can connect to its API server',
  edit: 'it has no text editor; change objects with `kubectl patch`, `kubectl set image`, `kubectl scale` or `kubectl apply`',
  replace: 'use `kubectl apply -f` or `kubectl patch`',
  diff: 'use `kubectl get -o yaml` to see an object as stored',
  explain: 'it has no copy of the API schema; see https://kubernetes.io/docs/reference/kubernetes-api/',
  autoscale: 'it runs no metrics-server, which a HorizontalPodAutoscaler needs',
  auth: 'it has no authentication or RBAC',
  certificate: 'it has no certificate signing requests',
  kustomize: 'it has no kustomize',
  completion: 'the terminal completes commands with the Tab key already',
  plugin: 'it has no kubectl plugins',
  'api-versions': 'use `kubectl api-resources`',
};

export function notSimulated(command: string): string {
  return Object.hasOwn(WHY_NOT, command) ? (WHY_NOT[command] as string) : 'the sandbox does not simulate it';
}

const ROOT_HELP = `kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands:
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects
  get             Display one or many resources
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller

Cluster Management Commands:
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  events          List events

Advanced Commands:
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  wait            Experimental: Wait for a specific condition on one or many resources

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource

Other Commands:
  api-resources   Print the supported API resources on the server
  config          Modify kubeconfig files
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]
`;

/** What `kubectl` alone prints: the commands, grouped as kubectl groups them. */
export function rootHelp(): string {
  return ROOT_HELP;
}

export function clusterInfo(ctx: CommandContext): number {
  const server = ctx.env.server;
  try {
    const list = ctx.client.list(SERVICES, 'kube-system', { labelSelector: 'kubernetes.io/cluster-service=true' });
    let text = `${green('Kubernetes control plane')} is running at ${yellow(server)}\n`;
    for (const svc of list.items as Array<{
      metadata: { name: string; labels?: Record<string, string> };
      spec?: { ports?: Array<{ name?: string; port: number }> };
    }>) {
      const name = svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name;
      const port = svc.spec?.ports?.[0];
      const portPart = port ? `:${port.name || String(port.port)}` : '';
      text += `${green(name)} is running at ${yellow(`${server}/api/v1/namespaces/kube-system/services/${svc.metadata.name}${portPart}/proxy`)}\n`;
    }
    ctx.io.out(text + DEBUG_HINT);
    return 0;
  } catch (e) {
    if (!(e instanceof ConnectionRefused)) throw e;
    ctx.io.out(DEBUG_HINT);
    printConnectionRefused(ctx.env, ctx.io, e.server);
    return 1;
  }
}

export function version(ctx: CommandContext): number {
  const fmt = ctx.flags.str('output');
  if (fmt && fmt !== 'yaml' && fmt !== 'json') throw new CmdError(`--output must be 'yaml' or 'json'`);
  const client = { clientVersion: info(CLIENT_VERSION), kustomizeVersion: KUSTOMIZE_VERSION };
  if (ctx.flags.bool('client')) {
    ctx.io.out(
      fmt ? render(fmt, client) : `Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`,
    );
    return 0;
  }
  if (!ctx.env.api) {
    if (!fmt) ctx.io.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
    else ctx.io.out(render(fmt, client));
    printConnectionRefused(ctx.env, ctx.io, ctx.env.server, false);
    return 1;
  }
  if (fmt) ctx.io.out(render(fmt, { ...client, serverVersion: info('v1.30.0') }));
  else
    ctx.io.out(`Client Version: ${CLIENT_VERSION}\nKustomize Version: ${KUSTOMIZE_VERSION}\nServer Version: v1.30.0\n`);
  return 0;
}

function info(v: string) {
  return {
    major: '1',
    minor: '30',
    gitVersion: v,
    gitCommit: '7c48c2bd72b9bf5c44d21d7338cc7bea77d0ad2a',
    gitTreeState: 'clean',
    buildDate: '2024-04-17T17:27:03Z',
    goVersion: 'go1.22.2',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

function render(fmt: string, obj: unknown): string {
  return fmt === 'json' ? toJson(obj) : toYaml(obj);
}

export function apiResources(ctx: CommandContext): number {
  if (!ctx.env.api) throw new ConnectionRefused(ctx.env.server);
  const fmt = ctx.flags.str('output');
  if (fmt && fmt !== 'wide' && fmt !== 'name') throw new CmdError(`--output ${fmt} is not available`);
  let list = [...RESOURCES].sort((a, b) =>
    a.group === b.group ? (a.name < b.name ? -1 : 1) : a.group < b.group ? -1 : 1,
  );
  if (ctx.flags.has('namespaced')) list = list.filter((r) => r.namespaced === ctx.flags.bool('namespaced'));
  if (ctx.flags.has('api-group')) list = list.filter((r) => r.group === ctx.flags.str('api-group'));
  if (fmt === 'name') {
    ctx.io.out(list.map((r) => (r.group ? `${r.name}.${r.group}\n` : `${r.name}\n`)).join(''));
    return 0;
  }
  const rows = list.map((r) => [
    r.name,
    r.shortNames.join(','),
    apiVersion(r),
    String(r.namespaced),
    r.kind,
    ...(fmt === 'wide' ? [`[${r.verbs.join(' ')}]`] : []),
  ]);
  if (!ctx.flags.bool('no-headers'))
    rows.unshift(['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(fmt === 'wide' ? ['VERBS'] : [])]);
  ctx.io.out(tableWriter().format(rows.map((r) => r.join('\t') + '\n').join('')));
  return 0;
}

export function currentContext(ctx: CommandContext): number {
  const cur = ctx.env.kubeconfig.currentContext();
  if (!cur) throw new CmdError('current-context is not set');
  ctx.io.out(cur + '\n');
  return 0;
}

export function getContexts(ctx: CommandContext): number {
  const cur = ctx.env.kubeconfig.currentContext();
  let contexts = ctx.env.kubeconfig.contexts();
  const wanted = ctx.flags.args;
  const missing = wanted.filter((w) => !contexts.some((c) => c.name === w));
  if (wanted.length) contexts = contexts.filter((c) => wanted.includes(c.name));
  if (ctx.flags.str('output') === 'name') ctx.io.out(contexts.map((c) => c.name + '\n').join(''));
  else {
    const rows = contexts.map((c) => [
      c.name === cur ? '*' : '',
      c.name,
      c.cluster,
      c.user,
      c.namespace === 'default' ? '' : c.namespace,
    ]);
    if (!ctx.flags.bool('no-headers')) rows.unshift(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']);
    ctx.io.out(tableWriter().format(rows.map((r) => r.join('\t') + '\n').join('')));
  }
  if (missing.length) throw new CmdError(`context ${missing[0] ?? ''} not found`);
  return 0;
}

export function useContext(ctx: CommandContext): number {
  const name = ctx.flags.args[0];
  if (!name) throw new CmdError('empty context names are not allowed');
  if (!ctx.env.kubeconfig.useContext(name)) throw new CmdError(`no context exists with the name: "${name}"`);
  ctx.io.out(`Switched to context "${name}".\n`);
  return 0;
}

export function config(ctx: CommandContext): number {
  const sub = ctx.flags.args[0];
  if (sub) throw new CmdError(`unknown command "${sub}" for "kubectl config"`);
  ctx.io.out(
    'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".\n\nAvailable Commands:\n  current-context   Display the current-context\n  get-contexts      Describe one or many contexts\n  use-context       Set the current-context in a kubeconfig file\n',
  );
  return 0;
}

export function events(ctx: CommandContext): number {
  const allNs = ctx.flags.bool('all-namespaces');
  let items = ctx.client.list(EVENTS, allNs ? undefined : ctx.namespace).items as Event[];
  const forRef = ctx.flags.str('for');
  if (forRef) {
    const [kind = '', name = ''] = forRef.split('/');
    const res = resolveResource(kind);
    if (!res) throw new CmdError(`the server doesn't have a resource type "${kind}"`);
    items = items.filter((e) => e.involvedObject.kind === res.kind && e.involvedObject.name === name);
  }
  const types = ctx.flags.list('types').flatMap((t) => t.split(','));
  if (types.length) items = items.filter((e) => types.some((t) => t.toLowerCase() === (e.type ?? '').toLowerCase()));
  items = [...items].sort((a, b) => eventStamp(a) - eventStamp(b));
  if (ctx.flags.str('output')) {
    ctx.io.out(
      printObjects(
        parseOutput(ctx.flags.str('output'), false),
        items.map((obj) => ({ res: EVENTS, obj })),
        true,
      ),
    );
    return 0;
  }
  if (items.length === 0) {
    ctx.io.err(allNs ? 'No events found.\n' : `No events found in ${ctx.namespace} namespace.\n`);
    return 0;
  }
  const now = ctx.env.now();
  const rows = items.map((e) => [
    ...(allNs ? [e.metadata.namespace ?? ''] : []),
    humanDuration(now - eventStamp(e)),
    e.type ?? '',
    e.reason ?? '',
    `${e.involvedObject.kind ?? ''}/${e.involvedObject.name ?? ''}`,
    (e.message ?? '').trim(),
  ]);
  if (!ctx.flags.bool('no-headers'))
    rows.unshift([...(allNs ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']);
  ctx.io.out(new TabWriter(6, 3).format(rows.map((r) => r.join('\t') + '\n').join('')));
  return 0;
}
