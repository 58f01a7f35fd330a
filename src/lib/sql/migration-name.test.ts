import { describe, expect, it } from 'vitest';
import type { JsonStatement } from './diff/statements';
import { cleanMigrationName, migrationName } from './migration-name';

const M = 'MoLOS-Tasks';
const col = (name: string) => ({ name, type: 'integer', primaryKey: false, notNull: false, autoincrement: false });

describe('migrationName', () => {
  it.each<[JsonStatement[], string]>([
    [
      [{ type: 'sqlite_alter_table_add_column', tableName: 'MoLOS-Tasks_steps', column: col('position') }],
      'add_steps_position',
    ],
    [[{ type: 'drop_table', tableName: 'MoLOS-Tasks_old_logs' }], 'drop_old_logs'],
    [
      [{ type: 'rename_table', tableNameFrom: 'MoLOS-Tasks_tags', tableNameTo: 'MoLOS-Tasks_labels' }],
      'rename_tags_to_labels',
    ],
    [
      [
        {
          type: 'alter_table_rename_column',
          tableName: 'MoLOS-Tasks_tasks',
          oldColumnName: 'notes',
          newColumnName: 'body',
        },
      ],
      'rename_tasks_notes',
    ],
    [
      [
        { type: 'drop_index', tableName: 'MoLOS-Tasks_tasks', data: 'MoLOS-Tasks_tasks_due_unique;due;true;' },
        { type: 'alter_table_drop_column', tableName: 'MoLOS-Tasks_tasks', columnName: 'due' },
      ],
      'drop_tasks_due_and_drop_index_tasks_due',
    ],
    [
      [{ type: 'create_index', tableName: 'MoLOS-Tasks_tasks', data: 'x;user_id,status;false;' }],
      'index_tasks_user_id_status',
    ],
    [[], 'update'],
  ])('%#: %s', (statements, name) => {
    expect(migrationName(statements, M)).toBe(name);
    expect(`0001_${name}.sql`).toMatch(/^\d+_[a-z0-9_]+\.sql$/);
  });

  it('summarises many changes and stays short', () => {
    const many: JsonStatement[] = ['a', 'b', 'c'].map((t) => ({ type: 'drop_table', tableName: `MoLOS-Tasks_${t}` }));
    expect(migrationName(many, M)).toBe('drop_a_and_more');
    const long: JsonStatement[] = [{ type: 'drop_table', tableName: `MoLOS-Tasks_${'x'.repeat(80)}` }];
    expect(migrationName(long, M).length).toBeLessThanOrEqual(48);
  });

  it('cleans user-given names', () => {
    expect(cleanMigrationName('Add Steps-Position!')).toBe('add_steps_position');
    expect(cleanMigrationName('---')).toBeNull();
  });
});
