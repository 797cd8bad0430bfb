// @vitest-environment jsdom
// The Study screen as a learner uses it: real study engine and store (fake-indexeddb), a small deck.

import 'fake-indexeddb/auto';
import { render, screen, waitFor } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Deck } from '../../src/deck/index.ts';
import Study from '../../src/screens/Study.svelte';
import { AppState } from '../../src/state/app.svelte.ts';
import { DEFAULT_DB_NAME, StorageError } from '../../src/persistence/index.ts';
import { DeckLibrary } from '../../src/state/library.ts';

const deck: Deck = {
  id: 'mini',
  title: 'Mini',
  cards: [
    {
      id: 'q1',
      kind: 'quiz',
      domain: 'kubernetes-fundamentals',
      competency: 'core-concepts',
      question: 'Which component is the only client of etcd?',
      choices: ['kubelet', 'kube-apiserver', 'kube-scheduler'],
      answer: 1,
      explanation: 'Everything else talks to the API server.',
    },
    {
      id: 'f1',
      kind: 'flashcard',
      domain: 'kubernetes-fundamentals',
      competency: 'core-concepts',
      front: 'etcd',
      back: 'The key-value store holding cluster state.',
    },
  ],
};

let dbCounter = 0;
async function appWithDeck(): Promise<AppState> {
  // A fresh progress database per test (the app uses the default name).
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase(DEFAULT_DB_NAME);
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
  dbCounter += 1;
  const library = new DeckLibrary([
    {
      ...{ id: deck.id, title: deck.title, description: '', cardCount: 2, kinds: {}, domains: {} },
      version: `v${dbCounter}`,
      load: () => Promise.resolve(deck),
    },
  ]);
  return new AppState(library);
}

describe('Study screen', () => {
  it('grades a wrong quiz answer as Again only, then shows the next card and can undo it', async () => {
    const user = userEvent.setup();
    render(Study, { app: await appWithDeck() });
    await screen.findByText('Which component is the only client of etcd?');
    const check = screen.getByRole('button', { name: 'Check' });
    expect(check).toBeDisabled();
    await user.click(screen.getByRole('radio', { name: 'kubelet' }));
    await user.click(check);
    expect(await screen.findByText('Not quite.')).toBeInTheDocument();
    expect(screen.getByText('Correct answer')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /^Again/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Good/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: /^Again/ }));

    expect(await screen.findByText('etcd')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByText('Which component is the only client of etcd?')).toBeInTheDocument();
    expect(screen.getByText('Last review undone.')).toBeInTheDocument();
  });

  it('reveals a flashcard with Space and rates it with the number keys', async () => {
    const user = userEvent.setup();
    render(Study, { app: await appWithDeck() });
    await screen.findByText('Which component is the only client of etcd?');
    await user.click(screen.getByRole('radio', { name: 'kube-apiserver' }));
    await user.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByText('Correct.')).toBeInTheDocument();
    for (const name of ['Again', 'Hard', 'Good', 'Easy']) {
      expect(screen.getByRole('button', { name: new RegExp(`^${name}`) })).toBeInTheDocument();
    }
    await user.click(screen.getByRole('button', { name: /^Good/ }));
    await screen.findByText('etcd');
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard(' ');
    expect(await screen.findByText('The key-value store holding cluster state.')).toBeInTheDocument();
    await user.keyboard('3');
    await waitFor(() => expect(screen.getByText(/Done 2/)).toBeInTheDocument());
  });

  it('keeps the review on screen with a message and a Retry button when storage is full', async () => {
    const user = userEvent.setup();
    const app = await appWithDeck();
    render(Study, { app });
    await screen.findByText('Which component is the only client of etcd?');
    const commit = vi
      .spyOn(app.store, 'commitReview')
      .mockRejectedValueOnce(new StorageError('quota', new DOMException('full', 'QuotaExceededError')));
    await user.click(screen.getByRole('radio', { name: 'kube-apiserver' }));
    await user.click(screen.getByRole('button', { name: 'Check' }));
    await user.click(await screen.findByRole('button', { name: /^Good/ }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/full/i);
    expect(screen.getByText('Which component is the only client of etcd?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('etcd')).toBeInTheDocument();
    expect(commit).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
