import {
  type Column,
  type Design,
  type Position,
  type Table,
  UNIX_SECONDS_SQL,
  fullTableName,
} from '../design';
import { newId } from '../ids';
import { toCamelCase, uniqueName } from '../naming';
import { detachColumns, getTable, put, without } from './util';

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
  const taken = new Set(Object.values(d.tables).map((t) => t.name));
  const name = args.name ?? uniqueName('new_table', (n) => taken.has(n));
  const ids = args.columnIds ?? {};
  const base = { tableId: id, mode: null, enumId: null, unique: false, comment: '' } as const;
  const columns: Column[] = [
    {
      ...base,
      id: ids.id ?? newId('c'),
      name: 'id',
      key: 'id',
      type: 'text',
      notNull: true,
      primaryKey: true,
      default: { kind: 'uuid' },
    },
    {
      ...base,
      id: ids.userId ?? newId('c'),
      name: 'user_id',
      key: 'userId',
      type: 'text',
      notNull: true,
      primaryKey: false,
      default: null,
    },
    ...(['created_at', 'updated_at'] as const).map(
      (col): Column => ({
        ...base,
        id: (col === 'created_at' ? ids.createdAt : ids.updatedAt) ?? newId('c'),
        name: col,
        key: toCamelCase(col),
        type: 'integer',
        notNull: true,
        primaryKey: false,
        default: { kind: 'sql', sql: UNIX_SECONDS_SQL },
      }),
    ),
  ];
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
    if (ix && ix.name.startsWith(oldFull)) indexes[id] = { ...ix, name: newFull + ix.name.slice(oldFull.length) };
  }
  return { ...d, tables: put(d.tables, t.id, next), indexes };
}

/** Changes a table's export name and/or comment. */
export function updateTable(d: Design, args: { tableId: string; exportName?: string; comment?: string }): Design {
  const t = getTable(d, args.tableId);
  const next: Table = {
    ...t,
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
