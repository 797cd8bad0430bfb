// Builds meta.k8s.io/v1 Table responses (what `kubectl get` asks for with Accept: as=Table).

import type { KubeObject, Table, TableColumnDefinition, TableRow } from '../api/types.ts';
import { COLUMNS } from './table-columns.ts';
import { rowCells } from './table-rows.ts';

const DEFAULT_COLUMNS: TableColumnDefinition[] = [
  { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
  {
    name: 'Age',
    type: 'string',
    format: '',
    description: 'CreationTimestamp is a timestamp representing the server time when this object was created.',
    priority: 0,
  },
];

export function buildTable(
  resource: string,
  objects: readonly KubeObject[],
  now: number,
  wide: boolean,
  resourceVersion: string,
): Table {
  const all = COLUMNS[resource] ?? DEFAULT_COLUMNS;
  const keep = all.map((c) => wide || c.priority === 0);
  // Usually the priority-0 columns come first and narrow rows are a prefix of the wide ones (not for events).
  const firstWide = all.findIndex((c) => c.priority !== 0);
  const prefix = firstWide < 0 || all.slice(firstWide).every((c) => c.priority !== 0);
  const rows: TableRow[] = new Array<TableRow>(objects.length);
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i] as KubeObject;
    let cells = rowCells(resource, obj, now);
    if (!wide && firstWide >= 0) {
      if (prefix) cells.length = firstWide;
      else cells = cells.filter((_, j) => keep[j]);
    }
    rows[i] = {
      cells,
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata },
    };
  }
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: wide ? all : all.filter((c) => c.priority === 0),
    rows,
  };
}
