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
const clock = () => 1_700_000_000_000;

describe('applyMigrations on the gold evolve history', () => {
  it('applies all 14 files, one transaction each, with the statement counts the host runs', () => {
    const { db, ...report } = applyMigrations(SQL, EVOLVE(), { now: clock });
    expect(report.ok).toBe(true);
    expect([report.applied, report.skipped, report.failed]).toEqual([14, 0, 0]);
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
      ['0011_rename_and_alter.sql', 'applied', 7],
      ['0012_rename_table_add_col.sql', 'applied', 2],
      ['0013_drop_fk_and_unique.sql', 'applied', 9],
    ]);
    expect(queryRows(db, 'PRAGMA foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    db.close();
  });

  it('records every file in molos_migrations with its checksum', () => {
    const files = EVOLVE();
    const { db, files: outcomes } = applyMigrations(SQL, files, { module: 'MoLOS-Example', now: clock });
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
    const first = applyMigrations(SQL, EVOLVE());
    const again = applyMigrations(first.db, EVOLVE());
    expect(again.db).toBe(first.db);
    expect([again.ok, again.applied, again.skipped, again.failed]).toEqual([true, 0, 14, 0]);
    expect(new Set(again.files.map((f) => (f.status === 'skipped' ? f.reason : f.status)))).toEqual(
      new Set(['already-applied']),
    );
    expect(queryRows(first.db, `SELECT count(*) AS n FROM ${TRACKING_TABLE}`)).toEqual([{ n: 14 }]);
    first.db.close();
  });

  it('reports a file edited after it was applied, and stops there', () => {
    const { db } = applyMigrations(SQL, EVOLVE());
    const edited = EVOLVE().map((f) =>
      f.name === '0005_add_fk.sql' ? { ...f, sql: `${f.sql}--> statement-breakpoint\nSELECT 1;` } : f,
    );
    const result = applyMigrations(db, edited);
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
      ...Array<string>(8).fill('after-failure'),
    ]);
    db.close();
  });

  it('does not see an edit that only changes whitespace (the host normalizes before hashing)', () => {
    const { db } = applyMigrations(SQL, EVOLVE());
    const reformatted = EVOLVE().map((f) => ({ ...f, sql: f.sql.replaceAll('\t', '    ').replaceAll('\n', '\r\n') }));
    expect(applyMigrations(db, reformatted).skipped).toBe(14);
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

  it('rolls back the whole failing file, records the attempt, reports the chunk and stops', () => {
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
      applied: 1,
      skipped: 1,
      failed: 1,
      files: [
        expect.objectContaining({ name: '0000_first.sql', status: 'applied', statements: 1 }),
        expect.objectContaining({
          name: '0001_bad.sql',
          status: 'failed',
          reason: 'sql-error',
          statements: 4,
          chunkIndex: 2,
          chunk: 'INSERT INTO `nope` SELECT * FROM `kept_out`;',
          message: 'no such table: nope',
        }),
        expect.objectContaining({ name: '0002_later.sql', status: 'skipped', reason: 'after-failure' }),
      ],
    });
    const tables = queryRows(result.db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    expect(tables.map((t) => t.name)).toEqual(['0000_first', 'molos_migrations', 'sqlite_sequence']);
    const tracked = queryRows(
      result.db,
      `SELECT migration_name, success, error_message FROM ${TRACKING_TABLE} ORDER BY id`,
    );
    expect(tracked).toEqual([
      { migration_name: '0000_first.sql', success: 1, error_message: null },
      { migration_name: '0001_bad.sql', success: 0, error_message: 'no such table: nope' },
    ]);

    // A failed attempt does not count as applied: once fixed, the file runs.
    const fixed = { ...bad, sql: bad.sql.replace('INSERT INTO `nope` SELECT * FROM `kept_out`;', 'SELECT 1;') };
    const retry = applyMigrations(result.db, [table('0000_first.sql'), fixed, table('0002_later.sql')]);
    expect(retry.files.map((f) => f.status)).toEqual(['skipped', 'applied', 'applied']);
    const attempts = queryRows(
      result.db,
      `SELECT success FROM ${TRACKING_TABLE} WHERE migration_name = '0001_bad.sql'`,
    );
    expect(attempts).toEqual([{ success: 0 }, { success: 1 }]);
    expect(queryRows(result.db, 'SELECT id FROM `kept_out`')).toEqual([{ id: 'a' }]);
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
