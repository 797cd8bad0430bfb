// kubectl scale, set image, wait and rollout status|history|undo|restart for Deployments: their
// names and flags. What they run is in ./rollout-run.ts, a lazy chunk.

import type { Command } from '../command.ts';
import { SELECTOR_FLAG } from '../command.ts';
import { runs } from './lazy.ts';

export const scaleCommand: Command = {
  name: 'scale',
  discovery: true,
  flags: [
    { name: 'replicas', type: 'int' },
    { name: 'current-replicas', type: 'int' },
    SELECTOR_FLAG,
    { name: 'all', type: 'bool' },
  ],
  run: (ctx) => runs().scale(ctx),
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
  run: (ctx) => runs().waitFor(ctx),
};

export const setCommand: Command = {
  name: 'set',
  flags: [],
  subcommands: [
    {
      name: 'image',
      discovery: true,
      flags: [{ name: 'all', type: 'bool' }, SELECTOR_FLAG],
      run: (ctx) => runs().setImage(ctx),
    },
  ],
  run: (ctx) => runs().set(ctx),
};

const rolloutStatus: Command = {
  name: 'status',
  discovery: true,
  flags: [
    { name: 'watch', short: 'w', type: 'bool' },
    { name: 'timeout', type: 'string' },
    { name: 'revision', type: 'int' },
  ],
  run: (ctx) => runs().rolloutStatus(ctx),
};

const rolloutHistory: Command = {
  name: 'history',
  discovery: true,
  flags: [{ name: 'revision', type: 'int' }],
  run: (ctx) => runs().rolloutHistory(ctx),
};

const rolloutUndo: Command = {
  name: 'undo',
  discovery: true,
  flags: [{ name: 'to-revision', type: 'int' }],
  run: (ctx) => runs().rolloutUndo(ctx),
};

const rolloutRestart: Command = {
  name: 'restart',
  discovery: true,
  flags: [],
  run: (ctx) => runs().rolloutRestart(ctx),
};

export const rolloutCommand: Command = {
  name: 'rollout',
  flags: [],
  subcommands: [rolloutStatus, rolloutHistory, rolloutUndo, rolloutRestart],
  run: (ctx) => runs().rollout(ctx),
};
