/**
 * A migration must never drop what the user did not delete. Deleting a table or a column in the studio is asking
 * for it; but a design that never saw a table or a column — a new design written into an existing module, or a
 * design made before a teammate added one — would drop it only because it does not know it. Those drops are
 * found here, so the write can be refused with their names.
 */
import type { Design } from '../core/design';
import type { NextMigration } from '../sql/next-migration';
import type { Snapshot } from '../sql/snapshot-types';

/** The tables and columns (`table.column`) the migration drops that the design's baseline never had. */
export function unknownDrops(design: Design, m: NextMigration): string[] {
  const known = (design.baseline?.snapshot ?? null) as Snapshot | null;
  const knownTable = (name: string) => known?.tables?.[name] !== undefined;
  const knownColumn = (table: string, column: string) => known?.tables?.[table]?.columns?.[column] !== undefined;
  const out: string[] = [];
  const renamedTo = new Map(m.renames.tables.map((r) => [r.from, r.to]));
  for (const [name, table] of Object.entries(m.before.tables)) {
    const now = renamedTo.get(name) ?? name;
    const after = m.after.tables[now];
    if (!after) {
      if (!knownTable(name)) out.push(name);
      continue;
    }
    const renamedColumns = new Set(m.renames.columns.filter((r) => r.table === now).map((r) => r.from));
    for (const column of Object.keys(table.columns)) {
      if (after.columns[column] || renamedColumns.has(column)) continue;
      if (!knownColumn(name, column)) out.push(`${name}.${column}`);
    }
  }
  return out;
}

/** The refusal for {@link unknownDrops}, in plain words. */
export function unknownDropsRefusal(drops: readonly string[]): string {
  const shown = drops.slice(0, 10).join(', ');
  const more = drops.length > 10 ? ` and ${drops.length - 10} more` : '';
  return (
    `The migration would drop ${shown}${more}, which this design never knew: the module got ${drops.length === 1 ? 'it' : 'them'} after the design last saw it (or the design was made apart from the module). ` +
    'Nothing is dropped that you did not delete: import the module again to work on it as it is now, or add them to the design and delete them there if that is what you mean.'
  );
}
