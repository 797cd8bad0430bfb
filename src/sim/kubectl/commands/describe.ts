// kubectl describe: its flags. What it runs is in ./describe-run.ts (the describers
// themselves are a lazy chunk of their own, see ../describe/lazy.ts).

import type { Command } from '../command.ts';
import { SELECTOR_FLAG } from '../command.ts';
import * as impl from './describe-run.ts';

export const describeCommand: Command = {
  name: 'describe',
  discovery: true,
  flags: [SELECTOR_FLAG, { name: 'all-namespaces', short: 'A', type: 'bool' }, { name: 'show-events', type: 'bool' }],
  run: impl.describe,
};
