/**
 * Index edits as `updateIndex` arguments. The studio names an index after its columns
 * (`<table>_<columns>_idx`); a name still in that form follows the columns and the unique flag, a name the user
 * chose is left alone.
 */
import { type Design, type Index, tableColumns } from '$lib/core/design';
import { derivedIndexName } from '$lib/core/operations';

type IndexUpdate = { indexId: string; columnIds?: string[]; unique?: boolean; name?: string };

function withName(d: Design, ix: Index, next: { columnIds: string[]; unique: boolean }): { name?: string } {
  const derived = derivedIndexName(d, ix.tableId, ix.columnIds, ix.unique);
  return ix.name === derived ? { name: derivedIndexName(d, ix.tableId, next.columnIds, next.unique) } : {};
}

/**
 * Adds or removes a column. An added column goes last: column order is the index's key order, so it follows the
 * order the user picks the columns in.
 */
export function toggleIndexColumn(d: Design, ix: Index, columnId: string, on: boolean): IndexUpdate {
  const rest = ix.columnIds.filter((id) => id !== columnId);
  const columnIds = on ? [...rest, columnId] : rest;
  return { indexId: ix.id, columnIds, ...withName(d, ix, { columnIds, unique: ix.unique }) };
}

export function setIndexUnique(d: Design, ix: Index, unique: boolean): IndexUpdate {
  return { indexId: ix.id, unique, ...withName(d, ix, { columnIds: ix.columnIds, unique }) };
}

/**
 * The columns a new index starts with: the focused column, else the first that is neither the primary key nor
 * a timestamp (typically `user_id`, the column MoLOS queries filter by).
 */
export function newIndexColumns(d: Design, tableId: string, focusedColumnId: string | null): string[] {
  const table = d.tables[tableId];
  if (!table) return [];
  const cols = tableColumns(d, table);
  if (focusedColumnId && cols.some((c) => c.id === focusedColumnId)) return [focusedColumnId];
  const pick = cols.find((c) => !c.primaryKey && c.name !== 'created_at' && c.name !== 'updated_at') ?? cols[0];
  return pick ? [pick.id] : [];
}
