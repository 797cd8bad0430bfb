// kubectl cluster-info, version, api-resources, config (current-context, get-contexts,
// use-context) and events: their names and flags. What they run is in ./info-run.ts.

import type { Command } from '../command.ts';
import { OUTPUT_FLAG } from '../command.ts';
import * as impl from './info-run.ts';

export const CLIENT_VERSION = 'v1.30.0';
export const KUSTOMIZE_VERSION = 'v5.0.4-0.20230601165947-6ce0bf390ce3';
export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  discovery: true,
  flags: [],
  run: impl.clusterInfo,
};

export const topCommand: Command = {
  name: 'top',
  discovery: true,
  flags: [],
  subcommands: [
    { name: 'node', aliases: ['nodes', 'no'], discovery: true, flags: [], run: () => impl.top() },
    { name: 'pod', aliases: ['pods', 'po'], discovery: true, flags: [], run: () => impl.top() },
  ],
  run: () => impl.top(),
};

export const versionCommand: Command = {
  name: 'version',
  flags: [{ name: 'client', type: 'bool' }, OUTPUT_FLAG],
  run: impl.version,
};

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  discovery: true,
  flags: [
    OUTPUT_FLAG,
    { name: 'namespaced', type: 'bool' },
    { name: 'api-group', type: 'string' },
    { name: 'no-headers', type: 'bool' },
  ],
  run: impl.apiResources,
};

const currentContext: Command = {
  name: 'current-context',
  flags: [],
  run: impl.currentContext,
};

const getContexts: Command = {
  name: 'get-contexts',
  flags: [OUTPUT_FLAG, { name: 'no-headers', type: 'bool' }],
  run: impl.getContexts,
};

const useContext: Command = {
  name: 'use-context',
  aliases: ['use'],
  flags: [],
  run: impl.useContext,
};

export const configCommand: Command = {
  name: 'config',
  flags: [],
  subcommands: [currentContext, getContexts, useContext],
  run: impl.config,
};

export const eventsCommand: Command = {
  name: 'events',
  discovery: true,
  flags: [
    { name: 'all-namespaces', short: 'A', type: 'bool' },
    { name: 'for', type: 'string' },
    { name: 'types', type: 'strings' },
    { name: 'no-headers', type: 'bool' },
    OUTPUT_FLAG,
  ],
  run: impl.events,
};
