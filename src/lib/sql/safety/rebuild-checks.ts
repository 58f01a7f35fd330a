/**
 * Checks on a table rebuild, made at each of its statements with the schema as it stands just before that
 * statement. In the host every rebuild runs with foreign keys ON (the file's transaction makes
 * `PRAGMA foreign_keys=OFF` a no-op), so the DROP of the old table fires its children's ON DELETE actions.
 */
import { dropEffects, effectParams } from './effects';
import { type LocatedStatement, finding } from './host-checks';
import { findTable, type SchemaModel } from './model';
import type { Rebuild } from './rebuilds';
import { tokenize } from './tokens';
import type { SafetyFinding } from './types';

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * At the CREATE of the copy: `table-rebuild`, and `rebuild-without-pragma` when an earlier rebuild in the file
 * had the PRAGMAs and this one has not (B15).
 * @example checkRebuildStart(rebuild, statement, model, true)
 */
export function checkRebuildStart(
  r: Rebuild,
  s: LocatedStatement,
  model: SchemaModel,
  earlierWithPragma: boolean,
): SafetyFinding[] {
  const out = [
    finding(s, 'table-rebuild', 'warning', { table: r.table, copy: r.copy, schemaKnown: model.complete ? 1 : 0 }),
  ];
  if (!r.pragmaOff && earlierWithPragma) out.push(finding(s, 'rebuild-without-pragma', 'warning', { table: r.table }));
  return out;
}

/**
 * At the `INSERT INTO copy … SELECT … FROM table`: columns the old table does not have (B10/B11), NOT NULL
 * added to a nullable column (B17), generated columns in the insert list (B12), and NOT NULL columns without a
 * default that the copy gives no value (a new column left out of the copy, as the MoLOS-safe variant does).
 * @example checkRebuildCopy(rebuild, insertStatement, model) // [{ code: 'rebuild-selects-new-column', … }]
 */
export function checkRebuildCopy(r: Rebuild, s: LocatedStatement, model: SchemaModel): SafetyFinding[] {
  if (s.info.kind !== 'insert') return [];
  const out: SafetyFinding[] = [];
  const old = findTable(model, r.table);
  const copy = findTable(model, r.copy);
  const targets = s.info.columns ?? copy?.columns.map((c) => c.name) ?? [];
  (s.info.select ?? []).forEach((item, i) => {
    const target = targets[i];
    const source = item.name;
    if (source === null || target === undefined) return;
    const before = old?.columns.find((c) => same(c.name, source));
    const after = copy?.columns.find((c) => same(c.name, target));
    if (old && !before) {
      out.push(
        finding(s, 'rebuild-selects-new-column', 'error', {
          table: r.table,
          column: source,
          quoted: item.quote === '"' ? 1 : 0,
        }),
      );
    }
    if (before && after && after.notNull && !before.notNull) {
      // Without a default nothing can stand in for a NULL: the way out is the author's (a default, or a backfill).
      const params = { table: r.table, column: target, ...(after.hasDefault ? {} : { noDefault: 1 }) };
      out.push(finding(s, 'rebuild-not-null-tightened', 'error', params));
    }
    if (after?.generated)
      out.push(finding(s, 'rebuild-inserts-generated-column', 'error', { table: r.table, column: target }));
  });
  // A NOT NULL column of the copy that the INSERT leaves out and that has no default gets NULL: every copied row
  // fails. (For a table emptied on purpose, the rows restored later through the same column list fail instead.)
  if (s.info.columns !== null && copy) {
    const listed = s.info.columns;
    for (const c of copy.columns) {
      if (!c.notNull || c.hasDefault || c.generated || c.rowid || listed.some((x) => same(x, c.name))) continue;
      out.push(finding(s, 'rebuild-copy-misses-not-null-column', 'error', { table: r.table, column: c.name }));
    }
  }
  return out;
}

/**
 * At the DROP of the old table: `rebuild-cascade` when other tables (or the copy itself, through a
 * self-reference) reference it.
 * @example checkRebuildDrop(rebuild, dropStatement, model)?.params.deleted // 'MoLOS-Tasks_tasks'
 */
export function checkRebuildDrop(r: Rebuild, s: LocatedStatement, model: SchemaModel): SafetyFinding[] {
  const effects = dropEffects(model, r.table);
  if (effects.length === 0) return [];
  return [
    finding(s, 'rebuild-cascade', 'error', {
      table: r.table,
      schemaKnown: model.complete ? 1 : 0,
      ...effectParams(effects, r.table, r.copy),
    }),
  ];
}

/** True when a view's SQL names the table (as a word or quoted name, not inside a string). */
function viewUses(definition: string, table: string): boolean {
  return tokenize(definition).some((t) => (t.kind === 'word' || t.kind === 'ident') && same(t.value, table));
}

/**
 * At the RENAME of the copy: SQLite re-checks every view, and a view over the dropped table fails with
 * "error in view v: no such table: main.t" (B13), which aborts the host's transaction.
 * @example checkRebuildRename(rebuild, renameStatement, model) // [{ code: 'rebuild-table-used-by-view', … }]
 */
export function checkRebuildRename(r: Rebuild, s: LocatedStatement, model: SchemaModel): SafetyFinding[] {
  return [...model.views.values()]
    .filter((v) => viewUses(v.definition, r.table))
    .map((v) => finding(s, 'rebuild-table-used-by-view', 'error', { table: r.table, view: v.name }));
}
