import { describe, expect, it } from 'vitest';
import { IDS, deepFreeze, exampleDesign, keyOrder } from '../test-fixtures';
import { addIndex, deleteIndex, derivedIndexName, updateIndex } from './indexes';
import { OperationError } from './util';

const frozen = () => deepFreeze(exampleDesign());

describe('derivedIndexName', () => {
  it('is <full table>_<columns>_idx, or _uq when unique', () => {
    const d = frozen();
    expect(derivedIndexName(d, IDS.tasks, [IDS.tasksUserId], false)).toBe('MoLOS-Example_tasks_user_id_idx');
    expect(derivedIndexName(d, IDS.tasks, [IDS.tasksUserId, IDS.tasksStatus], true)).toBe(
      'MoLOS-Example_tasks_user_id_status_uq',
    );
  });
});

describe('addIndex', () => {
  it('adds an index with the derived name and appends it to the table (the fixture)', () => {
    const d = exampleDesign();
    expect(d.indexes).toStrictEqual({
      [IDS.tasksUserStatusIdx]: {
        id: IDS.tasksUserStatusIdx,
        tableId: IDS.tasks,
        name: 'MoLOS-Example_tasks_user_id_status_idx',
        columnIds: [IDS.tasksUserId, IDS.tasksStatus],
        unique: false,
      },
    });
    expect(d.tables[IDS.tasks]!.indexIds).toEqual([IDS.tasksUserStatusIdx]);
  });

  it('names a unique index _uq, makes a taken name unique, and keeps an explicit name', () => {
    const input = frozen();
    let d = addIndex(input, { tableId: IDS.projects, id: 'i_a', columnIds: [IDS.projectsName], unique: true });
    d = addIndex(d, { tableId: IDS.projects, id: 'i_b', columnIds: [IDS.projectsName], unique: true });
    d = addIndex(d, {
      tableId: IDS.projects,
      id: 'i_c',
      columnIds: [IDS.projectsUserId, IDS.projectsName],
      name: 'custom',
    });
    expect(d.indexes.i_a).toStrictEqual({
      id: 'i_a',
      tableId: IDS.projects,
      name: 'MoLOS-Example_projects_name_uq',
      columnIds: [IDS.projectsName],
      unique: true,
    });
    expect(d.indexes.i_b!.name).toBe('MoLOS-Example_projects_name_uq_2');
    expect(d.indexes.i_c).toStrictEqual({
      id: 'i_c',
      tableId: IDS.projects,
      name: 'custom',
      columnIds: [IDS.projectsUserId, IDS.projectsName],
      unique: false,
    });
    expect(d.tables[IDS.projects]!.indexIds).toEqual(['i_a', 'i_b', 'i_c']);
    expect(d.tables[IDS.tasks]).toBe(input.tables[IDS.tasks]);
    expect(d.columns).toBe(input.columns);
    expect(keyOrder(d).indexes).toEqual([IDS.tasksUserStatusIdx, 'i_a', 'i_b', 'i_c']);
  });

  it('copies the column list', () => {
    const columnIds: string[] = [IDS.projectsName];
    const d = addIndex(frozen(), { tableId: IDS.projects, id: 'i_a', columnIds });
    columnIds.push(IDS.projectsUserId);
    expect(d.indexes.i_a!.columnIds).toEqual([IDS.projectsName]);
  });

  it('makes a random i_ id when none is given', () => {
    const d = addIndex(frozen(), { tableId: IDS.projects, columnIds: [IDS.projectsName] });
    expect(d.tables[IDS.projects]!.indexIds[0]).toMatch(/^i_[0-9a-z]{10}$/);
  });

  it('rejects a column of another table, a missing column or table, and a used id', () => {
    const d = frozen();
    expect(() => addIndex(d, { tableId: IDS.tasks, columnIds: [IDS.tasksTitle, IDS.projectsName] })).toThrow(
      new OperationError(`Column "${IDS.projectsName}" is not in this table.`),
    );
    expect(() => addIndex(d, { tableId: IDS.tasks, columnIds: ['c_nope'] })).toThrow(
      new OperationError('No column with id "c_nope".'),
    );
    expect(() => addIndex(d, { tableId: 'nope', columnIds: [] })).toThrow(
      new OperationError('No table with id "nope".'),
    );
    expect(() => addIndex(d, { tableId: IDS.tasks, id: IDS.tasksUserStatusIdx, columnIds: [IDS.tasksTitle] })).toThrow(
      new OperationError(`The id "${IDS.tasksUserStatusIdx}" is already used by another index.`),
    );
  });
});

describe('updateIndex', () => {
  it('changes only the given fields', () => {
    const input = frozen();
    const before = input.indexes[IDS.tasksUserStatusIdx]!;
    const d = updateIndex(input, { indexId: IDS.tasksUserStatusIdx, unique: true });
    expect(d.indexes[IDS.tasksUserStatusIdx]).toStrictEqual({ ...before, unique: true });
    const d2 = updateIndex(deepFreeze(d), { indexId: IDS.tasksUserStatusIdx, name: 'n', columnIds: [IDS.tasksTitle] });
    expect(d2.indexes[IDS.tasksUserStatusIdx]).toStrictEqual({
      ...before,
      unique: true,
      name: 'n',
      columnIds: [IDS.tasksTitle],
    });
    expect(d2.tables).toBe(input.tables);
  });

  it('rejects a column of another table and a missing index', () => {
    expect(() => updateIndex(frozen(), { indexId: IDS.tasksUserStatusIdx, columnIds: [IDS.projectsName] })).toThrow(
      new OperationError(`Column "${IDS.projectsName}" is not in this table.`),
    );
    expect(() => updateIndex(frozen(), { indexId: 'nope', unique: true })).toThrow(
      new OperationError('No index with id "nope".'),
    );
  });
});

describe('deleteIndex', () => {
  it('removes the index and its id from the table', () => {
    const input = frozen();
    const d = deleteIndex(input, { indexId: IDS.tasksUserStatusIdx });
    const expected = structuredClone(exampleDesign());
    expected.indexes = {};
    expected.tables[IDS.tasks]!.indexIds = [];
    expect(d).toStrictEqual(expected);
    expect(d.columns).toBe(input.columns);
    expect(d.tables[IDS.projects]).toBe(input.tables[IDS.projects]);
  });

  it('throws OperationError for a missing index', () => {
    expect(() => deleteIndex(frozen(), { indexId: 'nope' })).toThrow(new OperationError('No index with id "nope".'));
  });
});
