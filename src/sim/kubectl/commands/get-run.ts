// What kubectl get runs: server-side Tables printed with kubectl's tab writer, the machine formats,
// --sort-by, and -w (list, then one row per watch event until the cluster has been quiet).
// Fetched as a lazy chunk (see ./lazy.ts); its flags are in ./get.ts.

import type { CommandContext } from '../command.ts';
import type { WatchEvent } from '../env.ts';
import { CmdError, RawError, ServerError, serverMessage } from '../errors.ts';
import { type OutputFormat, parseOutput, printObjects, type Printable } from '../printers/format.ts';
import { sortOrder } from '../printers/sort.ts';
import {
  type Table,
  type TableOptions,
  isTable,
  metaOf,
  rowRenderer,
  tabbed,
  tableHeader,
  tableRow,
} from '../printers/table.ts';
import { tableWriter, type TabWriter } from '../printers/tabwriter.ts';
import { kindPrefix, type ResourceInfo } from '../resources.ts';
import { type Target, parseTargets } from '../targets.ts';
import { watchLoop } from './watch-loop.ts';

const NO_TYPE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
`;

interface Fetched {
  target: Target;
  errors?: ServerError[];
  table?: Table;
  objects: unknown[];
  resourceVersion?: string;
}

export function get(ctx: CommandContext): number {
  const { flags, io } = ctx;
  const fmt = parseOutput(flags.str('output'));
  if (flags.args.length === 0) throw new RawError(NO_TYPE);
  const targets = parseTargets(flags.args);
  const allNs = flags.bool('all-namespaces');
  const watching = flags.bool('watch') || flags.bool('watch-only');
  if (watching && (targets.length > 1 || (targets[0]?.names.length ?? 0) > 1))
    throw new CmdError(`you may only specify a single resource type`);
  const showKind = targets.length > 1 || flags.bool('show-kind');
  const sortBy = flags.str('sort-by');
  let code = 0;
  const fetched: Fetched[] = [];
  const errors: string[] = [];
  for (const target of targets) {
    try {
      const f = fetch(ctx, target, fmt, allNs, sortBy !== '');
      fetched.push(f);
      for (const e of f.errors ?? []) {
        if (e.reason === 'NotFound' && flags.bool('ignore-not-found')) continue;
        errors.push(serverMessage(e));
        code = 1;
      }
    } catch (e) {
      if (!(e instanceof ServerError)) throw e;
      if (e.reason === 'NotFound' && flags.bool('ignore-not-found')) continue;
      errors.push(serverMessage(e));
      code = 1;
    }
  }
  if (sortBy) for (const f of fetched) sortFetched(f, sortBy);
  const writer = tableWriter();
  const optsFor = (f: Fetched): TableOptions => ({
    wide: fmt.kind === 'table' && fmt.wide,
    withNamespace: allNs && f.target.res.namespaced,
    kindPrefix: showKind ? kindPrefix(f.target.res) : undefined,
    showLabels: flags.bool('show-labels'),
    labelColumns: flags.list('label-columns').flatMap((l) => l.split(',')),
  });
  const total = fetched.reduce((n, f) => n + f.objects.length, 0);
  if (!flags.bool('watch-only')) {
    if (fmt.kind === 'table') {
      let first = true;
      for (const f of fetched) {
        if (!f.table || f.table.rows.length === 0) continue;
        const opts = optsFor(f);
        const table = f.table;
        const render = rowRenderer(table, opts);
        const rows = table.rows.map(render);
        if (!flags.bool('no-headers')) rows.unshift(tableHeader(table, opts));
        io.out((first ? '' : '\n') + (showKind && targets.length > 1 ? tableWriter() : writer).formatRows(rows));
        first = false;
      }
    } else if (total > 0 || (fmt.kind !== 'name' && flags.args.length > 0 && !watching)) {
      const items: Printable[] = fetched.flatMap((f) => f.objects.map((obj) => ({ res: f.target.res, obj })));
      const named = targets.length === 1 && targets[0]?.names.length === 1;
      if (items.length > 0 || !named) io.out(printObjects(fmt, items, !named));
    }
  }
  for (const e of errors) io.err(e + '\n');
  if (
    total === 0 &&
    errors.length === 0 &&
    !flags.bool('ignore-not-found') &&
    !watching &&
    (fmt.kind === 'table' || fmt.kind === 'name')
  )
    io.err(allNs ? 'No resources found\n' : `No resources found in ${ctx.namespace} namespace.\n`);
  if (watching && fetched[0]) watch(ctx, fetched[0], fmt, optsFor(fetched[0]), writer);
  return code;
}

function fetch(ctx: CommandContext, target: Target, fmt: OutputFormat, allNs: boolean, fullObjects: boolean): Fetched {
  const { client, flags } = ctx;
  const ns = allNs ? undefined : ctx.namespace;
  const asTable = fmt.kind === 'table';
  const wide = fmt.kind === 'table' && fmt.wide;
  if (target.names.length > 0) {
    const objects: unknown[] = [];
    const tables: Table[] = [];
    const errs: ServerError[] = [];
    for (const name of target.names) {
      try {
        const body = client.get(target.res, ctx.namespace, name, asTable, wide);
        if (isTable(body)) tables.push(body);
        objects.push(isTable(body) ? (body.rows[0]?.object ?? body) : body);
      } catch (e) {
        if (!(e instanceof ServerError)) throw e;
        errs.push(e);
      }
    }
    const first = tables[0];
    const table = first ? { ...first, rows: tables.flatMap((t) => t.rows) } : undefined;
    return { target, table, objects, errors: errs };
  }
  const opts = {
    labelSelector: flags.str('selector') || undefined,
    fieldSelector: flags.str('field-selector') || undefined,
  };
  const body = client.send('list', target.res, { namespace: ns, asTable, wide, ...opts });
  if (isTable(body)) {
    // Table rows carry only metadata; --sort-by needs whole objects (same order, same revision).
    if (!fullObjects)
      return {
        target,
        table: body,
        objects: body.rows.map((r) => r.object),
        resourceVersion: body.metadata?.resourceVersion,
      };
    const objects = client.list(target.res, ns, opts).items;
    const table = { ...body, rows: body.rows.map((r, i) => ({ ...r, object: objects[i] })) };
    return { target, table, objects, resourceVersion: body.metadata?.resourceVersion };
  }
  const items = (body as { items?: unknown[] }).items ?? [];
  return {
    target,
    objects: items,
    resourceVersion: (body as { metadata?: { resourceVersion?: string } }).metadata?.resourceVersion,
  };
}

function sortFetched(f: Fetched, path: string): void {
  const order = sortOrder(f.objects, path);
  f.objects = order.map((i) => f.objects[i]);
  const table = f.table;
  if (table) f.table = { ...table, rows: order.map((i) => table.rows[i]).filter((r) => r !== undefined) };
}

function watch(ctx: CommandContext, f: Fetched, fmt: OutputFormat, opts: TableOptions, writer: TabWriter): void {
  const { flags, client, io } = ctx;
  const res: ResourceInfo = f.target.res;
  let columns = f.table;
  let headerPrinted = !!f.table && f.table.rows.length > 0 && !flags.bool('watch-only');
  const name = f.target.names[0];
  const events = flags.bool('output-watch-events');
  const print = (ev: WatchEvent) => {
    if (name && metaOf(rowObject(ev.object)).name !== name) return;
    if (fmt.kind !== 'table') {
      io.out(printObjects(fmt, [{ res, obj: rowObject(ev.object) }]));
      return;
    }
    const table = isTable(ev.object) ? ev.object : undefined;
    if (table && table.columnDefinitions.length > 0) columns = table;
    if (!columns) return;
    const base = columns;
    const rows = (table?.rows ?? []).map((r) => tableRow(base, r, opts));
    if (rows.length === 0) return;
    let text = '';
    if (!headerPrinted && !flags.bool('no-headers')) {
      text = tabbed([[...(events ? ['EVENT'] : []), ...tableHeader(base, opts)]]);
      headerPrinted = true;
    }
    text += tabbed(rows.map((r) => (events ? [ev.type, ...r] : r)));
    io.out(writer.format(text));
  };
  const ns = flags.bool('all-namespaces') ? undefined : ctx.namespace;
  const req = {
    labelSelector: flags.str('selector') || undefined,
    fieldSelector: flags.str('field-selector') || undefined,
    resourceVersion: f.resourceVersion,
    asTable: fmt.kind === 'table',
    wide: opts.wide,
  };
  watchLoop(ctx.env, (onEvent, onClose) => client.watch(res, ns, req, onEvent, onClose), print);
}

function rowObject(obj: unknown): unknown {
  return isTable(obj) ? obj.rows[0]?.object : obj;
}
