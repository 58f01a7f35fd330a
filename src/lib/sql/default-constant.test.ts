/**
 * isConstantDefault against SQLite itself: for every default, SQLite's own answer (does `ALTER TABLE … ADD` accept
 * it on a table with a row?) in both engines must equal ours.
 */
import Database from 'better-sqlite3';
import initSqlJs from 'sql.js';
import { describe, expect, it } from 'vitest';
import { isConstantDefault, isNullDefault } from './default-constant';

const DEFAULTS = [
  "'to_do'",
  "'it''s'",
  '0',
  '-1',
  '+2.5',
  '1e3',
  '0x1F',
  "X'00ff'",
  'NULL',
  'true',
  'false',
  '(1)',
  '(-1)',
  "('x')",
  '((2))',
  '(NULL)',
  '(CAST(1 AS text))',
  "(CAST('1' AS integer))",
  '(1+1)',
  "(lower('X'))",
  "(strftime('%s','now'))",
  'CURRENT_TIMESTAMP',
  'CURRENT_DATE',
  'current_time',
  '(CURRENT_TIMESTAMP)',
  '(json_array())',
  '(random())',
];

function addedOnRows(run: (sql: string) => void, def: string): boolean {
  run('CREATE TABLE t (id integer PRIMARY KEY)');
  run('INSERT INTO t VALUES (1)');
  try {
    run(`ALTER TABLE t ADD c text DEFAULT ${def}`);
    return true;
  } catch (error) {
    expect(String(error)).toContain('Cannot add a column with non-constant default');
    return false;
  }
}

describe('isConstantDefault', () => {
  it.each(DEFAULTS)('%s: SQLite and we agree (better-sqlite3 and sql.js)', async (def) => {
    const SQL = await initSqlJs();
    const lite = new SQL.Database();
    const better = new Database(':memory:');
    try {
      const inSqlJs = addedOnRows((s) => lite.run(s), def);
      const inBetter = addedOnRows((s) => better.exec(s), def);
      expect(inBetter).toBe(inSqlJs);
      expect(isConstantDefault(def)).toBe(inSqlJs);
    } finally {
      lite.close();
      better.close();
    }
  });

  it('reads the values drizzle-kit snapshots hold: no default, numbers and booleans are constant', () => {
    expect([undefined, 3, true].map(isConstantDefault)).toEqual([true, true, true]);
    expect(isConstantDefault("(strftime('%s','now'))")).toBe(false);
  });

  it('tells a NULL default from others', () => {
    expect([undefined, 'NULL', '(null)', "'null'", '0', false].map(isNullDefault)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });
});
