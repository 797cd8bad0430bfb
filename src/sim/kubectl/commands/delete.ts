// kubectl delete: its flags. What it runs is in ./delete-run.ts.

import type { Command } from '../command.ts';
import { FILENAME_FLAG, SELECTOR_FLAG } from '../command.ts';
import * as impl from './delete-run.ts';

export const deleteCommand: Command = {
  name: 'delete',
  discovery: true,
  flags: [
    FILENAME_FLAG,
    SELECTOR_FLAG,
    { name: 'field-selector', type: 'string' },
    { name: 'all', type: 'bool' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'force', type: 'bool' },
    { name: 'now', type: 'bool' },
    { name: 'wait', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'cascade', type: 'string' },
    { name: 'timeout', type: 'string' },
    { name: 'output', short: 'o', type: 'string' },
  ],
  run: impl.deleteObjects,
};
