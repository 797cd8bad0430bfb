// Node entry points (CLI, deck validation, tests, benchmarks) install every lazily loaded library
// up front; only browser workers fetch them as chunks on first use (see ../lazy.ts).

import * as yaml from 'yaml';
import { provideYaml } from '../yaml.ts';
import * as describers from '../kubectl/describe/describers.ts';
import { provideDescribers } from '../kubectl/describe/lazy.ts';
import * as kindTools from '../kind/kind.ts';
import { provideKindTools } from '../kind/lazy.ts';
import * as tables from '../apiserver/tables.ts';
import { provideTables } from '../apiserver/tables-port.ts';
import * as shellTools from '../shell/tools.ts';
import * as commandRuns from '../kubectl/commands/runs.ts';
import { provideCommandRuns } from '../kubectl/commands/lazy.ts';
import { provideShellTools } from '../shell/tools-port.ts';

export function provideEagerly(): void {
  provideYaml(yaml);
  provideDescribers(describers);
  provideKindTools(kindTools);
  provideTables(tables);
  provideShellTools(shellTools);
  provideCommandRuns(commandRuns);
}
