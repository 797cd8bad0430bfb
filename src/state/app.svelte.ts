// App-wide state: opens the progress store, keeps the build's decks in sync with it, and
// exposes the Home numbers, settings and storage status to the screens.

import {
  openStore,
  openUserDeckStore,
  StorageError,
  type HomeCounts,
  type Store,
  type StorageStatus,
  type UserDeckStore,
} from '../persistence/index.ts';
import type { Deck } from '../deck/schema.ts';
import type { DeckInfo, QuarantineEntry } from '../persistence/index.ts';
// Direct module imports (not the barrel) keep the FSRS scheduler out of the first screen.
import { defaultSettings } from '../study/types.ts';
import type { DomainCounts, StudySettings } from '../study/index.ts';
import { clock } from './clock.ts';
import { DeckLibrary, type LibraryEntry } from './library.ts';

export type LoadStatus = 'loading' | 'ready' | 'error';

export class AppState {
  status = $state<LoadStatus>('loading');
  error = $state('');
  settings = $state.raw<StudySettings>(defaultSettings);
  counts = $state.raw<HomeCounts | null>(null);
  domains = $state.raw<DomainCounts[]>([]);
  decks = $state.raw<DeckInfo[]>([]);
  storage = $state.raw<StorageStatus | null>(null);
  /** Result of the persistent-storage request: null = not asked yet or unsupported. */
  persistGranted = $state<boolean | null>(null);
  quarantine = $state.raw<QuarantineEntry[]>([]);
  /** Built-in decks first, then the ones imported in the app. */
  entries = $state.raw<readonly LibraryEntry[]>([]);
  readonly library: DeckLibrary;
  #store: Store | null = null;
  #userDecks: UserDeckStore | null = null;
  #started: Promise<void> | null = null;

  constructor(library = new DeckLibrary()) {
    this.library = library;
    this.entries = library.entries;
  }

  get store(): Store {
    if (!this.#store) throw new Error('The progress store is not open yet.');
    return this.#store;
  }

  /** Opens storage and syncs decks; safe to call more than once. */
  start(): Promise<void> {
    this.#started ??= this.#start();
    return this.#started;
  }

  async #start(): Promise<void> {
    try {
      const now = clock.now();
      this.#store = await openStore({ now });
      this.settings = await this.#store.getSettings(now);
      this.#userDecks = await openUserDeckStore();
      this.library.setImported(await this.#userDecks.list());
      this.entries = this.library.entries;
      await this.#syncDecks(now);
      await this.refresh();
      this.status = 'ready';
    } catch (e) {
      this.error =
        e instanceof StorageError
          ? e.message
          : `The app could not open its storage: ${e instanceof Error ? e.message : String(e)}`;
      this.status = 'error';
    }
  }

  /** Brings stored cards in line with the decks this build ships; unchanged decks cost nothing. */
  async #syncDecks(now: number): Promise<void> {
    const store = this.store;
    const known: Record<string, string> = Object.fromEntries(
      (await store.listDecks()).map((d) => [d.deckId, d.version]),
    );
    for (const entry of this.library.entries) {
      if (known[entry.id] === entry.version) continue;
      const deck = await this.library.load(entry.id);
      const cards = deck.cards.map((c, order) => ({
        cardId: c.id,
        kind: c.kind,
        domain: c.domain,
        competency: c.competency,
        order,
      }));
      await store.syncDeck(entry.id, entry.version, cards, now);
    }
  }

  async refresh(): Promise<void> {
    const store = this.store;
    const now = clock.now();
    const tz = clock.tzOffsetMinutes();
    const [counts, domains, decks, storage, quarantine] = await Promise.all([
      store.counts(now, tz, this.settings),
      store.domainSummary(now, tz),
      store.listDecks(),
      store.storageStatus(),
      store.listQuarantine(),
    ]);
    this.counts = counts;
    this.domains = domains;
    this.decks = decks;
    this.storage = storage;
    this.quarantine = quarantine;
  }

  async saveSettings(next: StudySettings): Promise<void> {
    await this.store.putSettings(next);
    this.settings = next;
    await this.refresh();
  }

  async setDeckEnabled(deckId: string, on: boolean): Promise<void> {
    await this.store.setDeckEnabled(deckId, on, clock.now());
    await this.refresh();
  }

  /** Asked once, after the first review: the moment the learner has something worth keeping. */
  async askPersistence(): Promise<void> {
    if (this.persistGranted !== null) return;
    this.persistGranted = await this.store.requestPersistence();
    this.storage = await this.store.storageStatus();
  }

  /**
   * Stores an imported deck and adds its cards to the schedule. The deck is written first, in one
   * transaction; if that fails nothing changes. A deck id that belongs to a built-in deck is
   * refused (rename it), and re-importing a deck id replaces that imported deck, keeping progress.
   */
  async importDeck(deck: Deck, fileName: string): Promise<void> {
    if (this.library.builtIn.some((e) => e.id === deck.id)) {
      throw new Error(`A deck with the id "${deck.id}" ships with the app. Give the imported deck another id.`);
    }
    const userDecks = this.#userDecks;
    if (!userDecks) throw new Error('The app storage is not open yet.');
    const now = clock.now();
    await userDecks.put({ id: deck.id, deck, version: contentVersion(deck), importedAt: now, fileName });
    this.library.setImported(await userDecks.list());
    this.entries = this.library.entries;
    await this.#syncDecks(now);
    await this.refresh();
  }

  /** Removes an imported deck; its cards leave the schedule (their progress is kept if it returns). */
  async removeImportedDeck(deckId: string): Promise<void> {
    const userDecks = this.#userDecks;
    if (!userDecks) return;
    const now = clock.now();
    await this.store.syncDeck(deckId, 'removed', [], now);
    await userDecks.remove(deckId);
    this.library.setImported(await userDecks.list());
    this.entries = this.library.entries;
    await this.refresh();
  }

  async clearQuarantine(): Promise<void> {
    await this.store.clearQuarantine();
    this.quarantine = [];
  }
}

/** A short content hash (FNV-1a) so a re-imported deck with new content is synced again. */
function contentVersion(deck: Deck): string {
  const text = JSON.stringify(deck);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
