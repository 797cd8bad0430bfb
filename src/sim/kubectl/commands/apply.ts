// kubectl apply -f (client-side apply): its flags. What it runs is in ./apply-run.ts.

import type { Command } from '../command.ts';
import { DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG } from '../command.ts';
import * as impl from './apply-run.ts';

export const applyCommand: Command = {
  name: 'apply',
  discovery: true,
  flags: [
    FILENAME_FLAG,
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    { name: 'recursive', short: 'R', type: 'bool' },
    { name: 'server-side', type: 'bool' },
  ],
  run: impl.apply,
};
