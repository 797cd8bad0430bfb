// Every kubectl subcommand the sandbox knows.

import type { Command } from '../command.ts';
import { applyCommand } from './apply.ts';
import { createCommand, exposeCommand, runCommand } from './create.ts';
import { deleteCommand } from './delete.ts';
import { describeCommand } from './describe.ts';
import { getCommand } from './get.ts';
import {
  apiResourcesCommand,
  clusterInfoCommand,
  configCommand,
  eventsCommand,
  topCommand,
  versionCommand,
} from './info.ts';
import {
  annotateCommand,
  cordonCommand,
  drainCommand,
  labelCommand,
  logsCommand,
  patchCommand,
  taintCommand,
  uncordonCommand,
} from './nodes.ts';
import { rolloutCommand, scaleCommand, setCommand, waitCommand } from './rollout.ts';

export const COMMANDS: readonly Command[] = [
  createCommand,
  exposeCommand,
  runCommand,
  setCommand,
  getCommand,
  deleteCommand,
  rolloutCommand,
  scaleCommand,
  clusterInfoCommand,
  cordonCommand,
  uncordonCommand,
  drainCommand,
  taintCommand,
  topCommand,
  describeCommand,
  logsCommand,
  eventsCommand,
  applyCommand,
  patchCommand,
  waitCommand,
  labelCommand,
  annotateCommand,
  apiResourcesCommand,
  configCommand,
  versionCommand,
];
