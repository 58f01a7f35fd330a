import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExample } from '../../testing/examples';
import { databaseChecks } from './sql-preview-checks';
import { sqlPreview } from './sql-preview';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

describe('databaseChecks', () => {
  it('puts column CHECKs and single-column table CHECKs on the column, the rest under the table', () => {
    const db = new SQL.Database();
    try {
      db.run(
        "CREATE TABLE `t\"x` (`Role` text CHECK(`Role` IN ('a', 'b\"c')), `n` integer, `m` integer, " +
          'CONSTRAINT "n_positive" CHECK("t""x"."n" > 0), CHECK (n < m), CHECK (length(\'(\') = 1));' +
          'CREATE TABLE plain (id text PRIMARY KEY);' +
          'CREATE TABLE other (v integer CHECK (v <> 0));',
      );
      expect(databaseChecks(db, ['t"x', 'plain'])).toEqual({
        't"x': {
          columns: {
            role: ["CHECK(`Role` IN ('a', 'b\"c'))"],
            n: ['CHECK("t""x"."n" > 0)'],
          },
          table: ['CHECK (n < m)', "CHECK (length('(') = 1)"],
        },
      });
    } finally {
      db.close();
    }
  });

  it("the Database preview carries a textEnum column's CHECK", () => {
    const preview = sqlPreview(SQL, loadExample('molos-tasks'), { safe: false, only: 'database' });
    const checks = preview.database!.checks;
    const tasks = preview.database!.schema.tables.find((t) => t.name === 'MoLOS-Tasks_tasks')!;
    const status = tasks.columns.find((c) => c.name === 'status')!;
    expect(checks['MoLOS-Tasks_tasks']?.columns[status.name]).toEqual([
      "CHECK(status IN ('to_do', 'in_progress', 'done'))",
    ]);
    expect(checks['MoLOS-Tasks_tasks']?.columns.priority).toEqual(["CHECK(priority IN ('low', 'medium', 'high'))"]);
    // Every CHECK shown is in the CREATE TABLE text the migration wrote.
    for (const [table, view] of Object.entries(checks))
      for (const text of [...Object.values(view.columns).flat(), ...view.table])
        expect(preview.initial.sql, table).toContain(text);
  });
});
