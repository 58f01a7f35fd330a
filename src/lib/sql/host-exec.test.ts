import type { Database, SqlJsStatic } from 'sql.js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../testing/gold-migrations';
import { backtickCopy, dqsError, execLikeHost } from './host-exec';
import { queryRows } from './sqljs-rows';

let SQL: SqlJsStatic;
let db: Database;
beforeAll(async () => {
  SQL = await loadSqlJs();
});
beforeEach(() => {
  db = new SQL.Database();
  db.exec("CREATE TABLE t (a text, b text DEFAULT 'x'); INSERT INTO t (a) VALUES ('1');");
});
afterEach(() => db.close());

const HINT = ' - should this be a string literal in single-quotes?';

describe('backtickCopy', () => {
  it('writes every double-quoted token as a backtick-quoted name, and nothing else', () => {
    expect(backtickCopy('INSERT INTO `t`("a", "b") SELECT "a", \'"b"\' FROM "t" -- "c"')).toBe(
      'INSERT INTO `t`(`a`, `b`) SELECT `a`, \'"b"\' FROM `t` -- "c"',
    );
    expect(backtickCopy('SELECT "we""ird", "back`tick"')).toBe('SELECT `we"ird`, `back``tick`');
    expect(backtickCopy("SELECT 'a', `b`")).toBeNull();
  });
});

describe('dqsError: what the host (double-quoted strings off) refuses', () => {
  it.each([
    ['SELECT "nope" FROM t', `no such column: "nope"${HINT}`],
    ['INSERT INTO t (a, b) SELECT "a", "missing" FROM t', `no such column: "missing"${HINT}`],
    ['CREATE TABLE c (s text CHECK(s IN ("a", "b")))', `no such column: "a"${HINT}`],
    ['CREATE INDEX i ON t ("nope")', `no such column: "nope"${HINT}`],
    ['UPDATE t SET a = "zz"', `no such column: "zz"${HINT}`],
  ])('%s', (sql, message) => {
    expect(dqsError(db, sql)).toBe(message);
    // sql.js alone takes the "…" for a string and runs it.
    expect(() => db.exec(sql)).not.toThrow();
  });

  it.each([
    'CREATE TABLE d (x text DEFAULT "abc")',
    'ALTER TABLE t ADD c text DEFAULT "z"',
    'INSERT INTO "t" ("a") SELECT "a" FROM "t"',
    'SELECT "t"."a" FROM t',
    "SELECT 'a', `a` FROM t",
  ])('accepts %s', (sql) => {
    expect(dqsError(db, sql)).toBeNull();
  });

  it('words a qualified name as SQLite does (no hint there)', () => {
    expect(dqsError(db, 'SELECT "t"."nope" FROM t')).toBe('no such column: t.nope');
  });

  it('gives the error of the original when it fails too, as SQLite meets it first', () => {
    expect(dqsError(db, 'SELECT `nope` FROM t WHERE a = "nope"')).toBe('no such column: nope');
  });
});

describe('execLikeHost', () => {
  it('runs every statement of a piece and stops at the first error, keeping what ran', () => {
    expect(
      execLikeHost(
        db,
        "INSERT INTO t (a) VALUES ('2'); INSERT INTO t (a) VALUES (\"3\"); INSERT INTO t (a) VALUES ('4');",
      ),
    ).toEqual({
      message: `no such column: "3"${HINT}`,
      statement: 'INSERT INTO t (a) VALUES ("3");',
    });
    expect(queryRows(db, 'SELECT a FROM t ORDER BY a')).toEqual([{ a: '1' }, { a: '2' }]);
  });

  it('reports a statement that does not prepare', () => {
    expect(execLikeHost(db, "INSERT INTO t (a) VALUES ('2'); INSERT INTO nope VALUES (1); SELECT 1;")).toEqual({
      message: 'no such table: nope',
      statement: 'INSERT INTO nope VALUES (1);',
    });
  });

  it('runs a piece that is only a comment as nothing, and reads the rows of a SELECT', () => {
    expect(execLikeHost(db, '-- nothing here')).toBeNull();
    expect(execLikeHost(db, 'SELECT * FROM t; UPDATE t SET b = a')).toBeNull();
    expect(queryRows(db, 'SELECT b FROM t')).toEqual([{ b: '1' }]);
  });

  it('keeps the text it ran in sqlite_master, double quotes included', () => {
    expect(execLikeHost(db, 'CREATE TABLE d ("x" text DEFAULT "abc")')).toBeNull();
    expect(queryRows(db, "SELECT sql FROM sqlite_master WHERE name = 'd'")).toEqual([
      { sql: 'CREATE TABLE d ("x" text DEFAULT "abc")' },
    ]);
  });

  it('accepts double-quoted strings when asked (sql.js on its own)', () => {
    expect(execLikeHost(db, 'UPDATE t SET a = "zz"', { doubleQuotedStrings: true })).toBeNull();
    expect(queryRows(db, 'SELECT a FROM t')).toEqual([{ a: 'zz' }]);
  });
});
