import type { Column, ColumnDefault, ColumnMode, ColumnType, Design } from '../design';
import { newId } from '../ids';
import { toCamelCase, uniqueName } from '../naming';
import {
  OperationError,
  assertFreeId,
  detachColumns,
  getColumn,
  getEnum,
  getTable,
  moveItem,
  put,
  without,
} from './util';

export type ColumnPatch = Partial<Omit<Column, 'id' | 'tableId'>>;

export interface AddColumnArgs extends ColumnPatch {
  tableId: string;
  id?: string;
  /** Position in the table; defaults to before `created_at` when the table has it, else the end. */
  index?: number;
}

/** The modes a column type accepts. */
export function modesFor(type: ColumnType): ColumnMode[] {
  if (type === 'integer') return ['boolean', 'timestamp', 'timestamp_ms'];
  if (type === 'text' || type === 'blob') return ['json'];
  return [];
}

/** Whether a default still fits a column of this type and mode (used to drop defaults a type change broke). */
export function defaultFits(def: ColumnDefault, type: ColumnType, mode: ColumnMode | null): boolean {
  switch (def.kind) {
    case 'sql':
    case 'fn':
      return true;
    case 'uuid':
      return type === 'text' && mode === null;
    case 'json':
      return mode === 'json';
    case 'literal':
      if (typeof def.value === 'boolean') return type === 'integer' && mode === 'boolean';
      if (typeof def.value === 'number') return (type === 'integer' || type === 'real') && mode === null;
      return (type === 'text' || type === 'numeric') && mode === null;
  }
}

/**
 * Adds a column. Unset fields get sensible values: a free snake_case name (`new_column`, `new_column_2`, …) that
 * raises no rule warning, its camelCase key, nullable `text`.
 * @example addColumn(design, { tableId, name: 'title', notNull: true })
 */
export function addColumn(d: Design, args: AddColumnArgs): Design {
  const t = getTable(d, args.tableId);
  const id = args.id ?? newId('c');
  assertFreeId(d.columns, id, 'column');
  if (args.enumId) getEnum(d, args.enumId);
  const siblings = t.columnIds.map((cid) => d.columns[cid]).filter((c) => c !== undefined);
  const names = new Set(siblings.map((c) => c.name));
  const keys = new Set(siblings.map((c) => c.key));
  // `new_column`, not `column`: a bare `column` is an SQLite keyword and would raise a warning straight away. The
  // key is checked too, so `new_column_2` is skipped when a `new_column2` already owns the key `newColumn2`.
  const name = args.name ?? uniqueName('new_column', (n) => names.has(n) || keys.has(toCamelCase(n)));
  const column: Column = {
    id,
    tableId: t.id,
    name,
    key: args.key ?? toCamelCase(name),
    type: args.type ?? 'text',
    mode: args.mode ?? null,
    enumId: args.enumId ?? null,
    notNull: (args.notNull ?? false) || (args.primaryKey ?? false),
    primaryKey: args.primaryKey ?? false,
    unique: args.unique ?? false,
    default: args.default ?? null,
    comment: args.comment ?? '',
  };
  if (column.enumId !== null) Object.assign(column, { type: 'text', mode: null });
  const createdAt = t.columnIds.findIndex((cid) => d.columns[cid]?.name === 'created_at');
  const at = args.index ?? (createdAt >= 0 ? createdAt : t.columnIds.length);
  const columnIds = t.columnIds.slice();
  columnIds.splice(Math.max(0, Math.min(at, columnIds.length)), 0, id);
  return {
    ...d,
    tables: put(d.tables, t.id, { ...t, columnIds }),
    columns: put(d.columns, id, column),
  };
}

/**
 * Changes a column. Cascades keep it consistent: the key follows a renamed column when it was derived from the
 * name; choosing an enum makes it plain `text`; a type change drops an enum, a mode and a default that no longer
 * fit; a primary key is always NOT NULL.
 */
export function updateColumn(d: Design, args: { columnId: string; patch: ColumnPatch }): Design {
  const c = getColumn(d, args.columnId);
  // An `undefined` field means "unchanged" (as the checks below assume), not "set to undefined".
  const patch = Object.fromEntries(Object.entries(args.patch).filter(([, v]) => v !== undefined)) as ColumnPatch;
  if (patch.enumId) getEnum(d, patch.enumId);
  const next: Column = { ...c, ...patch };
  if (patch.name !== undefined && patch.key === undefined && c.key === toCamelCase(c.name)) {
    next.key = toCamelCase(patch.name);
  }
  if (patch.enumId) {
    next.type = 'text';
    next.mode = null;
  } else if (next.type !== 'text') {
    next.enumId = null;
  }
  if (next.enumId !== null) next.mode = null;
  if (next.mode !== null && !modesFor(next.type).includes(next.mode)) next.mode = null;
  if (next.default !== null && !defaultFits(next.default, next.type, next.mode)) next.default = null;
  if (next.primaryKey) next.notNull = true;
  return { ...d, columns: put(d.columns, c.id, next) };
}

/** Moves a column to another position within its table. */
export function moveColumn(d: Design, args: { columnId: string; toIndex: number }): Design {
  const c = getColumn(d, args.columnId);
  const t = getTable(d, c.tableId);
  const from = t.columnIds.indexOf(c.id);
  if (from < 0) throw new OperationError(`Column "${c.name}" is not listed in its table.`);
  return { ...d, tables: put(d.tables, t.id, { ...t, columnIds: moveItem(t.columnIds, from, args.toIndex) }) };
}

/** Deletes a column, the relations from and to it, and its place in indexes (an emptied index goes too). */
export function deleteColumn(d: Design, args: { columnId: string }): Design {
  const c = getColumn(d, args.columnId);
  const detached = detachColumns(d, new Set([c.id]));
  const t = getTable(detached, c.tableId);
  return {
    ...detached,
    tables: put(detached.tables, t.id, { ...t, columnIds: t.columnIds.filter((id) => id !== c.id) }),
    columns: without(detached.columns, [c.id]),
  };
}
