/**
 * Runs migration files on sql.js the way the MoLOS host runs a module's `drizzle/` folder (MoLOS-App/MoLOS,
 * `packages/database/src/migrate-improved.ts`): foreign keys on, files in numeric order, one transaction per file,
 * each file tracked in `molos_migrations` with a checksum. The caller passes sql.js (or a database), so the same
 * code runs in Node, the CLI and a browser worker.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import {
  type MigrationFile,
  type NameProblem,
  hostChecksum,
  hostStatements,
  migrationVersion,
  nameProblem,
  sortMigrationFiles,
} from './host-files';
import { errorMessage, queryRows } from './sqljs-rows';

export type { MigrationFile } from './host-files';

/** The host's tracking table. */
export const TRACKING_TABLE = 'molos_migrations';

// The host's own DDL for the tracking table (same columns and indexes), so a database prepared here looks like one
// prepared by the host.
const TRACKING_DDL = `CREATE TABLE IF NOT EXISTS molos_migrations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  migration_name TEXT NOT NULL,
  module TEXT NOT NULL,
  version INTEGER NOT NULL,
  checksum TEXT NOT NULL,
  applied_at INTEGER NOT NULL,
  execution_time_ms INTEGER NOT NULL,
  success INTEGER NOT NULL,
  rollback_available INTEGER NOT NULL,
  sql_content TEXT,
  error_message TEXT
);
CREATE INDEX IF NOT EXISTS idx_migrations_module_version ON molos_migrations(module, version);
CREATE INDEX IF NOT EXISTS idx_migrations_name ON molos_migrations(migration_name);
CREATE INDEX IF NOT EXISTS idx_migrations_module ON molos_migrations(module);`;

export interface ApplyOptions {
  /** `PRAGMA foreign_keys` for the connection. The host turns them on; default `true`. */
  foreignKeys?: boolean;
  /** The `module` column of the tracking rows (the module folder name in the host). Default `'module'`. */
  module?: string;
  /** Clock for `applied_at` and `execution_time_ms` (milliseconds). Default `Date.now`. */
  now?: () => number;
}

export type SkipReason = NameProblem | 'already-applied' | 'after-failure';

interface OutcomeBase {
  name: string;
  /** Numeric prefix of the name, or `null`. */
  version: number | null;
  /** What the host records: SHA-256 hex of the normalized text. */
  checksum: string;
  /** Statements the host runs for this file (after splitting). */
  statements: number;
}
export interface AppliedFile extends OutcomeBase {
  status: 'applied';
}
export interface SkippedFile extends OutcomeBase {
  status: 'skipped';
  reason: SkipReason;
  message: string;
}
export interface SqlFailure extends OutcomeBase {
  status: 'failed';
  reason: 'sql-error';
  /** SQLite's message. */
  message: string;
  /** 0-based index of the failing statement among {@link OutcomeBase.statements}. */
  chunkIndex: number;
  chunk: string;
}
export interface ChecksumFailure extends OutcomeBase {
  status: 'failed';
  reason: 'checksum-mismatch';
  message: string;
  /** The checksum recorded when the file was applied. */
  recordedChecksum: string;
}
export type FileOutcome = AppliedFile | SkippedFile | SqlFailure | ChecksumFailure;

/** What happened, as plain data (safe to post from a worker). */
export interface ApplyReport {
  /** `true` when no file failed. */
  ok: boolean;
  foreignKeys: boolean;
  /** One entry per input file, in the host's order. */
  files: FileOutcome[];
  applied: number;
  skipped: number;
  failed: number;
}

export interface ApplyResult extends ApplyReport {
  /** The database the files ran on (new when sql.js itself was passed). The caller closes it. */
  db: Database;
}

/**
 * Applies migration files as the MoLOS host does and reports each file. Stops at the first failing file; the
 * files after it are reported as skipped (`after-failure`). Re-running on the same database applies nothing new.
 *
 * @example
 * const SQL = await initSqlJs();
 * const { db, ok, files } = applyMigrations(SQL, [{ name: '0000_init.sql', sql: 'CREATE TABLE `a` (`id` text);' }]);
 * files[0]; // { name: '0000_init.sql', status: 'applied', version: 0, statements: 1, checksum: '…' }
 * db.close();
 */
export function applyMigrations(
  target: SqlJsStatic | Database,
  files: readonly MigrationFile[],
  options: ApplyOptions = {},
): ApplyResult {
  const db = isSqlJs(target) ? new target.Database() : target;
  const foreignKeys = options.foreignKeys ?? true;
  const module = options.module ?? 'module';
  const now = options.now ?? Date.now;

  // Set outside any transaction: inside one SQLite ignores the pragma.
  db.run(`PRAGMA foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  db.exec(TRACKING_DDL);

  const outcomes: FileOutcome[] = [];
  let stopped = false;
  for (const file of sortMigrationFiles(files)) {
    const outcome = runFile(db, file, module, now, stopped);
    if (outcome.status === 'failed') stopped = true;
    outcomes.push(outcome);
  }
  const count = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return {
    db,
    ok: !stopped,
    foreignKeys,
    files: outcomes,
    applied: count('applied'),
    skipped: count('skipped'),
    failed: count('failed'),
  };
}

/**
 * The report without the database handle, for `postMessage` or JSON.
 *
 * @example
 * const report = withoutDb(applyMigrations(SQL, files)); // no `db` key
 */
export function withoutDb(result: ApplyResult): ApplyReport {
  const { db: _db, ...report } = result;
  return report;
}

function isSqlJs(target: SqlJsStatic | Database): target is SqlJsStatic {
  return typeof (target as Partial<SqlJsStatic>).Database === 'function';
}

function runFile(db: Database, file: MigrationFile, module: string, now: () => number, stopped: boolean): FileOutcome {
  const { statements } = hostStatements(file.sql);
  const base: OutcomeBase = {
    name: file.name,
    version: migrationVersion(file.name),
    checksum: hostChecksum(file.sql),
    statements: statements.length,
  };
  const skip = (reason: SkipReason, message: string): SkippedFile => ({ ...base, status: 'skipped', reason, message });

  const problem = nameProblem(file.name);
  if (problem === 'not-sql') return skip(problem, 'not an .sql file: the host never reads it');
  if (problem === 'down-file') return skip(problem, '.down.sql files are never applied');
  if (problem === 'invalid-name') {
    return skip(problem, 'name does not match ^\\d+_[a-z0-9_]+\\.sql$: the host skips it with only a warning');
  }
  if (stopped) return skip('after-failure', 'not run: an earlier file failed');

  const recorded = recordedChecksum(db, file.name, module);
  if (recorded !== null) {
    // The host accepts 'unknown' for rows it copied from drizzle's own journal, which had no checksum.
    if (recorded === base.checksum || recorded === 'unknown') {
      return skip('already-applied', 'already applied with the same checksum');
    }
    return {
      ...base,
      status: 'failed',
      reason: 'checksum-mismatch',
      message: 'edited after it was applied: the checksum differs from the recorded one',
      recordedChecksum: recorded,
    };
  }
  return execute(db, base, statements, module, now);
}

function recordedChecksum(db: Database, name: string, module: string): string | null {
  const rows = queryRows(
    db,
    `SELECT checksum FROM ${TRACKING_TABLE} WHERE migration_name = ? AND module = ? AND success = 1
     ORDER BY applied_at DESC, id DESC LIMIT 1`,
    [name, module],
  );
  const checksum = rows[0]?.checksum;
  return typeof checksum === 'string' ? checksum : null;
}

// The host's three phases: record the attempt (success = 0), run the file in its own transaction, then mark the
// record successful. A failed attempt keeps its row with success = 0 and the error, as in the host.
function execute(
  db: Database,
  base: OutcomeBase,
  statements: string[],
  module: string,
  now: () => number,
): AppliedFile | SqlFailure {
  const started = now();
  db.run(
    `INSERT INTO ${TRACKING_TABLE} (migration_name, module, version, checksum, applied_at, execution_time_ms,
       success, rollback_available) VALUES (?, ?, ?, ?, ?, 0, 0, 0)`,
    [base.name, module, base.version ?? 0, base.checksum, started],
  );
  const trackingId = Number(queryRows(db, 'SELECT last_insert_rowid() AS id')[0]?.id);

  let index = 0;
  db.run('BEGIN');
  try {
    for (; index < statements.length; index++) db.exec(statements[index] ?? '');
    db.run('COMMIT');
  } catch (error) {
    rollback(db);
    const message = errorMessage(error);
    db.run(`UPDATE ${TRACKING_TABLE} SET execution_time_ms = ?, error_message = ? WHERE id = ?`, [
      now() - started,
      message,
      trackingId,
    ]);
    // Past the last statement means COMMIT itself failed (a deferred foreign key, for example).
    const chunk = statements[index] ?? 'COMMIT';
    return { ...base, status: 'failed', reason: 'sql-error', message, chunkIndex: index, chunk };
  }
  db.run(`UPDATE ${TRACKING_TABLE} SET success = 1, execution_time_ms = ? WHERE id = ?`, [now() - started, trackingId]);
  return { ...base, status: 'applied' };
}

function rollback(db: Database): void {
  try {
    db.run('ROLLBACK');
  } catch {
    // SQLite already rolled back (some errors end the transaction themselves); nothing is left to undo.
  }
}
