// The lazy chunk of kubectl (see ./lazy.ts): its entry point, command list and global flags, and
// what each subcommand runs.

export * from './info-run.ts';
export * from './nodes-run.ts';
export * from './rollout-run.ts';
export * from './create-run.ts';
export * from './get-run.ts';
export * from './describe-run.ts';
export * from './delete-run.ts';
export * from './apply-run.ts';
export { kubectl } from '../kubectl.ts';
export { COMMANDS } from './registry.ts';
export { GLOBAL_FLAGS } from '../flags.ts';
