/**
 * The MoLOS-safe variant of a migration. drizzle-kit's SQL is right for a database migrated outside a
 * transaction with foreign keys off; the MoLOS host runs each file in one transaction with foreign keys on, where
 * `PRAGMA foreign_keys=OFF` does nothing. There, dropping a table during a rebuild deletes (or nulls) the rows
 * that reference it, and a rebuild that selects a column the old table did not have fails or writes the column's
 * name into every row. This variant:
 * - saves the rows of every table that references a rebuilt or dropped table (directly or through others, self
 *   references included), empties those tables before the change and restores the rows afterwards;
 * - rebuilds with `PRAGMA defer_foreign_keys=ON` instead of the no-op `foreign_keys=OFF`, copying only columns the
 *   old table had (renamed columns under their old names);
 * - writes `ADD … REFERENCES` with a quoted target and its ON UPDATE / ON DELETE actions.
 * Every difference from drizzle-kit is listed, so the author can choose knowingly.
 */
import { createTable } from './diff/convert';
import type { Renames } from './diff/differ';
import { statementSql } from './diff/convert';
import { unsquashForeignKey } from './diff/squash';
import type { JsonStatement } from './diff/statements';
import { BREAKPOINT } from './create-sql';
import type { Snapshot } from './snapshot-types';

export interface SafeMigrationInput {
  statements: JsonStatement[];
  before: Snapshot;
  after: Snapshot;
  renames: Renames;
}

export interface SafeMigration {
  statements: string[];
  sql: string;
  /** What this variant does differently from drizzle-kit, in plain words. */
  differences: string[];
}

const q = (name: string) => `\`${name}\``;
const dq = (name: string) => `"${name}"`;

/** Old name → new name of every table (identity when not renamed). */
function tableNames(input: SafeMigrationInput): { toNew: (old: string) => string; toOld: (name: string) => string } {
  return {
    toNew: (old) => input.renames.tables.find((r) => r.from === old)?.to ?? old,
    toOld: (name) => input.renames.tables.find((r) => r.to === name)?.from ?? name,
  };
}

/**
 * For each column of `table` in `after`, the column of the old data to copy it from (or none).
 * `renamedAlready` is true when the migration's own RENAME COLUMN has run by the time the copy happens.
 */
function columnMapping(
  input: SafeMigrationInput,
  table: string,
  oldColumns: string[],
  renamedAlready: (from: string, to: string) => boolean,
): { to: string; from: string }[] {
  const out: { to: string; from: string }[] = [];
  for (const name of Object.keys(input.after.tables[table]?.columns ?? {})) {
    const rename = input.renames.columns.find((r) => r.table === table && r.to === name);
    const from = rename ? (renamedAlready(rename.from, rename.to) ? rename.to : rename.from) : name;
    if (oldColumns.includes(from) || (rename && renamedAlready(rename.from, rename.to))) out.push({ to: name, from });
  }
  return out;
}

/** Tables (old names) that reference any of `targets` through one or more foreign keys, self references included. */
function dependents(before: Snapshot, targets: Set<string>): Set<string> {
  const found = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of Object.values(before.tables)) {
      if (found.has(t.name)) continue;
      if (Object.values(t.foreignKeys).some((fk) => targets.has(fk.tableTo) || found.has(fk.tableTo))) {
        found.add(t.name);
        grew = true;
      }
    }
  }
  return found;
}

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

/**
 * Rewrites a migration (json statements plus the schemas around it) into its MoLOS-safe form.
 * @example const safe = safeVariant(nextMigration(design, folder, { now })); write(safe.sql);
 */
export function safeVariant(input: SafeMigrationInput): SafeMigration {
  const names = tableNames(input);
  const rebuilt = input.statements.filter((s) => s.type === 'recreate_table').map((s) => s.tableName);
  const dropped = input.statements.filter((s) => s.type === 'drop_table').map((s) => s.tableName);
  const survivingRenames = input.statements.filter((s) => s.type === 'alter_table_rename_column');
  const renamedAlready = (table: string) => (from: string, to: string) =>
    survivingRenames.some((s) => s.tableName === table && s.oldColumnName === from && s.newColumnName === to);

  const touched = new Set([...rebuilt.map(names.toOld), ...dropped]);
  const protectedOld = [...dependents(input.before, touched)].filter((t) => !dropped.includes(t));
  const differences: string[] = [];
  const out: string[] = [];

  if (rebuilt.length > 0 || protectedOld.length > 0) out.push('PRAGMA defer_foreign_keys=ON;');
  if (protectedOld.length > 0) {
    for (const t of protectedOld) out.push(`CREATE TABLE ${q(`__keep_${t}`)} AS SELECT * FROM ${q(t)};`);
    for (const t of [...parentsFirst(protectedOld, input.before)].reverse()) out.push(`DELETE FROM ${q(t)};`);
    differences.push(
      `Saves and restores the rows of ${protectedOld.join(', ')}: they reference a table that is rebuilt or dropped, and ` +
        "inside the host's transaction with foreign keys on, drizzle-kit's DROP TABLE would delete or null them.",
    );
  }

  let copiedOnly = false;
  let quotedReference = false;
  for (const st of input.statements) {
    if (st.type === 'recreate_table') {
      const t = st.tableName;
      const temp = `__new_${t}`;
      const oldColumns = Object.keys(input.before.tables[names.toOld(t)]?.columns ?? {});
      const mapping = columnMapping(input, t, oldColumns, renamedAlready(t));
      if (mapping.length !== st.columns.length || mapping.some((m) => m.from !== m.to)) copiedOnly = true;
      const checks = st.checkConstraints.map((c) => c.replaceAll(`"${t}".`, `"${temp}".`));
      out.push(createTable({ ...st, tableName: temp, checkConstraints: checks }));
      out.push(
        `INSERT INTO ${q(temp)}(${mapping.map((m) => dq(m.to)).join(', ')}) SELECT ${mapping.map((m) => dq(m.from)).join(', ')} FROM ${q(t)};`,
      );
      out.push(`DROP TABLE ${q(t)};`, `ALTER TABLE ${q(temp)} RENAME TO ${q(t)};`);
      continue;
    }
    if (st.type === 'sqlite_alter_table_add_column' && st.referenceData) {
      const fk = unsquashForeignKey(st.referenceData);
      const [plain = ''] = statementSql({ ...st, referenceData: undefined });
      const cols = fk.columnsTo.map(q).join(',');
      out.push(
        `${plain.slice(0, -1)} REFERENCES ${q(fk.tableTo)}(${cols}) ON UPDATE ${fk.onUpdate || 'no action'} ON DELETE ${fk.onDelete || 'no action'};`,
      );
      quotedReference = true;
      continue;
    }
    for (const sql of statementSql(st)) if (!out.includes(sql)) out.push(sql);
  }

  if (protectedOld.length > 0) {
    for (const t of parentsFirst(protectedOld.map(names.toNew), input.after)) {
      const old = names.toOld(t);
      const mapping = columnMapping(input, t, Object.keys(input.before.tables[old]?.columns ?? {}), () => false);
      out.push(
        `INSERT INTO ${q(t)}(${mapping.map((m) => dq(m.to)).join(', ')}) SELECT ${mapping.map((m) => dq(m.from)).join(', ')} FROM ${q(`__keep_${old}`)};`,
      );
    }
    for (const t of protectedOld) out.push(`DROP TABLE ${q(`__keep_${t}`)};`);
  }
  if (rebuilt.length > 0) {
    differences.push(
      'Rebuilds use PRAGMA defer_foreign_keys=ON instead of PRAGMA foreign_keys=OFF/ON, which does nothing inside the host’s transaction.',
    );
  }
  if (copiedOnly) {
    differences.push(
      'Rebuilds copy only the columns the old table had (renamed ones under their old names); new columns get their defaults.',
    );
  }
  if (quotedReference) {
    differences.push(
      'ADD COLUMN … REFERENCES names the target table quoted and keeps ON UPDATE / ON DELETE, which drizzle-kit drops.',
    );
  }
  return { statements: out, sql: out.join(BREAKPOINT), differences };
}
