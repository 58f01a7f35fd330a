/**
 * Hostile input that used to fail without a place: every importer failure names file:line, and every file the
 * importers read is announced (src/lib/core/reading.ts) so that the CLI and the page can bound it in time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { importFiles } from './import-files';
import { type ReadingEvent, couldNotRead, setReadingListener } from '../core/reading';
import { importTablesTs } from './tables-ts';
import { lineAndColumn, nestingError, tooDeep } from './tables-ts/nesting';
import type { ImportOutcome } from './types';

const HEADER = "import { sqliteTable, text } from 'drizzle-orm/sqlite-core';\n";

function failed(outcome: ImportOutcome) {
  if (outcome.ok) throw new Error('expected the import to fail');
  return outcome.messages.map((m) => ({
    code: m.code,
    file: m.file,
    line: m.line,
    column: m.column,
    message: m.message,
  }));
}

afterEach(() => setReadingListener(null));

describe('importer failures carry file:line', () => {
  // issue 14: `import {x} from sqlite;` gave "the importer failed: Expected the module specifier to be a string
  // literal." without a line
  it('an unquoted module name is a syntax error at its place', () => {
    const text = `${HEADER}import { x } from sqlite;\nexport * from models;\n`;
    expect(failed(importTablesTs({ tables: { path: 'lib/server/db/schema/tables.ts', text } }))).toEqual([
      {
        code: 'syntax-error',
        file: 'lib/server/db/schema/tables.ts',
        line: 2,
        column: 19,
        message: `syntax error: the module after "from" must be a quoted string, e.g. from 'sqlite'`,
      },
      {
        code: 'syntax-error',
        file: 'lib/server/db/schema/tables.ts',
        line: 3,
        column: 15,
        message: `syntax error: the module after "from" must be a quoted string, e.g. from 'models'`,
      },
    ]);
  });

  // issue 14: 20,000 levels of `[` (or `{a:`, or `(`) gave "Maximum call stack size exceeded" without a place
  it.each([
    ['[', ']', 2, 18 + 500],
    ['{ a: ', '}', 2, 18 + 500 * 5],
    ['(', ')', 2, 18 + 500],
  ])('brackets nested 20,000 deep (%s) are refused where they pass 500 levels', (open, close, line, column) => {
    const text = `${HEADER}export const x = ${open.repeat(20_000)}1${close.repeat(20_000)};\n`;
    expect(failed(importTablesTs({ tables: { path: 'tables.ts', text } }))).toEqual([
      {
        code: 'nesting-too-deep',
        file: 'tables.ts',
        line,
        column,
        message: 'brackets are nested 20000 levels deep from here (more than 500): too deep to read',
      },
    ]);
  });

  it('names the models file when the deep nesting is there', () => {
    const models = `export const Kinds = ${'['.repeat(20_000)}${']'.repeat(20_000)} as const;\n`;
    const outcome = importTablesTs({
      tables: { path: 'tables.ts', text: `${HEADER}export const t = sqliteTable('MoLOS-X_t', { id: text('id') });\n` },
      models: { path: 'models/index.ts', text: models },
    });
    expect(failed(outcome)).toEqual([
      {
        code: 'nesting-too-deep',
        file: 'models/index.ts',
        line: 1,
        column: 22 + 500,
        message: 'brackets are nested 20000 levels deep from here (more than 500): too deep to read',
      },
    ]);
  });

  // issue 14: the SQL and snapshot importers already gave a place for the same input; kept so
  it('SQL nested 20,000 deep fails at its statement, a snapshot at its JSON path', async () => {
    const sql = `CREATE TABLE \`MoLOS-X_t\` (\`id\` text PRIMARY KEY NOT NULL,\n \`n\` integer DEFAULT ${'('.repeat(20_000)}1${')'.repeat(20_000)});\n`;
    const [m] = failed(await importFiles([{ path: 'schema.sql', text: sql }]));
    expect(m).toMatchObject({ code: 'sql-error', file: 'schema.sql', line: 1, column: 1 });
    const snapshot = `{"version":"6","dialect":"sqlite","id":"a","prevId":"b","tables":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const [s] = failed(await importFiles([{ path: 'drizzle/meta/0000_snapshot.json', text: snapshot }]));
    expect(s).toMatchObject({ file: 'drizzle/meta/0000_snapshot.json' });
    expect(s?.message).toMatch(/^\$\.tables\.0\.name: missing/);
  });
});

describe('tooDeep', () => {
  it('counts brackets outside strings, template literals and comments, in one pass', () => {
    expect(tooDeep('x = [[[1]]]', 2)).toEqual({ offset: 6, depth: 3 });
    expect(tooDeep('x = [[1]]', 2)).toBeNull();
    expect(tooDeep(`x = ['[[[', "(((", \`{{{\`, /* [[[ */ 1] // (((\n`, 1)).toBeNull();
    expect(tooDeep("x = ['\\'[[[']", 1)).toBeNull();
    // Closing more than was opened does not go below zero.
    expect(tooDeep(')))[[[', 2)).toEqual({ offset: 5, depth: 3 });
  });

  it('is linear: a megabyte of nesting is scanned at once', () => {
    const text = '['.repeat(500_000) + ']'.repeat(500_000);
    const started = performance.now();
    expect(tooDeep(text)).toEqual({ offset: 500, depth: 500_000 });
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('gives 1-based lines and columns', () => {
    expect(lineAndColumn('ab\ncd\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineAndColumn('ab\ncd\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineAndColumn('ab\ncd\nef', 6)).toEqual({ line: 3, column: 1 });
    expect(nestingError([{ path: 'a.ts', text: 'x' }])).toBeNull();
  });
});

describe('reading announcements', () => {
  it('names each file an import reads and what it does with it', async () => {
    const events: ReadingEvent[] = [];
    setReadingListener((e) => events.push(e));
    await importFiles([
      { path: 'tables.ts', text: `${HEADER}export const t = sqliteTable('MoLOS-X_t', { id: text('id') });\n` },
      { path: 'models.ts', text: 'export const A = 1;\n' },
    ]);
    await importFiles([{ path: 'a.sql', text: 'CREATE TABLE `MoLOS-X_a` (`id` text);' }]);
    expect(events).toEqual([
      { kind: 'reading', file: 'tables.ts', doing: 'parsing TypeScript' },
      { kind: 'reading', file: 'models.ts', doing: 'parsing TypeScript' },
      { kind: 'reading', file: 'a.sql', doing: 'running its SQL on an in-memory SQLite' },
    ]);
  });

  it('says what could not be read in the same words on the page and in the CLI', () => {
    expect(couldNotRead('tables.ts', 'parsing TypeScript', 30)).toBe(
      'tables.ts could not be read in 30 s (parsing TypeScript)',
    );
    expect(couldNotRead('a.sql', 'running its SQL', 90)).toBe(
      'a.sql could not be read in 1 min 30 s (running its SQL)',
    );
  });
});
