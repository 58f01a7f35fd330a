import { describe, expect, it } from 'vitest';
import { emptyDesign, type Design } from '../design';
import { IDS, deepFreeze, exampleDesign, keyOrder, standardColumnIds } from '../test-fixtures';
import { addIndex } from './indexes';
import { checkDesign } from '../rules';
import { OperationError } from './util';
import { addTable, deleteTable, derivedExportName, moveTables, renameTable, updateTable } from './tables';

const frozen = () => deepFreeze(exampleDesign());

describe('derivedExportName', () => {
  it.each([
    ['MoLOS-Example', 'items', 'exampleItems'],
    ['MoLOS-Example', 'task_categories', 'exampleTaskCategories'],
    ['MoLOS-Tasks', 'daily_log', 'tasksDailyLog'],
    ['MoLOS-LLM-Council', 'sessions', 'llmCouncilSessions'],
    ['MoLOS-AI-Knowledge', 'documents', 'aiKnowledgeDocuments'],
  ])('%s + %s → %s', (moduleId, table, expected) => {
    expect(derivedExportName(emptyDesign({ id: moduleId }), table)).toBe(expected);
  });
});

describe('addTable', () => {
  it('creates a MoLOS-compliant table: id uuid PK, user_id, created_at/updated_at in unix seconds', () => {
    const input = deepFreeze(emptyDesign({ id: 'MoLOS-Example' }));
    const d = addTable(input, {
      id: 't_items',
      name: 'items',
      position: { x: 10, y: 20 },
      columnIds: standardColumnIds('items'),
    });
    const expected: Design = {
      module: { id: 'MoLOS-Example', name: '', description: '', layout: 'legacy' },
      baseline: null,
      tables: {
        t_items: {
          id: 't_items',
          name: 'items',
          exportName: 'exampleItems',
          comment: '',
          position: { x: 10, y: 20 },
          columnIds: ['c_items_id', 'c_items_user_id', 'c_items_created_at', 'c_items_updated_at'],
          indexIds: [],
        },
      },
      columns: {
        c_items_id: {
          id: 'c_items_id',
          tableId: 't_items',
          name: 'id',
          key: 'id',
          type: 'text',
          mode: null,
          enumId: null,
          notNull: true,
          primaryKey: true,
          unique: false,
          default: { kind: 'uuid' },
          comment: '',
        },
        c_items_user_id: {
          id: 'c_items_user_id',
          tableId: 't_items',
          name: 'user_id',
          key: 'userId',
          type: 'text',
          mode: null,
          enumId: null,
          notNull: true,
          primaryKey: false,
          unique: false,
          default: null,
          comment: '',
        },
        c_items_created_at: {
          id: 'c_items_created_at',
          tableId: 't_items',
          name: 'created_at',
          key: 'createdAt',
          type: 'integer',
          mode: null,
          enumId: null,
          notNull: true,
          primaryKey: false,
          unique: false,
          default: { kind: 'sql', sql: "(strftime('%s','now'))" },
          comment: '',
        },
        c_items_updated_at: {
          id: 'c_items_updated_at',
          tableId: 't_items',
          name: 'updated_at',
          key: 'updatedAt',
          type: 'integer',
          mode: null,
          enumId: null,
          notNull: true,
          primaryKey: false,
          unique: false,
          default: { kind: 'sql', sql: "(strftime('%s','now'))" },
          comment: '',
        },
      },
      relations: {},
      enums: {},
      indexes: {},
    };
    expect(d).toStrictEqual(expected);
    expect(input).toStrictEqual(emptyDesign({ id: 'MoLOS-Example' }));
  });

  it('writes column fields in the canonical order (so a saved file re-saves byte for byte)', () => {
    const d = addTable(emptyDesign(), { id: 't', name: 'items', columnIds: standardColumnIds('items') });
    for (const c of Object.values(d.columns)) {
      expect(Object.keys(c)).toEqual([
        'id',
        'tableId',
        'name',
        'key',
        'type',
        'mode',
        'enumId',
        'notNull',
        'primaryKey',
        'unique',
        'default',
        'comment',
      ]);
    }
    expect(Object.keys(d.tables.t!)).toEqual([
      'id',
      'name',
      'exportName',
      'comment',
      'position',
      'columnIds',
      'indexIds',
    ]);
  });

  it('appends the table after the existing ones and keeps the others untouched', () => {
    const input = frozen();
    const d = addTable(input, {
      id: 't_notes',
      name: 'notes',
      exportName: 'notes',
      comment: 'Free notes',
      columnIds: standardColumnIds('notes'),
    });
    expect(keyOrder(d).tables).toEqual([IDS.projects, IDS.tasks, 't_notes']);
    expect(d.tables.t_notes).toStrictEqual({
      id: 't_notes',
      name: 'notes',
      exportName: 'notes',
      comment: 'Free notes',
      position: { x: 0, y: 0 },
      columnIds: ['c_notes_id', 'c_notes_user_id', 'c_notes_created_at', 'c_notes_updated_at'],
      indexIds: [],
    });
    expect(d.tables[IDS.tasks]).toBe(input.tables[IDS.tasks]);
    expect(d.columns[IDS.tasksStatus]).toBe(input.columns[IDS.tasksStatus]);
    expect(d.relations).toBe(input.relations);
    expect(d.indexes).toBe(input.indexes);
    expect(Object.keys(d.columns)).toHaveLength(Object.keys(input.columns).length + 4);
    expect(input).toStrictEqual(exampleDesign());
  });

  it('picks a free default name new_table, new_table_2, …', () => {
    let d = addTable(emptyDesign(), { id: 't1' });
    d = addTable(d, { id: 't2' });
    d = addTable(d, { id: 't3' });
    expect(Object.values(d.tables).map((t) => [t.name, t.exportName])).toEqual([
      ['new_table', 'myModuleNewTable'],
      ['new_table_2', 'myModuleNewTable2'],
      ['new_table_3', 'myModuleNewTable3'],
    ]);
  });

  it('skips a default name whose export name another table already has', () => {
    let d = addTable(emptyDesign(), { id: 't1' });
    d = addTable(d, { id: 't2', name: 'new_table2' });
    d = addTable(d, { id: 't3' });
    expect([d.tables.t3!.name, d.tables.t3!.exportName]).toEqual(['new_table_3', 'myModuleNewTable3']);
  });

  it('gives new tables names that raise no rule finding', () => {
    const input = frozen();
    let d: Design = input;
    for (const id of ['t_a', 't_b']) d = addTable(d, { id, columnIds: standardColumnIds(id) });
    expect(checkDesign(d).filter((i) => i.target.kind === 'table' && ['t_a', 't_b'].includes(i.target.id))).toEqual([]);
    // No finding about their columns or the module either: the findings are the example's own.
    expect(checkDesign(d).map((i) => i.code)).toEqual(checkDesign(input).map((i) => i.code));
  });

  it('makes random, distinct, prefixed ids when none are given', () => {
    const d = addTable(emptyDesign(), { name: 'items' });
    const [table] = Object.values(d.tables);
    expect(table!.id).toMatch(/^t_[0-9a-z]{10}$/);
    expect(table!.columnIds).toHaveLength(4);
    for (const id of table!.columnIds) expect(id).toMatch(/^c_[0-9a-z]{10}$/);
    expect(new Set(table!.columnIds).size).toBe(4);
    expect(Object.keys(d.columns)).toEqual(table!.columnIds);
  });

  it('refuses ids that are already used (they would overwrite another element)', () => {
    const d = frozen();
    expect(() => addTable(d, { id: IDS.tasks, name: 'x' })).toThrow(
      new OperationError(`The id "${IDS.tasks}" is already used by another table.`),
    );
    expect(() => addTable(d, { id: 't_x', name: 'x', columnIds: { userId: IDS.tasksTitle } })).toThrow(
      new OperationError(`The id "${IDS.tasksTitle}" is already used by another column.`),
    );
    expect(() => addTable(d, { id: 't_x', name: 'x', columnIds: { id: 'c_same', userId: 'c_same' } })).toThrow(
      new OperationError('The four standard columns need four different ids.'),
    );
  });
});

describe('renameTable', () => {
  it('renames, follows with the derived export name and the index names starting with the old full name', () => {
    const input = frozen();
    const d = renameTable(input, { tableId: IDS.tasks, name: 'todos' });
    const expected = structuredClone(exampleDesign());
    expected.tables[IDS.tasks]!.name = 'todos';
    expected.tables[IDS.tasks]!.exportName = 'exampleTodos';
    expected.indexes[IDS.tasksUserStatusIdx]!.name = 'MoLOS-Example_todos_user_id_status_idx';
    expect(d).toStrictEqual(expected);
    expect(d.tables[IDS.projects]).toBe(input.tables[IDS.projects]);
    expect(d.columns).toBe(input.columns);
    expect(input).toStrictEqual(exampleDesign());
  });

  it('keeps a custom export name', () => {
    const d0 = updateTable(frozen(), { tableId: IDS.tasks, exportName: 'tasks' });
    const d = renameTable(deepFreeze(d0), { tableId: IDS.tasks, name: 'todos' });
    expect(d.tables[IDS.tasks]).toMatchObject({ name: 'todos', exportName: 'tasks' });
  });

  it('leaves index names that do not start with the old full name, and indexes of other tables', () => {
    let d0 = addIndex(frozen(), {
      tableId: IDS.tasks,
      id: 'i_custom',
      columnIds: [IDS.tasksTitle],
      name: 'title_lookup',
    });
    d0 = addIndex(d0, {
      tableId: IDS.projects,
      id: 'i_projects',
      columnIds: [IDS.projectsName],
      name: 'MoLOS-Example_tasks_looking_name',
    });
    const d = renameTable(deepFreeze(d0), { tableId: IDS.tasks, name: 'todos' });
    expect(Object.values(d.indexes).map((ix) => ix.name)).toEqual([
      'MoLOS-Example_todos_user_id_status_idx',
      'title_lookup',
      'MoLOS-Example_tasks_looking_name',
    ]);
  });

  it('throws OperationError for a missing table', () => {
    expect(() => renameTable(frozen(), { tableId: 't_nope', name: 'x' })).toThrow(
      new OperationError('No table with id "t_nope".'),
    );
  });
});

describe('updateTable', () => {
  it('changes the export name and/or the comment only', () => {
    const input = frozen();
    const d = updateTable(input, { tableId: IDS.projects, comment: 'All projects' });
    expect(d.tables[IDS.projects]).toStrictEqual({ ...input.tables[IDS.projects], comment: 'All projects' });
    const d2 = updateTable(d, { tableId: IDS.projects, exportName: 'projects' });
    expect(d2.tables[IDS.projects]).toStrictEqual({
      ...input.tables[IDS.projects],
      comment: 'All projects',
      exportName: 'projects',
    });
    expect(d2.tables[IDS.tasks]).toBe(input.tables[IDS.tasks]);
    expect(keyOrder(d2)).toEqual(keyOrder(input));
  });

  it('throws OperationError for a missing table', () => {
    expect(() => updateTable(frozen(), { tableId: 'nope', comment: '' })).toThrow(OperationError);
  });
});

describe('moveTables', () => {
  it('sets positions and keeps the table order', () => {
    const input = frozen();
    const d = moveTables(input, { positions: { [IDS.tasks]: { x: -5, y: 7.5 }, [IDS.projects]: { x: 1, y: 2 } } });
    expect(d.tables[IDS.tasks]!.position).toStrictEqual({ x: -5, y: 7.5 });
    expect(d.tables[IDS.projects]!.position).toStrictEqual({ x: 1, y: 2 });
    expect(keyOrder(d)).toEqual(keyOrder(input));
    expect(d.tables[IDS.tasks]).toStrictEqual({ ...input.tables[IDS.tasks], position: { x: -5, y: 7.5 } });
  });

  it('copies the position (a later change to the argument does not leak in)', () => {
    const pos = { x: 3, y: 4 };
    const d = moveTables(frozen(), { positions: { [IDS.tasks]: pos } });
    pos.x = 99;
    expect(d.tables[IDS.tasks]!.position).toStrictEqual({ x: 3, y: 4 });
  });

  it('throws OperationError for a missing table', () => {
    expect(() => moveTables(frozen(), { positions: { nope: { x: 0, y: 0 } } })).toThrow(
      new OperationError('No table with id "nope".'),
    );
  });
});

describe('deleteTable', () => {
  it('deleting the referenced table removes its columns and the relation to it; the other table keeps its FK column', () => {
    const input = frozen();
    const d = deleteTable(input, { tableId: IDS.projects });
    const expected = structuredClone(exampleDesign());
    delete expected.tables[IDS.projects];
    for (const id of [
      IDS.projectsId,
      IDS.projectsUserId,
      IDS.projectsCreatedAt,
      IDS.projectsUpdatedAt,
      IDS.projectsName,
    ]) {
      delete expected.columns[id];
    }
    delete expected.relations[IDS.tasksProject];
    expect(d).toStrictEqual(expected);
    expect(d.tables[IDS.tasks]).toBe(input.tables[IDS.tasks]);
    expect(d.columns[IDS.tasksProjectId]).toBe(input.columns[IDS.tasksProjectId]);
    expect(d.enums).toBe(input.enums);
    expect(d.indexes).toBe(input.indexes);
    expect(input).toStrictEqual(exampleDesign());
  });

  it('deleting the referencing table removes its columns, indexes and the relation from it', () => {
    const input = frozen();
    const d = deleteTable(input, { tableId: IDS.tasks });
    expect(d).toStrictEqual({
      module: input.module,
      tables: { [IDS.projects]: input.tables[IDS.projects] },
      columns: Object.fromEntries(Object.entries(input.columns).filter(([, c]) => c.tableId === IDS.projects)),
      relations: {},
      enums: input.enums,
      indexes: {},
      baseline: null,
    });
    expect(d.tables[IDS.projects]).toBe(input.tables[IDS.projects]);
    expect(keyOrder(d).columns).toEqual([
      IDS.projectsId,
      IDS.projectsUserId,
      IDS.projectsCreatedAt,
      IDS.projectsUpdatedAt,
      IDS.projectsName,
    ]);
  });

  it('removes a self relation and relations from other tables pointing at any of its columns', () => {
    let d0 = addTable(frozen(), { id: 't_c', name: 'comments', columnIds: standardColumnIds('comments') });
    d0 = {
      ...d0,
      relations: {
        ...d0.relations,
        r_self: {
          id: 'r_self',
          fromColumnId: IDS.tasksTitle,
          toColumnId: IDS.tasksId,
          onDelete: null,
          onUpdate: null,
          logical: true,
        },
        r_c: {
          id: 'r_c',
          fromColumnId: 'c_comments_user_id',
          toColumnId: IDS.tasksId,
          onDelete: null,
          onUpdate: null,
          logical: false,
        },
        r_keep: {
          id: 'r_keep',
          fromColumnId: 'c_comments_user_id',
          toColumnId: IDS.projectsId,
          onDelete: null,
          onUpdate: null,
          logical: false,
        },
      },
    };
    const d = deleteTable(deepFreeze(d0), { tableId: IDS.tasks });
    expect(Object.keys(d.relations)).toEqual(['r_keep']);
    expect(Object.keys(d.tables)).toEqual([IDS.projects, 't_c']);
  });

  it('throws OperationError for a missing table', () => {
    expect(() => deleteTable(frozen(), { tableId: 'nope' })).toThrow(new OperationError('No table with id "nope".'));
  });
});

describe('renameTable and index names', () => {
  it('renames only indexes named after this table, not a longer table name that starts the same', () => {
    let d = addTable(emptyDesign({ id: 'MoLOS-Example' }), { id: 't_task', name: 'task' });
    const userId = d.tables.t_task?.columnIds[1] as string;
    d = addIndex(d, { tableId: 't_task', id: 'i_own', columnIds: [userId], name: 'MoLOS-Example_task_user_idx' });
    d = addIndex(d, { tableId: 't_task', id: 'i_other', columnIds: [userId], name: 'MoLOS-Example_tasks_extra' });
    const renamed = renameTable(d, { tableId: 't_task', name: 'job' });
    expect(renamed.indexes.i_own?.name).toBe('MoLOS-Example_job_user_idx');
    expect(renamed.indexes.i_other?.name).toBe('MoLOS-Example_tasks_extra');
  });
});
