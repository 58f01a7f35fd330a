import { describe, expect, it } from 'vitest';
import { addColumn, connect, updateColumn, updateRelation } from '../core/operations';
import { IDS, exampleDesign } from '../core/test-fixtures';
import { seedHints } from './seed-hints';

describe('seedHints', () => {
  it('gives enum values, NOT NULL and relations by the names the database has now', () => {
    const hints = seedHints(exampleDesign());
    expect(hints['MoLOS-Example_tasks']).toMatchObject({
      status: { values: ['to_do', 'in_progress', 'done'], notNull: true },
      title: { notNull: true },
      project_id: { references: { table: 'MoLOS-Example_projects', column: 'id' } },
    });
    expect(hints['MoLOS-Example_tasks']?.user_id).toEqual({ notNull: true });
    expect(hints['MoLOS-Example_projects']?.name).toEqual({ notNull: true });
  });

  it('names tables and columns as the baseline knew them, and gives none to what is new', () => {
    let d = exampleDesign();
    d = {
      ...d,
      baseline: {
        snapshotId: 's',
        tables: { [IDS.tasks]: 'MoLOS-Example_todo', [IDS.projects]: 'MoLOS-Example_projects' },
        columns: { [IDS.tasksStatus]: 'state', [IDS.tasksProjectId]: 'project_id', [IDS.projectsId]: 'id' },
      },
    };
    d = addColumn(d, { tableId: IDS.tasks, id: 'c_new', name: 'kind', enumId: IDS.taskStatus });
    const hints = seedHints(d);
    expect(Object.keys(hints).sort()).toEqual(['MoLOS-Example_projects', 'MoLOS-Example_todo']);
    expect(Object.keys(hints['MoLOS-Example_projects'] ?? {})).toEqual(['id']);
    expect(Object.keys(hints['MoLOS-Example_todo'] ?? {}).sort()).toEqual(['project_id', 'state']);
    expect(hints['MoLOS-Example_todo']?.project_id?.references).toEqual({
      table: 'MoLOS-Example_projects',
      column: 'id',
    });
  });

  it("without a baseline, undoes the migration's renames; a logical relation counts", () => {
    let d = updateRelation(exampleDesign(), { relationId: IDS.tasksProject, logical: true });
    d = updateColumn(d, { columnId: IDS.tasksStatus, patch: { name: 'state' } });
    d = connect(d, { fromColumnId: IDS.tasksUserId, toColumnId: IDS.projectsId, id: 'r_x' });
    const hints = seedHints(d, {
      tables: [{ from: 'MoLOS-Example_todo', to: 'MoLOS-Example_tasks' }],
      columns: [{ table: 'MoLOS-Example_tasks', from: 'status', to: 'state' }],
    });
    expect(hints['MoLOS-Example_todo']).toMatchObject({
      status: { values: ['to_do', 'in_progress', 'done'] },
      project_id: { references: { table: 'MoLOS-Example_projects', column: 'id' } },
      user_id: { references: { table: 'MoLOS-Example_projects', column: 'id' } },
    });
  });
});
