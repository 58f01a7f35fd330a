import { type Design, type Index, fullTableName } from '../design';
import { newId } from '../ids';
import { uniqueName } from '../naming';
import { OperationError, assertFreeId, getColumn, getIndex, getTable, put, without } from './util';

/** The name the studio gives an index: `<full table>_<columns>_idx` (or `_uq` when unique). */
export function derivedIndexName(d: Design, tableId: string, columnIds: readonly string[], unique: boolean): string {
  const t = getTable(d, tableId);
  const cols = columnIds.map((id) => d.columns[id]?.name ?? id).join('_');
  return `${fullTableName(d, t)}_${cols}_${unique ? 'uq' : 'idx'}`;
}

function checkColumns(d: Design, tableId: string, columnIds: readonly string[]): void {
  for (const id of columnIds) {
    if (getColumn(d, id).tableId !== tableId) throw new OperationError(`Column "${id}" is not in this table.`);
  }
}

/**
 * Adds an index on columns of one table, named after the table unless a name is given.
 * @example addIndex(design, { tableId, columnIds: [userIdColumn] })
 */
export function addIndex(
  d: Design,
  args: { tableId: string; columnIds: string[]; unique?: boolean; name?: string; id?: string },
): Design {
  const t = getTable(d, args.tableId);
  checkColumns(d, t.id, args.columnIds);
  const id = args.id ?? newId('i');
  assertFreeId(d.indexes, id, 'index');
  const unique = args.unique ?? false;
  const taken = new Set(Object.values(d.indexes).map((ix) => ix.name));
  const name = args.name ?? uniqueName(derivedIndexName(d, t.id, args.columnIds, unique), (n) => taken.has(n));
  const index: Index = { id, tableId: t.id, name, columnIds: args.columnIds.slice(), unique };
  return {
    ...d,
    indexes: put(d.indexes, id, index),
    tables: put(d.tables, t.id, { ...t, indexIds: [...t.indexIds, id] }),
  };
}

/** Changes an index's name, columns or uniqueness. */
export function updateIndex(
  d: Design,
  args: { indexId: string; name?: string; columnIds?: string[]; unique?: boolean },
): Design {
  const ix = getIndex(d, args.indexId);
  if (args.columnIds) checkColumns(d, ix.tableId, args.columnIds);
  const next: Index = {
    ...ix,
    ...(args.name !== undefined ? { name: args.name } : {}),
    ...(args.columnIds !== undefined ? { columnIds: args.columnIds.slice() } : {}),
    ...(args.unique !== undefined ? { unique: args.unique } : {}),
  };
  return { ...d, indexes: put(d.indexes, ix.id, next) };
}

/** Deletes an index. */
export function deleteIndex(d: Design, args: { indexId: string }): Design {
  const ix = getIndex(d, args.indexId);
  const t = getTable(d, ix.tableId);
  return {
    ...d,
    indexes: without(d.indexes, [ix.id]),
    tables: put(d.tables, t.id, { ...t, indexIds: t.indexIds.filter((id) => id !== ix.id) }),
  };
}
