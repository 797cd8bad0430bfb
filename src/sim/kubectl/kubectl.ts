// kubectl's entry point: find the (sub)command cobra-style, parse its flags, run it, and turn
// every failure into the text and exit code the real binary prints. Nothing here throws.

import { Client } from './client.ts';
import type { Command } from './command.ts';
import { notSimulated, rootHelp } from './commands/info-run.ts';
import { COMMANDS } from './commands/registry.ts';
import type { KubectlEnv } from './env.ts';
import { Output } from './env.ts';
import { CmdError, ConnectionRefused, RawError, ServerError, printConnectionRefused, serverMessage } from './errors.ts';
import { FlagError, Flags, GLOBAL_FLAGS, parseFlags } from './flags.ts';
import { JsonPathError } from './printers/jsonpath-error.ts';

const VALUE_GLOBALS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '-v', '--request-timeout']);

/** Splits argv into the command path and the remaining arguments. */
export function findCommand(argv: readonly string[]): { path: Command[]; rest: string[]; unknown?: string } {
  const path: Command[] = [];
  const rest: string[] = [];
  let level: readonly Command[] = COMMANDS;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') break;
    if (a.startsWith('-')) {
      rest.push(a);
      if (VALUE_GLOBALS.has(a) && i + 1 < argv.length) rest.push(argv[++i] ?? '');
      continue;
    }
    const cmd = level.find((c) => c.name === a || c.aliases?.includes(a));
    if (!cmd) {
      if (path.length === 0) return { path, rest, unknown: a };
      break;
    }
    path.push(cmd);
    level = cmd.subcommands ?? [];
    if (level.length === 0) {
      i++;
      break;
    }
  }
  rest.push(...argv.slice(i));
  return { path, rest };
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  return d[a.length]?.[b.length] ?? 0;
}

/** cobra's suggestions: edit distance <= 2, or the command starts with what was typed. */
export function suggestCommands(typed: string, names: readonly string[]): string[] {
  const t = typed.toLowerCase();
  return names.filter((n) => levenshtein(t, n) <= 2 || n.startsWith(t));
}

/** Real kubectl commands the sandbox cannot carry out (why: notSimulated in the lazy chunk). */
export const NOT_SIMULATED = new Set([
  'exec',
  'attach',
  'cp',
  'debug',
  'port-forward',
  'proxy',
  'edit',
  'replace',
  'diff',
  'explain',
  'autoscale',
  'auth',
  'certificate',
  'kustomize',
  'completion',
  'plugin',
  'api-versions',
]);

/** Runs `kubectl <argv>`; returns the exit code. Output goes to `io`. */
export function kubectl(argv: readonly string[], env: KubectlEnv, io: Output): number {
  const found = findCommand(argv);
  if (found.unknown !== undefined) {
    // Saying why beats cobra's "unknown command", which would teach that kubectl has none.
    if (NOT_SIMULATED.has(found.unknown) && found.path.length === 0) {
      io.err(`error: "kubectl ${found.unknown}" is not available in this sandbox: ${notSimulated(found.unknown)}\n`);
      return 1;
    }
    const sugg = suggestCommands(
      found.unknown,
      COMMANDS.map((c) => c.name),
    );
    io.err(
      `error: unknown command "${found.unknown}" for "kubectl"` +
        (sugg.length ? `\n\nDid you mean this?\n${sugg.map((s) => `\t${s}\n`).join('')}` : '\n'),
    );
    return 1;
  }
  const cmd = found.path[found.path.length - 1];
  if (!cmd) {
    io.out(rootHelp());
    return 0;
  }
  const pathName = found.path.map((c) => c.name).join(' ');
  let localEnv = env;
  try {
    const flags = new Flags(parseFlags(found.rest, [...cmd.flags, ...GLOBAL_FLAGS]));
    if (flags.bool('help')) {
      io.out(
        `Usage:\n  kubectl ${pathName} [options]\n\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n`,
      );
      return 0;
    }
    const ctxName = flags.str('context');
    if (ctxName) {
      const other = env.withContext?.(ctxName);
      if (!other)
        throw new RawError(`Error in configuration: context was not found for specified context: ${ctxName}\n`);
      localEnv = other;
    }
    const namespace = flags.str('namespace') || localEnv.namespace;
    return cmd.run({ env: localEnv, io, client: new Client(localEnv), flags, namespace, path: pathName });
  } catch (e) {
    if (e instanceof FlagError) {
      io.err(`error: ${e.message}\nSee 'kubectl ${pathName} --help' for usage.\n`);
    } else if (e instanceof CmdError) {
      io.err(`error: ${e.message}\n${e.trailer}`);
    } else if (e instanceof ServerError) {
      io.err(serverMessage(e) + '\n');
    } else if (e instanceof ConnectionRefused) {
      printConnectionRefused(localEnv, io, e.server, cmd.discovery ?? true);
    } else if (e instanceof RawError) {
      io.err(e.message);
    } else if (e instanceof JsonPathError) {
      io.err(`error: error executing jsonpath: ${e.message}\n`);
    } else {
      io.err(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    return 1;
  }
}

/** Convenience for tests and the app: run and collect the output. */
export function runKubectl(
  argv: readonly string[],
  env: KubectlEnv,
): { stdout: string; stderr: string; exitCode: number } {
  const io = new Output();
  const exitCode = kubectl(argv, env, io);
  return { stdout: io.stdout, stderr: io.stderr, exitCode };
}
