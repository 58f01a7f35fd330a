/**
 * The migration half of a write plan: the module's next migration in both variants (drizzle-kit's exact SQL and
 * the MoLOS-safe one), each with its safety findings, its chunk problems and a dry run on sample data as the host
 * would run it; and the choice of the variant to write. Safe by default: drizzle-kit's SQL is written only when it
 * passes, else the safe variant when it passes, else nothing — unless the author asks for one of them.
 */
import type { SqlJsStatic } from 'sql.js';
import type { Design } from '../core/design';
import { createStatements, joinStatements } from '../sql/create-sql';
import { type DryRun, dryRun } from '../sql/dry-run';
import { MigrationFolderError } from '../sql/folder-format';
import { type MigrationFile, applyMigrations } from '../sql/host-runner';
import { type MigrationFolder, type NextMigration, nextMigration, previousSnapshot } from '../sql/next-migration';
import { migrationsPastSnapshot } from '../sql/replayed-schema';
import { withReplayedHistory } from '../sql/replay-history';
import { safeVariant } from '../sql/safe-variant';
import { type SchemaDrift, compareSchemas, readSchema } from '../sql/schema-report';
import { type SafetyFinding, analyzeMigration, safetyMessage } from '../sql/safety';
import { chunkProblems } from '../sql/safety/file-checks';

/** `auto`: the safest variant that passes; `exact`: drizzle-kit's bytes; `safe`: the MoLOS-safe variant. */
export type VariantRequest = 'auto' | 'exact' | 'safe';

export interface MigrationVariant {
  kind: 'exact' | 'safe';
  sql: string;
  findings: SafetyFinding[];
  /** What the MoLOS-safe variant does differently from drizzle-kit (empty for drizzle-kit's own SQL). */
  differences: string[];
  /** Chunks that do not hold exactly one statement (a file with such chunks is never written). */
  chunkProblems: string[];
  dryRun: DryRun;
}

/** The next migration of a folder with both variants evaluated; `variants` is null when the schema is unchanged. */
export interface MigrationPlan {
  migration: NextMigration;
  variants: { exact: MigrationVariant; safe: MigrationVariant } | null;
}

/** The variant to write and why, or why none can be written. */
export interface VariantChoice {
  request: VariantRequest;
  /** null when nothing can be written (see `refusals`). */
  variant: MigrationVariant | null;
  /** Why this variant, to follow its name: "because drizzle-kit’s SQL loses 3 of 3 rows of … in the dry run". */
  reason: string;
  /** What the written variant costs, from its findings and dry run (empty when it passes). */
  consequences: string[];
  refusals: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The dry run's bad news in plain words: a failure, the rows tables keep but lose or change, drift. Rows of a
 * table the migration drops on purpose are not counted as lost.
 * @example dryRunProblems(run) // ['loses 3 of 3 rows of MoLOS-Tasks_task_tags in the dry run']
 */
export function dryRunProblems(run: DryRun): string[] {
  if (run.historyError) return [];
  if (!run.ok) return [`fails in the dry run: ${run.error ?? 'SQLite refused it'}`];
  const out: string[] = [];
  for (const t of run.rows.tables) {
    if (t.status !== 'dropped' && t.lost > 0)
      out.push(`loses ${t.lost} of ${t.before} rows of ${t.table} in the dry run`);
    if (t.changed > 0) {
      const ex = t.changedExamples[0];
      const example = ex ? ` (${ex.column}: ${JSON.stringify(ex.before ?? null)} → ${JSON.stringify(ex.after)})` : '';
      out.push(`changes ${plural(t.changed, 'row')} of ${t.table} in the dry run${example}`);
    }
  }
  for (const d of run.drift) out.push(`leaves ${d.table} different from a fresh database: ${d.detail}`);
  return out;
}

/** A variant that cannot be written whatever the author asks: it fails under the host, or a chunk is malformed. */
export function cannotRun(v: MigrationVariant): string[] {
  const out = [...v.chunkProblems];
  if (!v.dryRun.ok && !v.dryRun.historyError)
    out.push(`it fails in the dry run: ${v.dryRun.error ?? 'SQLite refused it'}`);
  return out;
}

/** Why a variant does not pass (empty when it passes): error findings, malformed chunks, the dry run's bad news. */
export function variantProblems(v: MigrationVariant): string[] {
  const errors = v.findings.filter((f) => f.severity === 'error');
  return [...errors.map((f) => safetyMessage(f)), ...v.chunkProblems, ...dryRunProblems(v.dryRun)];
}

/** The variants' names for people. */
export const VARIANT_NAMES = { exact: 'drizzle-kit’s exact SQL', safe: 'the MoLOS-safe variant' } as const;

/** Short problem list for a sentence: the dry run's words first (they are the measured ones). */
function briefly(v: MigrationVariant): string {
  const run = dryRunProblems(v.dryRun);
  const errors = v.findings.filter((f) => f.severity === 'error').length;
  const parts = [...run, ...v.chunkProblems].map((p) => p.replace(/\.$/, ''));
  if (errors > 0) parts.push(`has ${plural(errors, 'host error')} in its analysis`);
  return parts.join('; ');
}

/**
 * Which variant to write for `request`. `auto` takes drizzle-kit's SQL when it passes (no error finding, one
 * statement per chunk, a dry run that loses or changes no rows and leaves no drift), else the MoLOS-safe variant
 * when it passes, else refuses. `exact` and `safe` take that variant whatever its findings — but a variant that
 * fails in the dry run or has a malformed chunk is never written.
 * @example chooseVariant(plan, 'auto').variant?.kind // 'safe'
 */
export function chooseVariant(plan: MigrationPlan, request: VariantRequest): VariantChoice {
  const v = plan.variants;
  if (!v)
    return { request, variant: null, reason: 'because the schema did not change', consequences: [], refusals: [] };
  const file = `drizzle/${plan.migration.tag}.sql`;
  if (request !== 'auto') {
    const chosen = v[request];
    const blocked = cannotRun(chosen);
    if (blocked.length > 0) {
      return {
        request,
        variant: null,
        reason: 'as asked, but it cannot be written',
        consequences: [],
        refusals: blocked.map((b) => `${file} (${VARIANT_NAMES[request]}): ${b}`),
      };
    }
    return {
      request,
      variant: chosen,
      reason: 'as asked',
      consequences: variantProblems(chosen),
      refusals: [],
    };
  }
  const exactProblems = variantProblems(v.exact);
  if (exactProblems.length === 0) {
    return {
      request,
      variant: v.exact,
      reason: v.exact.dryRun.historyError
        ? 'because it has no host error (the dry run could not be tried: the existing migrations do not replay)'
        : v.exact.dryRun.rows.tables.some((t) => t.status === 'dropped')
          ? 'because it has no host error and loses or changes no rows in the dry run but those of the tables it drops'
          : 'because it has no host error and loses or changes no rows in the dry run',
      consequences: [],
      refusals: [],
    };
  }
  if (variantProblems(v.safe).length === 0) {
    return {
      request,
      variant: v.safe,
      reason: `because drizzle-kit’s SQL ${briefly(v.exact)}`,
      consequences: [],
      refusals: [],
    };
  }
  const same = v.safe.sql === v.exact.sql;
  return {
    request,
    variant: null,
    reason: 'because no variant passes',
    consequences: [],
    refusals: [
      same
        ? `${file}: drizzle-kit’s SQL ${briefly(v.exact)}, and the MoLOS-safe variant is the same SQL`
        : `${file}: drizzle-kit’s SQL ${briefly(v.exact)}; the MoLOS-safe variant ${briefly(v.safe)}`,
    ],
  };
}

/**
 * A table or column the migration drops while it held values: rows of a dropped table, or values (not NULL) of a
 * dropped column — a rename the migration does not know (no baseline says column b was column a) is one too.
 */
export interface ValueLoss {
  table: string;
  /** Absent for a dropped table. */
  column?: string;
  /** Sample rows (a table) or sample values (a column) that go; null when the dry run could not be tried. */
  count: number | null;
}

/**
 * What `variant` drops that held values: every table and column the migration removes (from the schemas on
 * either side, renames followed), counted on the dry run's sample rows. One whose sample held nothing (a column
 * NULL in every sample row) loses nothing and is left out; a generated column is computed, so never counted.
 * @example valueLosses(plan, plan.variants.safe) // [{ table: 'MoLOS-Tasks_tasks', column: 'notes', count: 2 }]
 */
export function valueLosses(plan: MigrationPlan, variant: MigrationVariant): ValueLoss[] {
  const m = plan.migration;
  if (m.kind === 'unchanged') return [];
  const run = variant.dryRun;
  const tried = !run.historyError && run.ok;
  const out: ValueLoss[] = [];
  const renamedTo = new Map(m.renames.tables.map((r) => [r.from, r.to]));
  for (const [name, table] of Object.entries(m.before.tables)) {
    const now = renamedTo.get(name) ?? name;
    const after = m.after.tables[now];
    if (!after) {
      const rows = run.rows.tables.find((t) => t.table === name && t.status === 'dropped')?.before ?? 0;
      if (!tried || rows > 0) out.push({ table: name, count: tried ? rows : null });
      continue;
    }
    const renamed = new Set(m.renames.columns.filter((r) => r.table === now).map((r) => r.from));
    const report = run.rows.tables.find((t) => t.table === now);
    for (const column of Object.values(table.columns)) {
      if (after.columns[column.name] || renamed.has(column.name) || column.generated) continue;
      const values = report?.droppedColumns?.find((d) => d.column === column.name)?.values ?? 0;
      if (!tried || values > 0) out.push({ table: name, column: column.name, count: tried ? values : null });
    }
  }
  return out;
}

/**
 * One loss in words.
 * @example lossText({ table: 'MoLOS-Tasks_tasks', column: 'notes', count: 2 }) // 'MoLOS-Tasks_tasks.notes (2 sample values)'
 */
export function lossText(l: ValueLoss): string {
  const n = l.count === null ? 'the dry run could not count them' : null;
  return l.column === undefined
    ? `the table ${l.table} (${n ?? `${plural(l.count ?? 0, 'sample row')} with their values`})`
    : `${l.table}.${l.column} (${n ?? plural(l.count ?? 0, 'sample value')})`;
}

/**
 * The refusal for {@link valueLosses}: what goes, how to keep it, and how to confirm.
 * @example lossRefusal('drizzle/0001_x.sql', losses) // 'drizzle/0001_x.sql would lose values: MoLOS-Tasks_tasks.notes (2 sample values). …'
 */
export function lossRefusal(file: string, losses: readonly ValueLoss[]): string {
  const what = losses.map(lossText);
  const columns = losses.some((l) => l.column !== undefined);
  return (
    `${file} would drop ${what.join(', ')}: their values would be lost. ` +
    `To keep them, if you renamed ${columns ? 'a column or a table' : 'a table'} rather than deleting it, rename it in the designer (not delete and add), so the design's baseline knows its previous name and the migration renames it. ` +
    'To drop them, confirm that you accept losing these values: `molos-schema generate --accept-loss`, or tick “Drop them: I accept losing these values” in the write dialog.'
  );
}

/** What the dry run of the next migration replays and compares with. */
export interface DryRunInput {
  SQL: SqlJsStatic;
  /** The module's migration files so far. */
  history: readonly MigrationFile[];
  /** Migrations of `history` written by hand past the last snapshot: the dry run seeds its rows before them. */
  seedBefore?: readonly string[];
}

function evaluate(
  design: Design,
  m: NextMigration,
  input: DryRunInput,
  kind: MigrationVariant['kind'],
  sql: string,
  differences: string[],
  freshSql: string,
  earlier: readonly SchemaDrift[],
): MigrationVariant {
  const name = `${m.tag}.sql`;
  const findings = analyzeMigration(
    { name: `drizzle/${name}`, sql, moduleId: design.module.id, host: design.module.host },
    m.before,
  );
  const run = dryRun(input.SQL, input.history, { name, sql }, freshSql, m.renames, {
    design,
    seedBefore: input.seedBefore,
  });
  // Differences the history already had (its own spelling of the same schema) are not the new migration's doing.
  const seen = new Set(earlier.map((d) => JSON.stringify(d)));
  const drift = run.drift.filter((d) => !seen.has(JSON.stringify(d)));
  return {
    kind,
    sql,
    findings: findings.map((f) => backfilled(f, run, m)),
    differences,
    chunkProblems: chunkProblems(sql),
    dryRun: { ...run, drift },
  };
}

/**
 * A column made NOT NULL without a default fails on the NULLs rows hold — unless the migrations before it fill
 * them (a backfill `UPDATE … WHERE col IS NULL` written by hand). The dry run seeds a NULL in that column and runs
 * those migrations on it: when the new migration then runs, the NULLs were filled, and the finding is a warning.
 */
function backfilled(f: SafetyFinding, run: DryRun, m: NextMigration): SafetyFinding {
  if (f.code !== 'rebuild-not-null-tightened' || !f.params.noDefault || !run.ok || run.historyError) return f;
  const table = String(f.params.table);
  const column = String(f.params.column);
  const oldTable = m.renames.tables.find((r) => r.to === table)?.from ?? table;
  const oldColumn = m.renames.columns.find((r) => r.table === table && r.to === column)?.from ?? column;
  const seeded = run.seeded?.tables.find((t) => t.table === oldTable)?.nullColumns ?? [];
  if (!seeded.includes(oldColumn)) return f;
  return { ...f, severity: 'warning', params: { ...f.params, filledBefore: 1 } };
}

/**
 * How the history's database differs from a fresh database of the schema the migration starts from: drift the
 * module already had (the SQL says NOT NULL where the snapshot and tables.ts say nullable, say) or, when the
 * migration starts from the replayed history, its own spelling of the same schema (`TEXT` for `text`, a UNIQUE
 * constraint for a unique index). Those differences are the history's, not the new migration's doing: they stay
 * after any migration that leaves the table alone, and `verify` reports them.
 */
function historyDrift(m: NextMigration, input: DryRunInput): SchemaDrift[] {
  const history = applyMigrations(input.SQL, input.history);
  const fresh = applyMigrations(input.SQL, [
    { name: '0000_before.sql', sql: joinStatements(createStatements(m.before)) },
  ]);
  try {
    return history.ok && fresh.ok ? compareSchemas(readSchema(fresh.db), readSchema(history.db)) : [];
  } finally {
    history.db.close();
    fresh.db.close();
  }
}

/**
 * The folder's next migration with both variants evaluated. When the migrations go past the last snapshot (written
 * by hand), they are replayed as the host runs them and the next migration starts from the schema they build.
 * Throws `MigrationFolderError` when the folder's migrations are in the way (the file it would write exists, a
 * migration past the last snapshot fails under the host).
 * @example const plan = planMigration(design, folder, { SQL, history }, { now: Date.now() });
 */
export function planMigration(
  design: Design,
  folder: MigrationFolder,
  input: DryRunInput,
  options: { now: number; name?: string },
): MigrationPlan {
  const migration = nextMigration(design, withReplayedHistory(input.SQL, folder, input.history), options);
  if (migration.kind === 'unchanged') return { migration, variants: null };
  // Migrations written by hand past the last snapshot (a backfill `UPDATE`, say) run on the seeded rows, as the
  // host runs them on real data before the new one.
  const pending = migrationsPastSnapshot(
    previousSnapshot(folder)?.file ?? null,
    input.history.map((f) => f.name),
  );
  const run: DryRunInput = { ...input, seedBefore: pending };
  // What the database must look like after the migration: what its snapshot records (the design's schema, with
  // the module's own drift kept when the migration leaves it).
  const fresh = joinStatements(createStatements(migration.after));
  const earlier = historyDrift(migration, run);
  const safe = safeVariant(migration);
  const exact = evaluate(design, migration, run, 'exact', migration.sql, [], fresh, earlier);
  // Nothing for the safe variant to change: the same SQL, evaluated once.
  if (safe.sql === migration.sql) return { migration, variants: { exact, safe: { ...exact, kind: 'safe' } } };
  return {
    migration,
    variants: {
      exact,
      safe: evaluate(design, migration, run, 'safe', safe.sql, safe.differences, fresh, earlier),
    },
  };
}

export { MigrationFolderError };
