import type { Database, SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleNames, loadExample } from '../../testing/examples';
import { goldMigrations, goldText, loadSqlJs } from '../../testing/gold-migrations';
import { applyMigrations } from './host-runner';
import { initialMigrationSql } from './migration-files';
import { captureRows, seedSampleRows } from './sample-data';
import { queryRows } from './sqljs-rows';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

function migrated(sql: string): Database {
  const result = applyMigrations(SQL, [{ name: '0000_init.sql', sql }]);
  expect(result.ok).toBe(true);
  return result.db;
}

const fkViolations = (db: Database) => queryRows(db, 'PRAGMA foreign_key_check');
const column = (db: Database, table: string, col: string) =>
  queryRows(db, `SELECT "${col}" AS v FROM "${table}" ORDER BY rowid`).map((r) => r.v);

describe('seedSampleRows on the gold full schema', () => {
  it('fills every table, parents first, and satisfies foreign keys, CHECKs and unique indexes', () => {
    const db = migrated(goldText('full/drizzle/0000_init.sql'));
    const report = seedSampleRows(db);
    expect(report.tables.map((t) => [t.table, t.inserted, t.errors])).toEqual([
      ['key_named', 3, []],
      ['named_pk', 3, []],
      ['tags', 3, []],
      ['users', 3, []],
      ['MoLOS-Example_items', 3, []],
      ['posts', 3, []],
      ['comments', 3, []],
      ['post_tags', 3, []],
    ]);
    expect(report.inserted).toBe(24);
    expect(fkViolations(db)).toEqual([]);
    // Self references: the first row has none (nullable column), later rows point at the previous row.
    expect(column(db, 'MoLOS-Example_items', 'parent id')).toEqual([
      null,
      'MoLOS-Example_items-1',
      'MoLOS-Example_items-2',
    ]);
    expect(column(db, 'comments', 'parent_id')).toEqual([null, 1, 2]);
    expect(column(db, 'users', 'manager_id')).toEqual([null, 'users-1', 'users-2']);
    // Children reference parent rows in turn.
    expect(column(db, 'post_tags', 'post_id')).toEqual([1, 2, 3]);
    expect(column(db, 'posts', 'author_id')).toEqual(['users-1', 'users-2', 'users-3']);
    // Values follow the declared types; JSON-looking text defaults are reused; booleans alternate.
    expect(queryRows(db, 'SELECT * FROM users WHERE id = ?', ['users-1'])[0]).toMatchObject({
      name: 'name 1',
      age: 1,
      score: 1.5,
      avatar: new Uint8Array([1]),
      created_at: 1_767_312_000,
      is_active: 1,
      settings_default: '{"theme":"dark","n":1}',
      tags_default: '["a","b"]',
    });
    expect(column(db, 'users', 'is_active')).toEqual([1, 0, 1]);
    // Generated columns are computed by SQLite, never written.
    expect(column(db, 'posts', 'title_len')).toEqual([7, 7, 7]);
    db.close();
  });

  it('is deterministic and continues numbering on a second call', () => {
    const a = migrated(goldText('full/drizzle/0000_init.sql'));
    const b = migrated(goldText('full/drizzle/0000_init.sql'));
    seedSampleRows(a);
    seedSampleRows(b);
    expect(captureRows(a)).toEqual(captureRows(b));
    const again = seedSampleRows(a, 2);
    expect(again.tables.every((t) => t.inserted === 2 && t.errors.length === 0)).toBe(true);
    expect(column(a, 'users', 'id')).toEqual(['users-1', 'users-2', 'users-3', 'users-4', 'users-5']);
    expect(fkViolations(a)).toEqual([]);
  });
});

describe('seedSampleRows on the shipped examples', () => {
  it.each(exampleNames())('%s: every table gets rows that pass every constraint', (name) => {
    const db = migrated(initialMigrationSql(loadExample(name)));
    const report = seedSampleRows(db, 4);
    expect(report.tables.length).toBeGreaterThan(0);
    for (const t of report.tables) expect([t.table, t.inserted, t.errors]).toEqual([t.table, 4, []]);
    expect(fkViolations(db)).toEqual([]);
  });

  it('molos-tasks: text ids, enum values in turn, references to earlier rows', () => {
    const db = migrated(initialMigrationSql(loadExample('molos-tasks')));
    const report = seedSampleRows(db, 4);
    expect(report.tables.map((t) => t.table)).toEqual([
      'MoLOS-Tasks_daily_log',
      'MoLOS-Tasks_projects',
      'MoLOS-Tasks_tags',
      'MoLOS-Tasks_tasks',
      'MoLOS-Tasks_task_tags',
    ]);
    expect(column(db, 'MoLOS-Tasks_tasks', 'id')).toEqual([
      'MoLOS-Tasks_tasks-1',
      'MoLOS-Tasks_tasks-2',
      'MoLOS-Tasks_tasks-3',
      'MoLOS-Tasks_tasks-4',
    ]);
    expect(column(db, 'MoLOS-Tasks_tasks', 'status')).toEqual(['to_do', 'in_progress', 'done', 'to_do']);
    expect(column(db, 'MoLOS-Tasks_tasks', 'priority')).toEqual(['low', 'medium', 'high', 'low']);
    expect(column(db, 'MoLOS-Tasks_tasks', 'labels')).toEqual(['[]', '[]', '[]', '[]']);
    expect(column(db, 'MoLOS-Tasks_tasks', 'parent_id')).toEqual([
      null,
      'MoLOS-Tasks_tasks-1',
      'MoLOS-Tasks_tasks-2',
      'MoLOS-Tasks_tasks-3',
    ]);
    expect(column(db, 'MoLOS-Tasks_task_tags', 'tag_id')).toEqual([
      'MoLOS-Tasks_tags-1',
      'MoLOS-Tasks_tags-2',
      'MoLOS-Tasks_tags-3',
      'MoLOS-Tasks_tags-4',
    ]);
    // The CHECK holds for every row (SQLite would have refused the insert otherwise).
    expect(
      queryRows(
        db,
        "SELECT count(*) AS n FROM `MoLOS-Tasks_tasks` WHERE status NOT IN ('to_do', 'in_progress', 'done')",
      ),
    ).toEqual([{ n: 0 }]);
  });
});

describe('seedSampleRows edge cases', () => {
  // issue 14: real rows hold NULL wherever the schema allows it; a dry run that never seeds one cannot show a
  // migration that makes such a column NOT NULL failing on them (B17).
  it('puts NULL in every nullable plain column of the last row, never in a key, a reference or a NOT NULL column', () => {
    const db = migrated(
      'CREATE TABLE `p` (`id` text PRIMARY KEY NOT NULL);\n' +
        'CREATE TABLE `t` (`id` text PRIMARY KEY NOT NULL, `title` text NOT NULL, `note` text, `mood` integer, ' +
        '`p_id` text REFERENCES `p`(`id`), `code` text UNIQUE, `len` integer GENERATED ALWAYS AS (length(note)) VIRTUAL);',
    );
    const report = seedSampleRows(db, 3);
    expect(report.tables.find((t) => t.table === 't')).toMatchObject({ inserted: 3, errors: [] });
    expect(report.tables.find((t) => t.table === 't')?.nullColumns).toEqual(['note', 'mood', 'code']);
    expect(queryRows(db, 'SELECT id, title, note, mood, p_id, code, len FROM t ORDER BY rowid')).toEqual([
      { id: 't-1', title: 'title 1', note: 'note 1', mood: 1, p_id: 'p-1', code: 'code 1', len: 6 },
      { id: 't-2', title: 'title 2', note: 'note 2', mood: 2, p_id: 'p-2', code: 'code 2', len: 6 },
      { id: 't-3', title: 'title 3', note: null, mood: null, p_id: 'p-3', code: null, len: null },
    ]);
    // One row alone keeps its values (the rows must still show what a column holds).
    const one = migrated('CREATE TABLE `o` (`id` integer PRIMARY KEY, `v` text)');
    expect(seedSampleRows(one, 1).tables[0]?.nullColumns).toEqual([]);
    expect(column(one, 'o', 'v')).toEqual(['v 1']);
  });

  it('inserts the last row with values when SQLite refuses its NULLs', () => {
    const db = migrated('CREATE TABLE `c` (`id` integer PRIMARY KEY, `v` text CHECK(v IS NOT NULL), `w` text)');
    const report = seedSampleRows(db, 3);
    expect(report.tables[0]).toMatchObject({ inserted: 3, errors: [], nullColumns: [] });
    expect(column(db, 'c', 'w')).toEqual(['w 1', 'w 2', 'w 3']);
  });

  it('seeds the replayed gold evolve history', () => {
    const result = applyMigrations(SQL, goldMigrations('evolve/drizzle'));
    const report = seedSampleRows(result.db);
    expect(report.tables.map((t) => [t.table, t.inserted])).toEqual([
      ['renamed_again', 3],
      ['users', 3],
      ['projects', 3],
      ['MoLOS-Example_items', 3],
      ['project_members', 3],
    ]);
    expect(fkViolations(result.db)).toEqual([]);
  });

  it('a NOT NULL self reference points the first row at itself', () => {
    const db = migrated('CREATE TABLE `n` (`id` text PRIMARY KEY NOT NULL, `up` text NOT NULL REFERENCES `n`(`id`))');
    expect(seedSampleRows(db).inserted).toBe(3);
    expect(column(db, 'n', 'up')).toEqual(['n-1', 'n-1', 'n-2']);
  });

  it('seeds a table that references a table missing from the database, with foreign keys off for it', () => {
    const db = migrated(
      'CREATE TABLE `c` (`id` text PRIMARY KEY NOT NULL, `must` text NOT NULL REFERENCES `user`(`id`), `may` text REFERENCES `user`(`id`))',
    );
    const report = seedSampleRows(db, 2);
    expect(report.tables).toEqual([
      {
        table: 'c',
        inserted: 2,
        errors: [],
        missingParents: ['user'],
        enumColumns: [],
        referenceColumns: [],
        nullColumns: [],
      },
    ]);
    expect(column(db, 'c', 'must')).toEqual(['must 1', 'must 2']);
    expect(column(db, 'c', 'may')).toEqual([null, null]);
    expect(queryRows(db, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
  });

  it('reports the rows SQLite refuses', () => {
    const db = migrated('CREATE TABLE `r` (`id` integer PRIMARY KEY, `v` integer CHECK(v > 2))');
    expect(seedSampleRows(db).tables).toEqual([
      {
        table: 'r',
        inserted: 1,
        errors: ['CHECK constraint failed: v > 2', 'CHECK constraint failed: v > 2'],
        missingParents: [],
        enumColumns: [],
        referenceColumns: [],
        // The last row holds NULL in v, which the CHECK lets through (NULL is not false).
        nullColumns: ['v'],
      },
    ]);
  });

  it('breaks a reference cycle by name order, with NULL for the table not seeded yet', () => {
    const db = migrated(
      'CREATE TABLE `a` (`id` integer PRIMARY KEY, `b_id` integer REFERENCES `b`(`id`));\n' +
        'CREATE TABLE `b` (`id` integer PRIMARY KEY, `a_id` integer REFERENCES `a`(`id`));',
    );
    expect(seedSampleRows(db).tables.map((t) => [t.table, t.inserted])).toEqual([
      ['a', 3],
      ['b', 3],
    ]);
    expect(column(db, 'a', 'b_id')).toEqual([null, null, null]);
    expect(column(db, 'b', 'a_id')).toEqual([1, 2, 3]);
    expect(fkViolations(db)).toEqual([]);
  });
});

describe("seedSampleRows with the design's hints", () => {
  it('takes enum values from the design where the database has no CHECK yet', () => {
    const db = migrated('CREATE TABLE `t` (`id` text PRIMARY KEY NOT NULL, `status` text NOT NULL, `note` text)');
    const report = seedSampleRows(db, 3, { t: { status: { values: ['open', 'shut'] } } });
    expect(column(db, 't', 'status')).toEqual(['open', 'shut', 'open']);
    // The last row holds NULL in the nullable note (the NOT NULL status gets a value).
    expect(column(db, 't', 'note')).toEqual(['note 1', 'note 2', null]);
    expect(report.tables[0]).toMatchObject({ enumColumns: ['status'], referenceColumns: [] });
  });

  it('keeps to the values both the CHECK and the design allow, and to the CHECK when they share none', () => {
    const sql =
      "CREATE TABLE `t` (`id` integer PRIMARY KEY, `a` text CHECK(a IN ('x', 'y', 'z')), `b` text CHECK(b IN ('x', 'y')), `c` text CHECK(c IN ('x')))";
    const db = migrated(sql);
    const report = seedSampleRows(db, 3, {
      t: { a: { values: ['y', 'z', 'w'] }, b: { values: ['x', 'y', 'q'] }, c: { values: ['q'] } },
    });
    // The third row holds NULL in these nullable columns.
    expect(column(db, 't', 'a')).toEqual(['y', 'z', null]);
    expect(column(db, 't', 'b')).toEqual(['x', 'y', null]);
    expect(column(db, 't', 'c')).toEqual(['x', 'x', null]);
    expect(report.tables[0]?.enumColumns).toEqual(['a']);
  });

  it('points a related column at parent rows when only the design relates them, parents first', () => {
    const db = migrated(
      'CREATE TABLE `a_kids` (`id` text PRIMARY KEY NOT NULL, `parent_id` text NOT NULL);\n' +
        'CREATE TABLE `b_parents` (`id` text PRIMARY KEY NOT NULL, `name` text);',
    );
    const report = seedSampleRows(db, 3, {
      a_kids: { parent_id: { references: { table: 'b_parents', column: 'id' } } },
    });
    expect(report.tables.map((t) => [t.table, t.referenceColumns])).toEqual([
      ['b_parents', []],
      ['a_kids', ['parent_id']],
    ]);
    expect(column(db, 'a_kids', 'parent_id')).toEqual(['b_parents-1', 'b_parents-2', 'b_parents-3']);
  });

  it('ignores a design relation to a table or column the database does not have, and one a foreign key covers', () => {
    const db = migrated(
      'CREATE TABLE `p` (`id` text PRIMARY KEY NOT NULL);\n' +
        'CREATE TABLE `k` (`id` text PRIMARY KEY NOT NULL, `p_id` text REFERENCES `p`(`id`), `q_id` text, `r_id` text);',
    );
    const report = seedSampleRows(db, 2, {
      k: {
        p_id: { references: { table: 'other', column: 'id' } },
        q_id: { references: { table: 'missing', column: 'id' } },
        r_id: { references: { table: 'p', column: 'nope' } },
      },
    });
    expect(report.tables.find((t) => t.table === 'k')?.referenceColumns).toEqual([]);
    expect(column(db, 'k', 'p_id')).toEqual(['p-1', 'p-2']);
    expect(column(db, 'k', 'q_id')).toEqual(['q_id 1', null]);
  });

  it('a NOT NULL hint makes a nullable self reference point the first row at itself', () => {
    const db = migrated('CREATE TABLE `n` (`id` text PRIMARY KEY NOT NULL, `up` text REFERENCES `n`(`id`))');
    seedSampleRows(db, 3, { n: { up: { notNull: true } } });
    expect(column(db, 'n', 'up')).toEqual(['n-1', 'n-1', 'n-2']);
  });
});
