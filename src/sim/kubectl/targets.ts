// Resource arguments as kubectl accepts them: `pods`, `po,svc`, `pod web`, `pod/web deploy/api`.

import { CmdError } from './errors.ts';
import { type ResourceInfo, resolveResource } from './resources.ts';

export interface Target {
  res: ResourceInfo;
  /** Empty: every object of the type. */
  names: string[];
}

/** Expands `all` to the types `kubectl get all` shows. */
const ALL_TYPES = ['pods', 'services', 'daemonsets', 'deployments', 'replicasets'];

export function resolveOrThrow(typed: string): ResourceInfo {
  const res = resolveResource(typed);
  if (!res) throw new CmdError(`the server doesn't have a resource type "${typed}"`);
  return res;
}

export function parseTargets(args: string[]): Target[] {
  if (args.length === 0) return [];
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length > 0) {
    if (slashed.length !== args.length)
      throw new CmdError(
        `there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
      );
    const out: Target[] = [];
    for (const a of args) {
      const [type = '', name = ''] = a.split('/', 2);
      if (!name) throw new CmdError(`arguments in resource/name form must have a single resource and name`);
      const res = resolveOrThrow(type);
      const prev = out.find((t) => t.res === res);
      if (prev) prev.names.push(name);
      else out.push({ res, names: [name] });
    }
    return out;
  }
  const [types = '', ...names] = args;
  const typed = types.split(',').flatMap((t) => (t.toLowerCase() === 'all' ? ALL_TYPES : [t]));
  if (typed.some((t) => t === ''))
    throw new CmdError(`arguments in resource/name form must have a single resource and name`);
  return typed.map((t) => ({ res: resolveOrThrow(t), names: [...names] }));
}
