import { describe, expect, it } from 'vitest';
import { setEnumMembers } from '$lib/core/operations';
import { IDS, exampleDesign } from '$lib/core/test-fixtures';
import { appendMember, editMember, enumUsers, moveMember, removeMember } from './enum-members';

const d = exampleDesign();
const e = d.enums[IDS.taskStatus]!;

describe('enum member edits', () => {
  it('lets a derived key follow a new value, keeping the member id', () => {
    expect(editMember(e, IDS.inProgress, { value: 'doing' })[1]).toEqual({
      id: IDS.inProgress,
      key: 'DOING',
      value: 'doing',
    });
  });

  it('keeps a hand-written key when the value changes', () => {
    const custom = { ...e, members: e.members.map((m) => (m.id === IDS.done ? { ...m, key: 'FINISHED' } : m)) };
    expect(editMember(custom, IDS.done, { value: 'closed' })[2]).toEqual({
      id: IDS.done,
      key: 'FINISHED',
      value: 'closed',
    });
    expect(editMember(e, IDS.done, { key: 'OVER' })[2]).toEqual({ id: IDS.done, key: 'OVER', value: 'done' });
  });

  it('appends, removes and moves members', () => {
    expect(appendMember(e, 'm_new', 'on hold').at(-1)).toEqual({ id: 'm_new', key: 'ON_HOLD', value: 'on hold' });
    expect(removeMember(e, IDS.toDo).map((m) => m.id)).toEqual([IDS.inProgress, IDS.done]);
    expect(moveMember(e, IDS.done, -1).map((m) => m.id)).toEqual([IDS.toDo, IDS.done, IDS.inProgress]);
    expect(moveMember(e, IDS.toDo, -1).map((m) => m.id)).toEqual([IDS.toDo, IDS.inProgress, IDS.done]);
    expect(moveMember(e, IDS.done, 1).map((m) => m.id)).toEqual([IDS.toDo, IDS.inProgress, IDS.done]);
  });

  it('feeds setEnumMembers, which then follows the renamed value into column defaults', () => {
    const next = setEnumMembers(d, { enumId: e.id, members: editMember(e, IDS.toDo, { value: 'open' }) });
    expect(next.columns[IDS.tasksStatus]?.default).toEqual({ kind: 'literal', value: 'open' });
  });
});

describe('enumUsers', () => {
  it('lists the columns using an enum', () => {
    expect(enumUsers(d, IDS.taskStatus).map((c) => c.id)).toEqual([IDS.tasksStatus]);
    expect(enumUsers(d, 'other')).toEqual([]);
  });
});
