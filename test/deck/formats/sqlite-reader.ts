// A small, read-only SQLite file reader written from the file-format spec
// (https://www.sqlite.org/fileformat2.html), used only by tests as a reader that shares no code
// with SQLite itself. It reads rowid tables: the 100-byte header, table b-trees (interior 0x05 and
// leaf 0x0D pages), records with their serial types, and overflow chains. It does not read indexes,
// WITHOUT ROWID tables, the freelist or the journal. Every read is bounds-checked, page visits are
// tracked so a damaged file throws an Error instead of looping.

export interface SqliteTable {
  columns: string[];
  rows: unknown[][];
}

const MAGIC = 'SQLite format 3\0';

class Reader {
  readonly pageSize: number;
  readonly usable: number;
  readonly pageCount: number;
  private readonly text = new TextDecoder('utf-8', { fatal: true });

  constructor(private readonly bytes: Uint8Array) {
    if (bytes.length < 100) throw new Error('not an SQLite database: shorter than the 100-byte header');
    const magic = String.fromCharCode(...bytes.subarray(0, 16));
    if (magic !== MAGIC) throw new Error('not an SQLite database: bad header string');
    const raw = this.u16(16);
    const pageSize = raw === 1 ? 65536 : raw;
    if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
      throw new Error(`bad page size ${raw}`);
    }
    this.pageSize = pageSize;
    this.usable = pageSize - (bytes[20] ?? 0);
    if (this.usable < 480) throw new Error(`usable page size ${this.usable} is below 480`);
    const encoding = this.u32(56);
    // 0 means "not set yet" (an empty database); anything else but 1 (UTF-8) is unsupported.
    if (encoding !== 1 && encoding !== 0) throw new Error(`text encoding ${encoding} is not UTF-8`);
    if (bytes.length % pageSize !== 0) throw new Error('file size is not a multiple of the page size');
    this.pageCount = bytes.length / pageSize;
  }

  private check(offset: number, length: number): void {
    if (offset < 0 || length < 0 || offset + length > this.bytes.length) {
      throw new Error(`read of ${length} bytes at ${offset} is outside the file`);
    }
  }

  u8(offset: number): number {
    this.check(offset, 1);
    return this.bytes[offset] as number;
  }

  u16(offset: number): number {
    return (this.u8(offset) << 8) | this.u8(offset + 1);
  }

  u32(offset: number): number {
    return this.u16(offset) * 0x10000 + this.u16(offset + 2);
  }

  slice(offset: number, length: number): Uint8Array {
    this.check(offset, length);
    return this.bytes.subarray(offset, offset + length);
  }

  pageOffset(page: number): number {
    if (!Number.isInteger(page) || page < 1 || page > this.pageCount) throw new Error(`page ${page} is out of range`);
    return (page - 1) * this.pageSize;
  }

  /** A varint at `offset` in `buf`: its value and length. */
  static varint(buf: Uint8Array, offset: number): { value: bigint; length: number } {
    let value = 0n;
    for (let i = 0; i < 9; i++) {
      const b = buf[offset + i];
      if (b === undefined) throw new Error('varint runs past the end of its buffer');
      if (i === 8) return { value: (value << 8n) | BigInt(b), length: 9 };
      value = (value << 7n) | BigInt(b & 0x7f);
      if ((b & 0x80) === 0) return { value, length: i + 1 };
    }
    throw new Error('unreachable');
  }

  /** Visits every (rowid, payload) of the table b-tree rooted at `root`, in rowid order. */
  walkTable(root: number, visit: (rowid: bigint, payload: Uint8Array) => void): void {
    const seen = new Set<number>();
    const walk = (page: number, depth: number): void => {
      if (seen.has(page)) throw new Error(`page ${page} is reached twice (b-tree cycle)`);
      if (depth > 64) throw new Error('b-tree is too deep');
      seen.add(page);
      const base = this.pageOffset(page);
      const header = page === 1 ? base + 100 : base;
      const type = this.u8(header);
      const cells = this.u16(header + 3);
      if (type === 0x05) {
        const pointers = header + 12;
        for (let i = 0; i < cells; i++) {
          const cell = base + this.u16(pointers + 2 * i);
          walk(this.u32(cell), depth + 1);
        }
        walk(this.u32(header + 8), depth + 1);
      } else if (type === 0x0d) {
        const pointers = header + 8;
        for (let i = 0; i < cells; i++) {
          const cell = base + this.u16(pointers + 2 * i);
          const { rowid, payload } = this.leafCell(cell, seen);
          visit(rowid, payload);
        }
      } else {
        throw new Error(`page ${page} has b-tree page type ${type}, not a table page`);
      }
    };
    walk(root, 0);
  }

  private leafCell(cell: number, seen: Set<number>): { rowid: bigint; payload: Uint8Array } {
    const head = this.slice(cell, Math.min(18, this.bytes.length - cell));
    const size = Reader.varint(head, 0);
    const rowid = Reader.varint(head, size.length);
    const p = Number(size.value);
    if (p > this.bytes.length) throw new Error(`payload size ${p} is larger than the file`);
    const start = cell + size.length + rowid.length;
    const u = this.usable;
    const x = u - 35;
    const local = p <= x ? p : this.localSize(p);
    const payload = new Uint8Array(p);
    payload.set(this.slice(start, local), 0);
    let filled = local;
    let next = filled < p ? this.u32(start + local) : 0;
    while (filled < p) {
      if (next === 0) throw new Error('overflow chain ends before the payload does');
      if (seen.has(next)) throw new Error(`overflow page ${next} is reached twice`);
      seen.add(next);
      const base = this.pageOffset(next);
      const take = Math.min(u - 4, p - filled);
      payload.set(this.slice(base + 4, take), filled);
      filled += take;
      next = this.u32(base);
    }
    let signed = rowid.value;
    if (signed >= 1n << 63n) signed -= 1n << 64n;
    return { rowid: signed, payload };
  }

  private localSize(p: number): number {
    const u = this.usable;
    const x = u - 35;
    const m = Math.floor(((u - 12) * 32) / 255) - 23;
    const k = m + ((p - m) % (u - 4));
    return k <= x ? k : m;
  }

  decodeRecord(payload: Uint8Array): unknown[] {
    const headerSize = Reader.varint(payload, 0);
    const end = Number(headerSize.value);
    if (end > payload.length || end < headerSize.length) throw new Error('record header is larger than its payload');
    const types: bigint[] = [];
    for (let at = headerSize.length; at < end;) {
      const t = Reader.varint(payload, at);
      types.push(t.value);
      at += t.length;
    }
    const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
    const values: unknown[] = [];
    let at = end;
    const need = (n: number): void => {
      if (at + n > payload.length) throw new Error('record body is shorter than its header says');
    };
    for (const t of types) {
      if (t === 0n) values.push(null);
      else if (t >= 1n && t <= 6n) {
        const n = [0, 1, 2, 3, 4, 6, 8][Number(t)] as number;
        need(n);
        let v = 0n;
        for (let i = 0; i < n; i++) v = (v << 8n) | BigInt(payload[at + i] as number);
        if (v >= 1n << BigInt(8 * n - 1)) v -= 1n << BigInt(8 * n);
        values.push(toNumber(v));
        at += n;
      } else if (t === 7n) {
        need(8);
        values.push(view.getFloat64(at, false));
        at += 8;
      } else if (t === 8n) values.push(0);
      else if (t === 9n) values.push(1);
      else if (t === 10n || t === 11n) throw new Error(`reserved serial type ${t}`);
      else {
        const n = Number((t - (t % 2n === 0n ? 12n : 13n)) / 2n);
        need(n);
        const body = payload.subarray(at, at + n);
        values.push(t % 2n === 0n ? body.slice() : this.text.decode(body));
        at += n;
      }
    }
    return values;
  }
}

function toNumber(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

const CONSTRAINTS = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN']);
const TYPE_ENDS = new Set([
  'CONSTRAINT',
  'PRIMARY',
  'NOT',
  'NULL',
  'UNIQUE',
  'CHECK',
  'DEFAULT',
  'COLLATE',
  'REFERENCES',
  'GENERATED',
  'AS',
]);

/** Splits `s` on commas outside parentheses and quotes. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '[') quote = ']';
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function firstIdentifier(def: string): { name: string; rest: string } {
  const m = /^(?:"((?:[^"]|"")*)"|`([^`]*)`|\[([^\]]*)\]|([A-Za-z_][A-Za-z0-9_$]*))/.exec(def);
  if (!m) throw new Error(`cannot read a column name from "${def}"`);
  const name = m[1]?.replace(/""/g, '"') ?? m[2] ?? m[3] ?? m[4] ?? '';
  return { name, rest: def.slice(m[0].length).trim() };
}

/** Column names of a CREATE TABLE statement, and which column (if any) is the rowid alias. */
export function parseColumns(sql: string): { columns: string[]; rowidAlias: number } {
  const open = sql.indexOf('(');
  const close = sql.lastIndexOf(')');
  if (open < 0 || close < open) throw new Error(`cannot read the column list of: ${sql}`);
  if (/\)\s*WITHOUT\s+ROWID\s*;?\s*$/i.test(sql)) throw new Error('WITHOUT ROWID tables are not supported');
  const columns: string[] = [];
  const types: string[] = [];
  let rowidAlias = -1;
  let tablePk: string[] = [];
  for (const def of splitTopLevel(sql.slice(open + 1, close))) {
    const keyword = (/^[A-Za-z]+/.exec(def)?.[0] ?? '').toUpperCase();
    if (CONSTRAINTS.has(keyword)) {
      const pk = /^(?:CONSTRAINT\s+\S+\s+)?PRIMARY\s+KEY\s*\(([^)]*)\)/i.exec(def);
      if (pk) tablePk = splitTopLevel(pk[1] ?? '').map((c) => firstIdentifier(c).name);
      continue;
    }
    const { name, rest } = firstIdentifier(def);
    const typeWords: string[] = [];
    for (const word of rest.split(/[\s(]+/)) {
      if (!/^[A-Za-z]+$/.test(word) || TYPE_ENDS.has(word.toUpperCase())) break;
      typeWords.push(word);
    }
    const type = typeWords.join(' ');
    columns.push(name);
    types.push(type);
    if (/\bPRIMARY\s+KEY\b/i.test(rest) && !/\bPRIMARY\s+KEY\s+DESC\b/i.test(rest) && /^INTEGER$/i.test(type)) {
      rowidAlias = columns.length - 1;
    }
  }
  if (tablePk.length === 1) {
    const i = columns.findIndex((c) => c.toLowerCase() === tablePk[0]?.toLowerCase());
    if (i >= 0 && /^INTEGER$/i.test(types[i] ?? '')) rowidAlias = i;
  }
  return { columns, rowidAlias };
}

/** Reads every rowid table of an SQLite database file, rows in rowid order. */
export function readSqliteTables(bytes: Uint8Array): Map<string, SqliteTable> {
  const reader = new Reader(bytes);
  const tables = new Map<string, SqliteTable>();
  const master: unknown[][] = [];
  reader.walkTable(1, (_rowid, payload) => master.push(reader.decodeRecord(payload)));
  for (const [type, name, , rootpage, sql] of master) {
    if (type !== 'table' || typeof name !== 'string' || typeof sql !== 'string') continue;
    if (typeof rootpage !== 'number') throw new Error(`table ${name} has no root page`);
    const { columns, rowidAlias } = parseColumns(sql);
    const rows: unknown[][] = [];
    let last: bigint | undefined;
    reader.walkTable(rootpage, (rowid, payload) => {
      if (last !== undefined && rowid <= last) throw new Error(`rowids of ${name} are not increasing`);
      last = rowid;
      const values = reader.decodeRecord(payload);
      if (values.length > columns.length) throw new Error(`a row of ${name} has more values than columns`);
      const row = columns.map((_, i) => (i < values.length ? values[i] : null));
      if (rowidAlias >= 0) {
        if (row[rowidAlias] !== null) throw new Error(`rowid alias of ${name} is stored, not NULL`);
        row[rowidAlias] = toNumber(rowid);
      }
      rows.push(row);
    });
    tables.set(name, { columns, rows });
  }
  return tables;
}
