/**
 * The schema of a live SQLite database as SQLite itself reports it (PRAGMA table_xinfo / index_list / index_xinfo /
 * foreign_key_list), normalized so two databases built differently — all migrations replayed vs. a fresh `0000` —
 * compare equal when they hold the same schema.
 */
import type { Database } from 'sql.js';
import { compareCodeUnits } from './snapshot';
import type { ColumnReport, ForeignKeyReport, IndexReport, SchemaReport, TableReport } from './schema-types';
import { queryRows } from './sqljs-rows';

export { compareSchemas, foreignKeyText, type DriftKind, type SchemaDrift } from './schema-compare';
export type { ColumnReport, ForeignKeyReport, IndexReport, SchemaReport, TableReport } from './schema-types';

/** Bookkeeping tables of the host and of drizzle's migrator: never part of a module's schema. */
export const IGNORED_TABLES: readonly string[] = ['molos_migrations', '__drizzle_migrations'];

/**
 * Reads every user table of a database.
 *
 * @example
 * db.run('CREATE TABLE t (id text PRIMARY KEY NOT NULL, email text UNIQUE)');
 * readSchema(db).tables[0].indexes; // [{ name: 'unique(email)', unique: true, columns: ['email'], partial: false, where: null }]
 */
export function readSchema(db: Database, memo?: SchemaMemo): SchemaReport {
  const master = queryRows(db, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index')");
  const names = queryRows(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .map((r) => String(r.name))
    .filter((n) => !n.startsWith('sqlite_') && !IGNORED_TABLES.includes(n));
  // What SQLite reports for a table follows from its CREATE TABLE and the CREATE INDEX statements on it.
  const definitions = new Map<string, string[]>();
  const indexSql = new Map<string, string>();
  for (const r of master) {
    if (r.type === 'index' && typeof r.sql === 'string') indexSql.set(String(r.name), r.sql);
    const owner = String(r.type === 'table' ? r.name : r.tbl_name);
    const list = definitions.get(owner) ?? [];
    list.push(`${String(r.type)} ${String(r.name)} ${String(r.sql ?? '')}`);
    definitions.set(owner, list);
  }
  const read = names.map((name) => {
    const key = memo ? JSON.stringify((definitions.get(name) ?? []).sort(compareCodeUnits)) : '';
    const remembered = memo?.get(name);
    if (remembered && remembered.key === key) return remembered.table;
    const table: RawTable = {
      name,
      columns: readColumns(db, name),
      indexes: readIndexes(db, name, indexSql),
      foreignKeys: readForeignKeys(db, name),
    };
    memo?.set(name, { key, table });
    return table;
  });
  if (memo) for (const name of memo.keys()) if (!definitions.has(name)) memo.delete(name);
  const byName = new Map(read.map((t) => [t.name, t]));
  const pkOf = (table: string) =>
    (byName.get(table)?.columns ?? [])
      .filter((c) => c.primaryKey > 0)
      .sort((a, b) => a.primaryKey - b.primaryKey)
      .map((c) => c.name);
  return { tables: read.map((t) => ({ ...t, foreignKeys: resolveForeignKeys(t.foreignKeys, pkOf) })) };
}

/** A table as read, before implicit foreign key targets (`REFERENCES t`) are resolved to t's primary key. */
type RawTable = TableReport;

/**
 * Tables already read, by name, with the definitions they were read from: passing the same memo to successive
 * calls re-reads only tables whose CREATE TABLE or CREATE INDEX text changed (the SQL preview after an edit).
 */
export type SchemaMemo = Map<string, { key: string; table: RawTable }>;

function readColumns(db: Database, table: string): ColumnReport[] {
  return queryRows(db, 'SELECT * FROM pragma_table_xinfo(?) ORDER BY cid', [table])
    .filter((r) => r.hidden !== 1) // 1 = hidden column of a virtual table
    .map((r) => ({
      name: String(r.name),
      type: String(r.type ?? ''),
      notNull: r.notnull === 1,
      default: r.dflt_value === null || r.dflt_value === undefined ? null : String(r.dflt_value),
      primaryKey: Number(r.pk ?? 0),
      generated: r.hidden === 2 ? 'virtual' : r.hidden === 3 ? 'stored' : null,
    }));
}

/** `indexSql`: each index's CREATE INDEX text from sqlite_master, read once for all tables. */
function readIndexes(db: Database, table: string, indexSql: Map<string, string>): IndexReport[] {
  const out: IndexReport[] = [];
  for (const ix of queryRows(db, 'SELECT * FROM pragma_index_list(?)', [table])) {
    // The primary key's automatic index repeats what ColumnReport.primaryKey already says.
    if (ix.origin === 'pk') continue;
    const name = String(ix.name);
    const sql = indexSql.get(name);
    const parsed = typeof sql === 'string' ? parseCreateIndex(sql) : { terms: [], where: null };
    const keys = queryRows(db, 'SELECT * FROM pragma_index_xinfo(?) WHERE key = 1 ORDER BY seqno', [name]);
    const columns = keys.map((k, i) => (typeof k.name === 'string' ? k.name : (parsed.terms[i] ?? '<expression>')));
    out.push({
      name: ix.origin === 'u' ? `unique(${columns.join(', ')})` : name,
      unique: ix.unique === 1,
      columns,
      partial: ix.partial === 1,
      where: parsed.where,
    });
  }
  return out.sort((a, b) => compareCodeUnits(a.name, b.name));
}

function readForeignKeys(db: Database, table: string): ForeignKeyReport[] {
  const byId = new Map<number, ForeignKeyReport>();
  for (const r of queryRows(db, 'SELECT * FROM pragma_foreign_key_list(?) ORDER BY id, seq', [table])) {
    const id = Number(r.id);
    const fk = byId.get(id) ?? {
      from: [],
      table: String(r.table),
      to: [],
      onUpdate: String(r.on_update),
      onDelete: String(r.on_delete),
    };
    fk.from.push(String(r.from));
    if (r.to !== null) fk.to.push(String(r.to));
    byId.set(id, fk);
  }
  return [...byId.values()];
}

function resolveForeignKeys(read: ForeignKeyReport[], pkOf: (t: string) => string[]): ForeignKeyReport[] {
  const fks = read.map((fk) => (fk.to.length === 0 ? { ...fk, to: pkOf(fk.table) } : fk));
  const key = (fk: ForeignKeyReport) => JSON.stringify([fk.table, fk.from, fk.to, fk.onUpdate, fk.onDelete]);
  return fks.sort((a, b) => compareCodeUnits(key(a), key(b)));
}

// The key terms and WHERE clause of a stored `CREATE INDEX` statement. PRAGMA gives no text for expression terms
// or partial-index conditions, so they are read from the SQL that sqlite_master keeps verbatim.
function parseCreateIndex(sql: string): { terms: string[]; where: string | null } {
  const on = /\bON\s+(`[^`]*`|"(?:[^"]|"")*"|\[[^\]]*\]|[^\s(]+)\s*\(/i.exec(sql);
  if (!on) return { terms: [], where: null };
  const start = on.index + on[0].length;
  const terms: string[] = [];
  let depth = 0;
  let quote = '';
  let term = '';
  let end = sql.length;
  for (let i = start; i < sql.length; i++) {
    const ch = sql[i] ?? '';
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
    } else if (ch === '(') {
      depth++;
    } else if (ch === ')' && depth === 0) {
      end = i;
      break;
    } else if (ch === ')') {
      depth--;
    } else if (ch === ',' && depth === 0) {
      terms.push(term.trim());
      term = '';
      continue;
    }
    term += ch;
  }
  terms.push(term.trim());
  const where = /^\s*WHERE\s+([\s\S]*?)\s*;?\s*$/i.exec(sql.slice(end + 1));
  return { terms, where: where ? (where[1] ?? null) : null };
}
