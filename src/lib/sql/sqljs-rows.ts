/**
 * Two small sql.js helpers shared by the host runner, the schema report and the sample data: reading rows as
 * plain objects, and quoting an identifier. sql.js is passed in, never imported, so this runs in Node, the CLI
 * and a Web Worker alike.
 */
import type { Database, SqlValue } from 'sql.js';

/** One result row, keyed by column name. */
export type Row = Record<string, SqlValue>;

/**
 * Runs one statement with bound parameters and returns every row.
 *
 * @example
 * queryRows(db, 'SELECT name FROM sqlite_master WHERE type = ?', ['table']); // [{ name: 'users' }, …]
 */
export function queryRows(db: Database, sql: string, params: SqlValue[] = []): Row[] {
  const stmt = db.prepare(sql);
  try {
    stmt.bind(params);
    const out: Row[] = [];
    while (stmt.step()) out.push(stmt.getAsObject());
    return out;
  } finally {
    stmt.free();
  }
}

/**
 * An SQL identifier in double quotes, with embedded quotes doubled. MoLOS table names contain `-`, so every
 * generated statement quotes every name.
 *
 * @example
 * quoteIdent('MoLOS-Tasks_tasks'); // '"MoLOS-Tasks_tasks"'
 */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** An error's message (SQLite's text for sql.js errors). */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
