// @vitest-environment jsdom
// A lab card on the Study screen: the real study engine and store (fake-indexeddb), the lab host
// in the page instead of a worker. Grades: first-try pass Good, pass after a hint Hard, Show
// solution Again only; Space never gives up a lab.

import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { validateDeckSource, type Deck, type LabCard } from '../../src/deck/index.ts';
import Study from '../../src/screens/Study.svelte';
import { AppState } from '../../src/state/app.svelte.ts';
import { DEFAULT_DB_NAME } from '../../src/persistence/index.ts';
import { DeckLibrary } from '../../src/state/library.ts';
import type * as ClientModule from '../../src/labs/client.ts';

vi.mock('../../src/labs/client.ts', async (importOriginal) => {
  const mod = await importOriginal<typeof ClientModule>();
  const { LabHost } = await import('../../src/labs/host.ts');
  return {
    ...mod,
    startLabWorker: () => {
      const listeners: ((ev: { data: unknown }) => void)[] = [];
      const host = new LabHost((msg) => setTimeout(() => listeners.forEach((l) => l({ data: msg }))));
      return new mod.LabClient({
        postMessage: (msg: unknown) => void host.receive(msg as Parameters<typeof host.receive>[0]),
        addEventListener: (type: string, fn: (ev: { data: unknown }) => void) => {
          if (type === 'message') listeners.push(fn);
        },
        terminate: () => undefined,
      } as unknown as ConstructorParameters<typeof mod.LabClient>[0]);
    },
  };
});

const labs = validateDeckSource(readFileSync('decks/kubernetes-labs.yaml', 'utf8'), 'labs.yaml').deck;
const pending = labs?.cards.find((c): c is LabCard => c.id === 'lab-pending-pod' && c.kind === 'lab');
if (!pending) throw new Error('lab-pending-pod missing');
const deck: Deck = { id: 'mini-labs', title: 'Mini labs', cards: [pending] };

let dbCounter = 0;
async function app(): Promise<AppState> {
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DEFAULT_DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
  const library = new DeckLibrary([
    {
      ...{ id: deck.id, title: deck.title, description: '', cardCount: 1, kinds: {}, domains: {} },
      version: `v${++dbCounter}`,
      load: () => Promise.resolve(deck),
    },
  ]);
  return new AppState(library);
}

async function runCommand(user: ReturnType<typeof userEvent.setup>, line: string): Promise<void> {
  await user.type(screen.getByRole('textbox', { name: 'Command' }), line);
  await user.click(screen.getByRole('button', { name: 'Run' }));
}

describe('Study screen with a lab card', () => {
  it('passes at the first try and suggests Good', async () => {
    const user = userEvent.setup();
    render(Study, { app: await app() });
    await screen.findByText('Already done for you:', { exact: false });
    await user.keyboard(' ');
    expect(screen.queryByRole('button', { name: /^Again/ })).toBeNull();
    await runCommand(user, 'kubectl label node lab-control-plane disktype=ssd');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Passed at the first try.')).toBeInTheDocument();
    expect(screen.getByText('Goal reached.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('button', { name: /^Good/ })).toBeInTheDocument());
    expect(screen.getByRole('button', { name: /^Easy/ })).toBeInTheDocument();
  });

  it('counts a hint and a failed check: the pass is graded Hard', async () => {
    const user = userEvent.setup();
    render(Study, { app: await app() });
    await screen.findByText('Already done for you:', { exact: false });
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Not there yet.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^Hint/ }));
    expect(screen.getByRole('list', { name: 'Hints' })).toHaveTextContent('FailedScheduling');
    await runCommand(user, 'kubectl label node lab-control-plane disktype=ssd');
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Passed with some help.')).toBeInTheDocument();
  });

  it('grades Show solution as Again only and shows the solution', async () => {
    const user = userEvent.setup();
    render(Study, { app: await app() });
    await screen.findByText('Already done for you:', { exact: false });
    await user.click(screen.getByRole('button', { name: 'Show solution' }));
    expect(await screen.findByText('You looked at the solution: counted as not known yet.')).toBeInTheDocument();
    expect(screen.getByText(/\$ kubectl label node lab-control-plane disktype=ssd/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Again/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Good/ })).toBeNull();
  });
});
