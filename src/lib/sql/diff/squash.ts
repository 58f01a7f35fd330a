/**
 * drizzle-kit compares snapshots with indexes and foreign keys "squashed" into `;`-joined strings. We squash the
 * same way, because the string form decides what counts as changed (and a `;` or `,` inside a name breaks it
 * exactly as it breaks drizzle-kit).
 */
import type { SnapshotForeignKey, SnapshotIndex } from '../snapshot-types';

export function squashIndex(ix: SnapshotIndex): string {
  return `${ix.name};${ix.columns.join(',')};${ix.isUnique};${ix.where ?? ''}`;
}

export function unsquashIndex(text: string): SnapshotIndex {
  const [name = '', columns = '', isUnique, where] = text.split(';');
  const ix: SnapshotIndex = { name, columns: columns.split(','), isUnique: isUnique === 'true' };
  if (where) ix.where = where;
  return ix;
}

export function squashForeignKey(fk: SnapshotForeignKey): string {
  return [
    fk.name,
    fk.tableFrom,
    fk.columnsFrom.join(','),
    fk.tableTo,
    fk.columnsTo.join(','),
    fk.onUpdate,
    fk.onDelete,
  ].join(';');
}

export function unsquashForeignKey(text: string): SnapshotForeignKey {
  const [name = '', tableFrom = '', from = '', tableTo = '', to = '', onUpdate = '', onDelete = ''] = text.split(';');
  return { name, tableFrom, columnsFrom: from.split(','), tableTo, columnsTo: to.split(','), onUpdate, onDelete };
}
