// `npm run sandbox`: the simulated cluster in a terminal. Interactive on a TTY (readline with
// history and tab completion); otherwise it runs the lines it is given, printing `$ <line>`
// before each command's output, skipping `#` comments, and exits 0 at the end of input.
// Options: --seed N (randomness), --now ISO-8601 (simulated start time), --step SECONDS.

import { readFileSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Session, defaultClusterFactory, runScript } from '../sim/shell/index.ts';
import { provideEagerly } from '../sim/node/eager.ts';

provideEagerly();

/** The simulated start time of scripted runs, so transcripts are stable. */
const SCRIPT_EPOCH = Date.parse('2024-05-20T10:00:00Z');

interface CliOptions {
  seed: number;
  now: number | undefined;
  stepMs: number | undefined;
}

function parseArgs(argv: string[]): CliOptions {
  const opts: CliOptions = { seed: Math.floor(Math.random() * 2 ** 31), now: undefined, stepMs: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--seed') opts.seed = Number(value()) >>> 0;
    else if (flag === '--now') opts.now = Date.parse(value());
    else if (flag === '--step') opts.stepMs = Number(value()) * 1000;
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write('usage: npm run sandbox -- [--seed N] [--now ISO-TIME] [--step SECONDS] [< script]\n');
      process.exit(0);
    } else {
      process.stderr.write(`sandbox: unknown option ${a}\n`);
      process.exit(2);
    }
  }
  return opts;
}

function interactive(session: Session): void {
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    prompt: '$ ',
    historySize: 1000,
    completer: (line: string) => {
      const c = session.complete(line, line.length);
      return [c.candidates, line.slice(c.from)];
    },
  });
  let pending = '';
  process.stdout.write(
    'Kubernetes sandbox (simulated). Try: kind create cluster, then kubectl get nodes. Type help, or exit.\n',
  );
  rl.prompt();
  rl.on('line', (line) => {
    if (!pending && (line.trim() === 'exit' || line.trim() === 'logout')) {
      rl.close();
      return;
    }
    pending = pending ? `${pending}\n${line}` : line;
    if (session.needsMore(pending)) {
      rl.setPrompt('> ');
      rl.prompt();
      return;
    }
    const r = session.run(pending, { onOutput: (c) => writeSync(c.fd, c.text) });
    pending = '';
    if (r.clear) process.stdout.write('\x1b[2J\x1b[H');
    rl.setPrompt('$ ');
    rl.prompt();
  });
  rl.on('SIGINT', () => {
    pending = '';
    process.stdout.write('^C\n');
    rl.setPrompt('$ ');
    rl.prompt();
  });
  rl.on('close', () => process.exit(0));
}

function main(): void {
  const opts = parseArgs(process.argv.slice(2));
  const tty = process.stdin.isTTY === true;
  const session = new Session({
    seed: opts.seed,
    now: opts.now ?? (tty ? Date.now() : SCRIPT_EPOCH),
    clusters: defaultClusterFactory(),
    stepMs: opts.stepMs,
    tty: tty && process.stderr.isTTY === true,
  });
  if (tty) {
    interactive(session);
    return;
  }
  const text = readFileSync(0, 'utf8');
  runScript(session, text, (fd, s) => writeSync(fd, s));
  process.exit(0);
}

main();
