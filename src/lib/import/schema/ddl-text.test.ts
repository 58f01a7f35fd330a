import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { columnTypeChecks, enumCheckValues, parseCreateTable, statementKind } from './ddl-text';

/** PRAGMA table_info's name and default of each column, from SQLite itself. */
function pragmaDefaults(createSql: string): [string, string | null][] {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE p (id int PRIMARY KEY)');
  db.exec(createSql);
  const rows = db.prepare('PRAGMA table_info(t)').all() as { name: string; dflt_value: string | null }[];
  db.close();
  return rows.map((r) => [r.name, r.dflt_value]);
}

describe('parseCreateTable', () => {
  it('reads the DEFAULT terms SQLite keeps, whatever the quoting of the column names', () => {
    const sql = `CREATE TABLE t (
      "a""q" text DEFAULT 'it''s',
      \`b\` blob DEFAULT X'00ff',
      [c d] int DEFAULT -5,
      'e' real DEFAULT 1_000.5,
      f int REFERENCES p(id) ON DELETE SET DEFAULT DEFAULT 0x1F,
      g text CONSTRAINT named DEFAULT CURRENT_TIMESTAMP COLLATE nocase,
      h int -- a comment, DEFAULT 9
        DEFAULT /* and here */ 7
    )`;
    const parsed = parseCreateTable(sql).columns.map((c) => [c.name, c.defaultText ?? null]);
    expect(parsed).toEqual(pragmaDefaults(sql));
    expect(parsed).toEqual([
      ['a"q', "'it''s'"],
      ['b', "X'00ff'"],
      ['c d', '-5'],
      ['e', '1_000.5'],
      ['f', '0x1F'],
      ['g', 'CURRENT_TIMESTAMP'],
      ['h', '7'],
    ]);
  });

  it('keeps the parentheses of an expression default that PRAGMA drops', () => {
    const sql = "CREATE TABLE t (at integer DEFAULT (strftime('%s', 'now')) NOT NULL)";
    expect(parseCreateTable(sql).columns[0]?.defaultText).toBe("(strftime('%s', 'now'))");
    expect(pragmaDefaults(sql)).toEqual([['at', "strftime('%s', 'now')"]]);
  });

  it('tells enum CHECKs from other CHECKs, reads AUTOINCREMENT, table CHECKs and where each column starts', () => {
    const sql = [
      'CREATE TABLE `t` (',
      '  `id` integer PRIMARY KEY AUTOINCREMENT,',
      "  `status` text CHECK(status IN ('to_do', 'it''s done')) CHECK (length(status) > 0) DEFAULT 'to_do',",
      '  n int,',
      '  CONSTRAINT c CHECK (n >= 0),',
      '  CHECK (n < 10)',
      ')',
    ].join('\n');
    const parsed = parseCreateTable(sql);
    expect(parsed.columns.map((c) => [c.name, c.autoincrement, c.enumValues, c.otherChecks])).toEqual([
      ['id', true, undefined, []],
      ['status', false, ['to_do', "it's done"], ['length(status) > 0']],
      ['n', false, undefined, []],
    ]);
    expect(parsed.columns.map((c) => sql.slice(c.start, c.start + 8))).toEqual(['`id` int', '`status`', 'n int,\n ']);
    expect(parsed.checks).toEqual(['n >= 0', 'n < 10']);
  });

  it('reads nothing from text without a body, and stops at the end of an unclosed one', () => {
    expect(parseCreateTable('CREATE TABLE t AS SELECT 1')).toEqual({ columns: [], checks: [] });
    expect(parseCreateTable("CREATE TABLE t (a text DEFAULT 'x").columns.map((c) => c.defaultText)).toEqual(["'x"]);
  });
});

describe('statementKind', () => {
  it('names what a statement creates or changes, through quotes, comments and IF NOT EXISTS', () => {
    expect(statementKind('/* x */ CREATE TEMP TABLE IF NOT EXISTS main."a b" (id int)')).toEqual({
      kind: 'create-table',
      name: 'a b',
      asSelect: false,
      temp: true,
      virtual: false,
    });
    expect(statementKind('create unique index [i] on t(a)')).toEqual({ kind: 'create-index', name: 'i' });
    expect(statementKind("ALTER TABLE 't' ADD COLUMN `c` int")).toEqual({
      kind: 'alter-table',
      table: 't',
      renameTo: null,
      addColumn: 'c',
    });
    expect(statementKind('-- only a note\nPRAGMA foreign_keys = OFF')).toEqual({
      kind: 'pragma',
      name: 'foreign_keys',
    });
    expect(statementKind("INSERT INTO t VALUES ('CREATE TABLE x')")).toEqual({ kind: 'data' });
  });
});

describe('snapshot column types', () => {
  it('splits a type from its CHECKs and reads enum values', () => {
    const { type, checks } = columnTypeChecks("text CHECK(s IN ('a', 'b''c'))");
    expect([type, checks]).toEqual(['text', ["s IN ('a', 'b''c')"]]);
    expect(enumCheckValues(checks[0] ?? '', 'S')).toEqual(['a', "b'c"]);
    expect(enumCheckValues('s IN (1, 2)', 's')).toBeNull();
    expect(enumCheckValues("other IN ('a')", 's')).toBeNull();
  });
});
