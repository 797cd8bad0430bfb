// Public API of the sandbox's kubectl: a client of the simulated API server.

export { kubectl, runKubectl, findCommand, suggestCommands } from './kubectl.ts';
export { Output } from './env.ts';
export type { ApiClient, ContextInfo, Kubeconfig, KubectlEnv, WatchEvent } from './env.ts';
export { COMMANDS } from './commands/registry.ts';
export type { Command, CommandContext } from './command.ts';
export { parseFlags, Flags, FlagError, GLOBAL_FLAGS } from './flags.ts';
export type { FlagSpec, FlagType, FlagValue, ParsedArgs } from './flags.ts';
export { RESOURCES, resolveResource, resourceByKind, qualifiedName, kindPrefix } from './resources.ts';
export type { ResourceInfo } from './resources.ts';
export { TabWriter, tableWriter, describeWriter } from './printers/tabwriter.ts';
export { JsonPathError } from './printers/jsonpath-error.ts';
export { toYaml, toJson } from './printers/objects.ts';
export { humanDuration, rfc1123z, rfc3339 } from './time.ts';
