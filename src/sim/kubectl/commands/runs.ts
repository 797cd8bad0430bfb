// The lazy chunk of kubectl (see ./lazy.ts): its entry point, command list and global flags. Each
// command's own file imports what it runs (./*-run.ts), so all of it comes with the command list.

export { kubectl } from '../kubectl.ts';
export { COMMANDS } from './registry.ts';
export { GLOBAL_FLAGS } from '../flags.ts';
