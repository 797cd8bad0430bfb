// Client-side half of `kubectl get`'s human-readable output: the server sends a meta.k8s.io/v1
// Table (columns + cell values); kubectl drops wide columns unless `-o wide`, upper-cases the
// headers, adds NAMESPACE for -A, prefixes the kind when several types are printed, appends
// `--show-labels`/`-L` columns, and aligns everything with the tab writer.

export interface TableColumn {
  name: string;
  type?: string;
  format?: string;
  priority?: number;
}

export interface TableRow {
  cells: unknown[];
  object?: unknown;
}

export interface Table {
  kind: 'Table';
  columnDefinitions: TableColumn[];
  rows: TableRow[];
  metadata?: { resourceVersion?: string };
}

export interface TableOptions {
  wide: boolean;
  withNamespace: boolean;
  /** `pod`, `deployment.apps`: prefixed to names when several kinds are printed. */
  kindPrefix?: string;
  showLabels: boolean;
  labelColumns: string[];
}

export function isTable(body: unknown): body is Table {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Table';
}

export interface ObjectMeta {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

export function metaOf(obj: unknown): ObjectMeta {
  if (typeof obj !== 'object' || obj === null) return {};
  const m = (obj as { metadata?: unknown }).metadata;
  return typeof m === 'object' && m !== null ? (m as ObjectMeta) : {};
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '<none>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** kubectl's label column value: `app=web,pod-template-hash=...` (sorted) or `<none>`. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels?.[k] ?? ''}`).join(',');
}

export function tableHeader(table: Table, opts: TableOptions): string[] {
  const cols = table.columnDefinitions.filter((c) => opts.wide || !c.priority).map((c) => c.name.toUpperCase());
  const labelCols = opts.labelColumns.map((l) => (l.split('/').pop() ?? l).toUpperCase());
  return [...(opts.withNamespace ? ['NAMESPACE'] : []), ...cols, ...labelCols, ...(opts.showLabels ? ['LABELS'] : [])];
}

/** Builds the cell function for one table once (column choice, kind prefix), then applies it per row. */
export function rowRenderer(table: Table, opts: TableOptions): (row: TableRow) => string[] {
  const keep: number[] = [];
  table.columnDefinitions.forEach((c, i) => {
    if (opts.wide || !c.priority) keep.push(i);
  });
  const first = table.columnDefinitions[0];
  const prefixName = !!opts.kindPrefix && !!first && (first.format === 'name' || first.name.toLowerCase() === 'name');
  const prefix = `${opts.kindPrefix ?? ''}/`;
  return (row) => {
    const cells: string[] = [];
    const meta = opts.withNamespace || opts.showLabels || opts.labelColumns.length ? metaOf(row.object) : undefined;
    if (opts.withNamespace) cells.push(meta?.namespace ?? '');
    for (const i of keep) {
      const text = cellText(row.cells[i]);
      cells.push(i === 0 && prefixName ? prefix + text : text);
    }
    for (const l of opts.labelColumns) cells.push(meta?.labels?.[l] ?? '');
    if (opts.showLabels) cells.push(formatLabels(meta?.labels));
    return cells;
  };
}

export function tableRow(table: Table, row: TableRow, opts: TableOptions): string[] {
  return rowRenderer(table, opts)(row);
}

/** Joins cells with tabs, one line per row, ready for the tab writer. */
export function tabbed(rows: string[][]): string {
  return rows.map((r) => r.join('\t') + '\n').join('');
}
