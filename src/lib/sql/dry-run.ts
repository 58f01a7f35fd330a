/**
 * A dry run of a new migration, on sql.js, the way the MoLOS host would apply it: replay the module's existing
 * migrations, seed every table with sample rows (obeying the design when it is given), apply the new file in one
 * transaction with foreign keys on and double-quoted strings off, then report the rows each table lost or had
 * changed, what the host skipped as "already applied", and any drift between the resulting schema and a fresh
 * database of the design. Nothing touches a real database.
 */
import type { SqlJsStatic } from 'sql.js';
import type { Design } from '../core/design';
import type { Renames } from './diff/differ';
import { type MigrationFile, type ToleratedPiece, applyMigrations } from './host-runner';
import { captureRows, compareRows, type RowsReport, seedSampleRows } from './sample-data';
import { compareSchemas, readSchema, type SchemaDrift } from './schema-report';
import { seedHints } from './seed-hints';

/** What the dry run put in the database before the migration ran. */
export interface SeededSummary {
  /** Rows inserted in all. */
  rows: number;
  /** Per table, in insertion order. */
  tables: {
    table: string;
    rows: number;
    /** Columns seeded with the design's enum values (the database did not hold them as a CHECK yet). */
    enumColumns: string[];
    /** Columns seeded to point at parent rows because the design relates them (no foreign key in SQL yet). */
    referenceColumns: string[];
    /** Nullable columns that hold NULL in one of the rows (as real data does). */
    nullColumns?: string[];
  }[];
}

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
  /** The sample rows (absent when the history did not replay, so nothing was seeded). */
  seeded?: SeededSummary;
  /** Pieces of the new migration the host would skip as "already applied" (absent when none). */
  tolerated?: ToleratedPiece[];
}

/**
 * Runs `next` on seeded data after `history`, and compares with a fresh database built by `freshSql`. With
 * `options.design`, the sample rows obey the design (enum values, NOT NULL, relations), named as before `renames`.
 * `options.seedBefore` names the migrations of `history` written by hand past the last snapshot: the rows are
 * seeded before them, so they run on data as the host runs them.
 * @example const run = dryRun(SQL, existing, { name: '0003_x.sql', sql }, initialMigrationSql(design), m.renames, { design });
 */
export function dryRun(
  SQL: SqlJsStatic,
  history: readonly MigrationFile[],
  next: MigrationFile,
  freshSql: string,
  renames: Renames,
  options: { design?: Design; seedBefore?: readonly string[] } = {},
): DryRun {
  const db = new SQL.Database();
  const fresh = new SQL.Database();
  try {
    const later = new Set(options.seedBefore ?? []);
    const replay = applyMigrations(
      db,
      history.filter((f) => !later.has(f.name)),
    );
    const failed = replay.files.find((f) => f.status === 'failed');
    const empty: RowsReport = { tables: [], lost: 0, changed: 0 };
    if (failed) return { ok: false, rows: empty, drift: [], historyError: `${failed.name}: ${failed.message}` };
    const hints = options.design ? seedHints(options.design, renames) : {};
    const seed = seedSampleRows(db, 3, hints);
    // The migrations written by hand after the last snapshot run on the rows, as the host runs them on real data
    // (a backfill `UPDATE … WHERE col IS NULL` among them fills the seeded NULLs); tables they create get rows after.
    const pending = history.filter((f) => later.has(f.name));
    if (pending.length > 0) {
      const ran = applyMigrations(db, pending).files.find((f) => f.status === 'failed');
      if (ran)
        return {
          ok: false,
          rows: empty,
          drift: [],
          historyError: `${ran.name} fails on the sample rows: ${ran.message}`,
        };
      const seededBefore = new Set(seed.tables.map((t) => t.table));
      const more = seedSampleRows(db, 3, hints, { only: (t) => !seededBefore.has(t) });
      seed.tables.push(...more.tables);
      seed.inserted += more.inserted;
    }
    const seeded: SeededSummary = {
      rows: seed.inserted,
      tables: seed.tables.map((t) => ({
        table: t.table,
        rows: t.inserted,
        enumColumns: t.enumColumns,
        referenceColumns: t.referenceColumns,
        nullColumns: t.nullColumns,
      })),
    };
    const before = captureRows(db);
    const result = applyMigrations(db, [next]);
    const outcome = result.files[0];
    const tolerated = outcome?.tolerated ?? [];
    const rows = compareRows(before, captureRows(db), {
      renamedTables: renames.tables,
      renamedColumns: renames.columns,
    });
    applyMigrations(fresh, [{ name: '0000_fresh.sql', sql: freshSql }]);
    const drift = result.ok ? compareSchemas(readSchema(fresh), readSchema(db)) : [];
    return {
      ok: result.ok,
      ...(outcome?.status === 'failed' ? { error: outcome.message } : {}),
      rows,
      drift,
      seeded,
      ...(tolerated.length > 0 ? { tolerated } : {}),
    };
  } finally {
    db.close();
    fresh.close();
  }
}
