/**
 * The data-loss hazards of drizzle-kit migrations (shared/drizzle-kit-sqlite.md §12), shown end to end with the
 * host runner on sql.js: seed rows, capture, run the gold migration as the MoLOS host would (double-quoted
 * strings off, as in its better-sqlite3), compare. Where double-quoted strings are on (sql.js alone), B10/B11
 * corrupt rows instead of failing: shown with `doubleQuotedStrings: true`.
 */
import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { goldMigrations, goldText, loadSqlJs } from '../../testing/gold-migrations';
import { applyMigrations } from './host-runner';
import { captureRows, compareRows, seedSampleRows } from './sample-data';
import { queryRows } from './sqljs-rows';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

const EVOLVE = () => goldMigrations('evolve/drizzle');

describe('B14: a table rebuild inside the host transaction cascade-deletes child rows', () => {
  it('evolve 0010 (rebuild users) loses every project, item and membership', () => {
    const history = EVOLVE();
    const { db } = applyMigrations(SQL, history.slice(0, 10));
    expect(seedSampleRows(db).inserted).toBe(15);
    const before = captureRows(db);

    const result = applyMigrations(db, history.slice(0, 11));
    // The migration "succeeds": PRAGMA foreign_keys=OFF inside the file's transaction does nothing.
    expect(result.files.at(-1)).toMatchObject({ name: '0010_change_type.sql', status: 'applied', statements: 10 });

    const report = compareRows(before, captureRows(db));
    expect(report.tables.map((t) => [t.table, t.before, t.after, t.lost, t.changed])).toEqual([
      ['MoLOS-Example_items', 3, 0, 3, 0],
      ['project_members', 3, 0, 3, 0],
      ['projects', 3, 0, 3, 0],
      ['renamed_table', 3, 3, 0, 0],
      ['users', 3, 3, 0, 2],
    ]);
    expect([report.lost, report.changed]).toEqual([9, 2]);
    expect(report.tables[2]?.lostExamples).toEqual(['["projects-1"]', '["projects-2"]', '["projects-3"]']);
    // users survive (copied before the DROP), but the DROP's implicit DELETE fired the new table's
    // ON DELETE SET NULL on the rows already copied: every manager link is gone.
    expect(report.tables[4]?.changedExamples).toEqual([
      { key: '["users-2"]', column: 'manager_id', before: 'users-1', after: null },
      { key: '["users-3"]', column: 'manager_id', before: 'users-2', after: null },
    ]);
    db.close();
  });

  it('the same file with foreign keys off (drizzle-kit split mode) keeps every row', () => {
    const history = EVOLVE();
    const { db } = applyMigrations(SQL, history.slice(0, 10), { foreignKeys: false });
    seedSampleRows(db);
    const before = captureRows(db);
    expect(applyMigrations(db, history.slice(0, 11), { foreignKeys: false }).ok).toBe(true);
    expect(compareRows(before, captureRows(db))).toMatchObject({ lost: 0, changed: 0 });
    db.close();
  });

  it('with the gold seeds, the host loses items at 0004 and projects and members at 0010', () => {
    const history = EVOLVE();
    const renames = new Map([
      [3, { renamedColumns: [{ table: 'users', from: 'nickname', to: 'display_name' }] }],
      [7, { renamedTables: [{ from: 'to_rename', to: 'renamed_table' }] }],
      [11, { renamedColumns: [{ table: 'MoLOS-Example_items', from: 'title', to: 'heading' }] }],
      [12, { renamedTables: [{ from: 'renamed_table', to: 'renamed_again' }] }],
    ]);
    const lossPerStep = (foreignKeys: boolean, doubleQuotedStrings = false) => {
      const options = { foreignKeys, doubleQuotedStrings };
      const { db } = applyMigrations(SQL, [], options);
      const out: string[] = [];
      for (let step = 0; step < history.length; step++) {
        const before = captureRows(db);
        const result = applyMigrations(db, history.slice(0, step + 1), options);
        // A failed file is not recorded, so every later run tries it again: report it once, at its own step.
        const failed = result.files.find((f) => f.status === 'failed' && f.name === history[step]?.name);
        if (failed?.status === 'failed') out.push(`${step}: failed: ${failed.message}`);
        const report = compareRows(before, captureRows(db), renames.get(step));
        for (const t of report.tables) {
          if (t.lost > 0) out.push(`${step}: ${t.table} lost ${t.lost}`);
          if (t.changed > 0) out.push(`${step}: ${t.table} changed ${t.changed}`);
        }
        if (step === 0) db.exec(goldText('evolve/seeds/0000_init.sql'));
        if (step === 9) db.exec(goldText('evolve/seeds/0009_new_table.sql'));
      }
      db.close();
      return out;
    };
    // B11 at 0011 (the rename thrown away, the copy selects "heading"): the host fails on it, so that file never
    // applies (it is tried again, and fails again, on every later run); the next ones still run, as in the host.
    const b11 = '11: failed: no such column: "heading" - should this be a string literal in single-quotes?';
    expect(lossPerStep(true)).toEqual([
      '4: MoLOS-Example_items lost 2',
      '10: project_members lost 2',
      '10: projects lost 2',
      b11,
    ]);
    expect(lossPerStep(false)).toEqual([b11]);
    // Where double-quoted strings are on (sql.js alone), 0011 "succeeds" and writes "heading" into every item.
    expect(lossPerStep(false, true)).toEqual(['11: MoLOS-Example_items changed 2']);
  });
});

describe('B10/B11: the rebuild INSERT selects a column that does not exist yet', () => {
  const A06 = () => goldMigrations('alter/a06_add_col_and_alter_other/drizzle');

  it('alter/a06 fails under the host (double-quoted strings off): no such column "extra"', () => {
    const files = A06();
    expect(files.map((f) => f.name)).toEqual(['0000_base.sql', '0001_a06_add_col_and_alter_other.sql']);
    const { db } = applyMigrations(SQL, files.slice(0, 1));
    seedSampleRows(db);
    const before = captureRows(db);
    const result = applyMigrations(db, files);
    expect(result.files.map((f) => f.status)).toEqual(['skipped', 'failed']);
    expect(result.files[1]).toMatchObject({
      reason: 'sql-error',
      message: 'no such column: "extra" - should this be a string literal in single-quotes?',
    });
    // The file's transaction is rolled back: nothing changed.
    expect(compareRows(before, captureRows(db))).toMatchObject({ lost: 0, changed: 0 });
    db.close();
  });

  it('alter/a06 where double-quoted strings are on (sql.js alone) writes the string "extra" into every row', () => {
    const files = A06();
    const { db } = applyMigrations(SQL, files.slice(0, 1), { doubleQuotedStrings: true });
    seedSampleRows(db);
    // a06 also makes note NOT NULL (B17), which fails on the NULL the seed puts in one row: not this test's point.
    db.run("UPDATE pairs SET note = 'note' WHERE note IS NULL");
    const before = captureRows(db);
    const result = applyMigrations(db, files, { doubleQuotedStrings: true });
    expect(result.files.map((f) => f.status)).toEqual(['skipped', 'applied']);
    const report = compareRows(before, captureRows(db));
    const pairs = report.tables.find((t) => t.table === 'pairs');
    expect(pairs).toMatchObject({ before: 3, after: 3, lost: 0, changed: 3 });
    expect(pairs?.changedExamples).toEqual([
      { key: '["a-1","b-1"]', column: 'extra', before: undefined, after: 'extra' },
      { key: '["a-2","b-2"]', column: 'extra', before: undefined, after: 'extra' },
      { key: '["a-3","b-3"]', column: 'extra', before: undefined, after: 'extra' },
    ]);
    expect(report.tables.filter((t) => t.table !== 'pairs').every((t) => t.lost === 0 && t.changed === 0)).toBe(true);
    db.close();
  });

  it('alter/a06 with the gold seed row, double-quoted strings on', () => {
    const files = A06();
    const { db } = applyMigrations(SQL, files.slice(0, 1), { doubleQuotedStrings: true });
    db.exec(goldText('alter/seeds/0000_base.sql'));
    applyMigrations(db, files, { doubleQuotedStrings: true });
    expect(queryRows(db, 'SELECT * FROM pairs')).toEqual([{ a: 'x', b: 'y', note: 'n', extra: 'extra' }]);
    db.close();
  });

  it('evolve 0011 (B11) throws the rename away: the host fails; with double-quoted strings on, every title becomes "heading"', () => {
    const history = EVOLVE();
    const renames = { renamedColumns: [{ table: 'MoLOS-Example_items', from: 'title', to: 'heading' }] };
    for (const doubleQuotedStrings of [false, true]) {
      const { db } = applyMigrations(SQL, history.slice(0, 11), { doubleQuotedStrings });
      seedSampleRows(db);
      const before = captureRows(db);
      const result = applyMigrations(db, history.slice(0, 12), { doubleQuotedStrings });
      const items = compareRows(before, captureRows(db), renames).tables.find((t) => t.table === 'MoLOS-Example_items');
      if (!doubleQuotedStrings) {
        expect(result.files.at(-1)).toMatchObject({
          status: 'failed',
          message: expect.stringMatching(/^no such column: "heading"/),
        });
        expect(items).toMatchObject({ lost: 0, changed: 0 });
      } else {
        expect(result.ok).toBe(true);
        expect(items).toMatchObject({ before: 3, after: 3, lost: 0, changed: 3 });
        expect(items?.changedExamples[0]).toEqual({
          key: '["MoLOS-Example_items-1"]',
          column: 'heading',
          before: 'title 1',
          after: 'heading',
        });
      }
      db.close();
    }
  });
});
