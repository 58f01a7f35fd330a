import { describe, expect, it } from 'vitest';
import { updateIndex, updateColumn } from '$lib/core/operations';
import { IDS, exampleDesign } from '$lib/core/test-fixtures';
import { newIndexColumns, setIndexUnique, toggleIndexColumn } from './index-form';

const d = exampleDesign();
const ix = d.indexes[IDS.tasksUserStatusIdx]!;

describe('index edits', () => {
  it('appends a picked column and renames a derived name', () => {
    expect(toggleIndexColumn(d, ix, IDS.tasksTitle, true)).toEqual({
      indexId: ix.id,
      columnIds: [IDS.tasksUserId, IDS.tasksStatus, IDS.tasksTitle],
      name: 'MoLOS-Example_tasks_user_id_status_title_idx',
    });
    expect(toggleIndexColumn(d, ix, IDS.tasksUserId, false)).toEqual({
      indexId: ix.id,
      columnIds: [IDS.tasksStatus],
      name: 'MoLOS-Example_tasks_status_idx',
    });
  });

  it('follows the unique flag in a derived name', () => {
    expect(setIndexUnique(d, ix, true)).toEqual({
      indexId: ix.id,
      unique: true,
      name: 'MoLOS-Example_tasks_user_id_status_uq',
    });
  });

  it('leaves a chosen name alone', () => {
    const named = updateIndex(d, { indexId: ix.id, name: 'MoLOS-Example_tasks_by_owner' });
    const nix = named.indexes[ix.id]!;
    expect(setIndexUnique(named, nix, true)).toEqual({ indexId: ix.id, unique: true });
    expect(toggleIndexColumn(named, nix, IDS.tasksStatus, false)).toEqual({
      indexId: ix.id,
      columnIds: [IDS.tasksUserId],
    });
  });

  it('starts a new index on the focused column, else the first plain column', () => {
    expect(newIndexColumns(d, IDS.tasks, IDS.tasksTitle)).toEqual([IDS.tasksTitle]);
    expect(newIndexColumns(d, IDS.tasks, IDS.projectsName)).toEqual([IDS.tasksUserId]);
    expect(newIndexColumns(d, IDS.tasks, null)).toEqual([IDS.tasksUserId]);
    const keyless = updateColumn(d, { columnId: IDS.tasksId, patch: { primaryKey: false } });
    expect(newIndexColumns(keyless, IDS.tasks, null)).toEqual([IDS.tasksId]);
    expect(newIndexColumns(d, 'missing', null)).toEqual([]);
  });
});
