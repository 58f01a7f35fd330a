/**
 * The next migration of a module: compares the design with the last snapshot in the module's `drizzle/meta`
 * and writes `NNNN_<descriptive_name>.sql`, its snapshot and the journal with one more entry — exactly what
 * `drizzle-kit generate` would write, except that renames are known from the design's stable ids instead of
 * asked. Nothing existing is ever rewritten.
 */
import { type Baseline, type Design, fullTableName } from '../core/design';
import { type JsonStatement, type Renames, migrationStatements } from './diff/index';
import { BREAKPOINT } from './create-sql';
import { MigrationFolderError, parseSnapshot } from './folder-format';
import { migrationName } from './migration-name';
import { buildSnapshot, snapshotText } from './snapshot';
import { EMPTY_SNAPSHOT, type Journal, type Snapshot } from './snapshot-types';

/** What a module's `drizzle/` folder holds, already parsed. */
export interface MigrationFolder {
  journal: Journal | null;
  /** Files of `drizzle/meta` other than the journal, by file name (e.g. `0003_snapshot.json`). */
  snapshots: Record<string, Snapshot>;
  /** Names of the `.sql` files in `drizzle/`. */
  sqlFiles: string[];
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

/** Renames since the baseline, when the baseline describes the folder's last snapshot. */
export function renamesSince(design: Design, prev: Snapshot): { renames: Renames; notes: string[] } {
  const b = design.baseline;
  const renames: Renames = { tables: [], columns: [] };
  if (!b || b.snapshotId !== prev.id) {
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
    if (from !== undefined && from !== to) renames.tables.push({ from, to });
  }
  for (const c of Object.values(design.columns)) {
    const from = b.columns[c.id];
    const table = design.tables[c.tableId];
    if (from !== undefined && from !== c.name && table)
      renames.columns.push({ table: fullTableName(design, table), from, to: c.name });
  }
  return { renames, notes: [] };
}

const pad = (n: number) => String(n).padStart(4, '0');

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
  const previous = previousSnapshot(folder);
  if (entries.length > 0 && !previous) {
    throw new MigrationFolderError(
      'drizzle/meta',
      'the journal lists migrations but there is no snapshot, so the current schema is unknown',
    );
  }
  const before = previous?.snapshot ?? EMPTY_SNAPSHOT;
  const { renames: wanted, notes } = previous
    ? renamesSince(design, before)
    : { renames: { tables: [], columns: [] }, notes: [] };

  const after = buildSnapshot(design, before.id);
  const m = migrationStatements(before, after, wanted);
  after._meta = {
    schemas: {},
    tables: Object.fromEntries(m.renamedTables.map((r) => [`"${r.from}"`, `"${r.to}"`])),
    columns: Object.fromEntries(m.renamedColumns.map((r) => [`"${r.table}"."${r.from}"`, `"${r.table}"."${r.to}"`])),
  };
  const renames: Renames = { tables: m.renamedTables, columns: m.renamedColumns };
  const last = entries[entries.length - 1];
  const idx = last ? last.idx + 1 : 0;
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
      after,
      renames,
      baseline: baselineOf(design, before),
      notes,
    };
  }
  if (folder.sqlFiles.includes(`${tag}.sql`)) {
    throw new MigrationFolderError(`drizzle/${tag}.sql`, 'already exists; an existing migration is never rewritten');
  }
  const when = Math.max(options.now, (last?.when ?? 0) + 1);
  const journal: Journal = {
    version: folder.journal?.version ?? '7',
    dialect: 'sqlite',
    entries: [...entries, { idx, version: '6', when, tag, breakpoints: true }],
  } as Journal;
  return {
    kind,
    tag,
    sql,
    files: [
      { path: `drizzle/${tag}.sql`, content: sql },
      { path: `drizzle/meta/${pad(idx)}_snapshot.json`, content: snapshotText(after) },
      { path: 'drizzle/meta/_journal.json', content: JSON.stringify(journal, null, 2) },
    ],
    statements: m.statements,
    before,
    after,
    renames,
    baseline: baselineOf(design, after),
    notes,
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
