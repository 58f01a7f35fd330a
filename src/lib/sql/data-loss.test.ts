/**
 * The data-loss hazards of drizzle-kit migrations (shared/drizzle-kit-sqlite.md §12), shown end to end with the
 * host runner on sql.js: seed rows, capture, run the gold migration as the MoLOS host would, compare.
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
    const lossPerStep = (foreignKeys: boolean) => {
      const { db } = applyMigrations(SQL, [], { foreignKeys });
      const out: string[] = [];
      for (let step = 0; step < history.length; step++) {
        const before = captureRows(db);
        const result = applyMigrations(db, history.slice(0, step + 1), { foreignKeys });
        expect(result.ok).toBe(true);
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
    expect(lossPerStep(true)).toEqual([
      '4: MoLOS-Example_items lost 2',
      '10: project_members lost 2',
      '10: projects lost 2',
    ]);
    // With foreign keys off nothing is deleted, and B11 shows instead: 0011 writes "heading" into every item.
    expect(lossPerStep(false)).toEqual(['11: MoLOS-Example_items changed 2']);
  });
});

describe('B10/B11 on sql.js: the rebuild INSERT selects a column that does not exist yet', () => {
  it('alter/a06 writes the string "extra" into every row of pairs', () => {
    const files = goldMigrations('alter/a06_add_col_and_alter_other/drizzle');
    expect(files.map((f) => f.name)).toEqual(['0000_base.sql', '0001_a06_add_col_and_alter_other.sql']);
    const { db } = applyMigrations(SQL, files.slice(0, 1));
    seedSampleRows(db);
    const before = captureRows(db);
    const result = applyMigrations(db, files);
    // better-sqlite3 fails here (`no such column: "extra"`); sql.js, with double-quoted strings enabled, succeeds.
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

  it('alter/a06 with the gold seed row', () => {
    const files = goldMigrations('alter/a06_add_col_and_alter_other/drizzle');
    const { db } = applyMigrations(SQL, files.slice(0, 1));
    db.exec(goldText('alter/seeds/0000_base.sql'));
    applyMigrations(db, files);
    expect(queryRows(db, 'SELECT * FROM pairs')).toEqual([{ a: 'x', b: 'y', note: 'n', extra: 'extra' }]);
    db.close();
  });

  it('evolve 0011 (B11) throws the rename away and stores "heading" as every item title', () => {
    const history = EVOLVE();
    const { db } = applyMigrations(SQL, history.slice(0, 11));
    seedSampleRows(db);
    const before = captureRows(db);
    expect(applyMigrations(db, history.slice(0, 12)).ok).toBe(true);
    const report = compareRows(before, captureRows(db), {
      renamedColumns: [{ table: 'MoLOS-Example_items', from: 'title', to: 'heading' }],
    });
    const items = report.tables.find((t) => t.table === 'MoLOS-Example_items');
    expect(items).toMatchObject({ before: 3, after: 3, lost: 0, changed: 3 });
    expect(items?.changedExamples[0]).toEqual({
      key: '["MoLOS-Example_items-1"]',
      column: 'heading',
      before: 'title 1',
      after: 'heading',
    });
    db.close();
  });
});
