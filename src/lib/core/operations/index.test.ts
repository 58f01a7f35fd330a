import { describe, expect, it } from 'vitest';
import { UNIX_SECONDS_SQL, emptyDesign, type Column, type Design } from '../design';
import { IDS, deepFreeze, exampleDesign, keyOrder } from '../test-fixtures';
import {
  OperationError,
  type OperationCall,
  addTable,
  applyOperation,
  connect,
  deleteTable,
  operations,
  renameTable,
  setEnumMembers,
  updateColumn,
} from './index';

const NOW = { kind: 'sql', sql: UNIX_SECONDS_SQL } as const;

function col(c: Partial<Column> & Pick<Column, 'id' | 'tableId' | 'name' | 'key'>): Column {
  return {
    type: 'text',
    mode: null,
    enumId: null,
    notNull: false,
    primaryKey: false,
    unique: false,
    default: null,
    comment: '',
    ...c,
  };
}

/** The example fixture, written out by hand: if an operation it uses changes behaviour, this fails. */
const EXPECTED_EXAMPLE: Design = {
  module: { id: 'MoLOS-Example', name: 'Example', description: 'An example module', layout: 'legacy' },
  baseline: null,
  tables: {
    [IDS.projects]: {
      id: IDS.projects,
      name: 'projects',
      exportName: 'exampleProjects',
      comment: '',
      position: { x: 0, y: 0 },
      columnIds: [IDS.projectsId, IDS.projectsUserId, IDS.projectsName, IDS.projectsCreatedAt, IDS.projectsUpdatedAt],
      indexIds: [],
    },
    [IDS.tasks]: {
      id: IDS.tasks,
      name: 'tasks',
      exportName: 'exampleTasks',
      comment: '',
      position: { x: 400, y: 0 },
      columnIds: [
        IDS.tasksId,
        IDS.tasksUserId,
        IDS.tasksTitle,
        IDS.tasksStatus,
        IDS.tasksProjectId,
        IDS.tasksCreatedAt,
        IDS.tasksUpdatedAt,
      ],
      indexIds: [IDS.tasksUserStatusIdx],
    },
  },
  columns: {
    [IDS.projectsId]: col({
      id: IDS.projectsId,
      tableId: IDS.projects,
      name: 'id',
      key: 'id',
      notNull: true,
      primaryKey: true,
      default: { kind: 'uuid' },
    }),
    [IDS.projectsUserId]: col({
      id: IDS.projectsUserId,
      tableId: IDS.projects,
      name: 'user_id',
      key: 'userId',
      notNull: true,
    }),
    [IDS.projectsCreatedAt]: col({
      id: IDS.projectsCreatedAt,
      tableId: IDS.projects,
      name: 'created_at',
      key: 'createdAt',
      type: 'integer',
      notNull: true,
      default: NOW,
    }),
    [IDS.projectsUpdatedAt]: col({
      id: IDS.projectsUpdatedAt,
      tableId: IDS.projects,
      name: 'updated_at',
      key: 'updatedAt',
      type: 'integer',
      notNull: true,
      default: NOW,
    }),
    [IDS.projectsName]: col({ id: IDS.projectsName, tableId: IDS.projects, name: 'name', key: 'name', notNull: true }),
    [IDS.tasksId]: col({
      id: IDS.tasksId,
      tableId: IDS.tasks,
      name: 'id',
      key: 'id',
      notNull: true,
      primaryKey: true,
      default: { kind: 'uuid' },
    }),
    [IDS.tasksUserId]: col({ id: IDS.tasksUserId, tableId: IDS.tasks, name: 'user_id', key: 'userId', notNull: true }),
    [IDS.tasksCreatedAt]: col({
      id: IDS.tasksCreatedAt,
      tableId: IDS.tasks,
      name: 'created_at',
      key: 'createdAt',
      type: 'integer',
      notNull: true,
      default: NOW,
    }),
    [IDS.tasksUpdatedAt]: col({
      id: IDS.tasksUpdatedAt,
      tableId: IDS.tasks,
      name: 'updated_at',
      key: 'updatedAt',
      type: 'integer',
      notNull: true,
      default: NOW,
    }),
    [IDS.tasksTitle]: col({ id: IDS.tasksTitle, tableId: IDS.tasks, name: 'title', key: 'title', notNull: true }),
    [IDS.tasksStatus]: col({
      id: IDS.tasksStatus,
      tableId: IDS.tasks,
      name: 'status',
      key: 'status',
      enumId: IDS.taskStatus,
      notNull: true,
      default: { kind: 'literal', value: 'to_do' },
    }),
    [IDS.tasksProjectId]: col({ id: IDS.tasksProjectId, tableId: IDS.tasks, name: 'project_id', key: 'projectId' }),
  },
  relations: {
    [IDS.tasksProject]: {
      id: IDS.tasksProject,
      fromColumnId: IDS.tasksProjectId,
      toColumnId: IDS.projectsId,
      onDelete: 'cascade',
      onUpdate: null,
      logical: false,
    },
  },
  enums: {
    [IDS.taskStatus]: {
      id: IDS.taskStatus,
      name: 'TaskStatus',
      comment: '',
      members: [
        { id: IDS.toDo, key: 'TO_DO', value: 'to_do' },
        { id: IDS.inProgress, key: 'IN_PROGRESS', value: 'in_progress' },
        { id: IDS.done, key: 'DONE', value: 'done' },
      ],
    },
  },
  indexes: {
    [IDS.tasksUserStatusIdx]: {
      id: IDS.tasksUserStatusIdx,
      tableId: IDS.tasks,
      name: 'MoLOS-Example_tasks_user_id_status_idx',
      columnIds: [IDS.tasksUserId, IDS.tasksStatus],
      unique: false,
    },
  },
};

describe('the example fixture', () => {
  it('is exactly the documented design, built deterministically', () => {
    expect(exampleDesign()).toStrictEqual(EXPECTED_EXAMPLE);
    expect(exampleDesign()).toStrictEqual(exampleDesign());
    expect(keyOrder(exampleDesign())).toEqual({
      tables: [IDS.projects, IDS.tasks],
      columns: [
        IDS.projectsId,
        IDS.projectsUserId,
        IDS.projectsCreatedAt,
        IDS.projectsUpdatedAt,
        IDS.projectsName,
        IDS.tasksId,
        IDS.tasksUserId,
        IDS.tasksCreatedAt,
        IDS.tasksUpdatedAt,
        IDS.tasksTitle,
        IDS.tasksStatus,
        IDS.tasksProjectId,
      ],
      relations: [IDS.tasksProject],
      enums: [IDS.taskStatus],
      indexes: [IDS.tasksUserStatusIdx],
    });
  });
});

describe('deepFreeze', () => {
  it('makes nested writes throw', () => {
    const d = deepFreeze(exampleDesign());
    expect(() => {
      (d.tables[IDS.tasks] as { name: string }).name = 'x';
    }).toThrow(TypeError);
    expect(() => {
      d.tables[IDS.tasks]!.columnIds.push('x');
    }).toThrow(TypeError);
    expect(() => {
      (d.enums[IDS.taskStatus]!.members[0] as { value: string }).value = 'x';
    }).toThrow(TypeError);
  });
});

describe('applyOperation', () => {
  const frozen = () => deepFreeze(exampleDesign());

  it('dispatches by name to the same function with the same arguments', () => {
    const d = frozen();
    const calls: [OperationCall, Design][] = [
      [
        { op: 'renameTable', args: { tableId: IDS.tasks, name: 'todos' } },
        renameTable(d, { tableId: IDS.tasks, name: 'todos' }),
      ],
      [{ op: 'deleteTable', args: { tableId: IDS.projects } }, deleteTable(d, { tableId: IDS.projects })],
      [
        { op: 'updateColumn', args: { columnId: IDS.tasksTitle, patch: { name: 'headline' } } },
        updateColumn(d, { columnId: IDS.tasksTitle, patch: { name: 'headline' } }),
      ],
      [
        { op: 'connect', args: { fromColumnId: IDS.tasksProjectId, toColumnId: IDS.tasksId } },
        connect(d, { fromColumnId: IDS.tasksProjectId, toColumnId: IDS.tasksId }),
      ],
      [
        { op: 'setEnumMembers', args: { enumId: IDS.taskStatus, members: [{ id: IDS.done, value: 'done' }] } },
        setEnumMembers(d, { enumId: IDS.taskStatus, members: [{ id: IDS.done, value: 'done' }] }),
      ],
      [
        {
          op: 'addTable',
          args: { id: 't_x', name: 'x', columnIds: { id: 'a', userId: 'b', createdAt: 'c', updatedAt: 'e' } },
        },
        addTable(d, { id: 't_x', name: 'x', columnIds: { id: 'a', userId: 'b', createdAt: 'c', updatedAt: 'e' } }),
      ],
    ];
    for (const [call, direct] of calls) {
      const result = applyOperation(d, call);
      expect(result).toStrictEqual(direct);
      expect(result).not.toStrictEqual(d);
    }
  });

  it('registers every operation under its own function name', () => {
    for (const [name, fn] of Object.entries(operations)) expect(fn.name).toBe(name);
    expect(Object.keys(operations)).toHaveLength(30);
  });

  it('rejects an unknown operation, including names found on Object.prototype', () => {
    const d = emptyDesign();
    for (const op of ['noSuchOp', 'toString', 'constructor', 'hasOwnProperty']) {
      expect(() => applyOperation(d, { op, args: {} } as unknown as OperationCall)).toThrow(
        new OperationError(`Unknown operation "${op}".`),
      );
    }
  });

  it('passes operation errors through', () => {
    expect(() => applyOperation(frozen(), { op: 'deleteTable', args: { tableId: 't_missing' } })).toThrow(
      new OperationError('No table with id "t_missing".'),
    );
  });

  it('OperationError is a named Error', () => {
    const e = new OperationError('x');
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('OperationError');
    expect(e.message).toBe('x');
  });
});
