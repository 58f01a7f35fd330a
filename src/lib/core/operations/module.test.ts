import { describe, expect, it } from 'vitest';
import { IDS, deepFreeze, exampleDesign, keyOrder } from '../test-fixtures';
import { addIndex } from './indexes';
import { setModule } from './module';
import { updateTable } from './tables';

const frozen = () => deepFreeze(exampleDesign());

describe('setModule', () => {
  it('changes name, description and layout without touching anything else', () => {
    const input = frozen();
    const d = setModule(input, { name: 'Tasks', description: 'd', layout: 'current' });
    expect(d).toStrictEqual({
      ...input,
      module: { id: 'MoLOS-Example', name: 'Tasks', description: 'd', layout: 'current' },
    });
    expect(d.tables).toBe(input.tables);
    expect(d.indexes).toBe(input.indexes);
  });

  it('a new module id renames index names carrying the old prefix and derived export names', () => {
    let d0 = addIndex(frozen(), {
      tableId: IDS.projects,
      id: 'i_custom',
      columnIds: [IDS.projectsName],
      name: 'projects_by_name',
    });
    d0 = updateTable(d0, { tableId: IDS.projects, exportName: 'projects' });
    const input = deepFreeze(d0);
    const d = setModule(input, { id: 'MoLOS-Tasks' });
    const expected = structuredClone(d0);
    expected.module.id = 'MoLOS-Tasks';
    expected.indexes[IDS.tasksUserStatusIdx]!.name = 'MoLOS-Tasks_tasks_user_id_status_idx';
    expected.tables[IDS.tasks]!.exportName = 'tasksTasks';
    expect(d).toStrictEqual(expected);
    expect(d.indexes.i_custom).toBe(input.indexes.i_custom);
    expect(d.tables[IDS.projects]).toBe(input.tables[IDS.projects]);
    expect(keyOrder(d)).toEqual(keyOrder(input));
  });

  it('only replaces the prefix, not a later occurrence', () => {
    const d0 = addIndex(frozen(), {
      tableId: IDS.projects,
      id: 'i_x',
      columnIds: [IDS.projectsName],
      name: 'x_MoLOS-Example_projects',
    });
    const d = setModule(deepFreeze(d0), { id: 'MoLOS-Other' });
    expect(d.indexes.i_x!.name).toBe('x_MoLOS-Example_projects');
    expect(d.indexes[IDS.tasksUserStatusIdx]!.name).toBe('MoLOS-Other_tasks_user_id_status_idx');
  });

  it('treats undefined fields as unchanged', () => {
    const input = frozen();
    expect(setModule(input, { id: undefined, name: undefined, layout: 'current' }).module).toStrictEqual({
      ...input.module,
      layout: 'current',
    });
  });
});
