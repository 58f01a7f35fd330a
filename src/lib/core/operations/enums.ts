import type { Column, Design, EnumDef, EnumMember } from '../design';
import { newId } from '../ids';
import { toConstantCase, uniqueName } from '../naming';
import { assertFreeId, getEnum, put, without } from './util';

export interface MemberInput {
  id?: string;
  key?: string;
  value: string;
}

/**
 * Members with their keys: a key given is kept; a key derived from the value (`to_do` → `TO_DO`) gets `_2`, `_3`…
 * when another member has it already (`a` and `a_` both give `A`), so a const object never declares a key twice.
 */
function toMembers(inputs: readonly MemberInput[]): EnumMember[] {
  const taken = new Set(inputs.flatMap((m) => (m.key === undefined ? [] : [m.key])));
  return inputs.map((m) => {
    let key = m.key;
    if (key === undefined) {
      const base = toConstantCase(m.value);
      key = base;
      for (let n = 2; key !== '' && taken.has(key); n++) key = `${base}_${n}`;
      taken.add(key);
    }
    return { id: m.id ?? newId('m'), key, value: m.value };
  });
}

/**
 * Adds an enum: a const object plus a same-named type in the models file.
 * @example addEnum(design, { name: 'TaskStatus', members: [{ value: 'to_do' }, { value: 'done' }] })
 */
export function addEnum(
  d: Design,
  args: { id?: string; name?: string; comment?: string; members?: MemberInput[] },
): Design {
  const id = args.id ?? newId('e');
  assertFreeId(d.enums, id, 'enum');
  const taken = new Set(Object.values(d.enums).map((e) => e.name));
  const def: EnumDef = {
    id,
    name: args.name ?? uniqueName('NewEnum', (n) => taken.has(n), ''),
    comment: args.comment ?? '',
    members: toMembers(args.members ?? []),
  };
  return { ...d, enums: put(d.enums, id, def) };
}

/** Renames an enum or changes its comment. */
export function updateEnum(d: Design, args: { enumId: string; name?: string; comment?: string }): Design {
  const e = getEnum(d, args.enumId);
  return {
    ...d,
    enums: put(d.enums, e.id, {
      ...e,
      ...(args.name !== undefined ? { name: args.name } : {}),
      ...(args.comment !== undefined ? { comment: args.comment } : {}),
    }),
  };
}

/**
 * Replaces an enum's members. Members keep their ids, so a changed value is followed by the defaults of the
 * columns using the enum; a default whose member was removed is dropped.
 */
export function setEnumMembers(d: Design, args: { enumId: string; members: MemberInput[] }): Design {
  const e = getEnum(d, args.enumId);
  const members = toMembers(args.members);
  const byId = new Map(members.map((m) => [m.id, m]));
  const values = new Set(members.map((m) => m.value));
  const renamed = new Map<string, string>();
  for (const old of e.members) {
    const now = byId.get(old.id);
    if (now && now.value !== old.value) renamed.set(old.value, now.value);
  }
  const columns = { ...d.columns };
  for (const c of Object.values(d.columns)) {
    if (c.enumId !== e.id || c.default?.kind !== 'literal' || typeof c.default.value !== 'string') continue;
    const value = c.default.value;
    const next: Column['default'] = renamed.has(value)
      ? { kind: 'literal', value: renamed.get(value) as string }
      : values.has(value)
        ? c.default
        : null;
    if (next !== c.default) columns[c.id] = { ...c, default: next };
  }
  return { ...d, enums: put(d.enums, e.id, { ...e, members }), columns };
}

/** Appends a member to an enum. */
export function addEnumMember(d: Design, args: { enumId: string } & MemberInput): Design {
  const e = getEnum(d, args.enumId);
  return setEnumMembers(d, {
    enumId: e.id,
    members: [...e.members, { id: args.id, key: args.key, value: args.value }],
  });
}

/** Deletes an enum; columns that used it become plain `text` and keep their default. */
export function deleteEnum(d: Design, args: { enumId: string }): Design {
  getEnum(d, args.enumId);
  const columns = { ...d.columns };
  for (const c of Object.values(d.columns)) if (c.enumId === args.enumId) columns[c.id] = { ...c, enumId: null };
  return { ...d, enums: without(d.enums, [args.enumId]), columns };
}
