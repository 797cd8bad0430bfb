// kubectl scale, set image, wait and rollout status|history|undo|restart for Deployments: their
// names and flags. What they run is in ./rollout-run.ts.

import type { Command } from '../command.ts';
import { SELECTOR_FLAG } from '../command.ts';
import * as impl from './rollout-run.ts';

export const scaleCommand: Command = {
  name: 'scale',
  discovery: true,
  flags: [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    SELECTOR_FLAG,
    { name: 'all', type: 'bool' },
  ],
  run: impl.scale,
};

export const waitCommand: Command = {
  name: 'wait',
  discovery: true,
  flags: [
    { name: 'for', type: 'string' },
    { name: 'timeout', type: 'string' },
    SELECTOR_FLAG,
    { name: 'all', type: 'bool' },
  ],
  run: impl.waitFor,
};

export const setCommand: Command = {
  name: 'set',
  flags: [],
  subcommands: [
    {
      name: 'image',
      discovery: true,
      flags: [{ name: 'all', type: 'bool' }, SELECTOR_FLAG],
      run: impl.setImage,
    },
  ],
  run: impl.set,
};

const rolloutStatus: Command = {
  name: 'status',
  discovery: true,
  flags: [
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'timeout', type: 'string' },
    { name: 'revision', type: 'int' },
  ],
  run: impl.rolloutStatus,
};

const rolloutHistory: Command = {
  name: 'history',
  discovery: true,
  flags: [{ name: 'revision', type: 'int' }],
  run: impl.rolloutHistory,
};

const rolloutUndo: Command = {
  name: 'undo',
  discovery: true,
  flags: [{ name: 'to-revision', type: 'int' }],
  run: impl.rolloutUndo,
};

const rolloutRestart: Command = {
  name: 'restart',
  discovery: true,
  flags: [],
  run: impl.rolloutRestart,
};

export const rolloutCommand: Command = {
  name: 'rollout',
  flags: [],
  subcommands: [rolloutStatus, rolloutHistory, rolloutUndo, rolloutRestart],
  run: impl.rollout,
};
