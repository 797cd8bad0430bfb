// kubectl get: its flags. What it runs (server-side Tables printed with kubectl's tab writer, the
// machine formats, --sort-by and -w) is in ./get-run.ts.

import type { Command } from '../command.ts';
import { OUTPUT_FLAG, SELECTOR_FLAG } from '../command.ts';
import * as impl from './get-run.ts';

export const getCommand: Command = {
  name: 'get',
  discovery: true,
  flags: [
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    { name: 'field-selector', type: 'string' },
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'watch-only', type: 'bool' },
    { name: 'output-watch-events', type: 'bool' },
    { name: 'sort-by', type: 'string' },
    { name: 'show-labels', type: 'bool' },
    { name: 'label-columns', short: 'L', type: 'strings' },
    { name: 'no-headers', type: 'bool' },
    { name: 'show-kind', type: 'bool' },
    { name: 'ignore-not-found', type: 'bool' },
    { name: 'chunk-size', type: 'int' },
  ],
  run: impl.get,
};
