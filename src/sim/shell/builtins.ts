// The shell habits a learner brings along: head, tail, grep, wc, cat, ls, rm, echo, pwd, history.
// Each is a pure function of its argv, standard input and the file system. A browser worker
// loads them with the shell tools chunk (see ./tools-port.ts) before a line that uses one.

import type { MemFs } from './fs.ts';

export interface ToolOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

const ok = (stdout: string): ToolOutput => ({ stdout, stderr: '', exitCode: 0 });
const fail = (stderr: string, exitCode = 1): ToolOutput => ({ stdout: '', stderr, exitCode });

function lines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

const join = (ls: string[]) => ls.map((l) => l + '\n').join('');

/** Reads the named files, or standard input when none are given (or `-`). */
function inputs(cmd: string, files: string[], stdin: string, fs: MemFs): { text: string; err: string } {
  if (files.length === 0) return { text: stdin, err: '' };
  let text = '';
  let err = '';
  for (const f of files) {
    if (f === '-') {
      text += stdin;
      continue;
    }
    const c = fs.read(f);
    if (c === undefined) err += `${cmd}: ${f}: No such file or directory\n`;
    else text += c;
  }
  return { text, err };
}

/** `-20`, `-n 20`, `-n20`, `--lines=20`, `-n +5` for head/tail. */
function countArgs(cmd: string, argv: string[]): { n: number; fromStart: boolean; files: string[] } | string {
  let n = 10;
  let fromStart = false;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    let v: string | undefined;
    if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a === '-n' || a === '--lines') v = argv[++i];
    else if (a.startsWith('-n')) v = a.slice(2);
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (a.startsWith('-') && a !== '-')
      return `${cmd}: invalid option -- '${a.slice(1, 2)}'\nTry '${cmd} --help' for more information.\n`;
    else {
      files.push(a);
      continue;
    }
    if (v === undefined)
      return `${cmd}: option requires an argument -- 'n'\nTry '${cmd} --help' for more information.\n`;
    if (v.startsWith('+')) fromStart = true;
    const num = Number(v.replace(/^[+-]/, ''));
    if (!/^[+-]?\d+$/.test(v)) return `${cmd}: invalid number of lines: ‘${v}’\n`;
    n = num;
  }
  return { n, fromStart, files };
}

export function head(argv: string[], stdin: string, fs: MemFs): ToolOutput {
  const a = countArgs('head', argv);
  if (typeof a === 'string') return fail(a);
  const { text, err } = inputs('head', a.files, stdin, fs);
  return { stdout: join(lines(text).slice(0, a.n)), stderr: err, exitCode: err ? 1 : 0 };
}

export function tail(argv: string[], stdin: string, fs: MemFs): ToolOutput {
  const a = countArgs('tail', argv);
  if (typeof a === 'string') return fail(a);
  const { text, err } = inputs('tail', a.files, stdin, fs);
  const ls = lines(text);
  const out = a.fromStart ? ls.slice(Math.max(0, a.n - 1)) : a.n === 0 ? [] : ls.slice(-a.n);
  return { stdout: join(out), stderr: err, exitCode: err ? 1 : 0 };
}

/** Basic regular expressions: `\|`, `\(`, `\)`, `\+`, `\?`, `\{` are the operators; bare ones are literal. */
function breToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i] ?? '';
    if (c === '\\' && i + 1 < p.length) {
      const d = p[++i] ?? '';
      out += '|()+?{}'.includes(d) ? d : `\\${d}`;
    } else out += '|()+?{}'.includes(c) ? `\\${c}` : c;
  }
  return out;
}

export function grep(argv: string[], stdin: string, fs: MemFs): ToolOutput {
  let ignore = false;
  let invert = false;
  let count = false;
  let extended = false;
  let word = false;
  let numbers = false;
  let fixed = false;
  let pattern: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-e') pattern = argv[++i];
    else if (a.startsWith('-') && a.length > 1 && pattern === undefined && files.length === 0) {
      for (const ch of a.slice(1)) {
        if (ch === 'i') ignore = true;
        else if (ch === 'v') invert = true;
        else if (ch === 'c') count = true;
        else if (ch === 'E') extended = true;
        else if (ch === 'w') word = true;
        else if (ch === 'n') numbers = true;
        else if (ch === 'F') fixed = true;
        else
          return fail(
            `grep: invalid option -- '${ch}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`,
            2,
          );
      }
    } else if (pattern === undefined) pattern = a;
    else files.push(a);
  }
  if (pattern === undefined)
    return fail(`Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n`, 2);
  let source = fixed ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : extended ? pattern : breToJs(pattern);
  if (word) source = `\\b(?:${source})\\b`;
  let re: RegExp;
  try {
    re = new RegExp(source, ignore ? 'i' : '');
  } catch {
    return fail(`grep: Unmatched ( or \\(\n`, 2);
  }
  const { text, err } = inputs('grep', files, stdin, fs);
  const hits: string[] = [];
  lines(text).forEach((l, i) => {
    if (re.test(l) !== invert) hits.push(numbers ? `${i + 1}:${l}` : l);
  });
  const stdout = count ? `${hits.length}\n` : join(hits);
  return { stdout, stderr: err, exitCode: err ? 2 : hits.length ? 0 : 1 };
}

export function wc(argv: string[], stdin: string, fs: MemFs): ToolOutput {
  const flags = new Set<string>();
  const files: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) {
        if (!'lwc'.includes(ch)) return fail(`wc: invalid option -- '${ch}'\nTry 'wc --help' for more information.\n`);
        flags.add(ch);
      }
    } else files.push(a);
  }
  const { text, err } = inputs('wc', files, stdin, fs);
  const counts = {
    l: (text.match(/\n/g) ?? []).length,
    w: text.split(/\s+/).filter(Boolean).length,
    c: new TextEncoder().encode(text).length,
  };
  const which = flags.size ? (['l', 'w', 'c'] as const).filter((f) => flags.has(f)) : (['l', 'w', 'c'] as const);
  const nums = which.map((f) => counts[f]);
  const suffix = files.length ? ` ${files.join(' ')}` : '';
  const width =
    nums.length === 1 && files.length === 0 ? 0 : Math.max(files.length ? 1 : 7, ...nums.map((n) => String(n).length));
  return {
    stdout: nums.map((n) => String(n).padStart(width)).join(' ') + suffix + '\n',
    stderr: err,
    exitCode: err ? 1 : 0,
  };
}

export function cat(argv: string[], stdin: string, fs: MemFs): ToolOutput {
  const { text, err } = inputs('cat', argv, stdin, fs);
  return { stdout: text, stderr: err, exitCode: err ? 1 : 0 };
}

export function ls(argv: string[], fs: MemFs): ToolOutput {
  const names = fs.list();
  const args = argv.filter((a) => !a.startsWith('-'));
  if (args.length === 0) return ok(join(names));
  let stdout = '';
  let stderr = '';
  for (const a of args) {
    if (fs.exists(a)) stdout += a + '\n';
    else stderr += `ls: cannot access '${a}': No such file or directory\n`;
  }
  return { stdout, stderr, exitCode: stderr ? 2 : 0 };
}

export function rm(argv: string[], fs: MemFs): ToolOutput {
  const force = argv.some((a) => /^-[a-zA-Z]*f/.test(a));
  const files = argv.filter((a) => !a.startsWith('-'));
  if (files.length === 0) return fail(`rm: missing operand\nTry 'rm --help' for more information.\n`);
  let stderr = '';
  for (const f of files) if (!fs.remove(f) && !force) stderr += `rm: cannot remove '${f}': No such file or directory\n`;
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
}

export function echo(argv: string[]): ToolOutput {
  const noNewline = argv[0] === '-n';
  const words = noNewline ? argv.slice(1) : argv;
  return ok(words.join(' ') + (noNewline ? '' : '\n'));
}

export function history(entries: readonly string[]): ToolOutput {
  return ok(entries.map((e, i) => `${String(i + 1).padStart(5)}  ${e}\n`).join(''));
}

/** `sleep 5`, `sleep 1.5`, `sleep 2m`: milliseconds, or an error message. */
export function sleepMs(argv: string[]): number | string {
  if (argv.length === 0) return "sleep: missing operand\nTry 'sleep --help' for more information.\n";
  let total = 0;
  for (const a of argv) {
    const m = /^(\d+(?:\.\d+)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) return `sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`;
    const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] ?? ''] ?? 1;
    total += Number(m[1]) * unit * 1000;
  }
  return Math.round(total);
}
