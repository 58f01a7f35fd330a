/**
 * Computes everything the SQL previews show for a design, given sql.js. Runs inside the SQL preview worker (and
 * in Node for tests): the differ, the safety analyzer and SQLite never load on the page itself.
 */
import type { SqlJsStatic } from 'sql.js';
import type { Design } from '$lib/core/design';
import { createStatements, joinStatements } from '$lib/sql/create-sql';
import { dryRun } from '$lib/sql/dry-run';
import { type MigrationFile, applyMigrations } from '$lib/sql/host-runner';
import { EMPTY_FOLDER, type NextMigration, migrationSinceBaseline, nextMigration } from '$lib/sql/next-migration';
import { safeVariant } from '$lib/sql/safe-variant';
import { analyzeMigration, safetyMessage } from '$lib/sql/safety';
import { type SchemaMemo, readSchema } from '$lib/sql/schema-report';
import { databaseChecks } from './sql-preview-checks';
import type { DatabasePreview, MigrationPreview, SincePreview, SqlPreview, SqlView } from './sql-preview-protocol';

/** The history a dry run replays: the baseline's schema built from nothing, standing in for its migrations. */
const BASELINE_FILE = '0000_baseline.sql';
/** The dry run's name for the next migration (its real number is only known in the module folder). */
const nextFileName = (tag: string) => `0001_${tag.replace(/^\d+_/, '')}.sql`;

/**
 * A finding's statement as the page shows it (its start, and the rest as a tooltip): the whole migration is in the
 * SQL view already, so a long statement is cut — a 300-table `0000` would otherwise send it all a second time.
 */
export const STATEMENT_CLIP = 600;
function clipStatement(statement: string): string {
  return statement.length <= STATEMENT_CLIP ? statement : `${statement.slice(0, STATEMENT_CLIP)}\n…`;
}

function migrationPreview(design: Design, m: NextMigration, fileName: string, safe: boolean): MigrationPreview {
  const variant = safeVariant(m);
  const differences = variant.sql === m.sql ? [] : variant.differences;
  const sql = safe ? variant.sql : m.sql;
  const findings = analyzeMigration(
    { name: fileName, sql, moduleId: design.module.id, host: design.module.host },
    m.before,
  ).map((f) => ({
    code: f.code,
    severity: f.severity,
    message: safetyMessage(f),
    chunk: f.chunk === null ? null : f.chunk + 1,
    statement: f.statement === null ? null : clipStatement(f.statement),
  }));
  const host = design.module.host ?? 'current';
  return { tag: m.tag, sql, variant: safe ? 'safe' : 'drizzle', differences, findings, host, notes: m.notes };
}

function databasePreview(SQL: SqlJsStatic, file: MigrationFile, memo?: SchemaMemo): DatabasePreview {
  const applied = applyMigrations(SQL, file.sql.trim() ? [file] : []);
  try {
    const failed = applied.files.find((f) => f.status === 'failed');
    const error =
      failed?.status === 'failed'
        ? { message: failed.message, statement: failed.reason === 'sql-error' ? failed.chunk : '' }
        : null;
    const schema = readSchema(applied.db, memo);
    const checks = databaseChecks(
      applied.db,
      schema.tables.map((t) => t.name),
    );
    return { error, schema, checks };
  } finally {
    applied.db.close();
  }
}

function sincePreview(SQL: SqlJsStatic, design: Design, initialSql: string, safe: boolean): SincePreview {
  if (!design.baseline) return { kind: 'no-baseline' };
  const m = migrationSinceBaseline(design);
  if (!m) return { kind: 'unreadable-baseline' };
  if (m.kind === 'unchanged') return { kind: 'unchanged' };
  const fileName = nextFileName(m.tag);
  const migration = migrationPreview(design, m, fileName, safe);
  const baselineSql = joinStatements(createStatements(m.before));
  const history = baselineSql ? [{ name: BASELINE_FILE, sql: baselineSql }] : [];
  const run = dryRun(SQL, history, { name: fileName, sql: migration.sql }, initialSql, m.renames, { design });
  return { kind: 'changed', migration, dryRun: run };
}

/**
 * The SQL previews of a design: its fresh `0000` (with findings), the database that `0000` builds, and the
 * migration since the last export with a dry run on sample data. `safe` switches both migrations to the
 * MoLOS-safe variant. With `schemaMemo` (kept by the worker between calls) only changed tables are read back;
 * with `only`, just that view's part is computed besides the 0000 migration.
 * @example const preview = sqlPreview(await initSqlJs(), design, { safe: false }); preview.initial.sql;
 */
export function sqlPreview(
  SQL: SqlJsStatic,
  design: Design,
  options: { safe: boolean; schemaMemo?: SchemaMemo; only?: SqlView },
): SqlPreview {
  const first = nextMigration(design, EMPTY_FOLDER, { now: 1 });
  const initial = migrationPreview(design, first, `${first.tag}.sql`, options.safe);
  const wanted = (view: SqlView) => options.only === undefined || options.only === view;
  return {
    initial,
    database: wanted('database')
      ? databasePreview(SQL, { name: `${first.tag}.sql`, sql: first.sql }, options.schemaMemo)
      : null,
    since: wanted('since') ? sincePreview(SQL, design, first.sql, options.safe) : null,
  };
}
