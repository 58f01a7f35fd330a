/**
 * Proof of the severities in README.md: each error code is shown to break something real — SQLite (the host's
 * better-sqlite3, and sql.js) refuses the generated SQL or a statement the design implies, a migration cannot
 * run, tsc refuses the generated code, or the code is not what the design says — and each convention that is a
 * warning is shown to run: its SQL applies and its code type-checks.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAND_IN_FILES, standInTsconfig } from '../../../testing/host-stand-ins';
import { removeDir, tempDir, typeCheck, writeFiles } from '../../../testing/module-folder';
import { generateModuleFiles } from '../../generate/module-files';
import { parseJournal, parseSnapshot } from '../../sql/folder-format';
import { hostStatements } from '../../sql/host-files';
import { initialMigrationSql } from '../../sql/migration-files';
import { EMPTY_FOLDER, nextMigration } from '../../sql/next-migration';
import { type Column, type Design, emptyDesign } from '../design';
import {
  addColumn,
  addEnum,
  addIndex,
  addTable,
  connect,
  connectTables,
  deleteColumn,
  renameTable,
  setEnumMembers,
  updateColumn,
  updateEnum,
  updateIndex,
  updateRelation,
  updateTable,
} from '../operations';
import { type Issue, type RuleCode, applyFix, checkDesign } from '.';

// ---------------------------------------------------------------------------------------------------------------
// A small compliant module: items (title, status → ItemStatus, done, tags json, category_id → categories.id)
// and categories (name).
// ---------------------------------------------------------------------------------------------------------------

const ITEMS = 'MoLOS-Proof_items';
const CATEGORIES = 'MoLOS-Proof_categories';

function std(prefix: string) {
  return {
    id: `c_${prefix}_id`,
    userId: `c_${prefix}_user_id`,
    createdAt: `c_${prefix}_created_at`,
    updatedAt: `c_${prefix}_updated_at`,
  };
}

function base(): Design {
  let d = emptyDesign({ id: 'MoLOS-Proof', name: 'Proof', layout: 'current' });
  d = addTable(d, { id: 't_items', name: 'items', columnIds: std('items') });
  d = addTable(d, { id: 't_categories', name: 'categories', columnIds: std('categories') });
  d = addColumn(d, { tableId: 't_categories', id: 'c_categories_name', name: 'name', notNull: true });
  d = addEnum(d, {
    id: 'e_status',
    name: 'ItemStatus',
    members: [
      { id: 'm_active', value: 'active' },
      { id: 'm_archived', value: 'archived' },
    ],
  });
  d = addColumn(d, { tableId: 't_items', id: 'c_items_title', name: 'title', notNull: true });
  d = addColumn(d, {
    tableId: 't_items',
    id: 'c_items_status',
    name: 'status',
    enumId: 'e_status',
    notNull: true,
    default: { kind: 'literal', value: 'active' },
  });
  d = addColumn(d, {
    tableId: 't_items',
    id: 'c_items_done',
    name: 'done',
    type: 'integer',
    mode: 'boolean',
    notNull: true,
    default: { kind: 'literal', value: false },
  });
  d = addColumn(d, {
    tableId: 't_items',
    id: 'c_items_tags',
    name: 'tags',
    mode: 'json',
    notNull: true,
    default: { kind: 'json', json: '[]' },
  });
  d = connectTables(d, {
    fromTableId: 't_items',
    toTableId: 't_categories',
    columnId: 'c_items_category_id',
    relationId: 'r_category',
    onDelete: 'cascade',
  });
  return d;
}

const upd = (d: Design, columnId: string, patch: Parameters<typeof updateColumn>[1]['patch']) =>
  updateColumn(d, { columnId, patch });

/** A direct edit, for states the operations refuse to build. */
function editColumn(d: Design, id: string, patch: Partial<Column>): Design {
  const next = structuredClone(d);
  next.columns[id] = { ...next.columns[id]!, ...patch };
  return next;
}

function codesOf(d: Design, severity: Issue['severity']): RuleCode[] {
  return checkDesign(d)
    .filter((i) => i.severity === severity)
    .map((i) => i.code);
}

// ---------------------------------------------------------------------------------------------------------------
// Running SQL as the host does (better-sqlite3, double-quoted strings off, foreign keys on, the host's statement
// splitting) and as the page does (sql.js).
// ---------------------------------------------------------------------------------------------------------------

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

/** Runs migration files, then extra statements; the first error's message, or null when everything ran. */
function onHost(files: readonly string[], after: readonly string[] = []): string | null {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    for (const file of files) db.transaction(() => hostStatements(file).statements.forEach((s) => db.exec(s)))();
    for (const s of after) db.exec(s);
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    db.close();
  }
}

function onSqlJs(files: readonly string[], after: readonly string[] = []): string | null {
  const db = new SQL.Database();
  try {
    db.run('PRAGMA foreign_keys = ON');
    for (const file of files) for (const s of hostStatements(file).statements) db.run(s);
    for (const s of after) db.run(s);
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    db.close();
  }
}

/** Both engines' outcome: null when both ran, else the messages. */
function both(files: readonly string[], after: readonly string[] = []): [string | null, string | null] {
  return [onHost(files, after), onSqlJs(files, after)];
}

/** The migration after exporting `d` and applying `edit`: [0000 SQL, next SQL]. */
function twoMigrations(d: Design, edit: (d: Design) => Design): { first: string; next: string; edited: Design } {
  const first = nextMigration(d, EMPTY_FOLDER, { now: 1 });
  const folder = {
    journal: parseJournal('journal', first.files[2]!.content),
    snapshots: { '0000_snapshot.json': parseSnapshot('snapshot', first.files[1]!.content) },
    sqlFiles: ['0000_init.sql'],
  };
  const edited = edit({ ...d, baseline: first.baseline });
  return { first: first.sql, next: nextMigration(edited, folder, { now: 2 }).sql, edited };
}

const INSERT_CATEGORY = `INSERT INTO \`${CATEGORIES}\` (id, user_id, name) VALUES ('c1', 'u1', 'Work')`;
const INSERT_ITEM = `INSERT INTO \`${ITEMS}\` (id, user_id, title, category_id) VALUES ('i1', 'u1', 'Call', 'c1')`;

describe('the base module', () => {
  it('has no issue, and its SQL runs on both engines with rows in it', () => {
    expect(checkDesign(base())).toEqual([]);
    expect(both([initialMigrationSql(base())], [INSERT_CATEGORY, INSERT_ITEM])).toEqual([null, null]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Errors whose SQL breaks.
// ---------------------------------------------------------------------------------------------------------------

interface SqlCase {
  code: RuleCode;
  design: () => Design;
  /** Statements run after the 0000 migration (none: the migration itself fails). */
  after?: string[];
  /** What SQLite says. */
  error: RegExp;
}

const SQL_CASES: [string, SqlCase][] = [
  [
    'two primary keys',
    {
      code: 'pk-composite',
      design: () => upd(base(), 'c_items_title', { primaryKey: true }),
      error: /more than one primary key/,
    },
  ],
  [
    'a table without columns',
    {
      code: 'table-no-columns',
      design: () =>
        [
          'c_categories_id',
          'c_categories_user_id',
          'c_categories_created_at',
          'c_categories_updated_at',
          'c_categories_name',
        ].reduce((d, columnId) => deleteColumn(d, { columnId }), upd(base(), 'c_items_category_id', {})),
      error: /syntax error/,
    },
  ],
  [
    'two columns whose names differ in case only',
    {
      code: 'column-name-duplicate',
      design: () => addColumn(base(), { tableId: 't_items', name: 'Title', key: 'titleAgain' }),
      error: /duplicate column name/,
    },
  ],
  [
    'two tables whose names differ in case only',
    {
      code: 'table-name-duplicate',
      design: () =>
        updateTable(renameTable(base(), { tableId: 't_categories', name: 'ITEMS' }), {
          tableId: 't_categories',
          exportName: 'upperItems',
        }),
      error: /already exists/,
    },
  ],
  [
    'an index named like another table’s index (one namespace in the database)',
    {
      code: 'index-name-duplicate',
      design: () =>
        addIndex(addIndex(base(), { tableId: 't_items', columnIds: ['c_items_title'], name: `${ITEMS}_x` }), {
          tableId: 't_categories',
          columnIds: ['c_categories_name'],
          name: `${ITEMS}_x`,
        }),
      error: /already exists/,
    },
  ],
  [
    'an index without columns',
    {
      code: 'index-empty',
      design: () =>
        updateIndex(addIndex(base(), { tableId: 't_items', id: 'i_x', columnIds: ['c_items_title'] }), {
          indexId: 'i_x',
          columnIds: [],
        }),
      error: /syntax error|no such column/,
    },
  ],
  [
    'an empty SQL default',
    {
      code: 'default-sql-empty',
      design: () => upd(base(), 'c_items_title', { default: { kind: 'sql', sql: ' ' } }),
      error: /syntax error/,
    },
  ],
  [
    'an SQL default without parentheses',
    {
      code: 'default-sql-unparenthesized',
      design: () => upd(base(), 'c_items_title', { default: { kind: 'sql', sql: "lower('X')" } }),
      error: /syntax error/,
    },
  ],
  [
    'an SQL default with a subquery',
    {
      code: 'default-sql-invalid',
      design: () => upd(base(), 'c_items_title', { default: { kind: 'sql', sql: '((SELECT 1))' } }),
      error: /not constant/,
    },
  ],
  [
    'an SQL default whose parentheses do not pair up',
    {
      code: 'default-sql-invalid',
      design: () => upd(base(), 'c_items_title', { default: { kind: 'sql', sql: "(lower('X')" } }),
      error: /syntax error|incomplete/,
    },
  ],
  [
    'a text default with a line that starts with -- (the host drops it)',
    {
      code: 'sql-text-unsafe',
      design: () => upd(base(), 'c_items_title', { default: { kind: 'literal', value: 'a\n-- b' } }),
      error: /unrecognized token|syntax error|incomplete/,
    },
  ],
  [
    'an enum value with --> statement-breakpoint (the host cuts the CHECK in two)',
    {
      code: 'sql-text-unsafe',
      design: () =>
        setEnumMembers(base(), {
          enumId: 'e_status',
          members: [
            { id: 'm_active', key: 'ACTIVE', value: 'active' },
            { id: 'm_archived', key: 'ARCHIVED', value: 'x--> statement-breakpoint' },
          ],
        }),
      error: /unrecognized token|syntax error|incomplete/,
    },
  ],
  [
    'a JSON default with --> statement-breakpoint in a string',
    {
      code: 'sql-text-unsafe',
      design: () => upd(base(), 'c_items_tags', { default: { kind: 'json', json: '["--> statement-breakpoint"]' } }),
      error: /unrecognized token|syntax error|incomplete/,
    },
  ],
  [
    'a JSON null default on a NOT NULL column: the app inserts SQL NULL for it (drizzle-orm)',
    {
      code: 'default-json-null',
      design: () => upd(base(), 'c_items_tags', { default: { kind: 'json', json: 'null' } }),
      after: [
        INSERT_CATEGORY,
        `INSERT INTO \`${ITEMS}\` (id, user_id, title, category_id, tags) VALUES ('i1', 'u1', 'Call', 'c1', null)`,
      ],
      error: /NOT NULL constraint failed/,
    },
  ],
  [
    'an SQL default with "…" in an expression',
    {
      code: 'default-sql-double-quoted',
      design: () => upd(base(), 'c_items_created_at', { default: { kind: 'sql', sql: '(strftime("%s","now"))' } }),
      error: /not constant/,
    },
  ],
  [
    "a JSON default with '",
    {
      code: 'default-json-quote',
      design: () => upd(base(), 'c_items_tags', { default: { kind: 'json', json: `["it's"]` } }),
      error: /syntax error|unrecognized token/,
    },
  ],
  [
    "an enum value with '",
    {
      code: 'enum-member-value-quote',
      design: () =>
        setEnumMembers(base(), {
          enumId: 'e_status',
          members: [
            { id: 'm_active', key: 'ACTIVE', value: 'active' },
            { id: 'm_x', key: 'ITS', value: "it's" },
          ],
        }),
      error: /syntax error|unrecognized token/,
    },
  ],
  [
    'an enum column named order',
    {
      code: 'enum-column-name-unquotable',
      design: () => upd(base(), 'c_items_status', { name: 'order' }),
      error: /syntax error/,
    },
  ],
  [
    'an enum column named current_date (SQLite reads the date: every value fails the CHECK)',
    {
      code: 'enum-column-name-unquotable',
      design: () => upd(base(), 'c_items_status', { name: 'current_date' }),
      after: [INSERT_CATEGORY, INSERT_ITEM],
      error: /CHECK constraint failed/,
    },
  ],
  [
    'an enum column named with a space',
    {
      code: 'enum-column-name-unquotable',
      design: () => upd(base(), 'c_items_status', { name: 'item status' }),
      error: /syntax error|no such column/,
    },
  ],
  [
    'an enum without values (the CHECK refuses every value)',
    {
      code: 'enum-empty',
      design: () =>
        setEnumMembers(upd(base(), 'c_items_status', { default: null }), { enumId: 'e_status', members: [] }),
      after: [INSERT_CATEGORY, `INSERT INTO \`${ITEMS}\` (id, user_id, title, status) VALUES ('i1', 'u1', 'Call', '')`],
      error: /CHECK constraint failed/,
    },
  ],
  [
    'an enum default that is not a value (every insert that takes it fails)',
    {
      code: 'enum-default-not-member',
      design: () => upd(base(), 'c_items_status', { default: { kind: 'literal', value: 'nope' } }),
      after: [INSERT_CATEGORY, INSERT_ITEM],
      error: /CHECK constraint failed/,
    },
  ],
  [
    'a foreign key to a column that is not a key (every insert fails)',
    {
      code: 'fk-target-not-key',
      design: () =>
        connect(base(), { id: 'r_category', fromColumnId: 'c_items_category_id', toColumnId: 'c_categories_name' }),
      after: [INSERT_CATEGORY, INSERT_ITEM.replace("'c1')", "'Work')")],
      error: /foreign key mismatch/,
    },
  ],
  [
    'set null on a NOT NULL column (deleting the parent fails)',
    {
      code: 'fk-set-null-not-null',
      design: () =>
        updateRelation(upd(base(), 'c_items_category_id', { notNull: true }), {
          relationId: 'r_category',
          onDelete: 'set null',
        }),
      after: [INSERT_CATEGORY, INSERT_ITEM, `DELETE FROM \`${CATEGORIES}\``],
      error: /NOT NULL constraint failed/,
    },
  ],
  [
    'set default on a NOT NULL column without a default (deleting the parent fails)',
    {
      code: 'fk-set-default-no-default',
      design: () =>
        updateRelation(upd(base(), 'c_items_category_id', { notNull: true }), {
          relationId: 'r_category',
          onDelete: 'set default',
        }),
      after: [INSERT_CATEGORY, INSERT_ITEM, `DELETE FROM \`${CATEGORIES}\``],
      error: /NOT NULL constraint failed/,
    },
  ],
];

describe('errors: the SQL breaks on both engines', () => {
  it.each(SQL_CASES)('%s', (_label, c) => {
    const d = c.design();
    expect(codesOf(d, 'error')).toContain(c.code);
    const [host, sqlJs] = both([initialMigrationSql(d)], c.after);
    expect(host).toMatch(c.error);
    expect(sqlJs).toMatch(c.error);
  });

  describe('sql-name-unsafe: each character breaks a statement the studio writes', () => {
    const title = (name: string) => upd(base(), 'c_items_title', { name });
    const indexed = (name: string) => addIndex(title(name), { tableId: 't_items', columnIds: ['c_items_title'] });

    it.each<[string, () => string[], RegExp]>([
      [
        'a backtick ends the quoting of CREATE TABLE',
        () => [initialMigrationSql(title('ti`tle'))],
        /unrecognized token|syntax error/,
      ],
      [
        '" ends the quotes of RENAME COLUMN',
        () => {
          const m = twoMigrations(title('ti"tle'), (d) => upd(d, 'c_items_title', { name: 'ti"tle2' }));
          return [m.first, m.next];
        },
        /syntax error/,
      ],
      [
        '" ends the quotes of a rebuild’s column list',
        () => {
          const m = twoMigrations(title('ti"tle'), (d) => upd(d, 'c_items_title', { notNull: false }));
          return [m.first, m.next];
        },
        /syntax error/,
      ],
      ['; splits an index’s squashed columns', () => [initialMigrationSql(indexed('ti;tle'))], /no such column/],
      [', splits an index’s squashed columns', () => [initialMigrationSql(indexed('ti,tle'))], /no such column/],
      [
        '; splits an index name',
        () => [
          initialMigrationSql(
            addIndex(base(), { tableId: 't_items', columnIds: ['c_items_title'], name: `${ITEMS}_a;b` }),
          ),
        ],
        /no such column/,
      ],
      [
        'a line feed lets the host drop the rest of the name as a -- comment',
        () => [initialMigrationSql(title('title\n-- note'))],
        /unrecognized token|syntax error|incomplete/,
      ],
    ])('%s', (_label, files, error) => {
      const [host, sqlJs] = both(files());
      expect(host).toMatch(error);
      expect(sqlJs).toMatch(error);
    });

    it('U+0000 ends the text SQLite reads', () => {
      const d = title('ti\u0000tle');
      expect(codesOf(d, 'error')).toEqual(['sql-name-unsafe']);
      expect(onSqlJs([initialMigrationSql(d)])).toMatch(/unrecognized token|incomplete|syntax error/);
    });

    it("', \\ and a tab run: backticks quote them", () => {
      for (const ch of ["'", '\\', '\t']) {
        const d = indexed(`ti${ch}tle`);
        expect(codesOf(d, 'error'), JSON.stringify(ch)).toEqual([]);
        const m = twoMigrations(d, (x) => upd(x, 'c_items_title', { name: `ti${ch}tle2` }));
        expect(both([m.first, m.next], [INSERT_CATEGORY, INSERT_ITEM.replace('title', `\`ti${ch}tle2\``)])).toEqual([
          null,
          null,
        ]);
      }
    });
  });

  // issue 14: text in an SQL default that ends the expression adds statements of its own to the module's migration;
  // the host runs them. Here the 0000 would drop the host's user table.
  it('default-sql-invalid: a comment-hidden default carries DROP TABLE into the migration, and the host runs it', () => {
    const sql = '(/*((*/1)); DROP TABLE IF EXISTS "user"; CREATE TABLE zz (x DEFAULT (1/*))*/)';
    const d = upd(base(), 'c_items_title', { default: { kind: 'sql', sql } });
    expect(codesOf(d, 'error')).toEqual(['default-sql-invalid']);
    const db = new Database(':memory:');
    try {
      db.exec('CREATE TABLE user (id text PRIMARY KEY)');
      for (const s of hostStatements(initialMigrationSql(d)).statements) db.exec(s);
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
      expect(tables).not.toContain('user');
      expect(tables).toContain('zz');
    } finally {
      db.close();
    }
  });

  it('sql-name-unsafe: --> statement-breakpoint in a column name cuts the CREATE TABLE in two', () => {
    const d = upd(base(), 'c_items_title', { name: 'title--> statement-breakpoint' });
    expect(codesOf(d, 'error')).toEqual(['sql-name-unsafe']);
    const [host, sqlJs] = both([initialMigrationSql(d)]);
    expect(host).toMatch(/unrecognized token|syntax error|incomplete/);
    expect(sqlJs).toMatch(/unrecognized token|syntax error|incomplete/);
  });

  it('JSON defaults that read back as something else: invalid JSON, a string, a boolean', () => {
    for (const [json, stored] of [
      ['[1,', '[1,'],
      ['"none"', 'none'],
      ['true', '1'],
    ] as const) {
      const d = upd(base(), 'c_items_tags', { default: { kind: 'json', json } });
      expect(codesOf(d, 'error').some((c) => c === 'default-json-invalid' || c === 'default-json-scalar')).toBe(true);
      const db = new Database(':memory:');
      try {
        for (const s of hostStatements(initialMigrationSql(d)).statements) db.exec(s);
        db.exec(INSERT_CATEGORY);
        db.exec(INSERT_ITEM);
        const row = db.prepare(`SELECT tags FROM \`${ITEMS}\``).get() as { tags: unknown };
        expect(row.tags).toBe(stored);
        // drizzle reads a JSON column with JSON.parse: it throws, or gives back something else than the default.
        let read: unknown;
        try {
          read = JSON.parse(String(row.tags));
        } catch {
          read = 'throws';
        }
        expect(read).not.toEqual(JSON.parse(json === '[1,' ? '"unparseable"' : json));
      } finally {
        db.close();
      }
    }
  });
});

describe('column-add-not-null-no-default: the migration can never run; the fix makes it run', () => {
  const addRank = (args: Omit<Parameters<typeof addColumn>[1], 'tableId' | 'id' | 'name'>) => (d: Design) =>
    addColumn(d, { tableId: 't_items', id: 'c_items_rank', name: 'rank', notNull: true, ...args });

  it('SQLite refuses ALTER TABLE … ADD … NOT NULL without a default as soon as the table has a row', () => {
    const m = twoMigrations(base(), addRank({ type: 'integer' }));
    expect(m.next).toBe(`ALTER TABLE \`${ITEMS}\` ADD \`rank\` integer NOT NULL;`);
    expect(codesOf(m.edited, 'error')).toEqual(['column-add-not-null-no-default']);
    const [host, sqlJs] = both([m.first, INSERT_CATEGORY, INSERT_ITEM, m.next]);
    expect(host).toMatch(/Cannot add a NOT NULL column with default value NULL/);
    expect(sqlJs).toMatch(/Cannot add a NOT NULL column with default value NULL/);
    // SQLite (since 3.37) only checks when there are rows: a fresh install passes, every real one fails.
    expect(both([m.first, m.next])).toEqual([null, null]);
  });

  it.each<[string, Omit<Parameters<typeof addColumn>[1], 'tableId' | 'id' | 'name'>, unknown]>([
    ['text', {}, ''],
    ['integer', { type: 'integer' }, 0],
    ['real', { type: 'real' }, 0],
    ['numeric', { type: 'numeric' }, 0],
    ['blob', { type: 'blob' }, Buffer.alloc(0)],
    ['boolean', { type: 'integer', mode: 'boolean' }, 0],
    ['timestamp', { type: 'integer', mode: 'timestamp' }, 0],
    ['timestamp_ms', { type: 'integer', mode: 'timestamp_ms' }, 0],
    ['json', { mode: 'json' }, '[]'],
    ['enum', { enumId: 'e_status' }, 'active'],
  ])('a %s column: with the fix’s default, the migration adds it to a table with rows', (_label, args, value) => {
    const m = twoMigrations(base(), addRank(args));
    const issue = checkDesign(m.edited).find((i) => i.code === 'column-add-not-null-no-default');
    const fixed = applyFix(m.edited, issue!);
    expect(codesOf(fixed, 'error')).toEqual([]);
    const next = twoMigrations(base(), () => fixed).next;
    expect(both([m.first, next])).toEqual([null, null]);
    const db = new Database(':memory:');
    try {
      for (const s of hostStatements(m.first).statements) db.exec(s);
      db.exec(INSERT_CATEGORY);
      db.exec(INSERT_ITEM);
      for (const s of hostStatements(next).statements) db.exec(s);
      expect((db.prepare(`SELECT rank FROM \`${ITEMS}\``).get() as { rank: unknown }).rank).toEqual(value);
    } finally {
      db.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Conventions: the SQL runs, with rows in it.
// ---------------------------------------------------------------------------------------------------------------

/** Deviations published modules have, each a warning (or info): the design is written as it is. */
const CONVENTIONS: [RuleCode, () => Design][] = [
  ['pk-missing', () => upd(base(), 'c_items_id', { primaryKey: false })],
  ['pk-not-text', () => upd(base(), 'c_items_id', { type: 'integer', default: null })],
  ['pk-no-uuid-default', () => upd(base(), 'c_items_id', { default: null })],
  ['pk-not-id', () => upd(base(), 'c_items_id', { name: 'item_id', key: 'itemId' })],
  ['user-id-missing', () => deleteColumn(base(), { columnId: 'c_items_user_id' })],
  ['user-id-nullable', () => upd(base(), 'c_items_user_id', { notNull: false })],
  ['user-id-not-text', () => upd(base(), 'c_items_user_id', { type: 'integer' })],
  ['timestamp-missing', () => deleteColumn(base(), { columnId: 'c_items_updated_at' })],
  ['timestamp-form', () => upd(base(), 'c_items_created_at', { default: null })],
  ['timestamp-form', () => upd(base(), 'c_items_created_at', { mode: 'timestamp' })],
  ['table-name-not-snake-case', () => renameTable(base(), { tableId: 't_categories', name: 'Categories' })],
  ['column-name-not-snake-case', () => upd(base(), 'c_items_title', { name: 'itemTitle' })],
  ['column-key-not-camel-case', () => upd(base(), 'c_items_title', { key: 'Title' })],
  ['column-key-invalid', () => upd(base(), 'c_items_title', { key: 'item-title' })],
  ['export-name-not-camel-case', () => updateTable(base(), { tableId: 't_categories', exportName: 'Categories' })],
  ['enum-name-not-pascal-case', () => updateEnum(base(), { enumId: 'e_status', name: 'itemStatus' })],
  [
    'enum-member-key-invalid',
    () =>
      setEnumMembers(base(), {
        enumId: 'e_status',
        members: [
          { id: 'm_active', key: 'ACTIVE', value: 'active' },
          { id: 'm_archived', key: '1ARCHIVED', value: 'archived' },
        ],
      }),
  ],
  [
    'enum-member-value-duplicate',
    () =>
      setEnumMembers(base(), {
        enumId: 'e_status',
        members: [
          { id: 'm_active', key: 'ACTIVE', value: 'active' },
          { id: 'm_archived', key: 'ARCHIVED', value: 'archived' },
          { id: 'm_old', key: 'OLD', value: 'archived' },
        ],
      }),
  ],
  ['enum-values-form', () => upd(base(), 'c_items_status', { enumForm: 'values' })],
  ['sql-reserved-word', () => upd(base(), 'c_items_title', { name: 'order' })],
  ['index-name-prefix', () => addIndex(base(), { tableId: 't_items', columnIds: ['c_items_title'], name: 'by_title' })],
  ['fk-type-mismatch', () => upd(base(), 'c_items_category_id', { type: 'integer' })],
  ['fk-set-default-no-default', () => updateRelation(base(), { relationId: 'r_category', onDelete: 'set default' })],
  ['user-id-references', () => connect(base(), { fromColumnId: 'c_items_user_id', toColumnId: 'c_categories_id' })],
  ['default-fn-custom', () => upd(base(), 'c_items_title', { default: { kind: 'fn', code: '() => "untitled"' } })],
  [
    'settings-table',
    () => upd(deleteColumn(base(), { columnId: 'c_items_id' }), 'c_items_user_id', { primaryKey: true }),
  ],
  ['enum-unused', () => addEnum(base(), { name: 'Priority', members: [{ value: 'low' }] })],
];

/** Rows that fit every convention case: only the columns all of them still have, quoted as they may be renamed. */
function rowsFor(d: Design): string[] {
  const items = d.tables['t_items']!;
  const cols = items.columnIds.map((id) => d.columns[id]!);
  const value = (c: Column) => {
    // Whatever references categories (category_id, and user_id where it points there) names the one category.
    if (Object.values(d.relations).some((r) => r.fromColumnId === c.id)) return "'c1'";
    if (c.type === 'integer') return '1';
    if (c.enumId) return `'${d.enums[c.enumId]!.members[0]!.value}'`;
    return c.mode === 'json' ? "'[]'" : "'x'";
  };
  const insert = `INSERT INTO \`${ITEMS}\` (${cols.map((c) => `\`${c.name}\``).join(', ')}) VALUES (${cols.map(value).join(', ')})`;
  const categories = d.tables['t_categories']!;
  return [`INSERT INTO \`MoLOS-Proof_${categories.name}\` (id, user_id, name) VALUES ('c1', 'u1', 'Work')`, insert];
}

describe('conventions: warnings and notes whose SQL runs', () => {
  it.each(CONVENTIONS)('%s', (code, design) => {
    const d = design();
    const issues = checkDesign(d);
    expect(issues.map((i) => i.code)).toContain(code);
    expect(issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual([]);
    expect(both([initialMigrationSql(d)], rowsFor(d))).toEqual([null, null]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// TypeScript: one tsc run over a module per case (current layout, relative imports, so they share a tsconfig).
// ---------------------------------------------------------------------------------------------------------------

/** Errors whose generated TypeScript does not compile. */
const TS_ERRORS: [RuleCode, () => Design][] = [
  ['name-collision', () => updateTable(base(), { tableId: 't_categories', exportName: 'proofItems' })],
  ['column-key-duplicate', () => addColumn(base(), { tableId: 't_items', name: 'heading', key: 'title' })],
  ['mode-type-mismatch', () => editColumn(base(), 'c_items_title', { mode: 'boolean' })],
  ['default-type-mismatch', () => editColumn(base(), 'c_items_done', { default: { kind: 'literal', value: 'yes' } })],
  ['enum-default-not-member', () => upd(base(), 'c_items_status', { default: { kind: 'literal', value: 'nope' } })],
  [
    'enum-member-key-duplicate',
    () =>
      setEnumMembers(base(), {
        enumId: 'e_status',
        members: [
          { id: 'm_active', key: 'ACTIVE', value: 'active' },
          { id: 'm_archived', key: 'ACTIVE', value: 'archived' },
        ],
      }),
  ],
];

describe('TypeScript', () => {
  const root = tempDir('severity-tsc');
  afterAll(() => removeDir(root));
  let diagnostics = '';
  const folders: Record<string, Design> = {};

  beforeAll(async () => {
    folders['base'] = base();
    TS_ERRORS.forEach(([code, design], i) => (folders[`error${i}-${code}`] = design()));
    CONVENTIONS.forEach(([code, design], i) => (folders[`convention${i}-${code}`] = design()));
    for (const [folder, d] of Object.entries(folders))
      writeFiles(join(root, folder), await generateModuleFiles(d, { skipMigration: true }));
    writeFiles(root, [
      ...STAND_IN_FILES,
      { path: 'tsconfig.json', content: standInTsconfig('', 'current', Object.keys(folders)) },
    ]);
    diagnostics = await typeCheck(root);
  }, 120_000);

  // tsc names files relative to where it runs (the repository), so a folder is found as `/<folder>/`.
  const errorsIn = (folder: string) =>
    diagnostics.split('\n').filter((line) => line.includes(`/${folder}/`) && /error TS\d+/.test(line));

  it('the base module compiles', () => {
    expect(errorsIn('base')).toEqual([]);
  });

  it.each(TS_ERRORS.map(([code], i) => [code, i] as const))('%s: tsc refuses the generated code', (code, i) => {
    expect(codesOf(folders[`error${i}-${code}`]!, 'error')).toContain(code);
    expect(errorsIn(`error${i}-${code}`).length).toBeGreaterThan(0);
  });

  it.each(CONVENTIONS.map(([code], i) => [code, i] as const))('%s: the generated code compiles', (code, i) => {
    expect(errorsIn(`convention${i}-${code}`)).toEqual([]);
  });
});

describe('errors: the code is not what the design says', () => {
  const tablesTs = async (d: Design) =>
    (await generateModuleFiles(d, { skipMigration: true })).find((f) => f.path.endsWith('schema/tables.ts'))!.content;

  it('export-name-invalid: the table is exported under a stand-in name', async () => {
    const d = updateTable(base(), { tableId: 't_categories', exportName: 'default' });
    expect(codesOf(d, 'error')).toEqual(['export-name-invalid']);
    const code = await tablesTs(d);
    expect(code).not.toMatch(/export const default\b/);
    expect(code).toContain(`sqliteTable("${CATEGORIES}"`);
  });

  it('enum-name-invalid: the enum is declared under a stand-in name', async () => {
    const d = updateEnum(base(), { enumId: 'e_status', name: 'item status' });
    expect(codesOf(d, 'error')).toEqual(['enum-name-invalid']);
    expect(await tablesTs(d)).not.toContain('item status');
  });

  it('enum-column-not-text: the column is written as textEnum (text), not as the design’s type', async () => {
    const d = editColumn(base(), 'c_items_status', { type: 'integer' });
    expect(codesOf(d, 'error')).toContain('enum-column-not-text');
    expect(await tablesTs(d)).toContain('textEnum("status", ItemStatus)');
    expect(initialMigrationSql(d)).toContain("`status` text CHECK(status IN ('active', 'archived'))");
  });
});
