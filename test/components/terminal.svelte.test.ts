// @vitest-environment jsdom
// The terminal as a keyboard and screen-reader user meets it, with an in-page fake backend.

import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import Terminal from '../../src/components/sandbox/Terminal.svelte';
import { TerminalState, sessionBackend } from '../../src/state/terminal.svelte.ts';
import type { RunResult } from '../../src/sandbox/protocol.ts';

function fakeSession() {
  return sessionBackend({
    run: (line): RunResult => {
      const text = line === 'kubectl get nodes' ? 'NAME   STATUS\nkind   Ready\n' : `ran ${line}\n`;
      return { stdout: text, stderr: '', exitCode: 0, output: [{ fd: 1, text }], clear: false };
    },
    complete: (line, cursor) => {
      const word = line.slice(0, cursor).split(' ').pop() ?? '';
      return { from: cursor - word.length, candidates: ['describe', 'get'].filter((c) => c.startsWith(word)) };
    },
    suggestions: () => ['kubectl get nodes'],
  });
}

describe('Terminal', () => {
  it('runs a typed command on Enter and shows its output in a polite log', async () => {
    const user = userEvent.setup();
    render(Terminal, { terminal: new TerminalState(fakeSession()) });
    await user.type(screen.getByRole('textbox', { name: 'Command' }), 'kubectl get nodes{Enter}');
    const log = screen.getByRole('log');
    expect(log.getAttribute('aria-live')).toBe('polite');
    await waitFor(() => expect(log.textContent).toContain('kind   Ready'));
    expect(log.textContent).toContain('$ kubectl get nodes');
  });

  it('runs a suggestion chip and recalls it with the Up arrow', async () => {
    const user = userEvent.setup();
    const terminal = new TerminalState(fakeSession());
    await terminal.refreshSuggestions();
    render(Terminal, { terminal });
    await user.click(screen.getByRole('button', { name: 'kubectl get nodes' }));
    await waitFor(() => expect(screen.getByRole('log').textContent).toContain('kind   Ready'));
    const field = screen.getByRole('textbox', { name: 'Command' });
    await user.click(field);
    await user.keyboard('{ArrowUp}');
    expect((field as HTMLInputElement).value).toBe('kubectl get nodes');
  });

  it('completes with Tab when there is text, and lets Tab leave an empty field', async () => {
    const user = userEvent.setup();
    render(Terminal, { terminal: new TerminalState(fakeSession()) });
    const field = screen.getByRole('textbox', { name: 'Command' }) as HTMLInputElement;
    await user.type(field, 'kubectl desc');
    await user.keyboard('{Tab}');
    await waitFor(() => expect(field.value).toBe('kubectl describe '));
    expect(document.activeElement).toBe(field);
    await user.clear(field);
    await user.keyboard('{Tab}');
    expect(document.activeElement).not.toBe(field);
  });
});
