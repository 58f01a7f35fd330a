/**
 * The CHECK constraints the Database view shows. PRAGMA table_info reports none, so they are read from the
 * CREATE TABLE text SQLite keeps in `sqlite_master`, parsed with the SQLite lexer (sql/table-checks.ts): a
 * column's own CHECK and a table-level CHECK that names that column alone are the column's; the others are the
 * table's.
 */
import type { Database } from 'sql.js';
import { queryRows } from '$lib/sql/sqljs-rows';
import { parseTableChecks } from '$lib/sql/table-checks';
import type { TableChecksView } from './sql-preview-protocol';

/**
 * The CHECKs of the named tables of `db`, as written (`CHECK(role IN ('a', 'b'))`), by table name; a table
 * without any is left out. Column keys are lower case, as SQLite compares names.
 * @example databaseChecks(db, ['t']) // { t: { columns: { role: ["CHECK(role IN ('a'))"] }, table: [] } }
 */
export function databaseChecks(db: Database, tables: readonly string[]): Record<string, TableChecksView> {
  const wanted = new Set(tables);
  const out: Record<string, TableChecksView> = {};
  for (const row of queryRows(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")) {
    const name = String(row.name);
    if (!wanted.has(name)) continue;
    const parsed = parseTableChecks(String(row.sql));
    if (parsed.columns.size === 0 && parsed.table.length === 0) continue;
    out[name] = {
      columns: Object.fromEntries([...parsed.columns].map(([column, checks]) => [column, checks.map((c) => c.text)])),
      table: parsed.table.map((c) => c.text),
    };
  }
  return out;
}
