import { describe, expect, it } from 'vitest';
import { emptyDesign, type Design } from '../design';
import { IDS, deepFreeze, exampleDesign, keyOrder } from '../test-fixtures';
import { addColumn, updateColumn } from './columns';
import { addEnum, addEnumMember, deleteEnum, setEnumMembers, updateEnum } from './enums';
import { OperationError } from './util';

const frozen = () => deepFreeze(exampleDesign());
const statusDefault = (d: Design) => d.columns[IDS.tasksStatus]!.default;

/** The example plus a second enum `Priority` and a column using it, and a plain text column defaulting to `to_do`. */
function withMoreColumns(): Design {
  let d = addEnum(exampleDesign(), {
    id: 'e_prio',
    name: 'Priority',
    members: [
      { id: 'm_low', value: 'low' },
      { id: 'm_high', value: 'high' },
    ],
  });
  d = addColumn(d, {
    tableId: IDS.tasks,
    id: 'c_prio',
    name: 'priority',
    enumId: 'e_prio',
    default: { kind: 'literal', value: 'low' },
  });
  d = addColumn(d, { tableId: IDS.tasks, id: 'c_plain', name: 'plain', default: { kind: 'literal', value: 'to_do' } });
  d = addColumn(d, {
    tableId: IDS.projects,
    id: 'c_pstatus',
    name: 'status',
    enumId: IDS.taskStatus,
    default: { kind: 'literal', value: 'in_progress' },
  });
  d = addColumn(d, { tableId: IDS.projects, id: 'c_nodef', name: 'other_status', enumId: IDS.taskStatus });
  return deepFreeze(d);
}

describe('addEnum', () => {
  it('derives member keys from the values and keeps given keys', () => {
    const input = deepFreeze(emptyDesign());
    const d = addEnum(input, {
      id: 'e_1',
      name: 'TaskStatus',
      comment: 'Where a task is',
      members: [
        { id: 'm_1', value: 'to do' },
        { id: 'm_2', value: 'inProgress' },
        { id: 'm_3', value: 'done', key: 'FINISHED' },
        { id: 'm_4', value: '2nd-try' },
      ],
    });
    expect(d).toStrictEqual({
      ...input,
      enums: {
        e_1: {
          id: 'e_1',
          name: 'TaskStatus',
          comment: 'Where a task is',
          members: [
            { id: 'm_1', key: 'TO_DO', value: 'to do' },
            { id: 'm_2', key: 'IN_PROGRESS', value: 'inProgress' },
            { id: 'm_3', key: 'FINISHED', value: 'done' },
            { id: 'm_4', key: 'V_2ND_TRY', value: '2nd-try' },
          ],
        },
      },
    });
  });

  // Found by a long fuzz run (FUZZ_RUNS=10000): `a` and `a_` both gave the key A, so the generated const object
  // declared A twice and the default `Aaa.A` read back as the other value.
  it('makes derived keys unique: a second value that gives the same key gets _2, and a given key is never moved', () => {
    const d = addEnum(emptyDesign(), {
      id: 'e_1',
      name: 'Kind',
      members: [{ value: 'a' }, { value: 'a_' }, { value: 'A' }, { value: 'b' }, { value: 'x', key: 'B' }],
    });
    expect(d.enums.e_1!.members.map((m) => [m.key, m.value])).toEqual([
      ['A', 'a'],
      ['A_2', 'a_'],
      ['A_3', 'A'],
      ['B_2', 'b'],
      ['B', 'x'],
    ]);
  });

  it('picks NewEnum, NewEnum2 … and random ids when none are given', () => {
    let d = addEnum(emptyDesign(), { members: [{ value: 'a' }] });
    d = addEnum(d, {});
    const [first, second] = Object.values(d.enums);
    expect([first!.name, second!.name]).toEqual(['NewEnum', 'NewEnum2']);
    expect(first!.id).toMatch(/^e_[0-9a-z]{10}$/);
    expect(first!.members[0]!.id).toMatch(/^m_[0-9a-z]{10}$/);
    expect(first!.members[0]).toMatchObject({ key: 'A', value: 'a' });
    expect(second!.members).toEqual([]);
    expect(second!.comment).toBe('');
  });

  it('throws OperationError for a used id', () => {
    expect(() => addEnum(frozen(), { id: IDS.taskStatus })).toThrow(
      new OperationError(`The id "${IDS.taskStatus}" is already used by another enum.`),
    );
  });
});

describe('updateEnum', () => {
  it('renames and/or changes the comment; members and columns stay', () => {
    const input = frozen();
    const d = updateEnum(input, { enumId: IDS.taskStatus, name: 'Status' });
    expect(d.enums[IDS.taskStatus]).toStrictEqual({ ...input.enums[IDS.taskStatus], name: 'Status' });
    const d2 = updateEnum(deepFreeze(d), { enumId: IDS.taskStatus, comment: 'c' });
    expect(d2.enums[IDS.taskStatus]).toStrictEqual({ ...input.enums[IDS.taskStatus], name: 'Status', comment: 'c' });
    expect(d2.columns).toBe(input.columns);
  });

  it('throws OperationError for a missing enum', () => {
    expect(() => updateEnum(frozen(), { enumId: 'nope', name: 'X' })).toThrow(
      new OperationError('No enum with id "nope".'),
    );
  });
});

describe('setEnumMembers', () => {
  it('replaces members (keeping ids) and a renamed value is followed by the defaults using it', () => {
    const input = withMoreColumns();
    const d = setEnumMembers(input, {
      enumId: IDS.taskStatus,
      members: [
        { id: IDS.toDo, value: 'todo' },
        { id: IDS.inProgress, key: 'DOING', value: 'doing' },
        { id: IDS.done, value: 'done' },
      ],
    });
    expect(d.enums[IDS.taskStatus]!.members).toStrictEqual([
      { id: IDS.toDo, key: 'TODO', value: 'todo' },
      { id: IDS.inProgress, key: 'DOING', value: 'doing' },
      { id: IDS.done, key: 'DONE', value: 'done' },
    ]);
    expect(statusDefault(d)).toStrictEqual({ kind: 'literal', value: 'todo' });
    expect(d.columns.c_pstatus!.default).toStrictEqual({ kind: 'literal', value: 'doing' });
    // other enums, non-enum columns and columns without a default are untouched
    for (const id of ['c_prio', 'c_plain', 'c_nodef', IDS.tasksTitle]) expect(d.columns[id]).toBe(input.columns[id]);
    expect(d.enums.e_prio).toBe(input.enums.e_prio);
    expect(keyOrder(d)).toEqual(keyOrder(input));
  });

  it('drops the defaults of removed members and keeps the others', () => {
    const input = withMoreColumns();
    const d = setEnumMembers(input, {
      enumId: IDS.taskStatus,
      members: [{ id: IDS.inProgress, value: 'in_progress' }],
    });
    expect(statusDefault(d)).toBeNull();
    expect(d.columns[IDS.tasksStatus]).toStrictEqual({ ...input.columns[IDS.tasksStatus], default: null });
    expect(d.columns.c_pstatus).toBe(input.columns.c_pstatus);
  });

  it('follows swapped values by member id', () => {
    const d = setEnumMembers(withMoreColumns(), {
      enumId: IDS.taskStatus,
      members: [
        { id: IDS.toDo, value: 'in_progress' },
        { id: IDS.inProgress, value: 'to_do' },
      ],
    });
    expect(statusDefault(d)).toStrictEqual({ kind: 'literal', value: 'in_progress' });
    expect(d.columns.c_pstatus!.default).toStrictEqual({ kind: 'literal', value: 'to_do' });
  });

  it('keeps a default whose value still exists, even when its member went and another took the value', () => {
    const d = setEnumMembers(withMoreColumns(), {
      enumId: IDS.taskStatus,
      members: [{ id: IDS.inProgress, value: 'to_do' }],
    });
    expect(statusDefault(d)).toStrictEqual({ kind: 'literal', value: 'to_do' });
    expect(d.columns.c_pstatus!.default).toStrictEqual({ kind: 'literal', value: 'to_do' });
  });

  it('follows a chain of renames (a → b while b → c)', () => {
    const d = setEnumMembers(withMoreColumns(), {
      enumId: IDS.taskStatus,
      members: [
        { id: IDS.toDo, value: 'in_progress' },
        { id: IDS.inProgress, value: 'doing' },
      ],
    });
    expect(statusDefault(d)).toStrictEqual({ kind: 'literal', value: 'in_progress' });
    expect(d.columns.c_pstatus!.default).toStrictEqual({ kind: 'literal', value: 'doing' });
  });

  it('a member replaced by a new one with the same value (new id) keeps the default', () => {
    const d = setEnumMembers(withMoreColumns(), { enumId: IDS.taskStatus, members: [{ value: 'to_do' }] });
    expect(statusDefault(d)).toStrictEqual({ kind: 'literal', value: 'to_do' });
    expect(d.enums[IDS.taskStatus]!.members[0]!.id).toMatch(/^m_[0-9a-z]{10}$/);
  });

  it('drops a default that named no member at all', () => {
    const d0 = updateColumn(frozen(), {
      columnId: IDS.tasksStatus,
      patch: { default: { kind: 'literal', value: 'ghost' } },
    });
    const d = setEnumMembers(deepFreeze(d0), {
      enumId: IDS.taskStatus,
      members: exampleDesign().enums[IDS.taskStatus]!.members,
    });
    expect(statusDefault(d)).toBeNull();
  });

  it('leaves non-literal defaults alone', () => {
    const d0 = updateColumn(frozen(), {
      columnId: IDS.tasksStatus,
      patch: { default: { kind: 'sql', sql: "'to_do'" } },
    });
    const d = setEnumMembers(deepFreeze(d0), { enumId: IDS.taskStatus, members: [] });
    expect(statusDefault(d)).toStrictEqual({ kind: 'sql', sql: "'to_do'" });
  });

  it('throws OperationError for a missing enum', () => {
    expect(() => setEnumMembers(frozen(), { enumId: 'nope', members: [] })).toThrow(
      new OperationError('No enum with id "nope".'),
    );
  });
});

describe('addEnumMember', () => {
  it('appends a member with a derived or given key', () => {
    const input = frozen();
    const d = addEnumMember(input, { enumId: IDS.taskStatus, id: 'm_blocked', value: 'on hold' });
    expect(d.enums[IDS.taskStatus]!.members).toStrictEqual([
      ...input.enums[IDS.taskStatus]!.members,
      { id: 'm_blocked', key: 'ON_HOLD', value: 'on hold' },
    ]);
    const d2 = addEnumMember(deepFreeze(d), { enumId: IDS.taskStatus, id: 'm_x', key: 'LATER', value: 'someday' });
    expect(d2.enums[IDS.taskStatus]!.members.at(-1)).toStrictEqual({ id: 'm_x', key: 'LATER', value: 'someday' });
    expect(statusDefault(d2)).toStrictEqual({ kind: 'literal', value: 'to_do' });
  });

  it('throws OperationError for a missing enum', () => {
    expect(() => addEnumMember(frozen(), { enumId: 'nope', value: 'x' })).toThrow(OperationError);
  });
});

describe('deleteEnum', () => {
  it('removes the enum; its columns become plain text and keep their default', () => {
    const input = withMoreColumns();
    const d = deleteEnum(input, { enumId: IDS.taskStatus });
    expect(Object.keys(d.enums)).toEqual(['e_prio']);
    expect(d.columns[IDS.tasksStatus]).toStrictEqual({ ...input.columns[IDS.tasksStatus], enumId: null });
    expect(d.columns[IDS.tasksStatus]).toMatchObject({
      type: 'text',
      mode: null,
      default: { kind: 'literal', value: 'to_do' },
    });
    expect(d.columns.c_pstatus).toStrictEqual({ ...input.columns.c_pstatus, enumId: null });
    expect(d.columns.c_nodef).toStrictEqual({ ...input.columns.c_nodef, enumId: null });
    expect(d.columns.c_prio).toBe(input.columns.c_prio);
    expect(d.tables).toBe(input.tables);
  });

  it('throws OperationError for a missing enum', () => {
    expect(() => deleteEnum(frozen(), { enumId: 'nope' })).toThrow(new OperationError('No enum with id "nope".'));
  });
});
