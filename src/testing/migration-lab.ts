/**
 * Test support: runs a design change the way a module author would meet it — export, edit, next migration —
 * then applies drizzle-kit's SQL and the MoLOS-safe variant to a seeded copy of the database, exactly as the
 * host does, and reports rows lost or changed and any schema drift against a fresh database of the new design.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { Design } from '../lib/core/design';
import { applyMigrations } from '../lib/sql/host-runner';
import { EMPTY_FOLDER, type NextMigration, nextMigration } from '../lib/sql/next-migration';
import { parseJournal, parseSnapshot } from '../lib/sql/folder-format';
import { safeVariant } from '../lib/sql/safe-variant';
import { captureRows, compareRows, seedSampleRows, type RowsReport } from '../lib/sql/sample-data';
import { compareSchemas, readSchema, type SchemaDrift } from '../lib/sql/schema-report';

let SQL: SqlJsStatic | undefined;
async function sqlJs(): Promise<SqlJsStatic> {
  SQL ??= await initSqlJs();
  return SQL;
}

export interface VariantOutcome {
  ok: boolean;
  error?: string;
  rows: RowsReport;
  drift: SchemaDrift[];
}

export interface LabResult {
  migration: NextMigration;
  drizzle: VariantOutcome;
  safe: VariantOutcome & { sql: string; differences: string[] };
}

async function applyVariant(first: string, m: NextMigration, sql: string, fresh: string): Promise<VariantOutcome> {
  const SQL = await sqlJs();
  const db = new SQL.Database();
  try {
    applyMigrations(db, [{ name: '0000_init.sql', sql: first }]);
    seedSampleRows(db, 3);
    const before = captureRows(db);
    const result = applyMigrations(db, [{ name: `${m.tag}.sql`, sql }]);
    const failure = result.files.find((f) => f.status === 'failed');
    const rows = compareRows(before, captureRows(db), {
      renamedTables: m.renames.tables,
      renamedColumns: m.renames.columns,
    });
    const expected = new SQL.Database();
    applyMigrations(expected, [{ name: '0000_init.sql', sql: fresh }]);
    const drift = compareSchemas(readSchema(expected), readSchema(db));
    expected.close();
    return { ok: result.ok, error: failure && 'message' in failure ? failure.message : undefined, rows, drift };
  } finally {
    db.close();
  }
}

/** Exports `design`, applies `edit`, computes the next migration and runs both variants on seeded data. */
export async function migrationLab(design: Design, edit: (d: Design) => Design): Promise<LabResult> {
  const first = nextMigration(design, EMPTY_FOLDER, { now: 1 });
  const folder = {
    journal: parseJournal('j', first.files[2]?.content ?? ''),
    snapshots: { '0000_snapshot.json': parseSnapshot('s', first.files[1]?.content ?? '') },
    sqlFiles: ['0000_init.sql'],
  };
  const edited = edit({ ...design, baseline: first.baseline });
  const m = nextMigration(edited, folder, { now: 2 });
  const safe = safeVariant(m);
  const fresh = nextMigration(edited, EMPTY_FOLDER, { now: 1 }).sql;
  return {
    migration: m,
    drizzle: await applyVariant(first.sql, m, m.sql, fresh),
    safe: { ...(await applyVariant(first.sql, m, safe.sql, fresh)), sql: safe.sql, differences: safe.differences },
  };
}
