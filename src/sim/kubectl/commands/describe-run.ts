// What kubectl describe runs: fetch the object(s) by name, name prefix or selector, gather related
// objects and events through the API, and print each describer's text (objects separated by blank
// lines). Fetched as a lazy chunk (see ./lazy.ts); its flags are in ./describe.ts.

import type {
  ConfigMap,
  DaemonSet,
  Deployment,
  Event,
  Namespace,
  Node,
  Pod,
  ReplicaSet,
  Service,
} from '../../index.ts';
import type { CommandContext } from '../command.ts';
import { CmdError, RawError, ServerError } from '../errors.ts';
import { describers, type DescriberLib } from '../describe/lazy.ts';
import { metaOf } from '../printers/table.ts';
import { type ResourceInfo, resolveResource } from '../resources.ts';
import { parseTargets } from '../targets.ts';

const EVENTS = resolveResource('events') as ResourceInfo;
const PODS = resolveResource('pods') as ResourceInfo;
const RS = resolveResource('replicasets') as ResourceInfo;
const ENDPOINTS = resolveResource('endpoints') as ResourceInfo;
const LEASES = resolveResource('leases') as ResourceInfo;

export function describe(ctx: CommandContext): number {
  const { flags, client, io } = ctx;
  if (flags.args.length === 0)
    throw new RawError(
      `You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples\n`,
    );
  const targets = parseTargets(flags.args);
  const allNs = flags.bool('all-namespaces');
  const selector = flags.str('selector');
  const texts: string[] = [];
  let code = 0;
  for (const t of targets) {
    const ns = allNs ? undefined : ctx.namespace;
    let objects: unknown[];
    if (t.names.length === 0) {
      objects = client.list(t.res, ns, { labelSelector: selector || undefined }).items;
    } else {
      if (selector) throw new CmdError('name cannot be provided when a selector is specified');
      objects = [];
      for (const name of t.names) {
        try {
          objects.push(client.get(t.res, ctx.namespace, name));
        } catch (e) {
          if (!(e instanceof ServerError) || e.reason !== 'NotFound') throw e;
          // kubectl describe falls back to objects whose name starts with the argument.
          const prefixed = client
            .list(t.res, ctx.namespace)
            .items.filter((o) => (metaOf(o).name ?? '').startsWith(name));
          if (prefixed.length === 0) {
            io.err(`Error from server (NotFound): ${e.message}\n`);
            code = 1;
          }
          objects.push(...prefixed);
        }
      }
    }
    for (const obj of objects) texts.push(describeOne(ctx, t.res, obj, flags.bool('show-events', true)));
  }
  if (texts.length === 0 && code === 0) {
    io.err(allNs ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
    return 0;
  }
  io.out(texts.join('\n\n'));
  return code;
}

function eventsFor(ctx: CommandContext, res: ResourceInfo, obj: unknown): Event[] {
  const m = metaOf(obj);
  const items = ctx.client.list(EVENTS, res.namespaced ? m.namespace : undefined).items as Event[];
  return items.filter(
    (e) =>
      e.involvedObject.name === m.name &&
      e.involvedObject.kind === res.kind &&
      (!res.namespaced || e.involvedObject.namespace === m.namespace) &&
      (!e.involvedObject.uid || !m.uid || e.involvedObject.uid === m.uid || res.kind === 'Node'),
  );
}

/** The phases of the namespace's pods that `uid` owns (a DaemonSet's or a ReplicaSet's). */
function ownedPhases(ctx: CommandContext, ns: string | undefined, uid: string | undefined): string[] {
  const pods = (ctx.client.list(PODS, ns).items as Pod[]).filter((p) =>
    p.metadata.ownerReferences?.some((o) => o.uid === uid),
  );
  return pods.map((p) => p.status?.phase ?? 'Pending');
}

function describeOne(ctx: CommandContext, res: ResourceInfo, obj: unknown, showEvents: boolean): string {
  const d = describers();
  const now = ctx.env.now();
  const events = showEvents ? eventsFor(ctx, res, obj) : [];
  const ns = metaOf(obj).namespace;
  switch (res.kind) {
    case 'Pod':
      return d.describePod(obj as Pod, events, now);
    case 'Deployment': {
      const rs = ctx.client.list(RS, ns).items as ReplicaSet[];
      return d.describeDeployment(obj as Deployment, rs, events, now);
    }
    case 'DaemonSet':
      return d.describeDaemonSet(obj as DaemonSet, ownedPhases(ctx, ns, metaOf(obj).uid), events, now);
    case 'ReplicaSet':
      return d.describeReplicaSet(obj as ReplicaSet, ownedPhases(ctx, ns, metaOf(obj).uid), events, now);
    case 'Node': {
      const name = metaOf(obj).name;
      const pods = (ctx.client.list(PODS, undefined).items as Pod[]).filter((p) => p.spec.nodeName === name);
      let lease: { holderIdentity?: string; renewTime?: string } | undefined;
      try {
        lease = (ctx.client.get(LEASES, 'kube-node-lease', name ?? '') as { spec?: typeof lease }).spec;
      } catch {
        lease = undefined;
      }
      return d.describeNode(obj as Node, pods, events, now, lease);
    }
    case 'Service': {
      let addrs: string[] = [];
      try {
        const ep = ctx.client.get(ENDPOINTS, ns ?? '', metaOf(obj).name ?? '') as {
          subsets?: Array<{ addresses?: Array<{ ip: string }>; ports?: Array<{ port: number }> }>;
        };
        addrs = (ep.subsets ?? []).flatMap((s) =>
          (s.addresses ?? []).flatMap((a) => (s.ports ?? []).map((p) => `${a.ip}:${p.port}`)),
        );
      } catch {
        addrs = [];
      }
      return d.describeService(obj as Service, addrs, events, now);
    }
    case 'Namespace':
      return d.describeNamespace(obj as Namespace);
    case 'ConfigMap':
      return d.describeConfigMap(obj as ConfigMap, events, now);
    default:
      return d.describeGeneric(obj as Parameters<DescriberLib['describeGeneric']>[0], events, now);
  }
}
