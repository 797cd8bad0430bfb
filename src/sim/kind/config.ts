// kind's cluster config file (kind.x-k8s.io/v1alpha4): how many control-plane and worker nodes.

import { yamlLib } from '../yaml.ts';

export interface KindConfig {
  name?: string;
  controlPlanes: number;
  workers: number;
}

export class KindConfigError extends Error {}

export function parseKindConfig(text: string): KindConfig {
  let doc: unknown;
  try {
    doc = yamlLib().parse(text);
  } catch (e) {
    throw new KindConfigError(
      `error converting YAML to JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    );
  }
  if (doc === null || doc === undefined) return { controlPlanes: 1, workers: 0 };
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new KindConfigError('error unmarshaling JSON: cannot unmarshal into Cluster');
  const o = doc as Record<string, unknown>;
  if (o['kind'] !== 'Cluster')
    throw new KindConfigError(
      `unknown kind ${JSON.stringify(o['kind'] ?? '')} for apiVersion: ${String(o['apiVersion'] ?? '')}`,
    );
  if (o['apiVersion'] !== 'kind.x-k8s.io/v1alpha4')
    throw new KindConfigError(`unknown apiVersion: ${String(o['apiVersion'] ?? '')}`);
  const nodes = o['nodes'];
  if (nodes === undefined)
    return { name: typeof o['name'] === 'string' ? o['name'] : undefined, controlPlanes: 1, workers: 0 };
  if (!Array.isArray(nodes)) throw new KindConfigError('nodes must be a list');
  let controlPlanes = 0;
  let workers = 0;
  for (const n of nodes as unknown[]) {
    const role = typeof n === 'object' && n !== null ? (n as Record<string, unknown>)['role'] : undefined;
    if (role === 'control-plane') controlPlanes++;
    else if (role === 'worker') workers++;
    else
      throw new KindConfigError(
        `invalid configuration: invalid role "${String(role)}"; must be one of "control-plane" or "worker"`,
      );
  }
  if (controlPlanes === 0)
    throw new KindConfigError('invalid configuration: must have at least one control-plane node');
  return { name: typeof o['name'] === 'string' ? o['name'] : undefined, controlPlanes, workers };
}
