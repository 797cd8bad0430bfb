// IndexedDB layout. Version history:
//   v1  cards (keyPath key; indexes due, deckId), reviews (auto id; index reviewedAt),
//       meta (keyPath key: settings, ...), decks (keyPath deckId), quarantine (auto id).
//   v2  cards get derived `queue` ('due' | 'new' | 'off') and `stage` fields so the queue reads a
//       bounded compound-index range that already excludes suspended, buried, removed cards and
//       disabled decks: queueDue [queue, due], queueOrder [queue, order, key],
//       domainQueueDue [domain, queue, due], domainStage [domain, stage], buriedUntil.
//       The v1 `due` and `deckId` indexes are dropped (card keys start with the deck id, so a
//       key range selects a deck). reviews get stateAt [stateBefore, reviewedAt] for the daily
//       new/review limits. See migrations.ts.

import type { DBSchema } from 'idb';
import type { CardRecord, CardState, ReviewLogEntry, StudySettings } from '../study/index.ts';
import type { CardStage } from '../study/index.ts';

export const DB_VERSION = 2;
/** Schema version written into every stored card; higher values come from a newer app. */
export const CARD_SCHEMA_VERSION = 2;
export const DEFAULT_DB_NAME = 'kcna-study';

/** Where the queue finds a card: 'off' covers suspended, buried, removed and disabled-deck cards. */
export type QueueName = 'due' | 'new' | 'off';

/** A card as stored: the study record plus derived index fields and deck-level flags. */
export interface StoredCard extends CardRecord {
  schemaVersion: number;
  queue: QueueName;
  /** Learning stage for the per-domain summary; 'inactive' when removed or its deck is disabled. */
  stage: CardStage | 'inactive';
  /** False while the card's deck is disabled. */
  deckEnabled: boolean;
  /** The deck no longer contains the card (progress kept in case it comes back). */
  removed: boolean;
}

export interface StoredReview extends ReviewLogEntry {
  id: number;
}

/** Which deck versions were imported and which decks are enabled. */
export interface DeckInfo {
  deckId: string;
  version: string;
  enabled: boolean;
  /** Epoch ms of the last `syncDeck`. */
  syncedAt: number;
  /** Cards in the deck at the last sync (removed ones excluded). */
  cardCount: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

/** A record that could not be read, kept for inspection instead of crashing the app. */
export interface QuarantineEntry {
  id?: number;
  /** Store the record came from. */
  store: 'cards' | 'reviews' | 'meta' | 'decks';
  /** Its primary key, as text. */
  key: string;
  value: unknown;
  reason: string;
  /** Epoch ms when it was quarantined. */
  at: number;
}

export interface KcnaDB extends DBSchema {
  cards: {
    key: string;
    value: StoredCard;
    indexes: {
      queueDue: [QueueName, number];
      queueOrder: [QueueName, number, string];
      domainQueueDue: [string, QueueName, number];
      domainStage: [string, string];
      buriedUntil: number;
    };
  };
  reviews: {
    key: number;
    value: StoredReview;
    indexes: { reviewedAt: number; stateAt: [CardState, number] };
  };
  meta: { key: string; value: MetaRow };
  decks: { key: string; value: DeckInfo };
  quarantine: { key: number; value: QuarantineEntry };
}

export type StoreName = 'cards' | 'reviews' | 'meta' | 'decks' | 'quarantine';

export const SETTINGS_KEY = 'settings';
export type { StudySettings };
