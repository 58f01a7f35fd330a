import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { emptyDesign } from '../core/design';
import { serializeDesign } from '../core/format';
import { exampleDesign } from '../core/test-fixtures';
import { importFiles, importKind } from './import-files';
import { type SourceFile, formatImportMessage } from './types';

const opts = { loadSqlJs: () => initSqlJs() };
const run = (files: SourceFile[]) => importFiles(files, opts);

/** The outcome's messages as the page and the CLI print them. */
async function printed(files: SourceFile[]): Promise<{ ok: boolean; lines: string[] }> {
  const out = await run(files);
  return { ok: out.ok, lines: out.messages.map(formatImportMessage) };
}

const EMPTY_SNAPSHOT = JSON.stringify({
  version: '6',
  dialect: 'sqlite',
  id: '5c3b8d4e-0000-4000-8000-000000000000',
  prevId: '00000000-0000-0000-0000-000000000000',
  tables: {},
  views: {},
  enums: {},
  _meta: { schemas: {}, tables: {}, columns: {} },
  internal: { indexes: {} },
});

describe('importing files with no tables', () => {
  it('refuses a tables.ts without sqliteTable(...), naming the file', async () => {
    expect(await printed([{ path: 'lib/server/tables.ts', text: 'export const limit = 10;\n' }])).toEqual({
      ok: false,
      lines: [
        'lib/server/tables.ts error: no table was found in tables.ts, so nothing was opened (it declares no sqliteTable(...))',
        // The importer's other findings stay listed.
        expect.stringMatching(/^lib\/server\/tables\.ts:1:14 info: const limit is code the design cannot hold/),
      ],
    });
  });

  it('refuses an empty tables.ts and a models file alone', async () => {
    expect(await printed([{ path: 'tables.ts', text: '' }])).toEqual({
      ok: false,
      lines: [
        'tables.ts error: no table was found in tables.ts, so nothing was opened (it declares no sqliteTable(...))',
      ],
    });
    const models = await run([{ path: 'models.ts', text: 'export const Kind = { A: "a" } as const;\n' }]);
    expect(models.ok).toBe(false);
    expect(models.messages[0]).toMatchObject({ severity: 'error', code: 'no-tables', file: 'models.ts' });
  });

  it.each([
    ['schema.sql', '-- nothing yet\n'],
    ['schema.sql', 'CREATE VIEW v AS SELECT 1;'],
  ])('refuses SQL that creates no table (%s: %j)', async (path, text) => {
    const out = await printed([{ path, text }]);
    expect(out.ok).toBe(false);
    expect(out.lines[0]).toBe(
      'schema.sql error: no table was found in schema.sql, so nothing was opened (the SQL has no CREATE TABLE statement)',
    );
    expect(out.lines.filter((l) => l.includes('creates no tables'))).toEqual([]);
  });

  it('refuses a drizzle snapshot that lists no tables', async () => {
    expect(await printed([{ path: 'drizzle/meta/0000_snapshot.json', text: EMPTY_SNAPSHOT }])).toEqual({
      ok: false,
      lines: [
        'drizzle/meta/0000_snapshot.json error: no table was found in 0000_snapshot.json, so nothing was opened (the snapshot lists no tables)',
      ],
    });
  });

  it('still imports a file with a table', async () => {
    const out = await run([
      { path: 'schema.sql', text: 'CREATE TABLE `MoLOS-X_items` (`id` text PRIMARY KEY NOT NULL);' },
    ]);
    expect(out.ok).toBe(true);
    if (out.ok) expect(Object.values(out.design.tables).map((t) => t.name)).toEqual(['items']);
  });
});

describe('a design file given to Import', () => {
  it('points to "Open design file…" instead of reading it as a snapshot', async () => {
    for (const design of [exampleDesign(), emptyDesign()]) {
      const files = [{ path: 'Example.design.json', text: serializeDesign(design) }];
      expect(importKind(files)).toEqual({
        error:
          'Example.design.json is a MoLOS Schema Studio design file, not a module file: open it with Designs → Open design file…',
      });
      const out = await run(files);
      expect(out.ok).toBe(false);
      expect(out.messages.map((m) => [m.code, m.file])).toEqual([['unknown-input', 'Example.design.json']]);
    }
  });

  it('does not take a snapshot that mentions the format further down for a design file', async () => {
    const text = EMPTY_SNAPSHOT.replace('"tables":{}', '"tables":{},"note":{"format":"molos-schema-studio/design"}');
    expect(importKind([{ path: 'drizzle/meta/0000_snapshot.json', text }])).toEqual({ kind: 'snapshot' });
  });
});
