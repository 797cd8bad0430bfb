import { describe, expect, it } from 'vitest';
import { TerminalState, type TerminalBackend } from '../../src/state/terminal.svelte.ts';
import type { RunResult } from '../../src/sandbox/protocol.ts';

function ok(stdout: string, stderr = '', exitCode = 0): RunResult {
  const output = [
    ...(stdout ? [{ fd: 1 as const, text: stdout }] : []),
    ...(stderr ? [{ fd: 2 as const, text: stderr }] : []),
  ];
  return { stdout, stderr, exitCode, output, clear: false };
}

function fakeBackend(): TerminalBackend & { ran: string[] } {
  const ran: string[] = [];
  return {
    ran,
    run(line) {
      ran.push(line);
      if (line === 'clear') return { ...ok(''), clear: true };
      if (line === 'boom') return Promise.reject(new Error('worker gone'));
      return Promise.resolve(
        ok(`\u001b[32m✓\u001b[0m ran ${line}\n`, line === 'bad' ? 'error: nope\n' : '', line === 'bad' ? 1 : 0),
      );
    },
    complete(line, cursor) {
      const word = line.slice(0, cursor).split(' ').pop() ?? '';
      const pool = line.startsWith('kubectl ') ? ['delete', 'deployments', 'describe', 'get'] : ['kubectl', 'kind'];
      return { from: cursor - word.length, candidates: pool.filter((p) => p.startsWith(word)) };
    },
    suggestions: () => ['kubectl get nodes'],
  };
}

describe('TerminalState', () => {
  it('runs the typed line, shows it with its output without colour codes, and clears the input', async () => {
    const t = new TerminalState(fakeBackend());
    t.input = 'kubectl get nodes';
    await t.run();
    expect(t.input).toBe('');
    expect(t.lines.map((l) => [l.kind, l.text])).toEqual([
      ['input', 'kubectl get nodes'],
      ['stdout', '✓ ran kubectl get nodes'],
    ]);
    expect(t.suggestions).toEqual(['kubectl get nodes']);
  });

  it('keeps stderr apart and remembers the exit code', async () => {
    const t = new TerminalState(fakeBackend());
    await t.run('bad');
    expect(t.lines.map((l) => l.kind)).toEqual(['input', 'stdout', 'stderr']);
    expect(t.lastExit).toBe(1);
  });

  it('walks the history with up and down and gives back the line being typed', async () => {
    const t = new TerminalState(fakeBackend(), { history: ['kind create cluster'] });
    await t.run('kubectl get nodes');
    t.input = 'kubectl get po';
    t.historyUp();
    expect(t.input).toBe('kubectl get nodes');
    t.historyUp();
    expect(t.input).toBe('kind create cluster');
    t.historyUp();
    expect(t.input).toBe('kind create cluster');
    t.historyDown();
    t.historyDown();
    expect(t.input).toBe('kubectl get po');
  });

  it('completes a unique word with a space and a shared prefix without one, listing the choices', async () => {
    const t = new TerminalState(fakeBackend());
    t.input = 'kubectl desc';
    expect(await t.complete()).toBe('kubectl describe '.length);
    expect(t.input).toBe('kubectl describe ');
    t.input = 'kubectl de';
    await t.complete();
    expect(t.input).toBe('kubectl de');
    expect(t.candidates).toEqual(['delete', 'deployments', 'describe']);
  });

  it('shows a failing backend as an error line instead of throwing', async () => {
    const t = new TerminalState(fakeBackend());
    expect(await t.run('boom')).toBeNull();
    expect(t.lines.at(-1)?.text).toBe('error: worker gone');
    expect(t.running).toBe(false);
  });

  it('starts from an empty screen when a command clears it', async () => {
    const t = new TerminalState(fakeBackend(), { lines: [{ kind: 'stdout', text: 'old' }] });
    await t.run('clear');
    expect(t.lines).toEqual([]);
  });
});
