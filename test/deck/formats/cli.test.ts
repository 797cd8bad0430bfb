/// <reference types="node" />
// `npm run deck -- export|import`: one-line summary on success, non-zero exit and a clear
// message on any problem.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDeck } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'kcna-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const deckFile = join(dir, 'fixture.yaml');
writeFileSync(deckFile, stringify(fixtureDeck()));

function deck(...args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/deck.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('deck CLI', () => {
  it('exports to .apkg and imports it back into a deck file, printing one-line summaries', () => {
    const apkg = join(dir, 'out.apkg');
    const exported = deck('export', deckFile, '--format', 'apkg', '--out', apkg, '--now', '2026-01-15T12:00:00Z');
    expect(exported).toMatchObject({ code: 0, err: '' });
    expect(exported.out).toBe(`Wrote 8 cards (2 flashcard, 4 quiz, 1 prompt, 1 lab) to ${apkg} (apkg)\n`);
    const yaml = join(dir, 'back.yaml');
    const imported = deck('import', apkg, '--out', yaml);
    expect(imported.code).toBe(0);
    expect(imported.out).toBe(
      `Read 8 cards (2 flashcard, 4 quiz, 1 prompt, 1 lab) from ${apkg} into ${yaml} (deck "fixture-deck")\n`,
    );
    expect(readFileSync(yaml, 'utf8')).toContain('id: scheduler-binds');
  }, 60_000);

  it('exits 1 with a message for an unknown format, a missing option or an invalid deck', () => {
    const unknown = deck('export', deckFile, '--format', 'pdf', '--out', join(dir, 'x.pdf'));
    expect(unknown.code).toBe(1);
    expect(unknown.err).toMatch(/^error: unknown format "pdf"; use apkg, csv, tsv, moodle, gift, json or print/);
    const missing = deck('import', deckFile);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: missing --out/);
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'id: x\ntitle: t\ncards:\n  - id: a\n    kind: quiz\n');
    const invalid = deck('export', bad, '--format', 'csv', '--out', join(dir, 'x.csv'));
    expect(invalid.code).toBe(1);
    expect(invalid.err).toMatch(/bad\.yaml:4:\d+: .*\n[\s\S]*is not a valid deck; nothing was exported/);
  }, 60_000);

  it('exits 1 with the import problem and writes nothing when the file cannot be imported', () => {
    const broken = join(dir, 'broken.apkg');
    writeFileSync(broken, 'PK\u0003\u0004 not really');
    const out = join(dir, 'never.yaml');
    const r = deck('import', broken, '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /^error: .*broken\.apkg: this is not a zip archive; the archive was rejected and nothing was imported/,
    );
    expect(() => readFileSync(out)).toThrow();
  }, 60_000);
});
