// The shape of one kubectl subcommand and the context it runs with.

import type { Client } from './client.ts';
import type { KubectlEnv, Output } from './env.ts';
import type { FlagSpec, Flags } from './flags.ts';

export interface CommandContext {
  env: KubectlEnv;
  io: Output;
  client: Client;
  flags: Flags;
  /** -n value, else the context's namespace. */
  namespace: string;
  /** The path of subcommand names, for usage hints: 'get', 'rollout status'. */
  path: string;
}

export interface Command {
  name: string;
  aliases?: string[];
  flags: FlagSpec[];
  /** Nested subcommands (`rollout status`, `config use-context`, `create deployment`). */
  subcommands?: Command[];
  /** Whether kubectl runs discovery first (affects the no-server message). */
  discovery?: boolean;
  run(ctx: CommandContext): number;
}

export const OUTPUT_FLAG: FlagSpec = { name: 'output', short: 'o', type: 'string' };
export const FILENAME_FLAG: FlagSpec = { name: 'filename', short: 'f', type: 'strings' };
export const SELECTOR_FLAG: FlagSpec = { name: 'selector', short: 'l', type: 'string' };
export const DRY_RUN_FLAG: FlagSpec = { name: 'dry-run', type: 'string' };
