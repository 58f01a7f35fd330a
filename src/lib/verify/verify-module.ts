/**
 * Verifies a module folder the way the MoLOS host will treat it, without Node or a page: replays `drizzle/*.sql`
 * on sql.js exactly as the host does, checks the journal against the files, compares the schema the migrations
 * build with a fresh database of the last snapshot (what the next generated migration starts from) and with the
 * schema `tables.ts` describes (what the app's queries expect), and runs the safety analysis on every migration.
 * The CLI prints the findings (src/cli/verify.ts); the page can show them.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { parse as parseYaml } from 'yaml';
import { type Design, type TargetHost, fullTableName } from '../core/design';
import type { ModuleFolder } from '../export/module-folder';
import { type MigrationFiles, JOURNAL_PATH, readMigrationFiles } from '../export/read-migrations';
import { LAYOUT_FILES, configSchemaPaths, importModuleFolder, isModuleFile } from '../import/module-folder/index';
import type { SourceFile } from '../import/types';
import { createStatements, joinStatements } from '../sql/create-sql';
import { MigrationFolderError } from '../sql/folder-format';
import { migrationVersion, nameProblem, sortMigrationFiles } from '../sql/host-files';
import { applyMigrations } from '../sql/host-runner';
import { pendingChanges } from '../sql/migration-changes';
import { type CheckSource, type KeptChecks, keptChecks } from '../sql/kept-checks';
import { type MigrationFolder, nextMigration, previousSnapshot } from '../sql/next-migration';
import { withReplayedHistory } from '../sql/replay-history';
import { migrationsPastSnapshot } from '../sql/replayed-schema';
import { buildSnapshot } from '../sql/snapshot';
import { EMPTY_SNAPSHOT_ID, type Snapshot } from '../sql/snapshot-types';
import { readChecks } from './check-constraints';
import { codeDriftFindings } from './code-drift';
import { HISTORY } from './drift-text';
import { journalFindings, replayFindings, safetyFindings } from './history-checks';
import { diffSchemas } from './schema-diff';
import { type SchemaFacts, schemaFacts } from './schema-facts';
import { schemaPlaces } from './schema-places';
import { snapshotDriftFindings } from './snapshot-drift';
import type { UnusableModule, VerifyFinding, VerifyReport, VerifyResult } from './types';

export type * from './types';

export interface VerifyOptions {
  /** The module id (otherwise from manifest.yaml, else the tables' common prefix). */
  moduleId?: string;
  /** The host the module must run on: `older` adds the older host's statement-checker findings. Default current. */
  host?: TargetHost;
}

/** Every file of the folder an import may need (sources, configs), outside `drizzle/`, which is read on its own. */
async function readCodeFiles(folder: ModuleFolder, dir = ''): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  for (const entry of (await folder.list(dir)) ?? []) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.kind === 'directory') {
      if (path !== 'drizzle' && isModuleFile(`${path}/x.ts`)) out.push(...(await readCodeFiles(folder, path)));
    } else if (isModuleFile(path)) {
      const text = await folder.readText(path);
      if (text !== null) out.push({ path, text });
    }
  }
  return out;
}

/** The schema file the import reads: either layout's tables.ts, else the one drizzle.config.ts names. */
function schemaFileOf(files: readonly SourceFile[]): SourceFile | null {
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const layout of ['legacy', 'current'] as const) {
    const f = byPath.get(LAYOUT_FILES[layout].tables);
    if (f) return f;
  }
  for (const p of configSchemaPaths(byPath.get('drizzle.config.ts')?.text ?? '')) {
    const dir = p.replace(/\/?(index|tables)?\.ts$/, '');
    const candidates = p.endsWith('.ts') ? [p, `${dir}/tables.ts`] : [`${dir}/tables.ts`, `${dir}/index.ts`];
    for (const c of candidates) {
      const f = byPath.get(c.replace(/^\/+/, ''));
      if (f) return f;
    }
  }
  return null;
}

function manifestId(files: readonly SourceFile[]): string {
  const text = files.find((f) => f.path === 'manifest.yaml')?.text;
  if (text === undefined) return '';
  try {
    const id = (parseYaml(text) as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id.trim() : '';
  } catch {
    return ''; // A broken manifest is not this check's business; the table prefix stands in.
  }
}

const prefixOf = (tables: readonly string[]) => {
  const first = tables[0];
  return first?.includes('_') ? first.slice(0, first.indexOf('_')) : '';
};

/** A fresh database from one script, run as the host would; null (and the error) when it fails. */
function build(SQL: SqlJsStatic, name: string, sql: string): { db: Database } | { error: string } {
  const result = applyMigrations(SQL, [{ name, sql }]);
  const failed = result.files.find((f) => f.status === 'failed');
  if (failed) {
    result.db.close();
    return { error: failed.message };
  }
  return { db: result.db };
}

function factsOf(SQL: SqlJsStatic, name: string, sql: string): { facts: SchemaFacts } | { error: string } {
  const built = build(SQL, name, sql);
  if ('error' in built) return built;
  try {
    return { facts: schemaFacts(built.db) };
  } finally {
    built.db.close();
  }
}

/**
 * Verifies the module in `folder`; `SQL` is the loaded sql.js. Never throws on bad module content: unreadable
 * input comes back as `{ usable: false }`, everything else as findings.
 * @example
 * const report = await verifyModule(nodeFolder(dir), await initSqlJs());
 * if (report.usable) report.findings.filter((f) => f.severity === 'error');
 */
export async function verifyModule(
  folder: ModuleFolder,
  SQL: SqlJsStatic,
  options: VerifyOptions = {},
): Promise<VerifyResult> {
  let migrations: MigrationFiles;
  try {
    migrations = await readMigrationFiles(folder);
  } catch (e) {
    if (!(e instanceof MigrationFolderError)) throw e;
    const prefix = `${e.file}: `;
    return unusable(e.file, e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message);
  }
  const { folder: drizzle, history } = migrations;
  if (!drizzle.journal && history.length === 0)
    return unusable(JOURNAL_PATH, 'there is no journal and no migration: nothing to verify');

  const codeFiles = await readCodeFiles(folder);
  const last = previousSnapshot(drizzle);
  const findings: VerifyFinding[] = journalFindings(drizzle);
  findings.push(...ignoredFindings(drizzle));
  // Migrations the last snapshot does not cover: the studio's next migration starts from what they build.
  const pastSnapshot = migrationsPastSnapshot(
    last?.file ?? null,
    history.map((f) => f.name),
  );

  // Replay as the host does.
  const replay = applyMigrations(SQL, history, {
    module: options.moduleId || manifestId(codeFiles) || prefixOf(Object.keys(last?.snapshot.tables ?? {})) || 'module',
  });
  findings.push(...replayFindings(replay));
  let historyFacts: SchemaFacts | null = null;
  let historyChecks: CheckSource = { tables: {} };
  try {
    if (replay.ok) {
      historyFacts = schemaFacts(replay.db);
      historyChecks = namedChecksOf(replay.db);
    }
  } finally {
    replay.db.close();
  }

  const code = await importCode(codeFiles, options);
  const moduleId =
    options.moduleId ||
    manifestId(codeFiles) ||
    prefixOf(Object.keys(last?.snapshot.tables ?? {})) ||
    (code.design?.module.id ?? '') ||
    prefixOf([...(historyFacts?.values() ?? [])].filter((f) => f.kind === 'table').map((f) => f.table));

  if (historyFacts) {
    const snapshot = last ? snapshotSide(SQL, last, findings) : null;
    // The studio's next migration starts from what the history builds when the snapshot does not cover it.
    let replayed = !last;
    if (snapshot) {
      const ran = sortMigrationFiles(history.filter((f) => nameProblem(f.name) === null)).at(-1);
      const drifts = diffSchemas(historyFacts, snapshot.facts);
      replayed = pastSnapshot.length > 0 && drifts.length > 0;
      findings.push(
        ...snapshotDriftFindings({
          drifts,
          file: snapshot.file,
          number: migrationVersion(last?.file ?? ''),
          lastMigration: ran ? { name: ran.name, version: migrationVersion(ran.name) ?? 0 } : null,
        }),
      );
    } else if (!last) {
      findings.push({
        code: 'no-snapshot',
        severity: 'warning',
        stage: 'snapshot',
        file: 'drizzle/meta',
        message:
          'drizzle/meta has no snapshot, so drizzle-kit generate would write every table again as if the module were new. ' +
          "The studio's next migration starts from the schema the migrations build (it replays them) and writes a snapshot",
      });
    }
    findings.push(...codeFindings(SQL, code, historyFacts, snapshot, replayed, historyChecks));
    findings.push(...pendingFindings(SQL, code, drizzle, history));
  } else {
    findings.push({
      code: 'not-compared',
      severity: 'info',
      stage: 'snapshot',
      file: 'drizzle',
      message:
        'a migration fails under the host, so the schema it leaves was not compared with the snapshot or tables.ts',
    });
  }

  findings.push(...safetyFindings(history, drizzle, moduleId, options.host));
  const report: VerifyReport = {
    usable: true,
    moduleId,
    migrations: drizzle.journal
      ? drizzle.journal.entries.length
      : history.filter((f) => nameProblem(f.name) === null).length,
    replay: replay.files.map((f) => ({ name: f.name, status: f.status, statements: f.statements })),
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
  };
  return report;
}

/** Files of drizzle/meta the studio leaves out because they are no snapshots; drizzle-kit stops on them. */
function ignoredFindings(drizzle: MigrationFolder): VerifyFinding[] {
  return (drizzle.ignored ?? []).map((f) => ({
    code: 'meta-not-snapshot',
    severity: 'warning',
    stage: 'snapshot',
    file: f.file,
    message:
      `not a snapshot: ${f.reason}. The host never reads drizzle/meta and the studio leaves the file out, but ` +
      'drizzle-kit generate reads every file there whose name does not start with "_" as a snapshot and stops on it ' +
      '("data is malformed"): move it out of drizzle/meta, or give it a name starting with "_", before running drizzle-kit',
  }));
}

/**
 * What the studio's next migration would hold for tables.ts as it is — the same words as the import's
 * "pending changes": what the code declares and the migrations never built.
 */
function pendingFindings(
  SQL: SqlJsStatic,
  code: ImportedCode,
  drizzle: MigrationFolder,
  history: MigrationFiles['history'],
): VerifyFinding[] {
  if (!code.design || !code.schema) return [];
  let next: ReturnType<typeof nextMigration>;
  let folder: MigrationFolder;
  try {
    folder = withReplayedHistory(SQL, drizzle, history);
    // As generate does: from the code as it is, so only what the code has and the database lacks is pending (the
    // rest of the drift is reported above, and written only with generate --reconcile).
    next = nextMigration(code.design, { ...folder, code: buildSnapshot(code.design) }, { now: 0 });
  } catch (e) {
    if (e instanceof MigrationFolderError) return [];
    throw e;
  }
  if (next.kind === 'unchanged') return [];
  const label = code.schema.path.slice(code.schema.path.lastIndexOf('/') + 1);
  const last = previousSnapshot(folder);
  const fromHistory = (folder.replayed && !folder.replayed.matchesSnapshot) || !last;
  const since = fromHistory ? 'the schema the migrations build' : `drizzle/meta/${last.file}`;
  return [
    {
      code: 'pending-changes',
      severity: 'info',
      stage: 'code',
      file: code.schema.path,
      message: `${label} differs from ${since}: ${pendingChanges(next, code.design.module.id)}`,
    },
  ];
}

function unusable(file: string, message: string): UnusableModule {
  return { usable: false, file, message };
}

function snapshotSide(
  SQL: SqlJsStatic,
  last: { file: string; snapshot: Snapshot },
  findings: VerifyFinding[],
): { facts: SchemaFacts; file: string } | null {
  const file = `drizzle/meta/${last.file}`;
  const built = factsOf(SQL, '0000_snapshot.sql', joinStatements(createStatements(last.snapshot)));
  if ('facts' in built) return { facts: built.facts, file };
  findings.push({
    code: 'snapshot-not-built',
    severity: 'warning',
    stage: 'snapshot',
    file,
    message: `the schema this snapshot describes cannot be built (${built.error}), so it was not compared`,
  });
  return null;
}

interface ImportedCode {
  /** The schema file, when the folder has one. */
  schema: SourceFile | null;
  design: Design | null;
  /** Why the code could not be read, when it could not. */
  problem: string | null;
  messages: Awaited<ReturnType<typeof importModuleFolder>>['messages'];
}

// Only the code goes to the importer: given drizzle/ too, it would fall back to the snapshot when there is no
// schema file, and this comparison is between the code and the history.
async function importCode(files: SourceFile[], options: VerifyOptions): Promise<ImportedCode> {
  const schema = schemaFileOf(files);
  if (!schema) return { schema, design: null, problem: null, messages: [] };
  const outcome = await importModuleFolder(files, options.moduleId ? { moduleId: options.moduleId } : {});
  if (!outcome.ok) {
    const first = outcome.messages.find((m) => m.severity === 'error') ?? outcome.messages[0];
    return { schema, design: null, problem: first?.message ?? 'the import failed', messages: outcome.messages };
  }
  return { schema, design: outcome.design, problem: null, messages: outcome.messages };
}

/** The named CHECKs of a database's tables (drizzle's `check()`), as a source for the checks code keeps. */
function namedChecksOf(db: Database): CheckSource {
  const tables: CheckSource['tables'] = {};
  for (const [table, checks] of readChecks(db))
    tables[table] = { checkConstraints: Object.fromEntries(checks.named.map((c) => [c.name, c])) };
  return { tables };
}

/**
 * The checks tables.ts declares that the migrations do not build: the studio knows only their names (it cannot
 * read their SQL), so it compares them by name — those the database has count as the same on both sides.
 */
function missingCheckFindings(missing: KeptChecks['missing'], file: string, label: string): VerifyFinding[] {
  return missing.map((m) => ({
    code: 'code-drift-table-check',
    severity: 'warning',
    stage: 'code',
    file,
    table: m.table,
    name: m.name,
    message:
      `CHECK ${m.name}: ${label} declares it; ${HISTORY} does not build it — the database does not check what ` +
      `${label} declares; the studio knows only its name, so its migrations cannot add it (drizzle-kit generate would).`,
    sides: { history: 'no CHECK', other: `CHECK ${m.name}` },
  }));
}

function codeFindings(
  SQL: SqlJsStatic,
  code: ImportedCode,
  history: SchemaFacts,
  snapshot: { facts: SchemaFacts; file: string } | null,
  replayed: boolean,
  historyChecks: CheckSource,
): VerifyFinding[] {
  const { schema, design } = code;
  if (!schema) {
    return [
      {
        code: 'no-schema-file',
        severity: 'info',
        stage: 'code',
        file: LAYOUT_FILES.legacy.tables,
        message: `no schema file (${LAYOUT_FILES.legacy.tables}, ${LAYOUT_FILES.current.tables} or the one drizzle.config.ts names), so the code was not compared with the history`,
      },
    ];
  }
  const notCompared = (why: string): VerifyFinding[] => [
    {
      code: 'code-not-compared',
      severity: 'warning',
      stage: 'code',
      file: schema.path,
      message: `${why}, so the code was not compared with the history`,
    },
  ];
  if (!design) return notCompared(`the studio cannot read ${schema.path}: ${code.problem ?? ''}`);
  // The checks tables.ts keeps as written are compared by name: the design holds no more of them.
  const kept = keptChecks(design, historyChecks);
  let sql: string;
  try {
    sql = joinStatements(createStatements(buildSnapshot(design, EMPTY_SNAPSHOT_ID, kept.after)));
  } catch (e) {
    return notCompared(`the studio cannot turn ${schema.path} into SQL: ${(e as Error).message}`);
  }
  const built = factsOf(SQL, '0000_code.sql', sql);
  if ('error' in built) return notCompared(`the SQL ${schema.path} describes fails: ${built.error}`);

  const label = schema.path.slice(schema.path.lastIndexOf('/') + 1);
  const enums = new Map<string, readonly string[]>();
  for (const t of Object.values(design.tables)) {
    for (const id of t.columnIds) {
      const c = design.columns[id];
      const e = c?.enumId ? design.enums[c.enumId] : undefined;
      if (c && e)
        enums.set(
          `${fullTableName(design, t)}|${c.name}`,
          e.members.map((m) => m.value),
        );
    }
  }
  const placeIn = schemaPlaces(schema.text);
  // What the design cannot hold of the schema file, and of the enums (wherever they are): what can change the SQL.
  const notes = code.messages
    .filter((m) => m.severity === 'warning' && (m.file === schema.path || /enum/.test(m.code)))
    .map((message) => ({
      message,
      place: message.file === schema.path ? placeIn(message.line, message.column) : null,
    }));
  const missing = missingCheckFindings(kept.missing, schema.path, label);
  const drift = codeDriftFindings({
    drifts: diffSchemas(history, built.facts),
    history,
    file: schema.path,
    label,
    snapshot,
    replayed,
    enumValues: (table, column) => enums.get(`${table}|${column}`) ?? null,
    notes,
    tableNames: (name) => [name, `${design.module.id}_${name}`],
  });
  return [...drift, ...missing];
}
