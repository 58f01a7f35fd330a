/**
 * Row-level before/after pictures of a database, and what a migration did to the data between them: rows lost
 * (their primary key is gone), rows changed (a kept column now holds another value, or a new column holds something
 * other than its default — B10/B11 write the column's *name* there on sql.js).
 */
import type { Database, SqlValue } from 'sql.js';
import { readSchema } from './schema-report';
import { type Row, queryRows, quoteIdent } from './sqljs-rows';

/** A row's identity: its primary-key values as JSON (`["u1"]`), or `rowid <n>` for a table without a key. */
export type RowKey = string;

export interface TableRows {
  columns: string[];
  /** Each column's DEFAULT text (or `null`), to judge values in columns that a migration adds. */
  defaults: Record<string, string | null>;
  primaryKey: string[];
  /** The columns that are NOT NULL (to tell a NULL filled with the default of a column made NOT NULL). */
  notNull?: string[];
  /** Generated columns: SQLite computes them, so dropping one loses nothing. */
  generated?: string[];
  rows: Record<RowKey, Row>;
}

export interface RowSnapshot {
  tables: Record<string, TableRows>;
}

/**
 * Every row of every user table, keyed by primary key.
 *
 * @example
 * captureRows(db).tables.users.rows['["u1"]']; // { id: 'u1', name: 'Ann', … }
 */
export function captureRows(db: Database): RowSnapshot {
  const tables: Record<string, TableRows> = {};
  for (const t of readSchema(db).tables) {
    const primaryKey = t.columns
      .filter((c) => c.primaryKey > 0)
      .sort((a, b) => a.primaryKey - b.primaryKey)
      .map((c) => c.name);
    const select = primaryKey.length > 0 ? '*' : 'rowid AS "__rowid", *';
    const rows: Record<RowKey, Row> = {};
    for (const r of queryRows(db, `SELECT ${select} FROM ${quoteIdent(t.name)}`)) {
      const { __rowid, ...row } = r;
      const key = primaryKey.length > 0 ? JSON.stringify(primaryKey.map((c) => keyPart(row[c]))) : `rowid ${__rowid}`;
      rows[key] = row;
    }
    tables[t.name] = {
      columns: t.columns.map((c) => c.name),
      defaults: Object.fromEntries(t.columns.map((c) => [c.name, c.default])),
      primaryKey,
      notNull: t.columns.filter((c) => c.notNull).map((c) => c.name),
      generated: t.columns.filter((c) => c.generated !== null).map((c) => c.name),
      rows,
    };
  }
  return { tables };
}

function keyPart(v: SqlValue | undefined): string | number | null {
  if (v instanceof Uint8Array) return `x'${[...v].map((b) => b.toString(16).padStart(2, '0')).join('')}'`;
  return v ?? null;
}

export interface RowChange {
  key: RowKey;
  column: string;
  /** `undefined` for a column the migration added. */
  before: SqlValue | undefined;
  after: SqlValue;
}

export interface TableRowsReport {
  /** The table's name after the migration (its old name for a dropped table). */
  table: string;
  /** Its name before, when it was renamed. */
  renamedFrom?: string;
  status: 'kept' | 'dropped' | 'new';
  before: number;
  after: number;
  lost: number;
  added: number;
  changed: number;
  /**
   * Rows whose only change is a NULL replaced by the default of a column the migration made NOT NULL (the
   * MoLOS-safe variant's `COALESCE(col, default)`): intended, so not counted in `changed`.
   */
  filled?: number;
  /**
   * Columns of a kept table that the migration removed (a rename the migration does not know is one too), with
   * how many rows held a value (not NULL) in them: values lost. Generated columns are left out.
   */
  droppedColumns?: { column: string; values: number }[];
  /** Up to three keys of lost rows. */
  lostExamples: RowKey[];
  /** Up to three changes, at most one per row. */
  changedExamples: RowChange[];
}

export interface RowsReport {
  /** Sorted by table name. */
  tables: TableRowsReport[];
  lost: number;
  changed: number;
}

export interface RowRenames {
  renamedTables?: { from: string; to: string }[];
  /** `table` is the table's name after the migration. */
  renamedColumns?: { table: string; from: string; to: string }[];
}

const EXAMPLES = 3;

/**
 * What a migration did to the rows, table by table. Renamed tables and columns are followed when given.
 *
 * @example
 * compareRows(before, after).tables.find((t) => t.table === 'projects');
 * // { table: 'projects', status: 'kept', before: 3, after: 0, lost: 3, added: 0, changed: 0, lostExamples: ['["projects-1"]', …], … }
 */
export function compareRows(before: RowSnapshot, after: RowSnapshot, renames: RowRenames = {}): RowsReport {
  const oldName = (t: string) => renames.renamedTables?.find((r) => r.to === t)?.from ?? t;
  const out: TableRowsReport[] = [];
  const seen = new Set<string>();
  for (const [name, now] of Object.entries(after.tables)) {
    const from = oldName(name);
    const was = before.tables[from];
    seen.add(from);
    const columnRenames = (renames.renamedColumns ?? []).filter((r) => r.table === name);
    const report = compareTable(name, was, now, (c) => columnRenames.find((r) => r.to === c)?.from ?? c);
    out.push(from === name || !was ? report : { ...report, renamedFrom: from });
  }
  for (const [name, was] of Object.entries(before.tables)) {
    if (!seen.has(name)) out.push(compareTable(name, was, undefined, (c) => c));
  }
  out.sort((a, b) => (a.table < b.table ? -1 : a.table > b.table ? 1 : 0));
  return {
    tables: out,
    lost: out.reduce((n, t) => n + t.lost, 0),
    changed: out.reduce((n, t) => n + t.changed, 0),
  };
}

function compareTable(
  table: string,
  was: TableRows | undefined,
  now: TableRows | undefined,
  previousColumn: (column: string) => string,
): TableRowsReport {
  const beforeRows = was?.rows ?? {};
  const afterRows = now?.rows ?? {};
  const lostKeys = Object.keys(beforeRows).filter((k) => !(k in afterRows));
  const changes: RowChange[] = [];
  let filled = 0;
  for (const [key, row] of Object.entries(afterRows)) {
    const old = beforeRows[key];
    if (old && was && now) {
      const fills: string[] = [];
      const change = firstChange(key, old, row, was, now, previousColumn, fills);
      if (change) changes.push(change);
      else if (fills.length > 0) filled++;
    }
  }
  const droppedColumns: TableRowsReport['droppedColumns'] = [];
  if (was && now) {
    const kept = new Set(now.columns.map(previousColumn));
    for (const column of was.columns) {
      if (kept.has(column) || was.generated?.includes(column)) continue;
      const values = Object.values(beforeRows).filter((r) => (r[column] ?? null) !== null).length;
      droppedColumns.push({ column, values });
    }
  }
  return {
    table,
    status: !now ? 'dropped' : !was ? 'new' : 'kept',
    before: Object.keys(beforeRows).length,
    after: Object.keys(afterRows).length,
    lost: lostKeys.length,
    added: Object.keys(afterRows).filter((k) => !(k in beforeRows)).length,
    changed: changes.length,
    filled,
    droppedColumns,
    lostExamples: lostKeys.slice(0, EXAMPLES),
    changedExamples: changes.slice(0, EXAMPLES),
  };
}

function firstChange(
  key: RowKey,
  old: Row,
  row: Row,
  was: TableRows,
  now: TableRows,
  previousColumn: (column: string) => string,
  fills: string[],
): RowChange | null {
  for (const column of now.columns) {
    const source = previousColumn(column);
    const after = row[column] ?? null;
    if (was.columns.includes(source)) {
      const before = old[source] ?? null;
      if (sameValue(before, after)) continue;
      if (before === null && filledWithDefault(column, source, after, was, now)) {
        fills.push(column);
        continue;
      }
      return { key, column, before, after };
    } else {
      // A column the migration added should hold its default; only literal defaults can be judged here.
      const expected = literalDefault(now.defaults[column] ?? null);
      if (expected !== undefined && !sameValue(expected, after)) return { key, column, before: undefined, after };
    }
  }
  return null;
}

/**
 * True when `after` is what a NULL of a column made NOT NULL by the migration becomes when copied as its default:
 * the literal default's value, or any value for a default SQLite computes (an expression cannot be judged here).
 */
function filledWithDefault(column: string, source: string, after: SqlValue, was: TableRows, now: TableRows): boolean {
  const tightened = (now.notNull?.includes(column) ?? false) && !(was.notNull?.includes(source) ?? true);
  const def = now.defaults[column] ?? null;
  if (!tightened || def === null || after === null) return false;
  const expected = literalDefault(def);
  return expected === undefined || sameValue(expected, after);
}

/**
 * The value a literal DEFAULT clause stores, or `undefined` for an expression that cannot be judged here.
 *
 * @example
 * literalDefault("'it''s'"); // "it's"
 * literalDefault('false'); // 0
 * literalDefault("(strftime('%s','now'))"); // undefined
 */
export function literalDefault(text: string | null): SqlValue | undefined {
  if (text === null || /^null$/i.test(text)) return null;
  const quoted = /^'([\s\S]*)'$/.exec(text);
  if (quoted) return (quoted[1] ?? '').replaceAll("''", "'");
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (/^(true|false)$/i.test(text)) return /^true$/i.test(text) ? 1 : 0;
  return undefined;
}

function sameValue(a: SqlValue, b: SqlValue): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}
