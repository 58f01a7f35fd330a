import type { SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import { updateColumn, updateRelation } from '../core/operations';
import { IDS, exampleDesign } from '../core/test-fixtures';
import { loadSqlJs } from '../../testing/gold-migrations';
import { type DryRun, dryRun } from './dry-run';
import { parseJournal, parseSnapshot } from './folder-format';
import { EMPTY_FOLDER, nextMigration } from './next-migration';
import { seededText } from './seeded-text';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await loadSqlJs();
});

/** Exports `before`, applies `edit`, and dry-runs drizzle-kit's next migration with and without the design. */
function change(before: Design, edit: (d: Design) => Design): { sql: string; plain: DryRun; designed: DryRun } {
  const first = nextMigration(before, EMPTY_FOLDER, { now: 1 });
  const folder = {
    journal: parseJournal('j', first.files[2]?.content ?? ''),
    snapshots: { '0000_snapshot.json': parseSnapshot('s', first.files[1]?.content ?? '') },
    sqlFiles: ['0000_init.sql'],
  };
  const after = edit({ ...before, baseline: first.baseline });
  const m = nextMigration(after, folder, { now: 2 });
  const fresh = nextMigration(after, EMPTY_FOLDER, { now: 1 }).sql;
  const history = [{ name: '0000_init.sql', sql: first.sql }];
  const next = { name: `${m.tag}.sql`, sql: m.sql };
  return {
    sql: m.sql,
    plain: dryRun(SQL, history, next, fresh, m.renames),
    designed: dryRun(SQL, history, next, fresh, m.renames, { design: after }),
  };
}

describe('dryRun seeds rows that obey the design', () => {
  it('a column that becomes a textEnum: rows from the design pass the new CHECK', () => {
    const plainStatus = updateColumn(exampleDesign(), { columnId: IDS.tasksStatus, patch: { enumId: null } });
    const { sql, plain, designed } = change(plainStatus, (d) =>
      updateColumn(d, { columnId: IDS.tasksStatus, patch: { enumId: IDS.taskStatus } }),
    );
    expect(sql).toContain("CHECK(status IN ('to_do', 'in_progress', 'done'))");
    // Values made up from the live schema break the CHECK the migration adds: a correct migration "fails".
    expect(plain).toMatchObject({ ok: false, error: expect.stringContaining('CHECK constraint failed') });
    expect(designed).toMatchObject({ ok: true, drift: [], rows: { lost: 0, changed: 0 } });
    expect(designed.seeded?.tables.find((t) => t.table === 'MoLOS-Example_tasks')).toEqual({
      table: 'MoLOS-Example_tasks',
      rows: 3,
      enumColumns: ['status'],
      referenceColumns: [],
      nullColumns: [],
    });
  });

  it('a logical relation made real: rows point at existing parents, so the new foreign key holds', () => {
    const logical = updateRelation(exampleDesign(), { relationId: IDS.tasksProject, logical: true });
    const { sql, plain, designed } = change(logical, (d) =>
      updateRelation(d, { relationId: IDS.tasksProject, logical: false }),
    );
    expect(sql).toContain('FOREIGN KEY (`project_id`) REFERENCES `MoLOS-Example_projects`(`id`)');
    expect(plain).toMatchObject({ ok: false, error: 'FOREIGN KEY constraint failed' });
    expect(designed).toMatchObject({ ok: true, rows: { lost: 0, changed: 0 } });
    expect(seededText(designed.seeded)).toBe(
      'seeded 6 sample rows in 2 tables; from the design: references in MoLOS-Example_tasks.project_id',
    );
  });
});

describe('dryRun fails where the host fails', () => {
  const history = [{ name: '0000_init.sql', sql: 'CREATE TABLE `t` (`id` text PRIMARY KEY NOT NULL, `a` text);' }];
  const fresh = 'CREATE TABLE `t` (`id` text PRIMARY KEY NOT NULL, `a` text, `b` text);';
  const rebuild = (select: string) => ({
    name: '0001_b.sql',
    sql: [
      'CREATE TABLE `__new_t` (`id` text PRIMARY KEY NOT NULL, `a` text, `b` text);',
      `INSERT INTO \`__new_t\`("id", "a", "b") SELECT ${select} FROM \`t\`;`,
      'DROP TABLE `t`;',
      'ALTER TABLE `__new_t` RENAME TO `t`;',
    ].join('--> statement-breakpoint\n'),
  });

  it('a rebuild that selects a column that does not exist yet ("b") fails, with the host\'s message', () => {
    const run = dryRun(SQL, history, rebuild('"id", "a", "b"'), fresh, { tables: [], columns: [] });
    expect(run).toMatchObject({
      ok: false,
      error: 'no such column: "b" - should this be a string literal in single-quotes?',
    });
    const fixed = dryRun(SQL, history, rebuild('"id", "a", NULL'), fresh, { tables: [], columns: [] });
    expect(fixed).toMatchObject({ ok: true, drift: [], rows: { lost: 0, changed: 0 } });
    expect(fixed.seeded).toEqual({
      rows: 3,
      tables: [{ table: 't', rows: 3, enumColumns: [], referenceColumns: [], nullColumns: ['a'] }],
    });
  });

  it('reports the pieces the host skips as already applied', () => {
    const next = {
      name: '0001_again.sql',
      sql: 'CREATE TABLE `t` (`x` int);--> statement-breakpoint\nALTER TABLE `t` ADD `b` text;',
    };
    const run = dryRun(SQL, history, next, fresh, { tables: [], columns: [] });
    expect(run).toMatchObject({ ok: true, drift: [] });
    expect(run.tolerated).toEqual([
      { index: 0, message: 'table `t` already exists', statement: 'CREATE TABLE `t` (`x` int);' },
    ]);
  });

  it('says nothing was seeded when the history does not replay', () => {
    const run = dryRun(
      SQL,
      [{ name: '0000_bad.sql', sql: 'CREATE TABLE t (x text CHECK(x IN ("a")));' }],
      history[0]!,
      fresh,
      {
        tables: [],
        columns: [],
      },
    );
    expect(run.historyError).toBe(
      '0000_bad.sql: no such column: "a" - should this be a string literal in single-quotes?',
    );
    expect(run.seeded).toBeUndefined();
    expect(seededText(run.seeded)).toBeNull();
  });
});
