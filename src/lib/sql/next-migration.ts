/**
 * The next migration of a module: compares the design with the last snapshot in the module's `drizzle/meta`
 * and writes `NNNN_<descriptive_name>.sql`, its snapshot and the journal with one more entry — exactly what
 * `drizzle-kit generate` would write, except that renames are known from the design's stable ids instead of
 * asked. Nothing existing is ever rewritten.
 *
 * When the migrations go past the last snapshot (written by hand, without snapshots), the host's database holds
 * their changes but the snapshot does not: the caller replays them (replay-history.ts) and passes the schema they
 * build as `folder.replayed`, which is then the baseline instead of the snapshot; the new snapshot still chains
 * to the last real one.
 *
 * CHECK constraints the module's code declares (`Table.keptChecks`, names only) are carried over from that
 * baseline (kept-checks.ts), so they stay in the database and in the new snapshot as drizzle-kit would compute them
 * from the code; a check the code no longer declares is dropped, as drizzle-kit would.
 */
import { type Baseline, type Design, fullTableName } from '../core/design';
import { type JsonStatement, type Renames, migrationStatements } from './diff/index';
import { BREAKPOINT } from './create-sql';
import { MigrationFolderError, parseSnapshot } from './folder-format';
import { migrationVersion, nameProblem, sortMigrationFiles } from './host-files';
import { type KeptChecks, keptChecks, withKeptChecks } from './kept-checks';
import { migrationName } from './migration-name';
import { codeAhead } from './code-ahead';
import { keepDrift } from './keep-drift';
import { migrationChanges } from './migration-changes';
import { type ReplayedHistory, migrationsPastSnapshot, spellLikeDesign } from './replayed-schema';
import { buildSnapshot, snapshotText } from './snapshot';
import { EMPTY_SNAPSHOT, type Journal, type JournalEntry, type Snapshot } from './snapshot-types';

/** What a module's `drizzle/` folder holds, already parsed. */
export interface MigrationFolder {
  journal: Journal | null;
  /** Files of `drizzle/meta` other than the journal, by file name (e.g. `0003_snapshot.json`). */
  snapshots: Record<string, Snapshot>;
  /** Names of the `.sql` files in `drizzle/`. */
  sqlFiles: string[];
  /**
   * The schema the migrations build, when they go past the last snapshot (see `withReplayedHistory`); the next
   * migration starts from it.
   */
  replayed?: ReplayedHistory;
  /** Files of `drizzle/meta` that are not snapshots and were left out, with why (e.g. a stray `0001.json`). */
  ignored?: { file: string; reason: string }[];
  /**
   * The schema the module's code describes (its tables.ts read back), when the write merges into that code: the
   * next migration then starts from it and holds the design's changes only. Where the code and the migrations
   * already differ (drift), the database is left as it is, and the result's `drift` says how they differ.
   */
  code?: Snapshot;
}

export const EMPTY_FOLDER: MigrationFolder = { journal: null, snapshots: {}, sqlFiles: [] };

export interface NextMigration {
  /** `unchanged`: the schema equals the last snapshot, nothing to write. */
  kind: 'initial' | 'next' | 'unchanged';
  tag: string;
  sql: string;
  /** Files to write, relative to the module folder (none when unchanged). */
  files: { path: string; content: string }[];
  statements: JsonStatement[];
  before: Snapshot;
  after: Snapshot;
  renames: Renames;
  /** The baseline to store in the design once the files are written. */
  baseline: Baseline;
  /** Things the author should know (e.g. renames could not be recognised). */
  notes: string[];
  /** Set when `before` is the schema the migrations build (they go past the last snapshot), not a snapshot. */
  replayed?: true;
  /**
   * When the migration starts from the module's code (`MigrationFolder.code`) and that code already differs from
   * what its migrations build: those differences, in words, which this migration leaves as they are.
   */
  drift?: string[];
}

/** The snapshot drizzle-kit treats as previous: the last file of meta/ by name that does not start with `_`. */
export function previousSnapshot(folder: MigrationFolder): { file: string; snapshot: Snapshot } | null {
  const files = Object.keys(folder.snapshots)
    .filter((f) => !f.startsWith('_'))
    .sort();
  const file = files[files.length - 1];
  return file ? { file, snapshot: folder.snapshots[file] as Snapshot } : null;
}

/** The names every table and column has now, by id, and the snapshot: the baseline after this migration. */
export function baselineOf(design: Design, snapshot: Snapshot): Baseline {
  const tables: Record<string, string> = {};
  for (const t of Object.values(design.tables)) tables[t.id] = fullTableName(design, t);
  const columns: Record<string, string> = {};
  for (const c of Object.values(design.columns)) columns[c.id] = c.name;
  return { snapshotId: snapshot.id, tables, columns, snapshot };
}

/**
 * Renames since the baseline, when the baseline describes the folder's last snapshot — or, with `chainedFrom`,
 * the last real snapshot a replayed schema starts from: then only renames whose old name is still in `prev` and
 * whose new name is not yet there count (a hand-written migration may have dropped or renamed it already).
 */
export function renamesSince(
  design: Design,
  prev: Snapshot,
  chainedFrom?: string,
): { renames: Renames; notes: string[] } {
  const b = design.baseline;
  const renames: Renames = { tables: [], columns: [] };
  const exact = b !== null && b.snapshotId === prev.id;
  if (!b || (!exact && b.snapshotId !== chainedFrom)) {
    const changedNames =
      b !== null &&
      Object.values(design.tables).some(
        (t) => b.tables[t.id] !== undefined && b.tables[t.id] !== fullTableName(design, t),
      );
    return {
      renames,
      notes:
        Object.keys(prev.tables).length > 0 && (b === null || changedNames || b.snapshotId !== prev.id)
          ? [
              'The design does not know which schema the last migration left (its baseline is for another snapshot), ' +
                'so renamed tables or columns are written as drop + create. Export from the design that wrote the last migration to keep renames.',
            ]
          : [],
    };
  }
  for (const t of Object.values(design.tables)) {
    const from = b.tables[t.id];
    const to = fullTableName(design, t);
    if (from !== undefined && from !== to && (exact || (prev.tables[from] && !prev.tables[to])))
      renames.tables.push({ from, to });
  }
  for (const c of Object.values(design.columns)) {
    const from = b.columns[c.id];
    const table = design.tables[c.tableId];
    if (from === undefined || from === c.name || !table) continue;
    const columns = prev.tables[b.tables[table.id] ?? fullTableName(design, table)]?.columns;
    if (exact || (columns?.[from] && !columns[c.name]))
      renames.columns.push({ table: fullTableName(design, table), from, to: c.name });
  }
  return { renames, notes: [] };
}

const pad = (n: number) => String(n).padStart(4, '0');

function replayedNote(r: ReplayedHistory): string {
  if (r.migrations.length === 0)
    return (
      `the last snapshot (drizzle/meta/${r.lastSnapshot}) does not describe what the migrations build: the next ` +
      'migration starts from the schema they build (replayed as the host runs them), and its snapshot records the schema after it'
    );
  const files = r.migrations.map((f) => f.replace(/\.sql$/, '')).join(', ');
  const since = r.lastSnapshot ? `after the last snapshot (drizzle/meta/${r.lastSnapshot})` : 'without any snapshot';
  return (
    `${files} ${r.migrations.length === 1 ? 'comes' : 'come'} ${since}: the next migration starts from the schema ` +
    'the migrations build (replayed as the host runs them), and its snapshot records the schema after it'
  );
}

/** The values of every column in drizzle's `{ enum: [...] }` form, by full table name and column name. */
function valuesFormEnums(design: Design): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const c of Object.values(design.columns)) {
    const e = c.enumId && c.enumForm === 'values' ? design.enums[c.enumId] : undefined;
    const t = design.tables[c.tableId];
    if (!e || !t) continue;
    const name = fullTableName(design, t);
    const table = out.get(name) ?? new Map<string, string[]>();
    table.set(
      c.name,
      e.members.map((m) => m.value),
    );
    out.set(name, table);
  }
  return out;
}

function aheadNote(added: readonly string[]): string {
  const shown = added.slice(0, 12).join(', ');
  const more = added.length > 12 ? ` and ${added.length - 12} more` : '';
  return `the module's code has ${shown}${more}, which its migrations never built: this migration adds ${added.length === 1 ? 'it' : 'them'} (the app's queries need ${added.length === 1 ? 'it' : 'them'})`;
}

function driftNote(drift: readonly string[]): string {
  return `${driftSentence(drift)}. This migration leaves them as they are (it holds the design’s changes only); "molos-schema verify" lists them, and "generate --reconcile" (on the page: "Also bring the database to the code") writes them into the migration`;
}

/**
 * "the module's code and its migrations already differ; bringing the database to the code would mean: a; b" — at
 * most eight tables, then how many more.
 * @example driftSentence(['tasks.status: type text → text CHECK(status IN (…)) — rebuilds tasks'])
 */
export function driftSentence(drift: readonly string[]): string {
  const shown = drift.slice(0, 8);
  if (drift.length > shown.length) shown.push(`and ${drift.length - shown.length} more tables`);
  return `the module's code and its migrations already differ; bringing the database to the code would mean: ${shown.join('; ')}`;
}

function missingChecksNote(missing: KeptChecks['missing'], hasHistory: boolean): string {
  const names = missing.map((m) => `${m.name} (${m.table})`).join(', ');
  const where = hasHistory
    ? 'neither the last snapshot nor the schema the migrations build has'
    : 'no earlier migration of the module has';
  return (
    `the code declares CHECK constraint${missing.length === 1 ? '' : 's'} ${names}, which ${where}: the studio ` +
    'knows only their names, not their SQL, so this migration leaves them out (drizzle-kit generate would add them)'
  );
}

function ignoredNote(f: { file: string; reason: string }): string {
  return (
    `${f.file} is left out: ${f.reason}. The host never reads drizzle/meta, but drizzle-kit generate reads every file ` +
    'there whose name does not start with "_" as a snapshot, and stops on this one'
  );
}

/**
 * Computes the module's next migration (or its first one, for an empty folder).
 * @example const m = nextMigration(design, folder, { now: Date.now() }); if (m.kind !== 'unchanged') write(m.files);
 */
export function nextMigration(
  design: Design,
  folder: MigrationFolder,
  options: { now: number; name?: string },
): NextMigration {
  const entries = folder.journal?.entries ?? [];
  const snapshot = previousSnapshot(folder);
  // The schema the migrations build, when it is not the last snapshot's.
  const replayed = folder.replayed && !folder.replayed.matchesSnapshot ? folder.replayed : null;
  const previous = replayed?.snapshot ?? snapshot?.snapshot ?? null;
  if (!folder.replayed) {
    const past = migrationsPastSnapshot(snapshot?.file ?? null, folder.sqlFiles);
    if (past.length > 0 || (entries.length > 0 && !snapshot)) {
      throw new MigrationFolderError(
        'drizzle/meta',
        snapshot
          ? `${past.join(', ')} come${past.length === 1 ? 's' : ''} after the last snapshot (${snapshot.file}), so the schema they leave must be read by replaying the migrations first`
          : 'the journal lists migrations but there is no snapshot, so the schema they leave must be read by replaying the migrations first',
      );
    }
  }
  const read = previous ?? EMPTY_SNAPSHOT;
  const { renames: wanted, notes } = previous
    ? renamesSince(design, read, replayed?.snapshot.prevId)
    : { renames: { tables: [], columns: [] }, notes: [] };

  // CHECK constraints the code keeps as written: their SQL comes from the schema the migrations left.
  const kept = keptChecks(design, read, wanted);
  if (kept.missing.length > 0) notes.push(missingChecksNote(kept.missing, previous !== null));
  // The new snapshot chains to the last snapshot on disk (drizzle-kit's empty id when there is none).
  const after = buildSnapshot(design, replayed ? replayed.snapshot.prevId : read.id, kept.after);
  const history = replayed ? spellLikeDesign(replayed, after, wanted) : read;
  if (replayed) notes.push(replayedNote(replayed));
  // From the module's code, when given: its differences with the history are not this migration's business.
  const before = history;
  // The schema the migration leaves, and its snapshot records: the design's, or — when the code and the history
  // already differ — the design's changes applied to what the migrations built (keep-drift.ts).
  let target = after;
  let drift: string[] | undefined;
  if (folder.code && previous) {
    // The code's snapshot is built from what the importer read, which holds the checks' names only.
    const asWritten: Snapshot = withKeptChecks({ ...folder.code, id: history.id, prevId: history.prevId }, kept.before);
    // What the code has and the database lacks is added all the same: the app needs it, and it loses nothing.
    const ahead = codeAhead(asWritten, history, design.module.id);
    if (ahead.added.length > 0) notes.push(aheadNote(ahead.added));
    const code = ahead.before;
    const none: Renames = { tables: [], columns: [] };
    const toCode = migrationStatements(history, code, none);
    if (toCode.sql.length > 0) {
      drift = migrationChanges(
        { before: history, after: code, renames: none, statements: toCode.statements },
        design.module.id,
      );
      notes.push(driftNote(drift));
      target = keepDrift(history, asWritten, after, wanted, valuesFormEnums(design));
    }
  }
  for (const f of folder.ignored ?? []) notes.push(ignoredNote(f));
  const m = migrationStatements(before, target, wanted);
  target._meta = {
    schemas: {},
    tables: Object.fromEntries(m.renamedTables.map((r) => [`"${r.from}"`, `"${r.to}"`])),
    columns: Object.fromEntries(m.renamedColumns.map((r) => [`"${r.table}"."${r.from}"`, `"${r.table}"."${r.to}"`])),
  };
  const renames: Renames = { tables: m.renamedTables, columns: m.renamedColumns };
  const last = entries[entries.length - 1];
  // After the journal's last entry, and after every numbered file (a hand-written one may lack its entry) and
  // snapshot: the new migration never takes a number a file already has.
  const numbers = [...folder.sqlFiles, ...Object.keys(folder.snapshots)].map((f) => migrationVersion(f) ?? -1);
  const idx = Math.max(last ? last.idx + 1 : 0, ...numbers.map((n) => n + 1));
  const kind = m.sql.length === 0 ? 'unchanged' : previous ? 'next' : 'initial';
  const name = options.name ?? (previous ? migrationName(m.statements, design.module.id) : 'init');
  const tag = `${pad(idx)}_${name}`;
  const sql = m.sql.join(BREAKPOINT);
  if (kind === 'unchanged') {
    return {
      kind,
      tag,
      sql,
      files: [],
      statements: [],
      before,
      after: target,
      renames,
      baseline: baselineOf(design, drift ? { ...after, id: before.id, prevId: before.prevId } : before),
      notes,
      ...(replayed ? { replayed: true as const } : {}),
      ...(drift ? { drift } : {}),
    };
  }
  if (folder.sqlFiles.includes(`${tag}.sql`)) {
    throw new MigrationFolderError(`drizzle/${tag}.sql`, 'already exists; an existing migration is never rewritten');
  }
  // Migrations written by hand after the journal's last entry get their entries too (the host runs every file;
  // drizzle's migrator, which module tests use, follows the journal), in the host's order, before the new one.
  const journaled = new Set(entries.map((e) => `${e.tag}.sql`));
  const lastNumber = last ? (migrationVersion(`${last.tag}.sql`) ?? -1) : -1;
  const unjournaled = sortMigrationFiles(
    folder.sqlFiles
      .filter((f) => nameProblem(f) === null && !journaled.has(f) && (migrationVersion(f) ?? -1) > lastNumber)
      .map((name) => ({ name })),
  ).map((f) => f.name);
  let stamp = last?.when ?? 0;
  const caught: JournalEntry[] = unjournaled.map((f, i) => ({
    idx: entries.length + i,
    version: '6',
    when: ++stamp,
    tag: f.replace(/\.sql$/, ''),
    breakpoints: true,
  }));
  if (caught.length > 0)
    notes.push(
      `the journal gets entries for ${unjournaled.join(', ')}, which the host runs but the journal did not list`,
    );
  const when = Math.max(options.now, stamp + 1);
  const journal: Journal = {
    version: folder.journal?.version ?? '7',
    dialect: 'sqlite',
    entries: [
      ...entries,
      ...caught,
      { idx: Math.max(idx, entries.length + caught.length), version: '6', when, tag, breakpoints: true },
    ],
  } as Journal;
  return {
    kind,
    tag,
    sql,
    files: [
      { path: `drizzle/${tag}.sql`, content: sql },
      { path: `drizzle/meta/${pad(idx)}_snapshot.json`, content: snapshotText(target) },
      { path: 'drizzle/meta/_journal.json', content: JSON.stringify(journal, null, 2) },
    ],
    statements: m.statements,
    before,
    after: target,
    renames,
    // The design's own view of the schema (the drift it left is the database's, not the design's); same id.
    baseline: baselineOf(design, target === after ? after : { ...after, _meta: target._meta }),
    notes,
    ...(replayed ? { replayed: true as const } : {}),
    ...(drift ? { drift } : {}),
  };
}

/**
 * The migration the design would get now, relative to what it last exported — for previews, without the module
 * folder: the baseline's stored snapshot stands in for the folder's last one. `null` before the first export (or
 * when the stored snapshot is unreadable): then the whole schema is new.
 * @example migrationSinceBaseline(design)?.sql
 */
export function migrationSinceBaseline(design: Design): NextMigration | null {
  const stored = design.baseline?.snapshot;
  if (!stored) return null;
  let snapshot: Snapshot;
  try {
    snapshot = parseSnapshot('baseline', JSON.stringify(stored));
  } catch {
    return null;
  }
  // The journal is unknown here, so numbering starts at 0; the preview shows the SQL, not the file name.
  const folder: MigrationFolder = { journal: null, snapshots: { 'baseline_snapshot.json': snapshot }, sqlFiles: [] };
  return nextMigration(design, folder, { now: Date.now() });
}
