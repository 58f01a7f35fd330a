/**
 * Edits of an enum's member list as new `setEnumMembers` inputs. Every member keeps its id, so the operation
 * can follow a changed value into the defaults of the columns that use the enum.
 */
import type { Column, Design, EnumDef } from '$lib/core/design';
import type { MemberInput } from '$lib/core/operations';
import { toConstantCase } from '$lib/core/naming';

function inputs(e: EnumDef): MemberInput[] {
  return e.members.map((m) => ({ id: m.id, key: m.key, value: m.value }));
}

/**
 * Changes one member's key or value. A key that was derived from the old value follows a new value
 * (`in_progress` → `IN_PROGRESS`), as a column key follows its name.
 */
export function editMember(e: EnumDef, memberId: string, patch: { key?: string; value?: string }): MemberInput[] {
  return inputs(e).map((m) => {
    if (m.id !== memberId) return m;
    const keyFollows = patch.value !== undefined && patch.key === undefined && m.key === toConstantCase(m.value);
    return {
      ...m,
      ...patch,
      ...(keyFollows && patch.value !== undefined ? { key: toConstantCase(patch.value) } : {}),
    };
  });
}

/** Appends a member with the given value and a key derived from it. */
export function appendMember(e: EnumDef, id: string, value: string): MemberInput[] {
  return [...inputs(e), { id, key: toConstantCase(value), value }];
}

export function removeMember(e: EnumDef, memberId: string): MemberInput[] {
  return inputs(e).filter((m) => m.id !== memberId);
}

/** Moves a member up (`-1`) or down (`+1`); at either end the list is unchanged. */
export function moveMember(e: EnumDef, memberId: string, delta: -1 | 1): MemberInput[] {
  const list = inputs(e);
  const from = list.findIndex((m) => m.id === memberId);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= list.length) return list;
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item as MemberInput);
  return list;
}

/** The columns that use an enum, in table and column order. */
export function enumUsers(d: Design, enumId: string): Column[] {
  return Object.values(d.tables).flatMap((t) =>
    t.columnIds.map((id) => d.columns[id]).filter((c): c is Column => c !== undefined && c.enumId === enumId),
  );
}
