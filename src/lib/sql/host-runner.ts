/**
 * Runs migration files on sql.js the way the MoLOS host runs a module's `drizzle/` folder (MoLOS-App/MoLOS,
 * `packages/database/src/migrate-improved.ts`, as ../shared/molos-conventions.md §4 describes it): foreign keys
 * on, files in the host's order, each file tracked in `molos_migrations` with a checksum, cut into pieces by
 * {@link hostStatements}, run in one transaction with the host's "already applied" error tolerance and with
 * double-quoted string literals off (see host-exec.ts). The caller passes sql.js (or a database), so the same code
 * runs in Node, the CLI and a browser worker.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { execLikeHost } from './host-exec';
import {
  type MigrationFile,
  type NameProblem,
  hostChecksum,
  hostStatements,
  hostTolerates,
  migrationVersion,
  nameProblem,
  sortMigrationFiles,
} from './host-files';
import { errorMessage, queryRows } from './sqljs-rows';
import { readingFile } from '../core/reading';

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
  /**
   * What happens to the files after a failed one. `continue` (the default) is what the host does: it reports the
   * failure and goes on with the module's next file. `stop` reports them as skipped (`after-failure`).
   */
  afterFailure?: 'continue' | 'stop';
  /**
   * Accept double-quoted string literals, as sql.js alone does. Default `false`, as the host: its better-sqlite3 is
   * built without them, so `SELECT "missing"` fails there. Only for showing what such SQL does where they are on.
   */
  doubleQuotedStrings?: boolean;
}

export type SkipReason = NameProblem | 'already-applied' | 'after-failure';

interface OutcomeBase {
  name: string;
  /** Numeric prefix of the name, or `null`. */
  version: number | null;
  /** What the host records: SHA-256 hex of the normalized text. */
  checksum: string;
  /** Pieces the host runs for this file (after splitting; each piece may hold several statements). */
  statements: number;
  /**
   * Pieces that failed with an error the host takes for "already applied" ({@link hostTolerates}): skipped, and the
   * file went on. Empty for a file that did not run.
   */
  tolerated: ToleratedPiece[];
}

/** A piece the host skipped as "already applied". */
export interface ToleratedPiece {
  /** 0-based index of the piece among {@link OutcomeBase.statements}. */
  index: number;
  /** SQLite's message, as the host saw it. */
  message: string;
  /** The statement that failed (a piece stops at its first error, so the statements after it did not run). */
  statement: string;
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
  /** 0-based index of the failing piece among {@link OutcomeBase.statements} (past the last one: the COMMIT). */
  chunkIndex: number;
  /** The failing piece's text, as the host runs it (`COMMIT` when the commit itself failed). */
  chunk: string;
  /** The statement of the piece that failed. */
  statement: string;
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
 * Applies migration files as the MoLOS host does and reports each file. A failing file is rolled back and the
 * next files still run, as in the host (or are skipped as `after-failure` with `afterFailure: 'stop'`). Re-running
 * on the same database applies nothing new.
 *
 * @example
 * const SQL = await initSqlJs();
 * const { db, ok, files } = applyMigrations(SQL, [{ name: '0000_init.sql', sql: 'CREATE TABLE `a` (`id` text);' }]);
 * files[0]; // { name: '0000_init.sql', status: 'applied', version: 0, statements: 1, checksum: '…', tolerated: [] }
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
  const stopAfterFailure = options.afterFailure === 'stop';

  // Set outside any transaction: inside one SQLite ignores the pragma.
  db.run(`PRAGMA foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  db.exec(TRACKING_DDL);

  const outcomes: FileOutcome[] = [];
  let failed = false;
  for (const file of sortMigrationFiles(files)) {
    readingFile(`drizzle/${file.name}`, 'running it as the MoLOS host does');
    const outcome = runFile(
      db,
      file,
      { module, now, dqs: options.doubleQuotedStrings ?? false },
      failed && stopAfterFailure,
    );
    if (outcome.status === 'failed') failed = true;
    outcomes.push(outcome);
  }
  const count = (s: FileOutcome['status']) => outcomes.filter((o) => o.status === s).length;
  return {
    db,
    ok: !failed,
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

interface RunContext {
  module: string;
  now: () => number;
  /** Double-quoted string literals accepted (sql.js's own behaviour) instead of refused (the host's). */
  dqs: boolean;
}

function runFile(db: Database, file: MigrationFile, ctx: RunContext, stopped: boolean): FileOutcome {
  const { module } = ctx;
  const { statements } = hostStatements(file.sql);
  const base: OutcomeBase = {
    name: file.name,
    version: migrationVersion(file.name),
    checksum: hostChecksum(file.sql),
    statements: statements.length,
    tolerated: [],
  };
  const skip = (reason: SkipReason, message: string): SkippedFile => ({ ...base, status: 'skipped', reason, message });

  const problem = nameProblem(file.name);
  if (problem === 'not-sql') return skip(problem, 'not an .sql file: the host never reads it');
  if (problem === 'down-file') return skip(problem, '.down.sql files are never applied');
  if (problem === 'invalid-name') {
    return skip(problem, 'name does not match ^\\d+_[a-z0-9_]+(\\.sql)?$: the host skips it with only a warning');
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
  return execute(db, base, statements, ctx);
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
function execute(db: Database, base: OutcomeBase, statements: string[], ctx: RunContext): AppliedFile | SqlFailure {
  const { module, now } = ctx;
  const started = now();
  db.run(
    `INSERT INTO ${TRACKING_TABLE} (migration_name, module, version, checksum, applied_at, execution_time_ms,
       success, rollback_available) VALUES (?, ?, ?, ?, ?, 0, 0, 0)`,
    [base.name, module, base.version ?? 0, base.checksum, started],
  );
  const trackingId = Number(queryRows(db, 'SELECT last_insert_rowid() AS id')[0]?.id);

  const tolerated: ToleratedPiece[] = [];
  let index = 0;
  let failure: { message: string; statement: string } | null = null;
  db.run('BEGIN');
  for (; index < statements.length; index++) {
    const piece = statements[index] ?? '';
    const error = execLikeHost(db, piece, { doubleQuotedStrings: ctx.dqs });
    if (error === null) continue;
    if (hostTolerates(error.message, piece)) {
      tolerated.push({ index, ...error });
      continue;
    }
    failure = error;
    break;
  }
  if (failure === null) {
    try {
      db.run('COMMIT');
    } catch (error) {
      // A deferred foreign key, for example: the host's COMMIT throws and the file is rolled back.
      failure = { message: errorMessage(error), statement: 'COMMIT' };
    }
  }
  if (failure !== null) {
    rollback(db);
    db.run(`UPDATE ${TRACKING_TABLE} SET execution_time_ms = ?, error_message = ? WHERE id = ?`, [
      now() - started,
      failure.message,
      trackingId,
    ]);
    const chunk = statements[index] ?? 'COMMIT';
    return {
      ...base,
      tolerated,
      status: 'failed',
      reason: 'sql-error',
      message: failure.message,
      chunkIndex: index,
      chunk,
      statement: failure.statement,
    };
  }
  db.run(`UPDATE ${TRACKING_TABLE} SET success = 1, execution_time_ms = ? WHERE id = ?`, [now() - started, trackingId]);
  return { ...base, tolerated, status: 'applied' };
}

function rollback(db: Database): void {
  try {
    db.run('ROLLBACK');
  } catch {
    // SQLite already rolled back (some errors end the transaction themselves); nothing is left to undo.
  }
}
