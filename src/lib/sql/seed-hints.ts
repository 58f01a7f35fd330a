/**
 * What the design says about the data a dry run seeds, keyed by the names tables and columns have in the database
 * *before* the migration. The live schema may not say it yet: the migration under test may add the textEnum CHECK,
 * tighten NOT NULL or add the foreign key; a `{ enum: [...] }` column and a logical relation never reach SQL at
 * all. Rows seeded without these hints would break the design's rules, and a correct migration would "fail".
 */
import { type Design, fullTableName, tableColumns } from '../core/design';
import type { Renames } from './diff/differ';

export interface ColumnHint {
  /** The values the design's enum allows (textEnum or `{ enum: [...] }`). */
  values?: string[];
  /** The design makes the column NOT NULL. */
  notNull?: boolean;
  /** The design relates the column to this table and column (a logical relation too), by their names before. */
  references?: { table: string; column: string };
}

/** Hints per table, then per column, by their names in the database before the migration. */
export type SeedHints = Record<string, Record<string, ColumnHint>>;

/**
 * The design's hints for seeding the database a migration starts from. A table or column is named as the
 * design's baseline knew it, or, without a baseline, by undoing the migration's renames; an element the baseline
 * does not hold is new in this migration and gets no hint (its name may belong to something else before).
 *
 * @example
 * const hints = seedHints(design, migration.renames);
 * hints['MoLOS-Tasks_tasks']?.status; // { values: ['to_do', 'done'], notNull: true }
 */
export function seedHints(design: Design, renames: Renames = { tables: [], columns: [] }): SeedHints {
  const baseline = design.baseline;
  const tableBefore = new Map<string, string>();
  const columnBefore = new Map<string, string>();
  for (const t of Object.values(design.tables)) {
    const now = fullTableName(design, t);
    const table = baseline ? baseline.tables[t.id] : (renames.tables.find((r) => r.to === now)?.from ?? now);
    if (table === undefined) continue;
    tableBefore.set(t.id, table);
    for (const c of tableColumns(design, t)) {
      const column = baseline
        ? baseline.columns[c.id]
        : (renames.columns.find((r) => r.table === now && r.to === c.name)?.from ?? c.name);
      if (column !== undefined) columnBefore.set(c.id, column);
    }
  }

  const hints: SeedHints = {};
  const hint = (columnId: string): ColumnHint | undefined => {
    const c = design.columns[columnId];
    const table = c && tableBefore.get(c.tableId);
    const column = columnBefore.get(columnId);
    if (table === undefined || column === undefined) return undefined;
    hints[table] ??= {};
    return (hints[table][column] ??= {});
  };
  for (const c of Object.values(design.columns)) {
    const members = c.enumId ? design.enums[c.enumId]?.members : undefined;
    if (!members?.length && !c.notNull) continue;
    const h = hint(c.id);
    if (!h) continue;
    if (members?.length) h.values = members.map((m) => m.value);
    if (c.notNull) h.notNull = true;
  }
  for (const r of Object.values(design.relations)) {
    const to = design.columns[r.toColumnId];
    const table = to && tableBefore.get(to.tableId);
    const column = columnBefore.get(r.toColumnId);
    if (table === undefined || column === undefined) continue;
    const h = hint(r.fromColumnId);
    if (h) h.references = { table, column };
  }
  return hints;
}
