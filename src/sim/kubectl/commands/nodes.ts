// kubectl label, annotate, taint, patch, cordon, uncordon, drain and logs: their names and flags.
// What they run is in ./nodes-run.ts.

import type { Command } from '../command.ts';
import type { FlagSpec } from '../flags.ts';
import { SELECTOR_FLAG } from '../command.ts';
import * as impl from './nodes-run.ts';

/** label's and annotate's flags. */
const MAP_EDIT_FLAGS = [
  { name: 'overwrite', type: 'bool' },
  SELECTOR_FLAG,
  { name: 'all', type: 'bool' },
  { name: 'list', type: 'bool' },
] as const satisfies readonly FlagSpec[];

export const labelCommand: Command = {
  name: 'label',
  discovery: true,
  flags: [...MAP_EDIT_FLAGS],
  run: impl.label,
};

export const annotateCommand: Command = {
  name: 'annotate',
  discovery: true,
  flags: [...MAP_EDIT_FLAGS],
  run: impl.annotate,
};

export const taintCommand: Command = {
  name: 'taint',
  discovery: true,
  flags: [{ name: 'overwrite', type: 'bool' }, SELECTOR_FLAG, { name: 'all', type: 'bool' }],
  run: impl.taint,
};

export const patchCommand: Command = {
  name: 'patch',
  discovery: true,
  flags: [
    { name: 'patch', short: 'p', type: 'string' },
    { name: 'type', type: 'string' },
  ],
  run: impl.patch,
};

export const cordonCommand: Command = {
  name: 'cordon',
  discovery: true,
  flags: [SELECTOR_FLAG, { name: 'dry-run', type: 'string' }],
  run: impl.cordon,
};

export const uncordonCommand: Command = {
  name: 'uncordon',
  discovery: true,
  flags: [SELECTOR_FLAG, { name: 'dry-run', type: 'string' }],
  run: impl.uncordon,
};

export const drainCommand: Command = {
  name: 'drain',
  discovery: true,
  flags: [
    SELECTOR_FLAG,
    { name: 'ignore-daemonsets', type: 'bool' },
    { name: 'delete-emptydir-data', type: 'bool' },
    { name: 'force', type: 'bool' },
    { name: 'grace-period', type: 'int' },
    { name: 'timeout', type: 'string' },
  ],
  run: impl.drain,
};

export const logsCommand: Command = {
  name: 'logs',
  discovery: true,
  flags: [
    { name: 'container', short: 'c', type: 'string' },
    { name: 'tail', type: 'int' },
    { name: 'follow', short: 'f', type: 'bool' },
    { name: 'previous', short: 'p', type: 'bool' },
    { name: 'timestamps', type: 'bool' },
    SELECTOR_FLAG,
  ],
  run: impl.logs,
};
