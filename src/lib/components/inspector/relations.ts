/** The relations touching a table, with both ends resolved for display, and the FK action menu. */
import { type Design, FK_ACTIONS, type FkAction, type RelationEnds, relationEnds } from '$lib/core/design';

export { relationEnds, type RelationEnds };

/** Relations starting at the table's columns (in column order) and those pointing at it from elsewhere. */
export function tableRelations(d: Design, tableId: string): { outgoing: RelationEnds[]; incoming: RelationEnds[] } {
  const all = Object.values(d.relations)
    .map((r) => relationEnds(d, r))
    .filter((e): e is RelationEnds => e !== null);
  const order = d.tables[tableId]?.columnIds ?? [];
  const outgoing = all
    .filter((e) => e.from.table.id === tableId)
    .sort((a, b) => order.indexOf(a.from.column.id) - order.indexOf(b.from.column.id));
  const incoming = all.filter((e) => e.to.table.id === tableId && e.from.table.id !== tableId);
  return { outgoing, incoming };
}

/** The `<select>` values for an FK action; `''` stands for "none" (`null`: SQLite's default, no action). */
export const FK_ACTION_OPTIONS: readonly { value: FkAction | ''; label: string }[] = [
  { value: '', label: 'none' },
  ...FK_ACTIONS.map((a) => ({ value: a, label: a })),
];

export function fkActionFromSelect(value: string): FkAction | null {
  return (FK_ACTIONS as readonly string[]).includes(value) ? (value as FkAction) : null;
}
