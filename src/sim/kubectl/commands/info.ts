// kubectl cluster-info, version, api-resources, config (current-context, get-contexts,
// use-context) and events: their names and flags. What they run is in ./info-run.ts, a lazy chunk.

import type { Command } from '../command.ts';
import { OUTPUT_FLAG } from '../command.ts';
import { runs } from './lazy.ts';

export const CLIENT_VERSION = 'v1.30.0';
export const KUSTOMIZE_VERSION = 'v5.0.4-0.20230601165947-6ce0bf390ce3';
export const clusterInfoCommand: Command = {
  name: 'cluster-info',
  discovery: true,
  flags: [],
  run: (ctx) => runs().clusterInfo(ctx),
};

export const topCommand: Command = {
  name: 'top',
  discovery: true,
  flags: [],
  subcommands: [
    { name: 'node', aliases: ['nodes', 'no'], discovery: true, flags: [], run: () => runs().top() },
    { name: 'pod', aliases: ['pods', 'po'], discovery: true, flags: [], run: () => runs().top() },
  ],
  run: () => runs().top(),
};

export const versionCommand: Command = {
  name: 'version',
  flags: [{ name: 'client', type: 'bool' }, OUTPUT_FLAG],
  run: (ctx) => runs().version(ctx),
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
  run: (ctx) => runs().apiResources(ctx),
};

const currentContext: Command = {
  name: 'current-context',
  flags: [],
  run: (ctx) => runs().currentContext(ctx),
};

const getContexts: Command = {
  name: 'get-contexts',
  flags: [OUTPUT_FLAG, { name: 'no-headers', type: 'bool' }],
  run: (ctx) => runs().getContexts(ctx),
};

const useContext: Command = {
  name: 'use-context',
  aliases: ['use'],
  flags: [],
  run: (ctx) => runs().useContext(ctx),
};

export const configCommand: Command = {
  name: 'config',
  flags: [],
  subcommands: [currentContext, getContexts, useContext],
  run: (ctx) => runs().config(ctx),
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
  run: (ctx) => runs().events(ctx),
};
