// Import an Anki package (.apkg/.colpkg with collection.anki2 or collection.anki21). The
// archive is checked while it is unpacked; the database is opened with sql.js and read note
// by note. Our own note types come back as full cards, any other note becomes a flashcard.
// Media files are not imported. Newer packages (collection.anki21b) get a message saying how
// to export for older Anki versions.

import type { Database } from 'sql.js';
import { noteToDraft } from './card-fields.ts';
import { htmlToText } from './html.ts';
import type { DraftDeck, DraftEntry } from './finish-import.ts';
import { loadSqlJs } from './runtime.ts';
import { ImportError, type ImportOptions } from './types.ts';
import { Work } from './work.ts';
import { safeUnzip, type ZipLimits } from './zip-safety.ts';

export const NEWER_ANKI_MESSAGE =
  'this package was made by Anki 2.1.50 or later in a format this app cannot read. In Anki, choose ' +
  'File > Export, pick "Anki Deck Package (*.apkg)", tick "Support older Anki versions (slower/larger files)" ' +
  'and export again.';

const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2'];

interface ModelInfo {
  fields: string[];
  cloze: boolean;
}

function parseJsonObject(text: unknown, what: string, file: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(typeof text === 'string' ? text : '');
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new ImportError(`the Anki collection is damaged: its ${what} are not readable`, { file });
}

function readModels(models: Record<string, unknown>): Map<string, ModelInfo> {
  const out = new Map<string, ModelInfo>();
  for (const [id, raw] of Object.entries(models)) {
    if (!raw || typeof raw !== 'object') continue;
    const m = raw as { flds?: unknown; type?: unknown };
    const flds = Array.isArray(m.flds) ? m.flds : [];
    const fields = flds.map((f: unknown, i) =>
      f && typeof f === 'object' && typeof (f as { name?: unknown }).name === 'string'
        ? (f as { name: string }).name
        : `Field ${i + 1}`,
    );
    out.set(String(id), { fields, cloze: m.type === 1 });
  }
  return out;
}

interface DeckInfo {
  names: Map<string, string>;
  descriptions: Map<string, string>;
  deckIds: Map<string, string>;
}

function readDecks(decks: Record<string, unknown>): DeckInfo {
  const info: DeckInfo = { names: new Map(), descriptions: new Map(), deckIds: new Map() };
  for (const [id, raw] of Object.entries(decks)) {
    if (!raw || typeof raw !== 'object') continue;
    const { name, desc, kcnaDeckId } = raw as { name?: unknown; desc?: unknown; kcnaDeckId?: unknown };
    if (typeof name !== 'string') continue;
    info.names.set(String(id), name);
    if (typeof desc === 'string' && desc.trim()) info.descriptions.set(name, desc);
    if (typeof kcnaDeckId === 'string') info.deckIds.set(name, kcnaDeckId);
  }
  return info;
}

function openDatabase(SQL: Awaited<ReturnType<typeof loadSqlJs>>, bytes: Uint8Array, file: string): Database {
  const header = new TextDecoder().decode(bytes.subarray(0, 15));
  if (header !== 'SQLite format 3') {
    throw new ImportError('the Anki collection inside the package is not an SQLite database (damaged or truncated)', {
      file,
    });
  }
  return new SQL.Database(bytes);
}

export async function readApkg(
  fileName: string,
  data: Uint8Array,
  opts: ImportOptions & { zipLimits?: ZipLimits } = {},
): Promise<DraftDeck> {
  const { names, files } = await safeUnzip(data, fileName, (n) => COLLECTIONS.includes(n), opts.zipLimits, opts.signal);
  if (names.includes('collection.anki21b')) throw new ImportError(NEWER_ANKI_MESSAGE, { file: fileName });
  const bytes = files.get('collection.anki21') ?? files.get('collection.anki2');
  if (!bytes) {
    throw new ImportError('no Anki collection in this package (expected collection.anki2 or collection.anki21)', {
      file: fileName,
    });
  }
  const SQL = await loadSqlJs();
  const db = openDatabase(SQL, bytes, fileName);
  try {
    return await readCollection(db, fileName, opts);
  } catch (err) {
    if (err instanceof ImportError || (err instanceof DOMException && err.name === 'AbortError')) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new ImportError(`the Anki collection inside the package is damaged (${why})`, { file: fileName });
  } finally {
    db.close();
  }
}

async function readCollection(db: Database, fileName: string, opts: ImportOptions): Promise<DraftDeck> {
  const col = db.exec('SELECT models, decks FROM col LIMIT 1')[0]?.values[0];
  if (!col) throw new ImportError('the Anki collection is empty (no col row)', { file: fileName });
  const models = readModels(parseJsonObject(col[0], 'note types', fileName));
  const { names: deckNames, descriptions, deckIds } = readDecks(parseJsonObject(col[1], 'decks', fileName));
  const total = Number(db.exec('SELECT count(*) FROM notes')[0]?.values[0]?.[0] ?? 0);
  const work = new Work(opts, total);
  await work.start();
  const entries: DraftEntry[] = [];
  const skipped: string[] = [];
  const roots = new Map<string, number>();
  const stmt = db.prepare(
    'SELECT n.id, n.guid, n.mid, n.tags, n.flds, (SELECT c.did FROM cards c WHERE c.nid = n.id ORDER BY c.ord LIMIT 1) FROM notes n ORDER BY n.id',
  );
  try {
    let done = 0;
    while (stmt.step()) {
      const [id, guid, mid, tags, flds, did] = stmt.get();
      const where = { file: `${fileName} (note ${String(id)})` };
      const model = models.get(String(mid));
      const deckName = deckNames.get(String(did));
      if (deckName) {
        const root = deckName.split('::')[0] ?? deckName;
        roots.set(root, (roots.get(root) ?? 0) + 1);
      }
      const values = String(flds ?? '').split('\x1f');
      if (total === 1 && /update to the latest Anki version/i.test(values[0] ?? '')) {
        throw new ImportError(NEWER_ANKI_MESSAGE, { file: fileName });
      }
      try {
        if (!model) throw new Error(`its note type ${String(mid)} is missing`);
        const draft = noteToDraft(model.fields, values, model.cloze);
        entries.push({
          draft,
          where,
          key: `anki:${String(guid)}`,
          rawTags: String(tags ?? '')
            .split(/\s+/)
            .filter(Boolean),
          ...(deckName ? { deckName } : {}),
        });
      } catch (err) {
        skipped.push(`${where.file}: skipped: ${err instanceof Error ? err.message : String(err)}`);
      }
      await work.step(++done);
    }
  } finally {
    stmt.free();
  }
  const title = [...roots.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const description = title ? htmlToText(descriptions.get(title) ?? '') : '';
  const id = title ? deckIds.get(title) : undefined;
  return {
    ...(id ? { id } : {}),
    ...(title && title !== 'Default' ? { title } : {}),
    ...(description ? { description } : {}),
    entries,
    skipped,
  };
}
