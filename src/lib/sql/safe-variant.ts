/**
 * The MoLOS-safe variant of a migration. drizzle-kit's SQL is right for a database migrated outside a
 * transaction with foreign keys off; the MoLOS host runs each file in one transaction with foreign keys on, where
 * `PRAGMA foreign_keys=OFF` does nothing. There, dropping a table during a rebuild deletes (or nulls) the rows
 * that reference it, a rebuild that selects a column the old table did not have fails, and some `ADD`s fail on a
 * table with rows. When drizzle-kit's migration has none of these hazards (safe-plan.ts), this variant *is*
 * drizzle-kit's SQL, byte for byte. Otherwise it:
 * - saves the rows of every table that references a rebuilt or dropped table (directly or through others, self
 *   references included), empties those tables before the change and restores the rows afterwards;
 * - rebuilds with `PRAGMA defer_foreign_keys=ON` instead of the no-op `foreign_keys=OFF`, copying only columns the
 *   old table had (renamed columns under their old names), and a column that becomes NOT NULL as
 *   `COALESCE(col, default)`;
 * - rebuilds a table instead of adding a column SQLite refuses to add to a table with rows (a non-constant
 *   default such as `(strftime('%s','now'))`, or a REFERENCES column with a non-NULL default): each row then gets
 *   the default, evaluated for it;
 * - writes `ADD … REFERENCES` with a quoted target and its ON UPDATE / ON DELETE actions.
 * Every difference from drizzle-kit is listed, so the author can choose knowingly.
 */
import { createTable, statementSql, statementsSql } from './diff/convert';
import { unsquashForeignKey } from './diff/squash';
import type { JsonStatement } from './diff/statements';
import { BREAKPOINT } from './create-sql';
import {
  type MigrationHazard,
  type SafeMigrationInput,
  type SafePlan,
  copyItems,
  planSafeMigration,
  tableNames,
} from './safe-plan';
import type { Snapshot } from './snapshot-types';

export type { HazardCode, MigrationHazard, SafeMigrationInput } from './safe-plan';

export interface SafeMigration {
  statements: string[];
  sql: string;
  /** What this variant does differently from drizzle-kit, in plain words (empty when it is drizzle-kit's SQL). */
  differences: string[];
  /**
   * drizzle-kit's hazards under the host; `fixed: false` ones stay in this variant too (a NOT NULL column with
   * no value for existing rows), and the safety analysis reports them on it.
   */
  hazards: MigrationHazard[];
}

const q = (name: string) => `\`${name}\``;
const dq = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Orders tables so that a table comes after the tables it references (cycles keep their input order). */
function parentsFirst(tables: string[], snapshot: Snapshot): string[] {
  const out: string[] = [];
  const visiting = new Set<string>();
  const visit = (t: string) => {
    if (out.includes(t) || visiting.has(t)) return;
    visiting.add(t);
    for (const fk of Object.values(snapshot.tables[t]?.foreignKeys ?? {}))
      if (tables.includes(fk.tableTo)) visit(fk.tableTo);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

/** `INSERT INTO to(cols) SELECT exprs FROM from;`, or nothing when no column is copied. */
function copy(to: string, from: string, items: ReturnType<typeof copyItems>): string[] {
  if (items.length === 0) return [];
  return [
    `INSERT INTO ${q(to)}(${items.map((i) => dq(i.to)).join(', ')}) SELECT ${items.map((i) => i.expr).join(', ')} FROM ${q(from)};`,
  ];
}

/** drizzle-kit's rebuild without its PRAGMAs, copying what the old table really holds. */
function rebuild(
  input: SafeMigrationInput,
  st: Extract<JsonStatement, { type: 'recreate_table' }>,
  renamedAlready: (from: string, to: string) => boolean,
): string[] {
  const t = st.tableName;
  const temp = `__new_${t}`;
  // As drizzle-kit does: checks that name the table must name the copy while it is built (SQLite renames them back).
  const checks = st.checkConstraints.map((c) =>
    c
      .replaceAll(`"${t}".`, `"${temp}".`)
      .replaceAll(`\`${t}\`.`, `\`${temp}\`.`)
      .replaceAll(`${t}.`, `${temp}.`)
      .replaceAll(`'${t}'.`, `'${temp}'.`),
  );
  return [
    createTable({ ...st, tableName: temp, checkConstraints: checks }),
    ...copy(temp, t, copyItems(input, t, renamedAlready)),
    `DROP TABLE ${q(t)};`,
    `ALTER TABLE ${q(temp)} RENAME TO ${q(t)};`,
  ];
}

/** `ADD … REFERENCES` with the target quoted and the actions kept. */
function addReference(st: Extract<JsonStatement, { type: 'sqlite_alter_table_add_column' }>, data: string): string {
  const fk = unsquashForeignKey(data);
  const [plain = ''] = statementSql({ ...st, referenceData: undefined });
  const cols = fk.columnsTo.map(q).join(',');
  return `${plain.slice(0, -1)} REFERENCES ${q(fk.tableTo)}(${cols}) ON UPDATE ${fk.onUpdate || 'no action'} ON DELETE ${fk.onDelete || 'no action'};`;
}

const list = (xs: string[]) => [...new Set(xs)].join(', ');

/** The differences from drizzle-kit, in plain words, from the fixed hazards. */
function describe(plan: SafePlan, fixed: MigrationHazard[]): string[] {
  const out: string[] = [];
  const of = (code: MigrationHazard['code']) => fixed.filter((h) => h.code === code);
  if (plan.saved.length > 0) {
    out.push(
      `Saves and restores the rows of ${plan.saved.join(', ')}: they reference a table that is rebuilt or dropped, and ` +
        "inside the host's transaction with foreign keys on, drizzle-kit's DROP TABLE would delete or null them.",
    );
  }
  if (plan.statements.some((s) => s.type === 'recreate_table')) {
    out.push(
      'Rebuilds use PRAGMA defer_foreign_keys=ON instead of PRAGMA foreign_keys=OFF/ON, which does nothing inside the host’s transaction.',
    );
  }
  if (plan.droppedLater.length > 0) {
    out.push(
      `Drops ${plan.droppedLater.join(', ')} after rebuilding the tables that referenced it: dropped first, as drizzle-kit does, it makes the rebuilds' DROP TABLE fail ("no such table") inside the host's transaction.`,
    );
  }
  for (const p of plan.promoted) {
    out.push(
      p.reason === 'add-column-non-constant-default'
        ? `Rebuilds ${p.table} instead of ALTER TABLE … ADD ${p.column}: SQLite refuses to add a column with the non-constant default ${p.default} to a table that has rows; the rebuild gives each row the default.`
        : `Rebuilds ${p.table} instead of ALTER TABLE … ADD ${p.column}: with foreign keys on, SQLite refuses to add a REFERENCES column with the default ${p.default} to a table that has rows; the rebuild gives each row that default, which must be a key of the referenced table.`,
    );
  }
  if (of('rebuild-selects-new-column').length > 0 || of('rebuild-inserts-generated-column').length > 0) {
    const cols = [...of('rebuild-selects-new-column'), ...of('rebuild-inserts-generated-column')];
    out.push(
      `Rebuilds copy only the columns the old table had (renamed ones under their old names); ${list(cols.map((h) => `${h.table}.${h.column}`))} get their defaults (drizzle-kit selects them from the old table, which fails).`,
    );
  }
  const filled = of('rebuild-not-null-tightened');
  if (filled.length > 0) {
    out.push(
      `Copies NULL as the column's default in ${list(filled.map((h) => `${h.table}.${h.column} (${h.default ?? ''})`))}: the column becomes NOT NULL, and drizzle-kit's copy fails on a NULL.`,
    );
  }
  if (of('add-references-unquoted').length > 0) {
    out.push(
      'ADD COLUMN … REFERENCES names the target table quoted and keeps ON UPDATE / ON DELETE, which drizzle-kit drops.',
    );
  }
  return out;
}

/**
 * Rewrites a migration (json statements plus the schemas around it) into its MoLOS-safe form — drizzle-kit's own
 * SQL when it has no hazard the variant can remove.
 * @example const safe = safeVariant(nextMigration(design, folder, { now })); write(safe.sql);
 */
export function safeVariant(input: SafeMigrationInput): SafeMigration {
  const plan = planSafeMigration(input);
  const fixed = plan.hazards.filter((h) => h.fixed);
  if (fixed.length === 0) {
    const exact = statementsSql(input.statements);
    return { statements: exact, sql: exact.join(BREAKPOINT), differences: [], hazards: plan.hazards };
  }
  const names = tableNames(input.renames);
  const survivingRenames = plan.statements.filter((s) => s.type === 'alter_table_rename_column');
  const renamedAlready = (table: string) => (from: string, to: string) =>
    survivingRenames.some((s) => s.tableName === table && s.oldColumnName === from && s.newColumnName === to);
  const quoteReferences = fixed.some((h) => h.code === 'add-references-unquoted');
  const saved = plan.saved;
  const out: string[] = [];

  if (saved.length > 0 || plan.statements.some((s) => s.type === 'recreate_table'))
    out.push('PRAGMA defer_foreign_keys=ON;');
  for (const t of saved) out.push(`CREATE TABLE ${q(`__keep_${t}`)} AS SELECT * FROM ${q(t)};`);
  for (const t of [...parentsFirst(saved, input.before)].reverse()) out.push(`DELETE FROM ${q(t)};`);

  for (const st of plan.statements) {
    if (st.type === 'recreate_table') out.push(...rebuild(input, st, renamedAlready(st.tableName)));
    else if (st.type === 'sqlite_alter_table_add_column' && st.referenceData && quoteReferences)
      out.push(addReference(st, st.referenceData));
    else for (const sql of statementSql(st)) if (!out.includes(sql)) out.push(sql);
  }

  for (const t of parentsFirst(saved.map(names.toNew), input.after)) {
    const old = names.toOld(t);
    out.push(
      ...copy(
        t,
        `__keep_${old}`,
        copyItems(input, t, () => false),
      ),
    );
  }
  for (const t of saved) out.push(`DROP TABLE ${q(`__keep_${t}`)};`);
  return { statements: out, sql: out.join(BREAKPOINT), differences: describe(plan, fixed), hazards: plan.hazards };
}
