// Server-side table columns per kind, as pkg/printers/internalversion/printers.go defines them.
// kubectl upper-cases the names and aligns the cells; priority 1 columns appear only with -o wide.

import type { TableColumnDefinition } from '../api/types.ts';

type Col = [name: string, type: string, priority?: number, format?: string];

function cols(...defs: Col[]): TableColumnDefinition[] {
  return defs.map(([name, type, priority = 0, format = '']) => ({
    name,
    type,
    format: format || (name === 'Name' ? 'name' : ''),
    description:
      name === 'Name'
        ? 'Name must be unique within a namespace.'
        : name === 'Age'
          ? 'CreationTimestamp is a timestamp representing the server time when this object was created.'
          : '',
    priority,
  }));
}

const WORKLOAD_WIDE: Col[] = [
  ['Containers', 'string', 1],
  ['Images', 'string', 1],
  ['Selector', 'string', 1],
];

export const COLUMNS: Readonly<Record<string, TableColumnDefinition[]>> = {
  pods: cols(
    ['Name', 'string'],
    ['Ready', 'string'],
    ['Status', 'string'],
    ['Restarts', 'string'],
    ['Age', 'string'],
    ['IP', 'string', 1],
    ['Node', 'string', 1],
    ['Nominated Node', 'string', 1],
    ['Readiness Gates', 'string', 1],
  ),
  nodes: cols(
    ['Name', 'string'],
    ['Status', 'string'],
    ['Roles', 'string'],
    ['Age', 'string'],
    ['Version', 'string'],
    ['Internal-IP', 'string', 1],
    ['External-IP', 'string', 1],
    ['OS-Image', 'string', 1],
    ['Kernel-Version', 'string', 1],
    ['Container-Runtime', 'string', 1],
  ),
  deployments: cols(
    ['Name', 'string'],
    ['Ready', 'string'],
    ['Up-to-date', 'integer'],
    ['Available', 'integer'],
    ['Age', 'string'],
    ...WORKLOAD_WIDE,
  ),
  replicasets: cols(
    ['Name', 'string'],
    ['Desired', 'integer'],
    ['Current', 'integer'],
    ['Ready', 'integer'],
    ['Age', 'string'],
    ...WORKLOAD_WIDE,
  ),
  daemonsets: cols(
    ['Name', 'string'],
    ['Desired', 'integer'],
    ['Current', 'integer'],
    ['Ready', 'integer'],
    ['Up-to-date', 'integer'],
    ['Available', 'integer'],
    ['Node Selector', 'string'],
    ['Age', 'string'],
    ...WORKLOAD_WIDE,
  ),
  services: cols(
    ['Name', 'string'],
    ['Type', 'string'],
    ['Cluster-IP', 'string'],
    ['External-IP', 'string'],
    ['Port(s)', 'string'],
    ['Age', 'string'],
    ['Selector', 'string', 1],
  ),
  endpoints: cols(['Name', 'string'], ['Endpoints', 'string'], ['Age', 'string']),
  events: cols(
    ['Last Seen', 'string'],
    ['Type', 'string'],
    ['Reason', 'string'],
    ['Object', 'string'],
    ['Subobject', 'string', 1],
    ['Source', 'string', 1],
    ['Message', 'string'],
    ['First Seen', 'string', 1],
    ['Count', 'string', 1],
    ['Name', 'string', 1],
  ),
  namespaces: cols(['Name', 'string'], ['Status', 'string'], ['Age', 'string']),
  configmaps: cols(['Name', 'string'], ['Data', 'string'], ['Age', 'string']),
  leases: cols(['Name', 'string'], ['Holder', 'string'], ['Age', 'string']),
};
