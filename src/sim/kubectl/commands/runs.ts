// The lazy chunk of kubectl subcommands (see ./lazy.ts).

export * from './info-run.ts';
export * from './nodes-run.ts';
export * from './rollout-run.ts';
export * from './create-run.ts';
export * from './get-run.ts';
export * from './describe-run.ts';
export * from './delete-run.ts';
export * from './apply-run.ts';
