import type { Database, SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../testing/gold-migrations';
import { captureRows, compareRows, literalDefault } from './row-compare';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

function dbFrom(sql: string): Database {
  const db = new SQL.Database();
  db.exec(sql);
  return db;
}

describe('captureRows', () => {
  it('keys rows by primary key (composite in key order) or by rowid, and skips bookkeeping tables', () => {
    const db = dbFrom(`
      CREATE TABLE molos_migrations (id integer);
      INSERT INTO molos_migrations VALUES (1);
      CREATE TABLE pairs (a text, b integer, note text, PRIMARY KEY (b, a));
      INSERT INTO pairs VALUES ('x', 2, 'n');
      CREATE TABLE loose (v text DEFAULT 'd');
      INSERT INTO loose VALUES ('p'), ('q');
    `);
    expect(captureRows(db)).toEqual({
      tables: {
        loose: {
          columns: ['v'],
          defaults: { v: "'d'" },
          primaryKey: [],
          notNull: [],
          generated: [],
          rows: { 'rowid 1': { v: 'p' }, 'rowid 2': { v: 'q' } },
        },
        pairs: {
          columns: ['a', 'b', 'note'],
          defaults: { a: null, b: null, note: null },
          primaryKey: ['b', 'a'],
          notNull: [],
          generated: [],
          rows: { '[2,"x"]': { a: 'x', b: 2, note: 'n' } },
        },
      },
    });
  });
});

describe('compareRows', () => {
  it('counts lost, added and changed rows with examples', () => {
    const db = dbFrom(`
      CREATE TABLE t (id text PRIMARY KEY, v integer, b blob);
      INSERT INTO t VALUES ('a', 1, x'01'), ('b', 2, x'02'), ('c', 3, x'03'), ('d', 4, x'04'), ('e', 5, x'05');
    `);
    const before = captureRows(db);
    db.exec(`DELETE FROM t WHERE id IN ('a', 'b'); UPDATE t SET v = v * 10 WHERE id <> 'e'; UPDATE t SET b = x'ff' WHERE id = 'e';
      INSERT INTO t VALUES ('f', 6, NULL);`);
    const report = compareRows(before, captureRows(db));
    expect(report).toEqual({
      lost: 2,
      changed: 3,
      tables: [
        {
          table: 't',
          status: 'kept',
          before: 5,
          after: 4,
          lost: 2,
          added: 1,
          changed: 3,
          filled: 0,
          droppedColumns: [],
          lostExamples: ['["a"]', '["b"]'],
          changedExamples: [
            { key: '["c"]', column: 'v', before: 3, after: 30 },
            { key: '["d"]', column: 'v', before: 4, after: 40 },
            { key: '["e"]', column: 'b', before: new Uint8Array([5]), after: new Uint8Array([255]) },
          ],
        },
      ],
    });
  });

  it('follows renamed tables and columns, and reports dropped and new tables', () => {
    const db = dbFrom(`
      CREATE TABLE old_t (id integer PRIMARY KEY, title text);
      INSERT INTO old_t VALUES (1, 'one'), (2, 'two');
      CREATE TABLE gone (id integer PRIMARY KEY);
      INSERT INTO gone VALUES (1);
    `);
    const before = captureRows(db);
    db.exec(`ALTER TABLE old_t RENAME TO new_t; ALTER TABLE new_t RENAME COLUMN title TO heading;
      UPDATE new_t SET heading = 'TWO' WHERE id = 2; DROP TABLE gone; CREATE TABLE fresh (id integer PRIMARY KEY);
      INSERT INTO fresh VALUES (7);`);
    const after = captureRows(db);
    const report = compareRows(before, after, {
      renamedTables: [{ from: 'old_t', to: 'new_t' }],
      renamedColumns: [{ table: 'new_t', from: 'title', to: 'heading' }],
    });
    expect(
      report.tables.map((t) => [t.table, t.renamedFrom, t.status, t.before, t.after, t.lost, t.added, t.changed]),
    ).toEqual([
      ['fresh', undefined, 'new', 0, 1, 0, 1, 0],
      ['gone', undefined, 'dropped', 1, 0, 1, 0, 0],
      ['new_t', 'old_t', 'kept', 2, 2, 0, 0, 1],
    ]);
    expect(report.tables[2]?.changedExamples).toEqual([{ key: '[2]', column: 'heading', before: 'two', after: 'TWO' }]);
    // Without the renames, the same change reads as a dropped table and a new one.
    expect(compareRows(before, after).lost).toBe(3);
  });

  // issue 14: the MoLOS-safe variant's COALESCE(col, default) is the intended fill of a column made NOT NULL, not
  // damage; any other value in its place still is.
  it('counts a NULL turned into the default of a column made NOT NULL as filled, not changed', () => {
    const db = dbFrom(`
      CREATE TABLE t (id integer PRIMARY KEY, mood integer, note text);
      INSERT INTO t VALUES (1, NULL, 'a'), (2, 5, 'b'), (3, NULL, 'c');
    `);
    const before = captureRows(db);
    db.exec(`CREATE TABLE n (id integer PRIMARY KEY, mood integer DEFAULT 3 NOT NULL, note text);
      INSERT INTO n SELECT id, COALESCE(mood, 3), note FROM t; DROP TABLE t; ALTER TABLE n RENAME TO t;
      UPDATE t SET note = 'C' WHERE id = 3;`);
    const report = compareRows(before, captureRows(db)).tables[0];
    expect(report).toMatchObject({ changed: 1, filled: 1 });
    expect(report?.changedExamples).toEqual([{ key: '[3]', column: 'note', before: 'c', after: 'C' }]);
    // A value other than the default is a change.
    const other = dbFrom('CREATE TABLE t (id integer PRIMARY KEY, mood integer); INSERT INTO t VALUES (1, NULL);');
    const was = captureRows(other);
    other.exec(`CREATE TABLE n (id integer PRIMARY KEY, mood integer DEFAULT 3 NOT NULL); INSERT INTO n VALUES (1, 4);
      DROP TABLE t; ALTER TABLE n RENAME TO t;`);
    expect(compareRows(was, captureRows(other)).tables[0]).toMatchObject({ changed: 1, filled: 0 });
  });

  // issue 14: a dropped column (or a rename the migration does not know: drop + add) loses its values.
  it('counts the values of the columns a kept table loses, not those of generated columns', () => {
    const db = dbFrom(`
      CREATE TABLE t (id integer PRIMARY KEY, a text, b text, g integer GENERATED ALWAYS AS (length(a)) VIRTUAL);
      INSERT INTO t (id, a, b) VALUES (1, 'x', 'p'), (2, 'y', NULL), (3, NULL, 'q');
    `);
    const before = captureRows(db);
    db.exec('ALTER TABLE t DROP COLUMN g; ALTER TABLE t DROP COLUMN a; ALTER TABLE t ADD COLUMN c text;');
    expect(compareRows(before, captureRows(db)).tables[0]?.droppedColumns).toEqual([{ column: 'a', values: 2 }]);
    // Renamed under the migration's renames, nothing is lost.
    const renamed = dbFrom("CREATE TABLE r (id integer PRIMARY KEY, a text); INSERT INTO r VALUES (1, 'x');");
    const was = captureRows(renamed);
    renamed.exec('ALTER TABLE r RENAME COLUMN a TO z;');
    expect(
      compareRows(was, captureRows(renamed), { renamedColumns: [{ table: 'r', from: 'a', to: 'z' }] }).tables[0]
        ?.droppedColumns,
    ).toEqual([]);
    expect(compareRows(was, captureRows(renamed)).tables[0]?.droppedColumns).toEqual([{ column: 'a', values: 1 }]);
  });

  it('expects an added column to hold its literal default', () => {
    const db = dbFrom('CREATE TABLE t (id integer PRIMARY KEY); INSERT INTO t VALUES (1), (2), (3);');
    const before = captureRows(db);
    // A rebuild, as drizzle-kit writes it: ALTER TABLE ADD refuses an expression default.
    db.exec(`CREATE TABLE t2 (id integer PRIMARY KEY, a text, b integer DEFAULT 7, c integer DEFAULT (1 + 1));
      INSERT INTO t2 SELECT id, CASE id WHEN 1 THEN 'a' END, CASE id WHEN 2 THEN 8 ELSE 7 END, 5 FROM t;
      DROP TABLE t; ALTER TABLE t2 RENAME TO t;`);
    const report = compareRows(before, captureRows(db));
    expect(report.tables[0]?.changedExamples).toEqual([
      { key: '[1]', column: 'a', before: undefined, after: 'a' },
      { key: '[2]', column: 'b', before: undefined, after: 8 },
    ]);
  });
});

describe('literalDefault', () => {
  it.each([
    [null, null],
    ['NULL', null],
    ["'it''s'", "it's"],
    ["''", ''],
    ['7', 7],
    ['-0.5', -0.5],
    ['false', 0],
    ['TRUE', 1],
    ["(strftime('%s','now'))", undefined],
    ['CURRENT_TIMESTAMP', undefined],
  ])('%s → %s', (text, value) => {
    expect(literalDefault(text)).toBe(value);
  });
});
