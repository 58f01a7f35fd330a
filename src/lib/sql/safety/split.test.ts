import { describe, expect, it } from 'vitest';
import { classifyStatement } from './classify';
import { splitMigration, splitStatements } from './split';
import { tokenize } from './tokens';

const classify = (sql: string) => classifyStatement(sql, tokenize(sql));

describe('splitStatements', () => {
  it('does not split on ; inside string literals, quoted names, comments or parentheses', () => {
    const sql = "INSERT INTO `a;b` (\"c;d\") VALUES ('x;y', 'it''s; ok') -- trailing; comment\n/* a; b */";
    expect(splitStatements(sql)).toHaveLength(1);
    const create = "CREATE TABLE `t` (\n\t`s` text DEFAULT ';' NOT NULL,\n\tCONSTRAINT \"c\" CHECK(`s` <> ';')\n);\n";
    expect(splitStatements(create).map((s) => s.text)).toEqual([create.trim()]);
  });

  it('splits two statements, keeping each with its ;', () => {
    expect(splitStatements('DROP TABLE a; DROP TABLE b;').map((s) => s.text)).toEqual([
      'DROP TABLE a;',
      'DROP TABLE b;',
    ]);
    expect(splitStatements("SELECT 'a'; SELECT 'b'")).toHaveLength(2);
  });

  it('keeps a trigger body (with its own ;) as one statement', () => {
    const sql = 'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; DELETE FROM b; END; SELECT 1';
    expect(splitStatements(sql).map((s) => s.text)).toEqual([
      'CREATE TRIGGER t AFTER INSERT ON a BEGIN UPDATE a SET x = 1; DELETE FROM b; END;',
      'SELECT 1',
    ]);
  });

  it('finds nothing in whitespace and comments', () => {
    expect(splitStatements('  \n-- only a comment\n/* and; this */ ')).toEqual([]);
  });
});

describe('splitMigration', () => {
  it('splits on the breakpoint like drizzle and labels empty and comment-only chunks', () => {
    const chunks = splitMigration('DROP TABLE a;--> statement-breakpoint\n\n--> statement-breakpoint\n-- hi\n');
    expect(chunks.map((c) => [c.index, c.content, c.drizzleStatements, c.statements.length])).toEqual([
      [0, 'sql', 1, 1],
      [1, 'empty', 0, 0],
      [2, 'comment-only', 0, 0],
    ]);
  });

  it('gives each chunk the statements the host runs from it, comment lines dropped', () => {
    const chunks = splitMigration(
      "SELECT 1;--> statement-breakpoint\n-- Create b\nCREATE TABLE b (\n  -- key\n  id int\n);--> statement-breakpoint\nINSERT INTO b VALUES ('x\n-- y\nz');",
    );
    expect(chunks.map((c) => c.statements.map((s) => s.text))).toEqual([
      ['SELECT 1;'],
      ['CREATE TABLE b (\n  id int\n);'],
      ["INSERT INTO b VALUES ('x\nz');"],
    ]);
    expect(chunks.map((c) => c.content)).toEqual(['sql', 'sql', 'sql']);
  });

  it("a file without breakpoints is one chunk holding the statements of the host's ; fallback", () => {
    const [chunk, ...rest] = splitMigration(
      'CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE a SET x = 1; END;\n-- done; really\nSELECT 2;',
    );
    expect(rest).toEqual([]);
    // drizzle's migrator sees two statements (SQLite keeps the trigger whole); the host cuts the trigger body.
    expect(chunk?.drizzleStatements).toBe(2);
    expect(chunk?.statements.map((s) => s.text)).toEqual([
      'CREATE TRIGGER tr AFTER INSERT ON a BEGIN UPDATE a SET x = 1',
      'END',
      'really\nSELECT 2',
    ]);
  });
});

describe('classifyStatement', () => {
  it('reads a drizzle-kit CREATE TABLE: columns, defaults, generated columns and foreign keys', () => {
    const s = classify(
      'CREATE TABLE `__new_MoLOS-X_items` (\n\t`id` text PRIMARY KEY NOT NULL,\n' +
        "\t`status` text CHECK(status IN ('a', 'b')) DEFAULT 'a' NOT NULL,\n" +
        '\t`n` integer GENERATED ALWAYS AS (length(status)) VIRTUAL,\n\t`p` text,\n' +
        '\tFOREIGN KEY (`p`) REFERENCES `MoLOS-X_items`(`id`) ON UPDATE no action ON DELETE set null\n);\n',
    );
    if (s.kind !== 'create-table') throw new Error(s.kind);
    expect(s.table).toBe('__new_MoLOS-X_items');
    expect(s.columns.map((c) => [c.name, c.type, c.notNull, c.default, c.generated])).toEqual([
      ['id', 'text', true, null, null],
      ['status', 'text', true, "'a'", null],
      ['n', 'integer', false, null, 'virtual'],
      ['p', 'text', false, null, null],
    ]);
    expect(s.foreignKeys).toEqual([
      { columns: ['p'], table: 'MoLOS-X_items', onDelete: 'set null', onUpdate: 'no action' },
    ]);
  });

  it('reads ALTER TABLE … ADD with an unquoted, hyphenated REFERENCES target (B8)', () => {
    const s = classify('ALTER TABLE `kids` ADD `other` text REFERENCES MoLOS-Example_parents(id);');
    if (s.kind !== 'add-column') throw new Error(s.kind);
    expect(s.column.references?.table).toMatchObject({ name: 'MoLOS-Example_parents', quote: '', badChar: '-' });
    expect(s.column.references?.columns).toEqual(['id']);
    expect(s.column.references?.onDelete).toBeNull();
  });

  it('tells constant from non-constant defaults', () => {
    const add = (sql: string) => {
      const s = classify(sql);
      if (s.kind !== 'add-column') throw new Error(s.kind);
      return [s.column.default, s.column.defaultConstant];
    };
    expect(add("ALTER TABLE t ADD c integer DEFAULT (strftime('%s','now')) NOT NULL;")).toEqual([
      "(strftime('%s','now'))",
      false,
    ]);
    expect(add('ALTER TABLE t ADD COLUMN c text DEFAULT CURRENT_TIMESTAMP;')).toEqual(['CURRENT_TIMESTAMP', false]);
    expect(add('ALTER TABLE t ADD c real DEFAULT -1.5;')).toEqual(['-1.5', true]);
    expect(add("ALTER TABLE t ADD c text DEFAULT 'it''s';")).toEqual(["'it''s'", true]);
  });

  it('reads the rebuild copy: INSERT INTO … (cols) SELECT cols FROM t', () => {
    const s = classify('INSERT INTO `__new_p`("a", "b") SELECT "a", "b" FROM `p`;');
    if (s.kind !== 'insert') throw new Error(s.kind);
    expect([s.table, s.columns, s.from]).toEqual(['__new_p', ['a', 'b'], 'p']);
    expect(s.select?.map((i) => [i.name, i.quote])).toEqual([
      ['a', '"'],
      ['b', '"'],
    ]);
  });

  it.each([
    [
      'CREATE UNIQUE INDEX `i` ON `t` (`a`,`b`) WHERE "t"."a" > 0;',
      { kind: 'create-index', name: 'i', table: 't', unique: true },
    ],
    ['DROP INDEX `i`;', { kind: 'drop-index', name: 'i' }],
    ['DROP TABLE IF EXISTS `t`;', { kind: 'drop-table', table: 't' }],
    ['ALTER TABLE `t` RENAME TO `u`;', { kind: 'rename-table', table: 't', to: 'u' }],
    ['ALTER TABLE `t` RENAME COLUMN "a" TO "b";', { kind: 'rename-column', table: 't', from: 'a', to: 'b' }],
    ['ALTER TABLE `t` DROP COLUMN `a`;', { kind: 'drop-column', table: 't', column: 'a' }],
    ['PRAGMA foreign_keys=OFF;', { kind: 'pragma', name: 'foreign_keys', value: 'OFF' }],
    ['CREATE VIEW `v` AS select "id" from "t";', { kind: 'create-view', name: 'v', body: 'select "id" from "t";' }],
    ['DROP VIEW `v`;', { kind: 'drop-view', name: 'v' }],
    ['CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END;', { kind: 'create-trigger', name: 'tr' }],
    ['DROP TRIGGER IF EXISTS tr;', { kind: 'drop-trigger', name: 'tr' }],
    ["INSERT INTO t (a) VALUES ('x');", { kind: 'insert', table: 't', columns: ['a'], select: null }],
    ['UPDATE t SET a = 1;', { kind: 'other', verb: 'UPDATE' }],
  ])('classifies %s', (sql, expected) => {
    expect(classify(sql)).toMatchObject(expected);
  });
});
