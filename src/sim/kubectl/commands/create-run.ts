// What kubectl create (deployment, namespace, -f), run and expose run: build the object the real
// generators build, POST it (or print it for --dry-run=client) and report with the name printer.
// Fetched as a lazy chunk (see ./lazy.ts); their names and flags are in ./create.ts.

import type { CommandContext } from '../command.ts';
import { CmdError, ConnectionRefused, ServerError, dialTarget, serverMessage } from '../errors.ts';
import { manifestNamespace, readManifests, withNamespace } from '../manifests.ts';
import { parseOutput, printObjects } from '../printers/format.ts';
import { type ResourceInfo, kindPrefix, resolveResource } from '../resources.ts';

const DEPLOYMENTS = resolveResource('deployments') as ResourceInfo;
const NAMESPACES = resolveResource('namespaces') as ResourceInfo;
const PODS = resolveResource('pods') as ResourceInfo;
const SERVICES = resolveResource('services') as ResourceInfo;

/** client | server | none, validated as kubectl does. */
export function dryRun(ctx: CommandContext): 'none' | 'client' | 'server' {
  if (!ctx.flags.has('dry-run')) return 'none';
  const v = ctx.flags.str('dry-run', 'unchanged');
  if (v === 'client' || v === 'server' || v === 'none') return v;
  if (v === 'unchanged' || v === 'true') return 'client';
  if (v === 'false') return 'none';
  throw new CmdError(`Invalid dry-run value (${v}). Must be "none", "server", or "client".`);
}

/** Creates (or dry-runs) one generated object and prints the result. */
export function submit(
  ctx: CommandContext,
  res: ResourceInfo,
  obj: Record<string, unknown>,
  verbText: string,
  failPrefix: string,
  /** `kubectl create <generator>` posts without discovery, so no server shows as a failed POST. */
  postWithoutDiscovery = false,
): number {
  const mode = dryRun(ctx);
  const fmt = ctx.flags.str('output');
  const name = String((obj['metadata'] as { name?: string }).name ?? '');
  let result: unknown = obj;
  if (mode !== 'client') {
    try {
      result = ctx.client.send('create', res, {
        namespace: ctx.namespace,
        body: stripNulls(obj),
        dryRun: mode === 'server',
      });
    } catch (e) {
      if (e instanceof ServerError) throw new CmdError(`${failPrefix}: ${e.message}`);
      if (e instanceof ConnectionRefused && postWithoutDiscovery) {
        const base = res.group ? `/apis/${res.group}/${res.version}` : `/api/${res.version}`;
        const path = `${base}${res.namespaced ? `/namespaces/${ctx.namespace}` : ''}/${res.name}`;
        throw new CmdError(
          `${failPrefix}: Post "${e.server}${path}?fieldManager=kubectl-create&fieldValidation=Strict": dial tcp ${dialTarget(e.server)}: connect: connection refused`,
        );
      }
      throw e;
    }
  }
  if (fmt) ctx.io.out(printObjects(parseOutput(fmt, false), [{ res, obj: result }]));
  else
    ctx.io.out(
      `${kindPrefix(res)}/${name} ${verbText}${mode === 'none' ? '' : mode === 'client' ? ' (dry run)' : ' (server dry run)'}\n`,
    );
  return 0;
}

/** Drops the `creationTimestamp: null` placeholders generators leave for printing. */
export function stripNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripNulls);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = stripNulls(x);
  return out;
}

function oneName(ctx: CommandContext): string {
  const args = ctx.flags.args;
  if (args.length !== 1)
    throw new CmdError(
      `exactly one NAME is required, got ${args.length}`,
      `See 'kubectl ${ctx.path} -h' for help and examples\n`,
    );
  return args[0] ?? '';
}

/** The container name kubectl derives from an image: last path segment without tag or digest. */
export function containerName(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.split('@')[0]?.split(':')[0] ?? last;
}

export function createDeployment(ctx: CommandContext): number {
  const name = oneName(ctx);
  const images = ctx.flags.list('image');
  if (images.length === 0) throw new CmdError(`required flag(s) "image" not set`);
  const labels = { app: name };
  const port = ctx.flags.int('port', -1);
  const containers = images.map((image) => ({
    image,
    name: containerName(image),
    ...(port >= 0 ? { ports: [{ containerPort: port }] } : {}),
    resources: {},
  }));
  const obj = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { creationTimestamp: null, labels, name },
    spec: {
      replicas: ctx.flags.int('replicas', 1),
      selector: { matchLabels: labels },
      strategy: {},
      template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
    },
    status: {},
  };
  return submit(ctx, DEPLOYMENTS, obj, 'created', 'failed to create deployment', true);
}

export function createNamespace(ctx: CommandContext): number {
  const name = oneName(ctx);
  const obj = {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { creationTimestamp: null, name },
    spec: {},
    status: {},
  };
  return submit(ctx, NAMESPACES, obj, 'created', 'failed to create namespace', true);
}

export function createFromFiles(ctx: CommandContext): number {
  const files = ctx.flags.list('filename');
  if (files.length === 0)
    throw new CmdError(
      'must specify one of -f and -k',
      `\nUsage:\n  kubectl create -f FILENAME [options]\n\nUse "kubectl create --help" for more information about a given command.\n`,
    );
  const mode = dryRun(ctx);
  let code = 0;
  for (const m of readManifests(ctx, files)) {
    const ns = manifestNamespace(ctx, m);
    try {
      if (mode !== 'client')
        ctx.client.send('create', m.res, { namespace: ns, body: withNamespace(m.obj, ns), dryRun: mode === 'server' });
      ctx.io.out(
        `${kindPrefix(m.res)}/${m.name} created${mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : ''}\n`,
      );
    } catch (e) {
      if (!(e instanceof ServerError)) throw e;
      ctx.io.err(serverMessage(e, `error when creating "${m.source}"`) + '\n');
      code = 1;
    }
  }
  return code;
}

export function runPod(ctx: CommandContext): number {
  const [name, ...rest] = ctx.flags.args;
  if (!name) throw new CmdError('NAME is required for run', `See 'kubectl run -h' for help and examples\n`);
  const image = ctx.flags.str('image');
  if (!image) throw new CmdError(`required flag(s) "image" not set`);
  const labels: Record<string, string> = {};
  for (const kv of (ctx.flags.str('labels') || `run=${name}`).split(',')) {
    const [k = '', v = ''] = kv.split('=');
    labels[k] = v;
  }
  const restart = ctx.flags.str('restart', 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new CmdError(`invalid restart policy: ${restart}`);
  const port = ctx.flags.int('port', -1);
  const env = ctx.flags
    .list('env')
    .map((kv) => ({ name: kv.split('=')[0] ?? '', value: kv.split('=').slice(1).join('=') }));
  const container: Record<string, unknown> = { image, name };
  if (rest.length) container[ctx.flags.bool('command') ? 'command' : 'args'] = rest;
  if (env.length) container['env'] = env;
  if (port >= 0) container['ports'] = [{ containerPort: port }];
  container['resources'] = {};
  const obj = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { creationTimestamp: null, labels, name },
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
  return submit(ctx, PODS, obj, 'created', 'failed to create pod');
}

export function expose(ctx: CommandContext): number {
  const args = ctx.flags.args;
  const [typed = '', maybeName] = args[0]?.includes('/')
    ? (args[0].split('/', 2) as [string, string])
    : [args[0] ?? '', args[1]];
  if (!typed || !maybeName)
    throw new CmdError(
      'You must provide one or more resources by argument or filename.',
      `See 'kubectl expose -h' for help and examples\n`,
    );
  const res = resolveResource(typed);
  if (!res) throw new CmdError(`the server doesn't have a resource type "${typed}"`);
  const target = ctx.client.get(res, ctx.namespace, maybeName) as {
    metadata: { labels?: Record<string, string> };
    spec?: {
      selector?: { matchLabels?: Record<string, string> } | Record<string, string>;
      template?: { spec?: { containers?: Array<{ ports?: Array<{ containerPort: number }> }> } };
      containers?: Array<{ ports?: Array<{ containerPort: number }> }>;
    };
  };
  let selector: Record<string, string> | undefined;
  if (res.kind === 'Pod') selector = target.metadata.labels;
  else if (res.kind === 'Service') selector = target.spec?.selector as Record<string, string> | undefined;
  else if (res.kind === 'Deployment' || res.kind === 'ReplicaSet')
    selector = (target.spec?.selector as { matchLabels?: Record<string, string> }).matchLabels;
  else throw new CmdError(`cannot expose a ${res.kind}`);
  const containers = res.kind === 'Pod' ? target.spec?.containers : target.spec?.template?.spec?.containers;
  const port = ctx.flags.str('port') || String(containers?.flatMap((c) => c.ports ?? [])[0]?.containerPort ?? '');
  if (!port)
    throw new CmdError(
      "couldn't find port via --port flag or introspection",
      `See 'kubectl expose -h' for help and examples\n`,
    );
  const targetPort = ctx.flags.str('target-port') || port;
  const spec: Record<string, unknown> = {
    ports: [
      {
        port: Number(port),
        protocol: ctx.flags.str('protocol') || 'TCP',
        targetPort: /^\d+$/.test(targetPort) ? Number(targetPort) : targetPort,
      },
    ],
    selector,
  };
  if (ctx.flags.str('type')) spec['type'] = ctx.flags.str('type');
  const obj = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { creationTimestamp: null, labels: target.metadata.labels, name: ctx.flags.str('name') || maybeName },
    spec,
    status: { loadBalancer: {} },
  };
  return submit(ctx, SERVICES, obj, 'exposed', 'failed to create service');
}
