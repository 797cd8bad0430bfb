// Command-line flags with pflag's rules (what kubectl uses via cobra): `--flag=value`,
// `--flag value`, `-f value`, `-fvalue`, `-f=value`, grouped boolean shorthands (`-Aw`),
// flags anywhere among the arguments, and `--` to stop flag parsing. Errors carry pflag's text.

export type FlagType = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedArgs {
  args: string[];
  flags: Map<string, FlagValue>;
}

export class FlagError extends Error {}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map<string, FlagSpec>();
  const byShort = new Map<string, FlagSpec>();
  for (const s of specs) {
    byName.set(s.name, s);
    if (s.short) byShort.set(s.short, s);
  }
  const args: string[] = [];
  const flags = new Map<string, FlagValue>();
  const set = (spec: FlagSpec, raw: string, shown: string) => {
    if (spec.type === 'bool') {
      const v = parseBool(raw);
      if (v === null)
        throw new FlagError(
          `invalid argument "${raw}" for "${shown}" flag: strconv.ParseBool: parsing "${raw}": invalid syntax`,
        );
      flags.set(spec.name, v);
    } else if (spec.type === 'int') {
      if (!/^[+-]?\d+$/.test(raw))
        throw new FlagError(
          `invalid argument "${raw}" for "${shown}" flag: strconv.ParseInt: parsing "${raw}": invalid syntax`,
        );
      flags.set(spec.name, Number(raw));
    } else if (spec.type === 'strings') {
      const prev = flags.get(spec.name);
      flags.set(spec.name, [...(Array.isArray(prev) ? prev : []), raw]);
    } else flags.set(spec.name, raw);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq >= 0 ? a.slice(2, eq) : a.slice(2);
      const spec = byName.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      const shown = spec.short ? `-${spec.short}, --${spec.name}` : `--${spec.name}`;
      if (eq >= 0) set(spec, a.slice(eq + 1), shown);
      else if (spec.type === 'bool') flags.set(spec.name, true);
      else {
        if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: --${name}`);
        set(spec, argv[++i] ?? '', shown);
      }
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const ch = a[j] ?? '';
        const spec = byShort.get(ch);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${ch}' in ${a}`);
        const shown = `-${ch}, --${spec.name}`;
        const rest = a.slice(j + 1);
        if (spec.type === 'bool') {
          if (rest.startsWith('=')) {
            set(spec, rest.slice(1), shown);
            break;
          }
          flags.set(spec.name, true);
          continue;
        }
        if (rest.length > 0) set(spec, rest.startsWith('=') ? rest.slice(1) : rest, shown);
        else {
          if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${ch}' in -${ch}`);
          set(spec, argv[++i] ?? '', shown);
        }
        break;
      }
    } else args.push(a);
  }
  return { args, flags };
}

function parseBool(s: string): boolean | null {
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False'].includes(s)) return false;
  return null;
}

/** Typed accessors over a parse result. */
export class Flags {
  constructor(readonly parsed: ParsedArgs) {}
  get args(): string[] {
    return this.parsed.args;
  }
  has(name: string): boolean {
    return this.parsed.flags.has(name);
  }
  str(name: string, dflt = ''): string {
    const v = this.parsed.flags.get(name);
    return typeof v === 'string' ? v : dflt;
  }
  int(name: string, dflt: number): number {
    const v = this.parsed.flags.get(name);
    return typeof v === 'number' ? v : dflt;
  }
  bool(name: string, dflt = false): boolean {
    const v = this.parsed.flags.get(name);
    return typeof v === 'boolean' ? v : dflt;
  }
  list(name: string): string[] {
    const v = this.parsed.flags.get(name);
    return Array.isArray(v) ? v : [];
  }
}

/** Flags every kubectl command accepts (a subset of kubectl's global flags). */
export const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'namespace', short: 'n', type: 'string' },
  { name: 'context', type: 'string' },
  { name: 'kubeconfig', type: 'string' },
  { name: 'v', short: 'v', type: 'string' },
  { name: 'request-timeout', type: 'string' },
  { name: 'help', short: 'h', type: 'bool' },
];
