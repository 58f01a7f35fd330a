/**
 * Reads a module folder's `drizzle/` (journal, snapshots, SQL files) into the parsed form the migration code works
 * on, keeping each file's text. The one reader for the page, the zip (a folder in memory) and the CLI (a `node:fs`
 * folder). A damaged journal or snapshot throws a `MigrationFolderError` naming the file and the JSON path; a
 * file of `drizzle/meta` that is no snapshot at all (`0001.json` with other data) is left out and listed in
 * `folder.ignored` (see `metaFile`: what drizzle-kit reads there).
 */
import { metaFile, parseJournal } from '../sql/folder-format';
import type { MigrationFile } from '../sql/host-runner';
import { EMPTY_FOLDER, type MigrationFolder } from '../sql/next-migration';
import type { ModuleFolder } from './module-folder';

export const JOURNAL_PATH = 'drizzle/meta/_journal.json';

/** What `drizzle/` holds: the parsed folder, the text of every file read, and the SQL files as the host gets them. */
export interface MigrationFiles {
  folder: MigrationFolder;
  /** Path → text of each `drizzle/*.sql` and `drizzle/meta/*.json` file. */
  texts: Map<string, string>;
  /** Every `.sql` file directly in `drizzle/`, by file name (the host filters and orders them itself). */
  history: MigrationFile[];
}

/**
 * Reads `drizzle/`; an empty result when the folder has none.
 * @example const { folder, history } = await readMigrationFiles(memoryFolder('m', files));
 */
export async function readMigrationFiles(folder: ModuleFolder): Promise<MigrationFiles> {
  const texts = new Map<string, string>();
  const drizzle = await folder.list('drizzle');
  if (!drizzle) return { folder: EMPTY_FOLDER, texts, history: [] };
  const journalText = await folder.readText(JOURNAL_PATH);
  if (journalText !== null) texts.set(JOURNAL_PATH, journalText);
  const journal = journalText === null ? null : parseJournal(JOURNAL_PATH, journalText);
  const snapshots: MigrationFolder['snapshots'] = {};
  const ignored: NonNullable<MigrationFolder['ignored']> = [];
  for (const entry of (await folder.list('drizzle/meta')) ?? []) {
    if (entry.kind !== 'file' || entry.name.startsWith('_')) continue;
    const path = `drizzle/meta/${entry.name}`;
    const text = entry.name.endsWith('.json') ? ((await folder.readText(path)) ?? '') : null;
    if (text !== null) texts.set(path, text);
    const meta = metaFile(path, text);
    if (meta.kind === 'snapshot') snapshots[entry.name] = meta.snapshot;
    else if (meta.kind === 'not-snapshot') ignored.push({ file: path, reason: meta.reason });
  }
  const sqlFiles = drizzle
    .filter((e) => e.kind === 'file' && e.name.endsWith('.sql'))
    .map((e) => e.name)
    .sort();
  const history: MigrationFile[] = [];
  for (const name of sqlFiles) {
    const sql = (await folder.readText(`drizzle/${name}`)) ?? '';
    texts.set(`drizzle/${name}`, sql);
    history.push({ name, sql });
  }
  const parsed: MigrationFolder = { journal, snapshots, sqlFiles };
  if (ignored.length > 0) parsed.ignored = ignored;
  return { folder: parsed, texts, history };
}

/**
 * The folder's migrations, parsed (journal, snapshots, SQL file names).
 * @example const m = nextMigration(design, await readMigrations(folder), { now: Date.now() });
 */
export async function readMigrations(folder: ModuleFolder): Promise<MigrationFolder> {
  return (await readMigrationFiles(folder)).folder;
}
