// What kubectl apply -f (client-side apply) runs: create what does not exist, otherwise
// merge-patch the object when it differs from the last-applied configuration; report
// created/configured/unchanged. Fetched as a lazy chunk (see ./lazy.ts); its flags are in ./apply.ts.

import type { CommandContext } from '../command.ts';
import { CmdError, ServerError, serverMessage } from '../errors.ts';
import { type Manifest, manifestNamespace, readManifests, withNamespace } from '../manifests.ts';
import { type Printable, parseOutput, printObjects } from '../printers/format.ts';
import { kindPrefix } from '../resources.ts';
import { dryRun } from './create-run.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function withAnnotation(obj: Record<string, unknown>, value: string): Record<string, unknown> {
  const meta = (obj['metadata'] ?? {}) as Record<string, unknown>;
  const ann = (meta['annotations'] ?? {}) as Record<string, string>;
  return { ...obj, metadata: { ...meta, annotations: { ...ann, [LAST_APPLIED]: value } } };
}

/** Sorted-key JSON, as Go marshals the map kubectl stores (with `annotations: {}` kept). */
function sortedJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJson).join(',')}]`;
  if (typeof v !== 'object' || v === null) return JSON.stringify(v) ?? 'null';
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${sortedJson(o[k])}`)
    .join(',')}}`;
}

function lastApplied(obj: Record<string, unknown>): string {
  const meta = (obj['metadata'] ?? {}) as Record<string, unknown>;
  const ann = { ...((meta['annotations'] ?? {}) as Record<string, string>) };
  delete ann[LAST_APPLIED];
  return sortedJson({ ...obj, metadata: { ...meta, annotations: ann } }) + '\n';
}

export function apply(ctx: CommandContext): number {
  const files = ctx.flags.list('filename');
  if (files.length === 0)
    throw new CmdError('must specify one of -f and -k', `\nSee 'kubectl apply -h' for help and examples\n`);
  const mode = dryRun(ctx);
  const suffix = mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '';
  const fmt = ctx.flags.str('output') ? parseOutput(ctx.flags.str('output'), false) : undefined;
  const printed: Printable[] = [];
  // With -o, kubectl prints the applied objects instead of the created/configured lines.
  const report = (m: Manifest, label: string, verb: string, obj: unknown) => {
    if (fmt) printed.push({ res: m.res, obj });
    else ctx.io.out(`${label} ${verb}${suffix}\n`);
  };
  let code = 0;
  for (const m of readManifests(ctx, files)) {
    const ns = manifestNamespace(ctx, m);
    const body = withNamespace(m.obj, ns);
    const applied = lastApplied(body);
    let creating = true;
    try {
      let existing: unknown;
      try {
        existing = ctx.client.get(m.res, ns, m.name);
      } catch (e) {
        if (!(e instanceof ServerError) || e.reason !== 'NotFound') throw e;
      }
      const label = `${kindPrefix(m.res)}/${m.name}`;
      if (existing === undefined) {
        if (mode !== 'client')
          ctx.client.send('create', m.res, {
            namespace: ns,
            body: withAnnotation(body, applied),
            dryRun: mode === 'server',
          });
        report(m, label, 'created', withAnnotation(body, applied));
        continue;
      }
      creating = false;
      const prev = (existing as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations?.[
        LAST_APPLIED
      ];
      if (prev === applied) {
        report(m, label, 'unchanged', existing);
        continue;
      }
      if (mode !== 'client')
        ctx.client.send('patch', m.res, {
          namespace: ns,
          name: m.name,
          patchType: 'merge',
          body: withAnnotation(body, applied),
          dryRun: mode === 'server',
        });
      report(m, label, 'configured', withAnnotation(body, applied));
    } catch (e) {
      if (!(e instanceof ServerError)) throw e;
      if (creating) ctx.io.err(serverMessage(e, `error when creating "${m.source}"`) + '\n');
      else
        ctx.io.err(
          serverMessage(
            e,
            `error when applying patch:\n\nto:\nResource: "${m.res.group ? `${m.res.group}/` : ''}${m.res.version}, Resource=${m.res.name}"\nName: "${m.name}", Namespace: "${ns}"\nfor: "${m.source}"`,
          ) + '\n',
        );
      code = 1;
    }
  }
  if (fmt && printed.length) ctx.io.out(printObjects(fmt, printed, printed.length > 1));
  return code;
}
