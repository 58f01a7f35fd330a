import type { Column, Design, EnumDef, Index, Relation, Table } from '../design';

/** Thrown by an operation whose arguments do not fit the design (unknown id, impossible move). */
export class OperationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OperationError';
  }
}

/** `map[id]` when `id` is an own key (so ids such as `constructor` never reach `Object.prototype`). */
function own<T>(map: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(map, id) ? map[id] : undefined;
}

/** Throws when an explicitly given id is already used (storing it would overwrite another element). */
export function assertFreeId(map: Record<string, unknown>, id: string, what: string): void {
  if (Object.hasOwn(map, id)) throw new OperationError(`The id "${id}" is already used by another ${what}.`);
}

export function getTable(d: Design, id: string): Table {
  const t = own(d.tables, id);
  if (!t) throw new OperationError(`No table with id "${id}".`);
  return t;
}
export function getColumn(d: Design, id: string): Column {
  const c = own(d.columns, id);
  if (!c) throw new OperationError(`No column with id "${id}".`);
  return c;
}
export function getRelation(d: Design, id: string): Relation {
  const r = own(d.relations, id);
  if (!r) throw new OperationError(`No relation with id "${id}".`);
  return r;
}
export function getEnum(d: Design, id: string): EnumDef {
  const e = own(d.enums, id);
  if (!e) throw new OperationError(`No enum with id "${id}".`);
  return e;
}
export function getIndex(d: Design, id: string): Index {
  const i = own(d.indexes, id);
  if (!i) throw new OperationError(`No index with id "${id}".`);
  return i;
}

/** A copy of `map` without the given keys (the same object when none is present). */
export function without<T>(map: Record<string, T>, ids: Iterable<string>): Record<string, T> {
  const drop = new Set(ids);
  if (![...drop].some((id) => id in map)) return map;
  const out: Record<string, T> = {};
  for (const [k, v] of Object.entries(map)) if (!drop.has(k)) out[k] = v;
  return out;
}

/** A copy of `map` with `value` stored under `id` (keeps the key's position when it exists). */
export function put<T>(map: Record<string, T>, id: string, value: T): Record<string, T> {
  return { ...map, [id]: value };
}

/** Moves the item at `from` to `to` in a copy of the array. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = items.slice();
  const [item] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item as T);
  return out;
}

/** Removes relations touching the given columns and strips the columns from indexes (dropping emptied ones). */
export function detachColumns(d: Design, columnIds: ReadonlySet<string>): Design {
  const relIds = Object.values(d.relations)
    .filter((r) => columnIds.has(r.fromColumnId) || columnIds.has(r.toColumnId))
    .map((r) => r.id);
  let indexes = d.indexes;
  let tables = d.tables;
  for (const ix of Object.values(d.indexes)) {
    if (!ix.columnIds.some((id) => columnIds.has(id))) continue;
    const rest = ix.columnIds.filter((id) => !columnIds.has(id));
    if (rest.length > 0) {
      indexes = put(indexes, ix.id, { ...ix, columnIds: rest });
    } else {
      indexes = without(indexes, [ix.id]);
      const t = tables[ix.tableId];
      if (t) tables = put(tables, t.id, { ...t, indexIds: t.indexIds.filter((id) => id !== ix.id) });
    }
  }
  return { ...d, tables, indexes, relations: without(d.relations, relIds) };
}
