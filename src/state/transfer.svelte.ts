// Deck export and import on the Decks screen. The formats code (sql.js, fflate, DOMPurify, yaml)
// is imported only when the learner exports or imports, so it never weighs on the first screen.

import type { Deck } from '../deck/schema.ts';
import type { ExportFormat } from '../deck/formats/index.ts';
import type { AppState } from './app.svelte.ts';
import { clock } from './clock.ts';

export interface ImportPreview {
  deck: Deck;
  fileName: string;
  warnings: string[];
  summary: string;
}

const formats = () => import('../deck/formats/index.ts');

function download(data: Uint8Array | string, fileName: string, mimeType: string): void {
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export class TransferState {
  busy = $state(false);
  /** What is running, for the progress label: "Exporting…", "Reading file…". */
  activity = $state('');
  done = $state(0);
  total = $state(0);
  message = $state('');
  error = $state('');
  preview = $state.raw<ImportPreview | null>(null);
  #abort: AbortController | null = null;
  readonly #app: AppState;

  constructor(app: AppState) {
    this.#app = app;
  }

  cancel(): void {
    this.#abort?.abort();
  }

  async #run<T>(activity: string, work: (signal: AbortSignal) => Promise<T>): Promise<T | null> {
    this.busy = true;
    this.activity = activity;
    this.done = 0;
    this.total = 0;
    this.message = '';
    this.error = '';
    this.#abort = new AbortController();
    try {
      return await work(this.#abort.signal);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') this.message = 'Cancelled. Nothing was changed.';
      else this.error = e instanceof Error ? e.message : String(e);
      return null;
    } finally {
      this.busy = false;
      this.#abort = null;
    }
  }

  #progress = (done: number, total: number): void => {
    this.done = done;
    this.total = total;
  };

  async exportDeck(deckId: string, format: ExportFormat): Promise<void> {
    await this.#run(`Exporting ${format.toUpperCase()}…`, async (signal) => {
      const deck = await this.#app.library.load(deckId);
      const { exportDeck, describeCounts } = await formats();
      // Real time, so Anki updates notes it already has from an earlier export.
      const result = await exportDeck(deck, format, { signal, onProgress: this.#progress, now: clock.now() });
      download(result.data, result.fileName, result.mimeType);
      this.message = `Exported ${result.fileName}: ${describeCounts(result.counts)}.`;
    });
  }

  async printDeck(deckId: string): Promise<void> {
    await this.#run('Preparing the printable page…', async () => {
      const deck = await this.#app.library.load(deckId);
      const { printableHtml } = await formats();
      download(printableHtml(deck), `${deck.id}.html`, 'text/html;charset=utf-8');
      this.message = `Saved ${deck.id}.html: open it and print it from your browser.`;
    });
  }

  /** Reads and validates a file; nothing is stored until `confirmImport`. */
  async readFile(file: File): Promise<void> {
    this.preview = null;
    await this.#run(`Reading ${file.name}…`, async (signal) => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { importDeckFile, describeCounts } = await formats();
      const result = await importDeckFile(file.name, bytes, { signal, onProgress: this.#progress });
      this.preview = {
        deck: result.deck,
        fileName: file.name,
        warnings: result.warnings,
        summary: `${result.deck.title}: ${describeCounts(result.counts)}`,
      };
    });
  }

  async confirmImport(): Promise<void> {
    const preview = this.preview;
    if (!preview) return;
    await this.#run('Saving the deck…', async () => {
      await this.#app.importDeck(preview.deck, preview.fileName);
      this.preview = null;
      this.message = `Imported ${preview.summary}. Its cards are now in your reviews.`;
    });
  }

  discardPreview(): void {
    this.preview = null;
    this.message = 'Import discarded. Nothing was changed.';
  }
}
