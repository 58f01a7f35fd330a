/**
 * A dry run of a new migration, on sql.js, the way the MoLOS host would apply it: replay the module's existing
 * migrations, seed every table with sample rows, apply the new file in one transaction with foreign keys on,
 * then report the rows each table lost or had changed, and any drift between the resulting schema and a fresh
 * database of the design. Nothing touches a real database.
 */
import type { SqlJsStatic } from 'sql.js';
import type { Renames } from './diff/differ';
import { type MigrationFile, applyMigrations } from './host-runner';
import { captureRows, compareRows, type RowsReport, seedSampleRows } from './sample-data';
import { compareSchemas, readSchema, type SchemaDrift } from './schema-report';

export interface DryRun {
  /** The new migration ran without error. */
  ok: boolean;
  /** SQLite's message when it failed. */
  error?: string;
  /** Rows per table before and after, with losses and changes. */
  rows: RowsReport;
  /** Differences between the migrated schema and a fresh database of the design (empty when they agree). */
  drift: SchemaDrift[];
  /** An earlier migration of the history failed, so the new one could not be tried. */
  historyError?: string;
}

/**
 * Runs `next` on seeded data after `history`, and compares with a fresh database built by `freshSql`.
 * @example const run = dryRun(SQL, existing, { name: '0003_x.sql', sql }, initialMigrationSql(design), m.renames);
 */
export function dryRun(
  SQL: SqlJsStatic,
  history: readonly MigrationFile[],
  next: MigrationFile,
  freshSql: string,
  renames: Renames,
): DryRun {
  const db = new SQL.Database();
  const fresh = new SQL.Database();
  try {
    const replay = applyMigrations(db, history);
    const failed = replay.files.find((f) => f.status === 'failed');
    const empty: RowsReport = { tables: [], lost: 0, changed: 0 };
    if (failed) return { ok: false, rows: empty, drift: [], historyError: `${failed.name}: ${failed.message}` };
    seedSampleRows(db, 3);
    const before = captureRows(db);
    const result = applyMigrations(db, [next]);
    const failure = result.files.find((f) => f.status === 'failed');
    const rows = compareRows(before, captureRows(db), {
      renamedTables: renames.tables,
      renamedColumns: renames.columns,
    });
    applyMigrations(fresh, [{ name: '0000_fresh.sql', sql: freshSql }]);
    const drift = result.ok ? compareSchemas(readSchema(fresh), readSchema(db)) : [];
    return { ok: result.ok, ...(failure ? { error: failure.message } : {}), rows, drift };
  } finally {
    db.close();
    fresh.close();
  }
}
