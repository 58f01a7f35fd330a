import { type Column, type Design, type Position, type Table, UNIX_SECONDS_SQL, fullTableName } from '../design';
import { newId } from '../ids';
import { toCamelCase, uniqueName } from '../naming';
import { OperationError, assertFreeId, detachColumns, getTable, put, without } from './util';

/** The export name the studio derives for a table: `exampleItems` for `items` in `MoLOS-Example`. */
export function derivedExportName(d: Design, tableName: string): string {
  return toCamelCase(`${d.module.id.replace(/^MoLOS-/, '')} ${tableName}`);
}

export interface AddTableArgs {
  id?: string;
  /** SQL name after the prefix; defaults to a free `new_table…`. */
  name?: string;
  exportName?: string;
  comment?: string;
  position?: Position;
  /** Ids for the four standard columns (tests and imports pass them; otherwise random). */
  columnIds?: { id?: string; userId?: string; createdAt?: string; updatedAt?: string };
}

/**
 * Adds a table that already follows the MoLOS rules: `id` (UUID key), `user_id`, `created_at`, `updated_at`.
 * @example addTable(design, { name: 'items', position: { x: 0, y: 0 } })
 */
export function addTable(d: Design, args: AddTableArgs = {}): Design {
  const id = args.id ?? newId('t');
  assertFreeId(d.tables, id, 'table');
  const others = Object.values(d.tables);
  const taken = new Set(others.map((t) => t.name));
  const exportNames = new Set(others.map((t) => t.exportName));
  // The export name is checked too: `new_table_2` is skipped when a `new_table2` already owns `…NewTable2`.
  const name = args.name ?? uniqueName('new_table', (n) => taken.has(n) || exportNames.has(derivedExportName(d, n)));
  const ids = args.columnIds ?? {};
  // Fields in the order of `Column` (and of the file schema), so a saved file reloads and re-saves identically.
  const column = (cid: string | undefined, colName: string, type: Column['type'], def: Column['default']): Column => ({
    id: cid ?? newId('c'),
    tableId: id,
    name: colName,
    key: toCamelCase(colName),
    type,
    mode: null,
    enumId: null,
    notNull: true,
    primaryKey: colName === 'id',
    unique: false,
    default: def,
    comment: '',
  });
  const columns: Column[] = [
    column(ids.id, 'id', 'text', { kind: 'uuid' }),
    column(ids.userId, 'user_id', 'text', null),
    column(ids.createdAt, 'created_at', 'integer', { kind: 'sql', sql: UNIX_SECONDS_SQL }),
    column(ids.updatedAt, 'updated_at', 'integer', { kind: 'sql', sql: UNIX_SECONDS_SQL }),
  ];
  for (const c of columns) assertFreeId(d.columns, c.id, 'column');
  if (new Set(columns.map((c) => c.id)).size !== columns.length) {
    throw new OperationError('The four standard columns need four different ids.');
  }
  const table: Table = {
    id,
    name,
    exportName: args.exportName ?? derivedExportName(d, name),
    comment: args.comment ?? '',
    position: args.position ?? { x: 0, y: 0 },
    columnIds: columns.map((c) => c.id),
    indexIds: [],
  };
  const allColumns = { ...d.columns };
  for (const c of columns) allColumns[c.id] = c;
  return { ...d, tables: put(d.tables, id, table), columns: allColumns };
}

/**
 * Renames a table (the SQL name after the prefix). The export name follows when it was the derived one, and
 * index names that started with the old full table name are renamed with it.
 */
export function renameTable(d: Design, args: { tableId: string; name: string }): Design {
  const t = getTable(d, args.tableId);
  const exportName = t.exportName === derivedExportName(d, t.name) ? derivedExportName(d, args.name) : t.exportName;
  const next: Table = { ...t, name: args.name, exportName };
  const oldFull = fullTableName(d, t);
  const newFull = fullTableName(d, next);
  const indexes = { ...d.indexes };
  for (const id of t.indexIds) {
    const ix = indexes[id];
    if (ix && ix.name.startsWith(`${oldFull}_`)) indexes[id] = { ...ix, name: newFull + ix.name.slice(oldFull.length) };
  }
  return { ...d, tables: put(d.tables, t.id, next), indexes };
}

/** Changes a table's export name and/or comment. */
export function updateTable(
  d: Design,
  args: { tableId: string; exportName?: string; comment?: string; aliases?: string[] },
): Design {
  const t = getTable(d, args.tableId);
  const next: Table = {
    ...t,
    ...(args.aliases !== undefined ? { aliases: [...args.aliases] } : {}),
    ...(args.exportName !== undefined ? { exportName: args.exportName } : {}),
    ...(args.comment !== undefined ? { comment: args.comment } : {}),
  };
  return { ...d, tables: put(d.tables, t.id, next) };
}

/** Moves tables on the canvas: `positions` maps table ids to their new top-left corner. */
export function moveTables(d: Design, args: { positions: Record<string, Position> }): Design {
  const tables = { ...d.tables };
  for (const [id, position] of Object.entries(args.positions)) {
    const t = getTable(d, id);
    tables[id] = { ...t, position: { x: position.x, y: position.y } };
  }
  return { ...d, tables };
}

/** Deletes a table with its columns and indexes, and every relation from or to its columns. */
export function deleteTable(d: Design, args: { tableId: string }): Design {
  const t = getTable(d, args.tableId);
  const detached = detachColumns(d, new Set(t.columnIds));
  return {
    ...detached,
    tables: without(detached.tables, [t.id]),
    columns: without(detached.columns, t.columnIds),
    indexes: without(detached.indexes, t.indexIds),
  };
}
