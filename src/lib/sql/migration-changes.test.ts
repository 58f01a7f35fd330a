import { describe, expect, it } from 'vitest';
import type { Design } from '../core/design';
import {
  addColumn,
  addEnumMember,
  addTable,
  deleteColumn,
  deleteTable,
  renameTable,
  updateColumn,
} from '../core/operations';
import { loadExample } from '../../testing/examples';
import { migrationChanges, pendingChanges } from './migration-changes';
import { EMPTY_FOLDER, type MigrationFolder, nextMigration } from './next-migration';

const design = loadExample('molos-tasks');
const first = nextMigration(design, EMPTY_FOLDER, { now: 1 });
const folder: MigrationFolder = {
  journal: null,
  snapshots: { '0000_snapshot.json': first.after },
  sqlFiles: ['0000_init.sql'],
};
const base: Design = { ...design, baseline: first.baseline };
const changes = (d: Design) => migrationChanges(nextMigration(d, folder, { now: 2 }), 'MoLOS-Tasks');

describe('migrationChanges', () => {
  it('says nothing when nothing changes', () => {
    expect(changes(base)).toEqual([]);
  });

  it('names added, dropped and renamed columns and tables, table by table', () => {
    let d = addColumn(base, {
      tableId: 't_tags',
      name: 'rank',
      type: 'integer',
      notNull: true,
      default: { kind: 'literal', value: 0 },
    });
    d = deleteColumn(d, { columnId: 'c_tags_color' });
    d = renameTable(d, { tableId: 't_projects', name: 'boards' });
    d = addTable(d, { id: 't_notes', name: 'notes' });
    d = deleteTable(d, { tableId: 't_task_tags' });
    expect(changes(d)).toEqual([
      // A renamed table's unique index and the foreign keys to it are renamed with it (drizzle-kit's names).
      'table projects renamed to boards; boards: unique index MoLOS-Tasks_boards_slug_unique (slug) added; boards: unique index MoLOS-Tasks_projects_slug_unique (slug) dropped',
      'notes: new table (4 columns)',
      'tags.rank: added (integer NOT NULL DEFAULT 0); tags.color: dropped',
      'tasks: foreign key (project_id) → boards(id) ON DELETE cascade added; tasks: foreign key (project_id) → projects(id) ON DELETE cascade dropped — rebuilds tasks',
      'task_tags: table dropped',
    ]);
  });

  it('says what changes in a column, and which tables are rebuilt for it', () => {
    let d = addEnumMember(base, { enumId: 'e_task_status', key: 'BLOCKED', value: 'blocked' });
    d = updateColumn(d, { columnId: 'c_tasks_title', patch: { notNull: false } });
    expect(changes(d)).toEqual([
      "tasks.title: NOT NULL → nullable; tasks.status: allowed values 'to_do', 'in_progress', 'done' → 'to_do', 'in_progress', 'done', 'blocked' — rebuilds tasks",
    ]);
  });

  it('reads as one sentence for messages', () => {
    const d = updateColumn(base, { columnId: 'c_tasks_title', patch: { notNull: false } });
    expect(pendingChanges(nextMigration(d, folder, { now: 2 }), 'MoLOS-Tasks')).toBe(
      'the next migration (0001_alter_tasks) will hold tasks.title: NOT NULL → nullable — rebuilds tasks',
    );
  });
});
