import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Design } from '$lib/core/design';
import { addColumn, updateColumn } from '$lib/core/operations';
import { EMPTY_FOLDER, nextMigration } from '$lib/sql/next-migration';
import { loadExample } from '../../testing/examples';
import { STATEMENT_CLIP, sqlPreview } from './sql-preview';

let SQL: SqlJsStatic;
beforeAll(async () => {
  SQL = await initSqlJs();
});

/** The design as it is right after an export: its baseline is its own schema. */
const exported = (design: Design): Design => ({
  ...design,
  baseline: nextMigration(design, EMPTY_FOLDER, { now: 1 }).baseline,
});

describe('sqlPreview', () => {
  it('shows the fresh 0000, the database it builds, and says when nothing was exported yet', () => {
    const preview = sqlPreview(SQL, loadExample('molos-example'), { safe: false });
    expect(preview.initial.tag).toBe('0000_init');
    expect(preview.initial.sql).toContain('CREATE TABLE `MoLOS-Example_items` (');
    expect(preview.initial.variant).toBe('drizzle');
    expect(preview.initial.differences).toEqual([]);
    expect(preview.initial.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(preview.database!.error).toBeNull();
    const items = preview.database!.schema.tables.find((t) => t.name === 'MoLOS-Example_items');
    expect(items?.columns.map((c) => c.name)).toEqual([
      'id',
      'user_id',
      'title',
      'description',
      'status',
      'created_at',
      'updated_at',
    ]);
    expect(items?.columns[0]).toMatchObject({ type: 'TEXT', notNull: true, primaryKey: 1 });
    expect(preview.since).toEqual({ kind: 'no-baseline' });
  });

  it('computes only the asked view besides the 0000, with the same results as a full preview', () => {
    const design = loadExample('molos-tasks');
    const full = sqlPreview(SQL, design, { safe: false });
    const sql = sqlPreview(SQL, design, { safe: false, only: 'sql' });
    expect(sql).toEqual({ initial: full.initial, database: null, since: null });
    expect(sqlPreview(SQL, design, { safe: false, only: 'database' })).toEqual({ ...full, since: null });
    expect(sqlPreview(SQL, design, { safe: false, only: 'since' })).toEqual({ ...full, database: null });
  });

  it('reports an unchanged design after an export, and an unreadable stored snapshot', () => {
    const design = exported(loadExample('molos-tasks'));
    expect(sqlPreview(SQL, design, { safe: false }).since).toEqual({ kind: 'unchanged' });
    const broken = { ...design, baseline: { ...design.baseline!, snapshot: { tables: 'nope' } } };
    expect(sqlPreview(SQL, broken, { safe: false }).since).toEqual({ kind: 'unreadable-baseline' });
  });

  it('dry-runs an additive change without losing rows', () => {
    const design = addColumn(exported(loadExample('molos-tasks')), {
      tableId: 't_tasks',
      name: 'estimate',
      type: 'integer',
    });
    const since = sqlPreview(SQL, design, { safe: false }).since!;
    expect(since.kind).toBe('changed');
    if (since.kind !== 'changed') return;
    expect(since.migration.sql).toBe('ALTER TABLE `MoLOS-Tasks_tasks` ADD `estimate` integer;');
    expect(since.dryRun).toMatchObject({ ok: true, drift: [], rows: { lost: 0, changed: 0 } });
  });

  it('seeds the dry run from the design: a text column made an enum passes its new CHECK', () => {
    const base = exported(loadExample('molos-tasks'));
    const enumId = Object.keys(base.enums)[0]!;
    const values = base.enums[enumId]!.members.map((m) => m.value);
    const design = updateColumn(base, { columnId: 'c_tasks_notes', patch: { enumId } });
    // The MoLOS-safe variant: drizzle-kit's rebuild would also cascade-delete the tasks' child rows (B14).
    const since = sqlPreview(SQL, design, { safe: true }).since!;
    if (since.kind !== 'changed') throw new Error(since.kind);
    expect(since.migration.sql).toContain(`CHECK(notes IN (${values.map((v) => `'${v}'`).join(', ')}))`);
    expect(since.dryRun).toMatchObject({ ok: true, drift: [], rows: { lost: 0, changed: 0 } });
    expect(since.dryRun.seeded?.tables.find((t) => t.table === 'MoLOS-Tasks_tasks')?.enumColumns).toEqual(['notes']);
  });

  it('follows a rename in the dry run', () => {
    const design = updateColumn(exported(loadExample('molos-tasks')), {
      columnId: 'c_tasks_notes',
      patch: { name: 'body' },
    });
    const since = sqlPreview(SQL, design, { safe: false }).since!;
    if (since.kind !== 'changed') throw new Error(since.kind);
    expect(since.migration.sql).toContain('RENAME COLUMN "notes" TO "body"');
    expect(since.dryRun.rows.lost).toBe(0);
    expect(since.dryRun.rows.changed).toBe(0);
  });

  it("shows that drizzle-kit's rebuild fails on the seeded NULLs, and the safe variant that keeps every row", () => {
    const design = updateColumn(exported(loadExample('molos-tasks')), {
      columnId: 'c_tasks_notes',
      patch: { notNull: true, default: { kind: 'literal', value: '' } },
    });
    const plain = sqlPreview(SQL, design, { safe: false }).since!;
    if (plain.kind !== 'changed') throw new Error(plain.kind);
    expect(plain.migration.variant).toBe('drizzle');
    expect(plain.migration.sql).toContain('PRAGMA foreign_keys=OFF');
    expect(plain.migration.differences.length).toBeGreaterThan(0);
    expect(plain.migration.findings.some((f) => f.severity === 'error')).toBe(true);
    // The dry run seeds NULL where the old schema allowed it: drizzle-kit's copy into a NOT NULL column fails.
    expect(plain.dryRun.ok).toBe(false);
    expect(plain.dryRun.error).toMatch(/NOT NULL constraint failed/);

    const safe = sqlPreview(SQL, design, { safe: true }).since!;
    if (safe.kind !== 'changed') throw new Error(safe.kind);
    expect(safe.migration.variant).toBe('safe');
    expect(safe.migration.sql).toContain('PRAGMA defer_foreign_keys=ON');
    expect(safe.migration.differences).toEqual(plain.migration.differences);
    expect(safe.dryRun).toMatchObject({ ok: true, drift: [], rows: { lost: 0 } });
  });

  it('reports a 0000 that SQLite refuses, with the statement', () => {
    const design = updateColumn(loadExample('molos-tasks'), {
      columnId: 'c_tasks_notes',
      patch: { default: { kind: 'sql', sql: '(1 +)' } },
    });
    const preview = sqlPreview(SQL, design, { safe: false });
    expect(preview.database!.error?.message).toMatch(/syntax error/);
    expect(preview.database!.error?.statement).toContain('CREATE TABLE');
  });
});

describe('findings in the preview', () => {
  it('carry the start of a long statement (the whole migration is in the SQL view)', () => {
    // The older host's findings (ON UPDATE in every foreign key) are about whole CREATE TABLE statements.
    let design = loadExample('molos-tasks');
    design = { ...design, module: { ...design.module, host: 'older' } };
    const tasks = Object.values(design.tables).find((t) => t.name === 'tasks')!;
    for (let i = 0; i < 40; i++)
      design = addColumn(design, { tableId: tasks.id, name: `a_rather_long_column_name_${i}`, type: 'text' });
    const preview = sqlPreview(SQL, design, { safe: false, only: 'sql' });
    const withStatement = preview.initial.findings.filter((f) => f.statement !== null);
    // The tasks table's foreign keys bring findings about its (now long) CREATE TABLE.
    expect(withStatement.some((f) => f.statement!.endsWith('\n…'))).toBe(true);
    for (const f of withStatement) {
      expect(f.statement!.length).toBeLessThanOrEqual(STATEMENT_CLIP + 2);
      expect(preview.initial.sql).toContain(f.statement!.replace(/\n…$/, ''));
    }
  });
});
