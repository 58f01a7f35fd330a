import { createHash } from 'node:crypto';
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldMigrations, loadSqlJs } from '../../testing/gold-migrations';
import { type MigrationFile, TRACKING_TABLE, applyMigrations, withoutDb } from './host-runner';
import { queryRows } from './sqljs-rows';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

const EVOLVE = () => goldMigrations('evolve/drizzle');
/** The tracking tests run the whole history, 0011 included: with sql.js's own double-quoted strings it applies. */
const LAX = { doubleQuotedStrings: true } as const;
const clock = () => 1_700_000_000_000;

describe('applyMigrations on the gold evolve history', () => {
  it('applies 13 of the 14 files: 0011 (drizzle-kit bug B11) fails on the host, which refuses "…" strings', () => {
    const { db, ...report } = applyMigrations(SQL, EVOLVE(), { now: clock });
    expect([report.ok, report.applied, report.skipped, report.failed]).toEqual([false, 13, 0, 1]);
    expect(report.files.map((f) => [f.name, f.status, f.statements])).toEqual([
      ['0000_init.sql', 'applied', 8],
      ['0001_add_columns.sql', 'applied', 8],
      ['0002_drop_column.sql', 'applied', 1],
      ['0003_rename_column.sql', 'applied', 1],
      ['0004_alter_notnull_default.sql', 'applied', 6],
      ['0005_add_fk.sql', 'applied', 6],
      ['0006_drop_table.sql', 'applied', 1],
      ['0007_rename_table.sql', 'applied', 1],
      ['0008_indexes.sql', 'applied', 4],
      ['0009_new_table.sql', 'applied', 2],
      ['0010_change_type.sql', 'applied', 10],
      ['0011_rename_and_alter.sql', 'failed', 7],
      ['0012_rename_table_add_col.sql', 'applied', 2],
      ['0013_drop_fk_and_unique.sql', 'applied', 9],
    ]);
    expect(report.files[11]).toMatchObject({
      chunkIndex: 2,
      message: 'no such column: "heading" - should this be a string literal in single-quotes?',
    });
    expect(queryRows(db, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    db.close();
    // sql.js on its own reads "heading" as a string, and the file "works".
    const lax = applyMigrations(SQL, EVOLVE(), { doubleQuotedStrings: true });
    expect([lax.ok, lax.applied]).toEqual([true, 14]);
    lax.db.close();
  });

  it('records every file in molos_migrations with its checksum', () => {
    const files = EVOLVE();
    const { db, files: outcomes } = applyMigrations(SQL, files, { ...LAX, module: 'MoLOS-Example', now: clock });
    const rows = queryRows(
      db,
      `SELECT migration_name, module, version, checksum, applied_at, success, error_message FROM ${TRACKING_TABLE} ORDER BY id`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    expect(rows.every((r) => r.module === 'MoLOS-Example' && r.success === 1 && r.error_message === null)).toBe(true);
    expect(rows.map((r) => r.version)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(rows.map((r) => r.checksum)).toEqual(outcomes.map((o) => o.checksum));
    expect(rows[0]?.applied_at).toBe(1_700_000_000_000);
    // 0002 has no whitespace to normalize, so its checksum is the plain SHA-256 of the trimmed file.
    const drop = files.find((f) => f.name === '0002_drop_column.sql')?.sql ?? '';
    expect(rows[2]?.checksum).toBe(createHash('sha256').update(drop.trim()).digest('hex'));
    // 0000 has tab-indented columns: the host hashes it with each tab run collapsed to one space.
    const init = files[0]?.sql ?? '';
    expect(rows[0]?.checksum).not.toBe(createHash('sha256').update(init.trim()).digest('hex'));
    expect(rows[0]?.checksum).toBe(createHash('sha256').update(init.replaceAll('\t', ' ').trim()).digest('hex'));
    expect(rows[0]?.checksum).toBe('353394968c4afb6e1b1a54e1541238d1a62e25ab48c0e2425721b88e86058325');
    db.close();
  });

  it('applies nothing when run again on the same database', () => {
    const first = applyMigrations(SQL, EVOLVE(), LAX);
    const again = applyMigrations(first.db, EVOLVE(), LAX);
    expect(again.db).toBe(first.db);
    expect([again.ok, again.applied, again.skipped, again.failed]).toEqual([true, 0, 14, 0]);
    expect(new Set(again.files.map((f) => (f.status === 'skipped' ? f.reason : f.status)))).toEqual(
      new Set(['already-applied']),
    );
    expect(queryRows(first.db, `SELECT count(*) AS n FROM ${TRACKING_TABLE}`)).toEqual([{ n: 14 }]);
    first.db.close();
  });

  it('reports a file edited after it was applied, and goes on with the next files as the host does', () => {
    const { db } = applyMigrations(SQL, EVOLVE(), LAX);
    const edited = EVOLVE().map((f) =>
      f.name === '0005_add_fk.sql' ? { ...f, sql: `${f.sql}--> statement-breakpoint\nSELECT 1;` } : f,
    );
    const result = applyMigrations(db, edited, LAX);
    expect(result.ok).toBe(false);
    const failed = result.files.find((f) => f.status === 'failed');
    expect(failed).toMatchObject({
      name: '0005_add_fk.sql',
      reason: 'checksum-mismatch',
      message: 'edited after it was applied: the checksum differs from the recorded one',
    });
    expect(failed?.status === 'failed' && failed.reason === 'checksum-mismatch' && failed.recordedChecksum).toBe(
      applyMigrations(SQL, EVOLVE().slice(5, 6)).files[0]?.checksum,
    );
    expect(result.files.map((f) => (f.status === 'skipped' ? f.reason : f.status))).toEqual([
      ...Array<string>(5).fill('already-applied'),
      'failed',
      ...Array<string>(8).fill('already-applied'),
    ]);
    const stopped = applyMigrations(db, edited, { ...LAX, afterFailure: 'stop' });
    expect(stopped.files.map((f) => (f.status === 'skipped' ? f.reason : f.status))).toEqual([
      ...Array<string>(5).fill('already-applied'),
      'failed',
      ...Array<string>(8).fill('after-failure'),
    ]);
    db.close();
  });

  it('does not see an edit that only changes whitespace (the host normalizes before hashing)', () => {
    const { db } = applyMigrations(SQL, EVOLVE(), LAX);
    const reformatted = EVOLVE().map((f) => ({ ...f, sql: f.sql.replaceAll('\t', '    ').replaceAll('\n', '\r\n') }));
    expect(applyMigrations(db, reformatted, LAX).skipped).toBe(14);
    db.close();
  });
});

describe('applyMigrations: names, order, failures', () => {
  const table = (name: string): MigrationFile => ({
    name,
    sql: `CREATE TABLE \`${name.replace('.sql', '')}\` (id int);`,
  });

  it('skips bad names, .down.sql and non-.sql files, and sorts the rest by number', () => {
    const files = [
      table('10_ten.sql'),
      table('0002_two.sql'),
      table('0003_Three.sql'),
      table('0003_three.down.sql'),
      { name: 'notes.md', sql: '# notes' },
      table('9_nine.sql'),
    ];
    const { db, ...report } = applyMigrations(SQL, files);
    expect(report.files.map((f) => [f.name, f.status === 'skipped' ? f.reason : f.status])).toEqual([
      ['notes.md', 'not-sql'],
      ['0002_two.sql', 'applied'],
      ['0003_Three.sql', 'invalid-name'],
      ['0003_three.down.sql', 'down-file'],
      ['9_nine.sql', 'applied'],
      ['10_ten.sql', 'applied'],
    ]);
    expect(report.ok).toBe(true);
    const tables = queryRows(
      db,
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('molos_migrations', 'sqlite_sequence') ORDER BY name",
    );
    expect(tables.map((t) => t.name)).toEqual(['0002_two', '10_ten', '9_nine']);
    db.close();
  });

  it('rolls back the whole failing file, records the attempt, reports the chunk, and runs the next file', () => {
    const bad: MigrationFile = {
      name: '0001_bad.sql',
      sql: [
        'CREATE TABLE `kept_out` (`id` text PRIMARY KEY NOT NULL);',
        "INSERT INTO `kept_out` VALUES ('a');",
        'INSERT INTO `nope` SELECT * FROM `kept_out`;',
        'CREATE TABLE `never` (`id` int);',
      ].join('--> statement-breakpoint\n'),
    };
    const files = [table('0000_first.sql'), bad, table('0002_later.sql')];
    const result = applyMigrations(SQL, files, { now: clock });
    expect(withoutDb(result)).toEqual({
      ok: false,
      foreignKeys: true,
      applied: 2,
      skipped: 0,
      failed: 1,
      files: [
        expect.objectContaining({ name: '0000_first.sql', status: 'applied', statements: 1, tolerated: [] }),
        expect.objectContaining({
          name: '0001_bad.sql',
          status: 'failed',
          reason: 'sql-error',
          statements: 4,
          chunkIndex: 2,
          chunk: 'INSERT INTO `nope` SELECT * FROM `kept_out`;',
          statement: 'INSERT INTO `nope` SELECT * FROM `kept_out`;',
          message: 'no such table: nope',
          tolerated: [],
        }),
        expect.objectContaining({ name: '0002_later.sql', status: 'applied' }),
      ],
    });
    const tables = queryRows(result.db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    expect(tables.map((t) => t.name)).toEqual(['0000_first', '0002_later', 'molos_migrations', 'sqlite_sequence']);
    const tracked = queryRows(
      result.db,
      `SELECT migration_name, success, error_message FROM ${TRACKING_TABLE} ORDER BY id`,
    );
    expect(tracked).toEqual([
      { migration_name: '0000_first.sql', success: 1, error_message: null },
      { migration_name: '0001_bad.sql', success: 0, error_message: 'no such table: nope' },
      { migration_name: '0002_later.sql', success: 1, error_message: null },
    ]);

    // A failed attempt does not count as applied: once fixed, the file runs.
    const fixed = { ...bad, sql: bad.sql.replace('INSERT INTO `nope` SELECT * FROM `kept_out`;', 'SELECT 1;') };
    const retry = applyMigrations(result.db, [table('0000_first.sql'), fixed, table('0002_later.sql')]);
    expect(retry.files.map((f) => f.status)).toEqual(['skipped', 'applied', 'skipped']);
    const attempts = queryRows(
      result.db,
      `SELECT success FROM ${TRACKING_TABLE} WHERE migration_name = '0001_bad.sql'`,
    );
    expect(attempts).toEqual([{ success: 0 }, { success: 1 }]);
    expect(queryRows(result.db, 'SELECT id FROM `kept_out`')).toEqual([{ id: 'a' }]);
    result.db.close();
  });

  it('skips pieces the host takes for "already applied", reports each, and the file goes on', () => {
    const files: MigrationFile[] = [
      { name: '0000_a.sql', sql: 'CREATE TABLE `t` (`a` text);' },
      {
        name: '0001_again.sql',
        sql: [
          'CREATE TABLE `t` (`a` text);',
          'ALTER TABLE `t` ADD `a` text;',
          'alter table `t` rename column `x` to `y`;',
          'ALTER TABLE `t` DROP COLUMN `x`;',
          'DROP TABLE `gone`;',
          "CREATE TABLE `t` (`z` int); INSERT INTO `t` VALUES ('skipped with its piece');",
          "INSERT INTO `t` VALUES ('kept');",
        ].join('--> statement-breakpoint\n'),
      },
    ];
    const result = applyMigrations(SQL, files);
    expect(result.ok).toBe(true);
    expect(result.files[1]).toMatchObject({ status: 'applied', statements: 7 });
    expect(result.files[1]?.tolerated).toEqual([
      { index: 0, message: 'table `t` already exists', statement: 'CREATE TABLE `t` (`a` text);' },
      { index: 1, message: 'duplicate column name: a', statement: 'ALTER TABLE `t` ADD `a` text;' },
      { index: 2, message: 'no such column: "`x`"', statement: 'alter table `t` rename column `x` to `y`;' },
      { index: 3, message: 'no such column: "`x`"', statement: 'ALTER TABLE `t` DROP COLUMN `x`;' },
      { index: 4, message: 'no such table: gone', statement: 'DROP TABLE `gone`;' },
      { index: 5, message: 'table `t` already exists', statement: 'CREATE TABLE `t` (`z` int);' },
    ]);
    expect(queryRows(result.db, 'SELECT a FROM `t`')).toEqual([{ a: 'kept' }]);
    result.db.close();
  });

  it('fails a file on any other error, with the tolerated pieces before it', () => {
    const result = applyMigrations(SQL, [
      { name: '0000_a.sql', sql: 'CREATE TABLE t (a text);--> statement-breakpoint\nCREATE TABLE t (a text);' },
      { name: '0001_b.sql', sql: 'DROP TABLE gone;--> statement-breakpoint\nINSERT INTO t VALUES ("x");' },
    ]);
    expect(result.files[1]).toMatchObject({
      status: 'failed',
      chunkIndex: 1,
      statement: 'INSERT INTO t VALUES ("x");',
      message: 'no such column: "x" - should this be a string literal in single-quotes?',
      tolerated: [{ index: 0, message: 'no such table: gone', statement: 'DROP TABLE gone;' }],
    });
    expect(result.files[0]).toMatchObject({ status: 'applied', tolerated: [{ index: 1 }] });
    result.db.close();
  });

  it('sets PRAGMA foreign_keys from the option', () => {
    const off = applyMigrations(SQL, [], { foreignKeys: false });
    expect(off.foreignKeys).toBe(false);
    expect(queryRows(off.db, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 0 }]);
    off.db.close();
  });

  it('leaves out the database handle in withoutDb', () => {
    const result = applyMigrations(SQL, [table('0000_a.sql')]);
    expect(Object.keys(withoutDb(result)).sort()).toEqual([
      'applied',
      'failed',
      'files',
      'foreignKeys',
      'ok',
      'skipped',
    ]);
    expect(JSON.parse(JSON.stringify(withoutDb(result)))).toEqual(withoutDb(result));
    result.db.close();
  });
});
