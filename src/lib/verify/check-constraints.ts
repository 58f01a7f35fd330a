/**
 * The CHECK constraints of a live database, read from the CREATE TABLE text SQLite keeps in `sqlite_master`
 * (PRAGMA reports none of them). The parsing itself is the SQL layer's (sql/table-checks.ts): the replayed history
 * reads named checks with it too.
 */
import type { Database } from 'sql.js';
import { type TableChecks, parseTableChecks } from '../sql/table-checks';
import { queryRows } from '../sql/sqljs-rows';

export { type CheckConstraint, type NamedCheck, type TableChecks, parseTableChecks } from '../sql/table-checks';

/**
 * The CHECK constraints of every table of a database, by table name.
 * @example readChecks(db).get('MoLOS-Tasks_tasks')?.columns.get('status')
 */
export function readChecks(db: Database): Map<string, TableChecks> {
  const out = new Map<string, TableChecks>();
  for (const row of queryRows(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL")) {
    out.set(String(row.name), parseTableChecks(String(row.sql)));
  }
  return out;
}
