/**
 * Deterministic sample rows for every table of a live database, derived from the schema SQLite reports. They are
 * the "before" picture of a data-loss demonstration: seed, capture, run a migration, capture, compare.
 */
import type { Database, SqlValue } from 'sql.js';
import { enumChecks } from './enum-checks';
import { type ColumnReport, type TableReport, readSchema } from './schema-report';
import type { ColumnHint, SeedHints } from './seed-hints';
import { type Row, errorMessage, queryRows, quoteIdent } from './sqljs-rows';

export { captureRows, compareRows } from './row-compare';
export type { ColumnHint, SeedHints } from './seed-hints';
export type { RowChange, RowKey, RowSnapshot, RowsReport, TableRows, TableRowsReport } from './row-compare';

export interface SeededTable {
  table: string;
  inserted: number;
  /** SQLite's message for each row that could not be inserted. */
  errors: string[];
  /**
   * Referenced tables that are not in the database (a core table such as `user`, say). SQLite refuses every insert
   * into such a table while foreign keys are on, so its rows are inserted with them off: nullable references are
   * NULL, NOT NULL ones hold a made-up value that `PRAGMA foreign_key_check` will report.
   */
  missingParents: string[];
  /** Columns whose values came from the design's enum (no CHECK in the database says it yet, or a narrower one). */
  enumColumns: string[];
  /** Columns that point at parent rows because the design relates them (no foreign key in the database yet). */
  referenceColumns: string[];
  /**
   * Nullable columns that hold NULL in one row (the last of the batch): real rows have NULLs wherever the schema
   * allows them, and a migration that makes such a column NOT NULL must show what it does to them.
   */
  nullColumns: string[];
}

export interface SeedReport {
  /** In insertion order: referenced tables before the tables that reference them. */
  tables: SeededTable[];
  inserted: number;
}

// 2026-01-01T00:00:00Z: timestamps in sample rows are whole days after it, in unix seconds (the MoLOS convention).
const EPOCH_2026 = 1_767_225_600;

/**
 * Inserts `rowsPerTable` rows into every table. Values satisfy NOT NULL, the declared type, UNIQUE constraints
 * and indexes (every row differs), textEnum CHECKs (allowed values in turn) and foreign keys (parents are seeded
 * first; a row references a parent row; a self reference points at the previous row, or is NULL for the first).
 * Text primary keys are `<table>-<n>`. Running it twice adds rows numbered after the existing ones.
 *
 * When more than one row is inserted, the last one holds NULL in every nullable column the database lets it (not
 * a key, a generated column or a reference): a migration that tightens such a column to NOT NULL then meets the
 * NULLs real data has. A row SQLite refuses with those NULLs (a CHECK that wants a value) is inserted with values.
 *
 * `options.only` limits the seeding to some tables (the others keep their rows and serve as parents).
 *
 * `hints` (from {@link seedHints}) add what the design says and the database does not yet: enum values (kept to
 * those the database's CHECK also allows), NOT NULL for references, and relations the database has no foreign key
 * for (logical ones, or one the migration adds), so the rows obey the design the migration moves to.
 *
 * @example
 * const report = seedSampleRows(db); // { tables: [{ table: 'projects', inserted: 3, errors: [], … }, …], inserted: 9 }
 */
export function seedSampleRows(
  db: Database,
  rowsPerTable = 3,
  hints: SeedHints = {},
  options: { only?: (table: string) => boolean } = {},
): SeedReport {
  const schema = readSchema(db);
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const refsOf = new Map(schema.tables.map((t) => [t.name, references(t, hints[t.name] ?? {}, byName)]));
  const made = new Map<string, Row[]>();
  // Tables left out are parents as they are: rows of this call point at their first rows.
  for (const t of schema.tables)
    if (options.only && !options.only(t.name))
      made.set(t.name, queryRows(db, `SELECT * FROM ${quoteIdent(t.name)} ORDER BY rowid LIMIT ?`, [rowsPerTable]));
  const tables: SeededTable[] = [];
  for (const t of parentsFirst(schema.tables, refsOf)) {
    if (options.only && !options.only(t.name)) continue;
    const sql = queryRows(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [t.name])[0]?.sql;
    const refs = refsOf.get(t.name) ?? [];
    const ctx: TableContext = {
      table: t,
      refs,
      missingParents: new Set(refs.map((r) => r.table).filter((p) => !byName.has(p))),
      enums: allowedValues(t, enumChecks(typeof sql === 'string' ? sql : ''), hints[t.name] ?? {}),
      hints: hints[t.name] ?? {},
      unique: uniqueColumns(t),
      offset: Number(queryRows(db, `SELECT count(*) AS n FROM ${quoteIdent(t.name)}`)[0]?.n ?? 0),
    };
    const rows: Row[] = [];
    const errors: string[] = [];
    const refColumns = new Set(refs.flatMap((r) => r.from));
    const nullable = t.columns
      .filter((c) => !c.notNull && c.primaryKey === 0 && c.generated === null && !refColumns.has(c.name))
      .map((c) => c.name);
    let nullColumns: string[] = [];
    const missingParents = [...ctx.missingParents].sort();
    made.set(t.name, rows);
    const relax = missingParents.length > 0 && queryRows(db, 'PRAGMA foreign_keys')[0]?.foreign_keys === 1;
    if (relax) db.run('PRAGMA foreign_keys = OFF');
    for (let i = 1; i <= rowsPerTable; i++) {
      const row = sampleRow(ctx, ctx.offset + i, rows, made);
      const withNulls = i === rowsPerTable && i > 1 && nullable.length > 0;
      if (withNulls) {
        const nulled: Row = { ...row };
        for (const c of nullable) nulled[c] = null;
        if (insertRow(db, t.name, nulled) === null) {
          rows.push(nulled);
          nullColumns = nullable;
          continue;
        }
      }
      const error = insertRow(db, t.name, row);
      if (error === null) rows.push(row);
      else errors.push(error);
    }
    if (relax) db.run('PRAGMA foreign_keys = ON');
    tables.push({
      table: t.name,
      inserted: rows.length,
      errors,
      missingParents,
      enumColumns: t.columns.filter((c) => ctx.enums.get(c.name)?.fromDesign).map((c) => c.name),
      referenceColumns: refs.filter((r) => r.fromDesign && !ctx.missingParents.has(r.table)).flatMap((r) => r.from),
      nullColumns,
    });
  }
  return { tables, inserted: tables.reduce((n, t) => n + t.inserted, 0) };
}

/** Inserts one row; SQLite's message when it refuses it, else null. */
function insertRow(db: Database, table: string, row: Row): string | null {
  const columns = Object.keys(row);
  try {
    db.run(
      `INSERT INTO ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      columns.map((c) => row[c] ?? null),
    );
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

/** A reference a seeded row must satisfy: a foreign key of the database, or a relation of the design. */
interface Ref {
  from: string[];
  table: string;
  to: string[];
  /** Only the design says it (the database has no foreign key on these columns). */
  fromDesign: boolean;
}

interface TableContext {
  table: TableReport;
  refs: Ref[];
  /** Allowed values per column, and whether the design decided them. */
  enums: Map<string, { values: (string | number)[]; fromDesign: boolean }>;
  hints: Record<string, ColumnHint>;
  /** Columns that take part in a primary key or a unique index: their values must differ per row. */
  unique: Set<string>;
  /** Rows already in the table: numbering continues after them. */
  offset: number;
  /** Referenced tables that do not exist in the database. */
  missingParents: Set<string>;
}

// The database's foreign keys, plus the design's relations on columns no foreign key covers, when the referenced
// table and column exist (rows can only point at rows that are there).
function references(t: TableReport, hints: Record<string, ColumnHint>, tables: Map<string, TableReport>): Ref[] {
  const refs: Ref[] = t.foreignKeys.map((fk) => ({ from: fk.from, table: fk.table, to: fk.to, fromDesign: false }));
  const covered = new Set(t.foreignKeys.flatMap((fk) => fk.from));
  for (const c of t.columns) {
    const ref = hints[c.name]?.references;
    if (!ref || covered.has(c.name) || c.generated !== null) continue;
    if (!tables.get(ref.table)?.columns.some((x) => x.name === ref.column)) continue;
    refs.push({ from: [c.name], table: ref.table, to: [ref.column], fromDesign: true });
  }
  return refs;
}

// The database's CHECK values; the design's enum values where the database has none, or the values both allow.
function allowedValues(
  t: TableReport,
  checks: Map<string, (string | number)[]>,
  hints: Record<string, ColumnHint>,
): TableContext['enums'] {
  const out: TableContext['enums'] = new Map();
  for (const c of t.columns) {
    const checked = checks.get(c.name);
    const designed = hints[c.name]?.values;
    const both = checked && designed ? checked.filter((v) => designed.includes(String(v))) : [];
    if (designed?.length && !checked) out.set(c.name, { values: designed, fromDesign: true });
    else if (both.length > 0 && checked && both.length < checked.length)
      out.set(c.name, { values: both, fromDesign: true });
    else if (checked) out.set(c.name, { values: checked, fromDesign: false });
  }
  return out;
}

function sampleRow(ctx: TableContext, n: number, earlier: Row[], made: Map<string, Row[]>): Row {
  const row: Row = {};
  for (const c of ctx.table.columns) {
    if (c.generated === null) row[c.name] = sampleValue(ctx, c, n);
  }
  for (const ref of ctx.refs) {
    const self = ref.table === ctx.table.name;
    const parents = self ? earlier : (made.get(ref.table) ?? []);
    // A self reference points at the row inserted just before; the first row points at itself when the column is
    // NOT NULL (SQLite checks the constraint after the row exists), otherwise at nothing.
    const required = ref.from.some(
      (f) => ctx.table.columns.find((c) => c.name === f)?.notNull || ctx.hints[f]?.notNull,
    );
    // No parent table at all: keep the sampled value where one is required (see SeededTable.missingParents).
    if (ctx.missingParents.has(ref.table)) {
      if (!required) for (const from of ref.from) row[from] = null;
      continue;
    }
    const parent = self
      ? (earlier[earlier.length - 1] ?? (required ? row : undefined))
      : parents[(n - ctx.offset - 1) % Math.max(parents.length, 1)];
    ref.from.forEach((from, k) => {
      const to = ref.to[k];
      row[from] = parent && to !== undefined ? (parent[to] ?? null) : null;
    });
  }
  return row;
}

function sampleValue(ctx: TableContext, c: ColumnReport, n: number): SqlValue {
  const allowed = ctx.enums.get(c.name)?.values;
  if (allowed && allowed.length > 0) return allowed[(n - 1) % allowed.length] ?? null;
  const unique = ctx.unique.has(c.name);
  switch (affinity(c.type)) {
    case 'integer':
      if (!unique && /^(true|false|0|1)$/i.test(c.default ?? '')) return n % 2;
      if (/(_at|_date|date)$/i.test(c.name)) return EPOCH_2026 + n * 86_400;
      return n;
    case 'real':
      return n + 0.5;
    case 'numeric':
      return n;
    case 'blob':
      return new Uint8Array([n % 256]);
    case 'text': {
      if (c.primaryKey > 0 && c.name === 'id') return `${ctx.table.name}-${n}`;
      const json = /^'([[{][\s\S]*)'$/.exec(c.default ?? '');
      if (json && !unique) return (json[1] ?? '').replaceAll("''", "'");
      return c.primaryKey > 0 ? `${c.name}-${n}` : `${c.name} ${n}`;
    }
  }
}

/** SQLite's type-affinity rules (https://sqlite.org/datatype3.html §3.1), with "no type" read as blob. */
function affinity(type: string): 'integer' | 'text' | 'blob' | 'real' | 'numeric' {
  const t = type.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('BLOB') || t.trim() === '') return 'blob';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'real';
  return 'numeric';
}

function uniqueColumns(t: TableReport): Set<string> {
  const out = new Set(t.columns.filter((c) => c.primaryKey > 0).map((c) => c.name));
  for (const ix of t.indexes) if (ix.unique) for (const c of ix.columns) out.add(c);
  return out;
}

// Kahn's algorithm over references, ties broken by name so the order is stable. Tables caught in a cycle are
// taken in name order; their references to a table not seeded yet become NULL (or the insert fails and is reported).
function parentsFirst(tables: TableReport[], refsOf: Map<string, Ref[]>): TableReport[] {
  const names = new Set(tables.map((t) => t.name));
  const parentsOf = new Map(
    tables.map((t) => [
      t.name,
      new Set((refsOf.get(t.name) ?? []).map((r) => r.table).filter((p) => p !== t.name && names.has(p))),
    ]),
  );
  const out: TableReport[] = [];
  const left = [...tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  while (left.length > 0) {
    const done = new Set(out.map((t) => t.name));
    const ready = left.findIndex((t) => [...(parentsOf.get(t.name) ?? [])].every((p) => done.has(p)));
    const [next] = left.splice(ready === -1 ? 0 : ready, 1);
    if (next) out.push(next);
  }
  return out;
}
