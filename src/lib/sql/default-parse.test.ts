import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { addColumn, addTable } from '../core/operations';
import { emptyDesign } from '../core/design';
import { defaultParseProblem, defaultParseProblems } from './default-parse';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

function withDefault(sql: string) {
  let d = emptyDesign({ id: 'MoLOS-Def', name: 'Def', layout: 'current' });
  d = addTable(d, { id: 't', name: 'items' });
  return addColumn(d, { tableId: 't', id: 'c', name: 'note', default: { kind: 'sql', sql } });
}

describe('defaultParseProblem: SQLite compiles the default as one statement and gives a value', () => {
  it.each(["(lower('X'))", "(strftime('%s','now'))", '1', "'a;b'", '(1 IN (1, 2))', "x'00'", 'CURRENT_TIMESTAMP'])(
    '%s is one expression',
    (sql) => {
      const db = new SQL.Database();
      expect(defaultParseProblem(db, sql)).toBeNull();
      // The scratch table never stays behind.
      expect(db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")).toEqual([]);
      db.close();
    },
  );

  // issue 14: the engine's verdict, for text the lexer alone might misjudge.
  it.each([
    ['(1)); DROP TABLE x; ((1)', /more than one statement/],
    ['(1)); SELECT (1', /2 statements/],
    ['(/*((*/1)); DROP TABLE IF EXISTS "user"; CREATE TABLE zz (x DEFAULT (1/*))*/)', /3 statements/],
    ['((SELECT 1))', /not constant/],
    ["('a' 'b')", /syntax error/],
    ['((1, 2))', /row value misused/],
  ])('%s is refused', (sql, why) => {
    const db = new SQL.Database();
    expect(defaultParseProblem(db, sql)).toMatch(why);
    db.close();
  });
});

describe('defaultParseProblems: the lines a write plan refuses with', () => {
  it('names the column for what only SQLite sees, and leaves what the rules already refuse to them', () => {
    expect(defaultParseProblems(SQL, withDefault("('a' 'b')"))).toEqual([
      `MoLOS-Def_items.note: the SQL default ('a' 'b') — SQLite refuses it: near "'b'": syntax error`,
    ]);
    expect(defaultParseProblems(SQL, withDefault('((SELECT 1))'))).toEqual([]);
    expect(defaultParseProblems(SQL, withDefault("(lower('X'))"))).toEqual([]);
  });
});
