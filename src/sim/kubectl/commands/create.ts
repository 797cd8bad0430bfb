// kubectl create (deployment, namespace, -f), run and expose: their names and flags. What they
// run is in ./create-run.ts.

import type { Command } from '../command.ts';
import { DRY_RUN_FLAG, FILENAME_FLAG, OUTPUT_FLAG } from '../command.ts';
import * as impl from './create-run.ts';

const createDeployment: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  flags: [
    { name: 'image', type: 'strings' },
    { name: 'replicas', short: 'r', type: 'int' },
    { name: 'port', type: 'int' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: impl.createDeployment,
};

const createNamespace: Command = {
  name: 'namespace',
  aliases: ['ns'],
  flags: [OUTPUT_FLAG, DRY_RUN_FLAG],
  run: impl.createNamespace,
};

export const createCommand: Command = {
  name: 'create',
  discovery: true,
  flags: [FILENAME_FLAG, OUTPUT_FLAG, DRY_RUN_FLAG, { name: 'save-config', type: 'bool' }],
  subcommands: [createDeployment, createNamespace],
  run: impl.createFromFiles,
};

export const runCommand: Command = {
  name: 'run',
  discovery: true,
  flags: [
    { name: 'image', type: 'string' },
    { name: 'restart', type: 'string' },
    { name: 'port', type: 'int' },
    { name: 'labels', short: 'l', type: 'string' },
    { name: 'env', type: 'strings' },
    { name: 'command', type: 'bool' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: impl.runPod,
};

export const exposeCommand: Command = {
  name: 'expose',
  discovery: true,
  flags: [
    { name: 'port', type: 'string' },
    { name: 'target-port', type: 'string' },
    { name: 'type', type: 'string' },
    { name: 'name', type: 'string' },
    { name: 'protocol', type: 'string' },
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
  ],
  run: impl.expose,
};
