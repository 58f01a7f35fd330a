/**
 * What in drizzle-kit's migration loses, nulls or corrupts rows — or fails — under the MoLOS host (one transaction
 * per file, foreign keys on, double-quoted strings off), and the plan the MoLOS-safe variant follows to avoid it.
 * The hazards are those of shared/drizzle-kit-sqlite.md §12 that a design can produce; each is `fixed` when the
 * safe variant removes it, or not (a NOT NULL column with no value to give existing rows: only a default helps).
 */
import { isSqlKeyword } from '../core/naming';
import { rebuildStatements } from './diff/combine';
import { type Renames, squashTable } from './diff/differ';
import { unsquashForeignKey } from './diff/squash';
import type { JsonStatement } from './diff/statements';
import { isConstantDefault, isNullDefault } from './default-constant';
import type { SafetyCode } from './safety/types';
import type { Snapshot, SnapshotColumn } from './snapshot-types';

export interface SafeMigrationInput {
  statements: JsonStatement[];
  before: Snapshot;
  after: Snapshot;
  renames: Renames;
}

/** The hazards a migration of a design can have, named by the safety analysis' code for the same problem. */
export type HazardCode = Extract<
  SafetyCode,
  | 'rebuild-cascade'
  | 'drop-referenced-table'
  | 'rebuild-selects-new-column'
  | 'rebuild-inserts-generated-column'
  | 'rebuild-not-null-tightened'
  | 'add-references-unquoted'
  | 'add-column-non-constant-default'
  | 'add-references-with-default'
  | 'add-not-null-without-default'
>;

export interface MigrationHazard {
  code: HazardCode;
  /** The table concerned (its name after the migration; the old name of a dropped table). */
  table: string;
  column?: string;
  /** `rebuild-cascade` / `drop-referenced-table`: the tables (old names) whose rows reference it, directly or not. */
  children?: string[];
  /** The default involved, as SQL text. */
  default?: string;
  /** True when the MoLOS-safe variant removes the hazard; false when nothing but a design change can. */
  fixed: boolean;
}

/** An ADD that SQLite refuses on a table with rows, written as a rebuild of the table instead. */
export interface PromotedAdd {
  table: string;
  column: string;
  default: string;
  reason: 'add-column-non-constant-default' | 'add-references-with-default';
}

export interface SafePlan {
  hazards: MigrationHazard[];
  /** The migration's statements with each {@link PromotedAdd}'s table rebuilt (drizzle-kit's own otherwise). */
  statements: JsonStatement[];
  promoted: PromotedAdd[];
  /** Old names of the tables whose rows are saved before the migration and restored after it. */
  saved: string[];
  /** Dropped tables whose DROP comes after the rebuilds of the tables that referenced them. */
  droppedLater: string[];
}

/** One column of a copy: the new column, the old column it comes from, and the expression that reads it. */
export interface CopyItem {
  to: string;
  from: string;
  expr: string;
  /** True when NULL is replaced by the column's default (it becomes NOT NULL). */
  coalesced: boolean;
}

/** Old name → new name of every table (identity when not renamed), and back. */
export function tableNames(renames: Renames): { toNew: (old: string) => string; toOld: (name: string) => string } {
  return {
    toNew: (old) => renames.tables.find((r) => r.from === old)?.to ?? old,
    toOld: (name) => renames.tables.find((r) => r.to === name)?.from ?? name,
  };
}

const dq = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The table a statement belongs to (drizzle-kit's bucket key). */
function tableOf(st: JsonStatement): string {
  return st.type === 'rename_table' ? st.tableNameTo : st.tableName;
}

/** True when SQLite would not read `name` as the bare name drizzle-kit writes in `ADD … REFERENCES name(col)`. */
function needsQuotes(name: string): boolean {
  return !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || isSqlKeyword(name);
}

/** The old column a column of `table` (new name) comes from, or undefined for a new column. */
function sourceColumn(input: SafeMigrationInput, table: string, column: string): SnapshotColumn | undefined {
  const old = tableNames(input.renames).toOld(table);
  const rename = input.renames.columns.find((r) => r.table === table && r.to === column);
  return input.before.tables[old]?.columns[rename ? rename.from : column];
}

/** True when the copy must turn NULL into the column's default: it becomes NOT NULL and has a non-NULL default. */
function fillsNulls(after: SnapshotColumn, before: SnapshotColumn | undefined): boolean {
  return Boolean(before && !before.notNull && after.notNull && !isNullDefault(after.default));
}

/**
 * The columns to copy into `table` (new name) from the old rows, and how: every column of the new table that
 * existed before (renamed ones under the name they have at that point: `renamedAlready`), never a generated one,
 * with `COALESCE(col, default)` where the column becomes NOT NULL and has a default.
 * @example copyItems(input, 'MoLOS-Tasks_tags', () => false) // [{ to: 'id', from: 'id', expr: '"id"', … }, …]
 */
export function copyItems(
  input: SafeMigrationInput,
  table: string,
  renamedAlready: (from: string, to: string) => boolean,
): CopyItem[] {
  const out: CopyItem[] = [];
  for (const column of Object.values(input.after.tables[table]?.columns ?? {})) {
    if (column.generated) continue;
    const before = sourceColumn(input, table, column.name);
    if (!before) continue;
    const rename = input.renames.columns.find((r) => r.table === table && r.to === column.name);
    const from = rename && !renamedAlready(rename.from, rename.to) ? rename.from : column.name;
    const coalesced = fillsNulls(column, before);
    const expr = coalesced ? `COALESCE(${dq(from)}, ${String(column.default)})` : dq(from);
    out.push({ to: column.name, from, expr, coalesced });
  }
  return out;
}

/** Rebuilds each table of `tables` (new names) in place of its statements, keeping its renames, as drizzle-kit's combiner does. */
function promote(statements: readonly JsonStatement[], tables: Set<string>, after: Snapshot): JsonStatement[] {
  const out: JsonStatement[] = [];
  const done = new Set<string>();
  for (const st of statements) {
    const t = tableOf(st);
    if (!tables.has(t) || st.type === 'rename_table' || st.type === 'alter_table_rename_column') {
      out.push(st);
      continue;
    }
    if (done.has(t)) continue;
    done.add(t);
    const target = after.tables[t];
    if (target) out.push(...rebuildStatements(squashTable(target)));
  }
  return out;
}

/**
 * Moves each `DROP TABLE` of a table that tables rebuilt in this migration reference to just after the last of
 * those rebuilds (and their indexes). Dropped first, as drizzle-kit orders it, the table is missing while the
 * old children are dropped: SQLite compiles each child's ON DELETE actions, and an action on a table that still
 * references the dropped one fails with "no such table" — which the host takes for "already applied", so the
 * rebuild's RENAME then fails. Returns the statements and the tables moved.
 */
function dropAfterRebuilds(
  statements: readonly JsonStatement[],
  input: SafeMigrationInput,
): { statements: JsonStatement[]; moved: string[] } {
  const { toNew } = tableNames(input.renames);
  const rebuilt = new Set(statements.flatMap((s) => (s.type === 'recreate_table' ? [s.tableName] : [])));
  const out = [...statements];
  const moved: string[] = [];
  for (const st of statements) {
    if (st.type !== 'drop_table') continue;
    const referencing = Object.values(input.before.tables)
      .filter((t) => t.name !== st.tableName && Object.values(t.foreignKeys).some((fk) => fk.tableTo === st.tableName))
      .map((t) => toNew(t.name))
      .filter((t) => rebuilt.has(t));
    if (referencing.length === 0) continue;
    const from = out.indexOf(st);
    let last = -1;
    out.forEach((x, i) => {
      if ((x.type === 'recreate_table' || x.type === 'create_index') && referencing.includes(x.tableName)) last = i;
    });
    if (last < from) continue;
    out.splice(from, 1);
    out.splice(last, 0, st);
    moved.push(st.tableName);
  }
  return { statements: out, moved };
}

/**
 * Tables (old names) whose rows reference `targets` (old names), directly or through other such tables, self
 * references included. Foreign keys of both schemas count: a table rebuilt earlier in the file may already carry a
 * new reference when its parent is dropped. Tables created or dropped by the migration hold nothing to keep.
 */
function referencing(input: SafeMigrationInput, targets: ReadonlySet<string>, dropped: ReadonlySet<string>): string[] {
  const { toOld } = tableNames(input.renames);
  const parents = new Map<string, Set<string>>();
  for (const t of Object.values(input.before.tables)) {
    if (dropped.has(t.name)) continue;
    parents.set(t.name, new Set(Object.values(t.foreignKeys).map((fk) => fk.tableTo)));
  }
  for (const t of Object.values(input.after.tables)) {
    const own = parents.get(toOld(t.name));
    if (own) for (const fk of Object.values(t.foreignKeys)) own.add(toOld(fk.tableTo));
  }
  const found = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [table, refs] of parents) {
      if (found.has(table)) continue;
      if ([...refs].some((p) => targets.has(p) || found.has(p))) {
        found.add(table);
        grew = true;
      }
    }
  }
  return [...found];
}

/** Names the columns hold when `st` (a rebuild) copies them: old ones renamed so far, and columns added before it. */
function presentColumns(input: SafeMigrationInput, statements: readonly JsonStatement[], at: number): Set<string> {
  const st = statements[at];
  if (!st || st.type !== 'recreate_table') return new Set();
  const t = st.tableName;
  const old = tableNames(input.renames).toOld(t);
  const present = new Set(Object.keys(input.before.tables[old]?.columns ?? {}));
  for (const earlier of statements.slice(0, at)) {
    if (
      earlier.type === 'alter_table_rename_column' &&
      earlier.tableName === t &&
      present.delete(earlier.oldColumnName)
    )
      present.add(earlier.newColumnName);
    if (earlier.type === 'sqlite_alter_table_add_column' && earlier.tableName === t) present.add(earlier.column.name);
  }
  return present;
}

/** Hazards of drizzle-kit's rebuild of one table: its copy selects what is not there, or copies NULL into NOT NULL. */
function rebuildHazards(
  input: SafeMigrationInput,
  statements: readonly JsonStatement[],
  at: number,
): MigrationHazard[] {
  const st = statements[at];
  if (!st || st.type !== 'recreate_table') return [];
  const out: MigrationHazard[] = [];
  const present = presentColumns(input, statements, at);
  for (const c of st.columns) {
    const base = { table: st.tableName, column: c.name };
    if (!present.has(c.name)) {
      out.push({ code: 'rebuild-selects-new-column', ...base, fixed: true });
      // Left out of the copy, a new NOT NULL column without a default has no value for the copied rows (B9).
      const rowid = c.primaryKey && /^integer$/i.test(c.type.trim());
      if (c.notNull && isNullDefault(c.default) && !c.generated && !rowid && !sourceColumn(input, st.tableName, c.name))
        out.push({ code: 'add-not-null-without-default', ...base, fixed: false });
    }
    if (c.generated) out.push({ code: 'rebuild-inserts-generated-column', ...base, fixed: true });
    const before = sourceColumn(input, st.tableName, c.name);
    if (before && !before.notNull && c.notNull) {
      const fixed = fillsNulls(c, before);
      out.push({
        code: 'rebuild-not-null-tightened',
        ...base,
        ...(fixed ? { default: String(c.default) } : {}),
        fixed,
      });
    }
  }
  return out;
}

/** Hazards of one `ALTER TABLE … ADD` of drizzle-kit's, and whether the table must be rebuilt instead. */
function addHazards(st: Extract<JsonStatement, { type: 'sqlite_alter_table_add_column' }>): {
  hazards: MigrationHazard[];
  promoted: PromotedAdd | null;
} {
  const c = st.column;
  const base = { table: st.tableName, column: c.name };
  const hazards: MigrationHazard[] = [];
  let promoted: PromotedAdd | null = null;
  const def = c.default === undefined ? undefined : String(c.default);
  if (def !== undefined && !isConstantDefault(def)) {
    promoted = { ...base, default: def, reason: 'add-column-non-constant-default' };
  } else if (def !== undefined && st.referenceData && !isNullDefault(def)) {
    promoted = { ...base, default: def, reason: 'add-references-with-default' };
  }
  if (promoted) hazards.push({ code: promoted.reason, ...base, default: promoted.default, fixed: true });
  if (c.notNull && isNullDefault(c.default) && !c.generated) {
    hazards.push({ code: 'add-not-null-without-default', ...base, fixed: false });
  }
  if (!promoted && st.referenceData) {
    const fk = unsquashForeignKey(st.referenceData);
    const dropsActions = [fk.onDelete, fk.onUpdate].some((a) => a !== '' && a.toLowerCase() !== 'no action');
    if (dropsActions || needsQuotes(fk.tableTo) || fk.columnsTo.some(needsQuotes)) {
      hazards.push({ code: 'add-references-unquoted', ...base, fixed: true });
    }
  }
  return { hazards, promoted };
}

/**
 * Finds the hazards of drizzle-kit's migration under the host and plans the safe variant: which ADDs become
 * rebuilds, and which tables' rows are saved and restored around the rebuilds and drops.
 * @example planSafeMigration(nextMigration(design, folder, { now })).hazards.filter((h) => h.fixed)
 */
export function planSafeMigration(input: SafeMigrationInput): SafePlan {
  const hazards: MigrationHazard[] = [];
  const promoted: PromotedAdd[] = [];
  for (const st of input.statements) {
    if (st.type !== 'sqlite_alter_table_add_column') continue;
    const found = addHazards(st);
    hazards.push(...found.hazards);
    if (found.promoted) promoted.push(found.promoted);
  }
  const reordered = dropAfterRebuilds(
    promote(input.statements, new Set(promoted.map((p) => p.table)), input.after),
    input,
  );
  const statements = reordered.statements;

  // drizzle-kit's own rebuilds. (A promoted table's hazards are its ADDs': a change that makes a column NOT NULL
  // always makes drizzle-kit rebuild the table itself.)
  input.statements.forEach((st, i) => {
    if (st.type === 'recreate_table') hazards.push(...rebuildHazards(input, input.statements, i));
  });
  // Rows that reference a rebuilt or dropped table are saved; drizzle-kit's own rebuilds and drops are its hazards.
  const { toOld, toNew } = tableNames(input.renames);
  const dropped = new Set(statements.flatMap((s) => (s.type === 'drop_table' ? [s.tableName] : [])));
  const rebuilt = statements.flatMap((s) => (s.type === 'recreate_table' ? [toOld(s.tableName)] : []));
  const drizzleRebuilt = new Set(
    input.statements.flatMap((s) => (s.type === 'recreate_table' ? [toOld(s.tableName)] : [])),
  );
  const saved = new Set<string>();
  for (const target of [...rebuilt, ...dropped]) {
    const children = referencing(input, new Set([target]), dropped);
    if (children.length === 0) continue;
    children.forEach((c) => saved.add(c));
    if (dropped.has(target)) {
      hazards.push({ code: 'drop-referenced-table', table: target, children: children.sort(), fixed: true });
    } else if (drizzleRebuilt.has(target)) {
      hazards.push({ code: 'rebuild-cascade', table: toNew(target), children: children.sort(), fixed: true });
    }
  }
  return { hazards, statements, promoted, saved: [...saved], droppedLater: reordered.moved };
}
