/**
 * drizzle-kit's migrations against the MoLOS-safe variant, executed on seeded data the way the host runs them
 * (one transaction per file, foreign keys on): the hazards of shared/drizzle-kit-sqlite.md §12 show up as lost
 * or corrupted rows in drizzle-kit's SQL, and the safe variant loses nothing and ends in the same schema as a
 * fresh database of the new design.
 */
import { describe, expect, it } from 'vitest';
import { addColumn, addEnumMember, connectTables, deleteTable, updateColumn } from '../core/operations';
import type { Design } from '../core/design';
import { loadExample } from '../../testing/examples';
import { safeVariant } from './safe-variant';
import { analyzeMigration } from './safety';
import { migrationLab } from '../../testing/migration-lab';

const tasks = loadExample('molos-tasks');
const lost = (r: { rows: { tables: { table: string; lost: number }[] } }, table: string) =>
  r.rows.tables.find((t) => t.table === table)?.lost ?? 0;

describe('safe variant on seeded data', () => {
  it('B14: a rebuild of a referenced table (new enum value) cascade-deletes child rows; the safe variant keeps them', async () => {
    const lab = await migrationLab(tasks, (d) => addEnumMember(d, { enumId: 'e_task_status', value: 'blocked' }));
    expect(lab.migration.statements.some((s) => s.type === 'recreate_table')).toBe(true);
    expect(lab.drizzle.ok).toBe(true); // the migration "succeeds"...
    expect(lost(lab.drizzle, 'MoLOS-Tasks_task_tags')).toBe(3); // ...and the tags of every task are gone
    expect(lab.safe).toMatchObject({ ok: true, drift: [] });
    expect(lab.safe.rows.lost).toBe(0);
    expect(lab.safe.rows.changed).toBe(0);
    expect(lab.safe.differences.join(' ')).toContain('MoLOS-Tasks_task_tags');
  });

  it('B10: a column added in the same migration as a rebuild: drizzle-kit selects it from the old table', async () => {
    const lab = await migrationLab(tasks, (d) => {
      const withColumn = addColumn(d, { tableId: 't_tags', name: 'shade', type: 'text' });
      return updateColumn(withColumn, {
        columnId: 'c_tags_color',
        patch: { default: { kind: 'literal', value: '#000000' } },
      });
    });
    // The host (double-quoted strings off) fails; sql.js alone would write 'shade' into every row.
    expect(lab.drizzle.ok).toBe(false);
    expect(lab.drizzle.error).toMatch(/no such column: "shade"/);
    expect(lab.safe.sql).toContain(
      'INSERT INTO `__new_MoLOS-Tasks_tags`("id", "user_id", "name", "color", "created_at", "updated_at") SELECT "id", "user_id", "name", "color", "created_at", "updated_at" FROM `MoLOS-Tasks_tags`;',
    );
    expect(lab.safe).toMatchObject({ ok: true, drift: [] });
    expect(lab.safe.rows).toMatchObject({ lost: 0, changed: 0 });
  });

  it('B11: a renamed column inside a rebuild is copied from its old name', async () => {
    const lab = await migrationLab(tasks, (d) => {
      const renamed = updateColumn(d, { columnId: 'c_tags_name', patch: { name: 'label' } });
      return updateColumn(renamed, { columnId: 'c_tags_color', patch: { notNull: true } });
    });
    expect(lab.migration.renames.columns).toEqual([{ table: 'MoLOS-Tasks_tags', from: 'name', to: 'label' }]);
    expect(lab.drizzle.ok).toBe(false);
    expect(lab.drizzle.error).toMatch(/no such column: "label"/);
    // The old name feeds the new column, and a NULL colour becomes the default now that the column is NOT NULL.
    expect(lab.safe.sql).toContain(
      'SELECT "id", "user_id", "name", COALESCE("color", \'#888888\'), "created_at", "updated_at" FROM `MoLOS-Tasks_tags`;',
    );
    expect(lab.safe.rows).toMatchObject({ lost: 0, changed: 0 });
    expect(lab.safe.drift).toEqual([]);
  });

  it('a non-constant default: the table is rebuilt, the new column left out of the copy', async () => {
    const lab = await migrationLab(tasks, (d) =>
      addColumn(d, {
        tableId: 't_daily_log',
        name: 'synced_at',
        type: 'integer',
        notNull: true,
        default: { kind: 'sql', sql: "(strftime('%s','now'))" },
      }),
    );
    expect(lab.migration.sql).toBe(
      "ALTER TABLE `MoLOS-Tasks_daily_log` ADD `synced_at` integer DEFAULT (strftime('%s','now')) NOT NULL;",
    );
    expect(lab.drizzle.error).toBe('Cannot add a column with non-constant default');
    expect(lab.safe.sql.split('--> statement-breakpoint\n')).toEqual([
      'PRAGMA defer_foreign_keys=ON;',
      [
        'CREATE TABLE `__new_MoLOS-Tasks_daily_log` (',
        '\t`id` text PRIMARY KEY NOT NULL,',
        '\t`user_id` text NOT NULL,',
        '\t`day` text NOT NULL,',
        '\t`mood` integer,',
        '\t`task_id` text,',
        "\t`synced_at` integer DEFAULT (strftime('%s','now')) NOT NULL,",
        "\t`created_at` integer DEFAULT (strftime('%s','now')) NOT NULL,",
        "\t`updated_at` integer DEFAULT (strftime('%s','now')) NOT NULL",
        ');',
        '',
      ].join('\n'),
      'INSERT INTO `__new_MoLOS-Tasks_daily_log`("id", "user_id", "day", "mood", "task_id", "created_at", "updated_at") SELECT "id", "user_id", "day", "mood", "task_id", "created_at", "updated_at" FROM `MoLOS-Tasks_daily_log`;',
      'DROP TABLE `MoLOS-Tasks_daily_log`;',
      'ALTER TABLE `__new_MoLOS-Tasks_daily_log` RENAME TO `MoLOS-Tasks_daily_log`;',
      'CREATE INDEX `MoLOS-Tasks_daily_log_user_id_day_idx` ON `MoLOS-Tasks_daily_log` (`user_id`,`day`);',
    ]);
    expect(lab.safe).toMatchObject({ ok: true, drift: [] });
    expect(lab.safe.rows).toMatchObject({ lost: 0, changed: 0 });
    expect(lab.safe.differences).toContain(
      "Rebuilds MoLOS-Tasks_daily_log instead of ALTER TABLE … ADD synced_at: SQLite refuses to add a column with the non-constant default (strftime('%s','now')) to a table that has rows; the rebuild gives each row the default.",
    );
  });

  it('B8: ADD … REFERENCES to a hyphenated table fails in drizzle-kit’s form and keeps its action in ours', async () => {
    const lab = await migrationLab(tasks, (d) =>
      connectTables(d, {
        fromTableId: 't_daily_log',
        toTableId: 't_projects',
        name: 'project_id',
        onDelete: 'cascade',
      }),
    );
    expect(lab.migration.sql).toContain('REFERENCES MoLOS-Tasks_projects(id)');
    expect(lab.drizzle.ok).toBe(false);
    expect(lab.drizzle.error).toMatch(/near "-": syntax error/);
    expect(lab.safe.sql).toContain('REFERENCES `MoLOS-Tasks_projects`(`id`) ON UPDATE no action ON DELETE cascade;');
    expect(lab.safe).toMatchObject({ ok: true, drift: [] });
  });

  it('B16: dropping a referenced table deletes the children before their rebuild; the safe variant keeps them', async () => {
    const lab = await migrationLab(tasks, (d) => deleteTable(d, { tableId: 't_tags' }));
    expect(lost(lab.drizzle, 'MoLOS-Tasks_task_tags')).toBe(3);
    expect(lost(lab.safe, 'MoLOS-Tasks_task_tags')).toBe(0);
    expect(lab.safe.drift).toEqual([]);
    expect(lab.safe.ok).toBe(true);
  });

  it('leaves additive migrations exactly as drizzle-kit writes them', async () => {
    const lab = await migrationLab(tasks, (d) =>
      addColumn(d, { tableId: 't_tasks', name: 'estimate', type: 'integer' }),
    );
    expect(lab.safe.sql).toBe(lab.migration.sql);
    expect(lab.safe.differences).toEqual([]);
  });
});

describe('the safety analysis agrees', () => {
  const errorsOf = (sql: string, m: Awaited<ReturnType<typeof migrationLab>>['migration']) =>
    analyzeMigration({ name: `${m.tag}.sql`, sql, moduleId: 'MoLOS-Tasks' }, m.before)
      .filter((f) => f.severity === 'error')
      .map((f) => f.code);

  it.each([
    [
      'a new enum value (rebuild of a referenced table)',
      (d: Design) => addEnumMember(d, { enumId: 'e_task_status', value: 'blocked' }),
      ['rebuild-cascade'],
    ],
    [
      'dropping a referenced table',
      (d: Design) => deleteTable(d, { tableId: 't_tags' }),
      ['drop-parent-table-before-pragma'],
    ],
    [
      'a renamed column inside a rebuild',
      (d: Design) =>
        updateColumn(updateColumn(d, { columnId: 'c_tags_name', patch: { name: 'label' } }), {
          columnId: 'c_tags_color',
          patch: { notNull: true },
        }),
      ['rebuild-cascade', 'rebuild-not-null-tightened', 'rebuild-selects-new-column'],
    ],
    [
      'a column with a non-constant default',
      (d: Design) =>
        addColumn(d, {
          tableId: 't_tags',
          name: 'seen_at',
          type: 'integer',
          default: { kind: 'sql', sql: 'CURRENT_TIMESTAMP' },
        }),
      ['add-column-non-constant-default'],
    ],
  ])('%s: errors in drizzle-kit’s SQL, none in the safe variant', async (_, edit, codes) => {
    const lab = await migrationLab(tasks, edit);
    expect([...new Set(errorsOf(lab.migration.sql, lab.migration))].sort()).toEqual(codes);
    expect(errorsOf(lab.safe.sql, lab.migration)).toEqual([]);
  });
});

describe('the hazards it names', () => {
  it('names each hazard of drizzle-kit’s SQL by the analysis’ code, with what it fixes', async () => {
    const lab = await migrationLab(tasks, (d) =>
      addColumn(addEnumMember(d, { enumId: 'e_task_status', value: 'blocked' }), {
        tableId: 't_tasks',
        name: 'score',
        type: 'integer',
        notNull: true,
      }),
    );
    expect(safeVariant(lab.migration).hazards).toEqual([
      { code: 'rebuild-selects-new-column', table: 'MoLOS-Tasks_tasks', column: 'score', fixed: true },
      { code: 'add-not-null-without-default', table: 'MoLOS-Tasks_tasks', column: 'score', fixed: false },
      {
        code: 'rebuild-cascade',
        table: 'MoLOS-Tasks_tasks',
        children: ['MoLOS-Tasks_task_tags', 'MoLOS-Tasks_tasks'],
        fixed: true,
      },
    ]);
    // The self reference counts: the old table's DROP would null parent_id in the copied rows.
    expect(lab.safe.sql).toContain('CREATE TABLE `__keep_MoLOS-Tasks_tasks` AS SELECT * FROM `MoLOS-Tasks_tasks`;');
  });

  it('drops a parent after rebuilding the tables that referenced it (LLM Council: members)', async () => {
    const lab = await migrationLab(loadExample('molos-llm-council'), (d) => deleteTable(d, { tableId: 't_members' }));
    const statements = lab.safe.sql.split('--> statement-breakpoint\n');
    const at = (prefix: string) => statements.findIndex((s) => s.startsWith(prefix));
    expect(lab.migration.sql.startsWith('DROP TABLE `MoLOS-LLM-Council_members`;')).toBe(true);
    expect(at('DROP TABLE `MoLOS-LLM-Council_members`;')).toBeGreaterThan(
      at('ALTER TABLE `__new_MoLOS-LLM-Council_reviews` RENAME TO'),
    );
    expect(lab.safe.differences).toContain(
      'Drops MoLOS-LLM-Council_members after rebuilding the tables that referenced it: dropped first, as drizzle-kit does, it makes the rebuilds\' DROP TABLE fail ("no such table") inside the host\'s transaction.',
    );
    expect(lab.drizzle.ok).toBe(false);
    expect(lab.safe).toMatchObject({ ok: true, drift: [] });
  });
});
