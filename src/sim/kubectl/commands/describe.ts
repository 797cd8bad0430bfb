// kubectl describe: its flags. What it runs is in ./describe-run.ts, a lazy chunk (the describers
// themselves are another, see ../describe/lazy.ts).

import type { Command } from '../command.ts';
import { SELECTOR_FLAG } from '../command.ts';
import { runs } from './lazy.ts';

export const describeCommand: Command = {
  name: 'describe',
  discovery: true,
  flags: [SELECTOR_FLAG, { name: 'all-namespaces', short: 'A', type: 'bool' }, { name: 'show-events', type: 'bool' }],
  run: (ctx) => runs().describe(ctx),
};
