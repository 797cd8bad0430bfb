// The lazy chunk of kubectl subcommands (see ./lazy.ts).

export * from './info-run.ts';
export * from './nodes-run.ts';
export * from './rollout-run.ts';
