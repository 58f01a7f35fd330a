/**
 * Reads a module folder's `drizzle/` (journal, snapshots, SQL files) into the parsed form the migration code works
 * on, keeping each file's text. The one reader for the page, the zip (a folder in memory) and the CLI (a `node:fs`
 * folder). A damaged journal or snapshot throws a `MigrationFolderError` naming the file and the JSON path; a
 * file of `drizzle/meta` that is no snapshot at all (`0001.json` with other data) is left out and listed in
 * `folder.ignored` (see `metaFile`: what drizzle-kit reads there).
 */
import { MigrationFolderError, metaFile, parseJournal } from '../sql/folder-format';
import { migrationVersion, nameProblem } from '../sql/host-files';
import type { MigrationFile } from '../sql/host-runner';
import { EMPTY_FOLDER, type MigrationFolder } from '../sql/next-migration';
import type { FolderEntry, ModuleFolder } from './module-folder';

export const JOURNAL_PATH = 'drizzle/meta/_journal.json';

/** What `drizzle/` holds: the parsed folder, the text of every file read, and the SQL files as the host gets them. */
export interface MigrationFiles {
  folder: MigrationFolder;
  /** Path → text of each `drizzle/*.sql` and `drizzle/meta/*.json` file. */
  texts: Map<string, string>;
  /** Every `.sql` file directly in `drizzle/`, by file name (the host filters and orders them itself). */
  history: MigrationFile[];
}

/** The error for a shape no tool can read (a folder where a file must be, …): the folder's own, else ours. */
function unusable(folder: ModuleFolder, path: string, problem: string): Error {
  return folder.unusable?.(path, problem) ?? new MigrationFolderError(path, problem);
}

/**
 * Refuses entries of `drizzle/` that the host or drizzle-kit would stumble on: a folder named like a migration
 * (the host reads every `drizzle/*.sql`), `meta` as a file, and a folder named like the journal or a snapshot
 * (drizzle-kit reads every entry of `meta` whose name does not start with `_`).
 */
function checkShape(folder: ModuleFolder, drizzle: readonly FolderEntry[], meta: readonly FolderEntry[]): void {
  const folderSql = drizzle.find((e) => e.kind === 'directory' && e.name.endsWith('.sql'));
  if (folderSql)
    throw unusable(
      folder,
      `drizzle/${folderSql.name}`,
      'it is a folder, not a file: the host runs every drizzle/*.sql file as a migration, and cannot read a folder',
    );
  if (drizzle.some((e) => e.name === 'meta' && e.kind === 'file'))
    throw unusable(
      folder,
      'drizzle/meta',
      'it is a file, not a folder: the journal and the snapshots belong in the folder drizzle/meta',
    );
  const folderJson = meta.find((e) => e.kind === 'directory' && e.name.endsWith('.json'));
  if (folderJson)
    throw unusable(
      folder,
      `drizzle/meta/${folderJson.name}`,
      folderJson.name === '_journal.json'
        ? 'it is a folder, not a file: the journal must be a file'
        : 'it is a folder, not a file: drizzle-kit reads every entry of drizzle/meta whose name does not start with "_" as a snapshot file',
    );
}

/**
 * Reads `drizzle/`; an empty result when the folder has none. A `drizzle` that is a file, or a folder where the
 * journal, a snapshot or a migration must be a file, is refused (`folder.unusable`, else `MigrationFolderError`).
 * @example const { folder, history } = await readMigrationFiles(memoryFolder('m', files));
 */
export async function readMigrationFiles(folder: ModuleFolder): Promise<MigrationFiles> {
  const texts = new Map<string, string>();
  const drizzle = await folder.list('drizzle');
  if (!drizzle) {
    if (((await folder.list('')) ?? []).some((e) => e.name === 'drizzle' && e.kind === 'file'))
      throw unusable(
        folder,
        'drizzle',
        "it is a file, not a folder: the module's migrations belong in the folder drizzle/",
      );
    return { folder: EMPTY_FOLDER, texts, history: [] };
  }
  const metaEntries = drizzle.some((e) => e.name === 'meta' && e.kind === 'directory')
    ? ((await folder.list('drizzle/meta')) ?? [])
    : [];
  checkShape(folder, drizzle, metaEntries);
  const journalText = await folder.readText(JOURNAL_PATH);
  if (journalText !== null) texts.set(JOURNAL_PATH, journalText);
  const journal = journalText === null ? null : parseJournal(JOURNAL_PATH, journalText);
  const snapshots: MigrationFolder['snapshots'] = {};
  const ignored: NonNullable<MigrationFolder['ignored']> = [];
  for (const entry of metaEntries) {
    if (entry.name.startsWith('_')) continue;
    const path = `drizzle/meta/${entry.name}`;
    if (entry.kind !== 'file') {
      ignored.push({ file: path, reason: 'it is a folder' });
      continue;
    }
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

const pad = (n: number) => String(n).padStart(4, '0');

/**
 * Where the journal and the files of `drizzle/` disagree, so that the next write could take a number or a file
 * that is already used: a journal entry whose `.sql` file is missing, two migrations the host runs with the same
 * number, and a snapshot whose migration the journal lacks (drizzle-kit writes the two together, so the journal
 * lost an entry). A migration written by hand after the journal's last entry, without a snapshot, is no
 * disagreement: the next write journals it. Each message starts with the file it is about.
 * @example journalDisagreements({ journal: { version: '7', dialect: 'sqlite', entries: [] }, snapshots: {}, sqlFiles: [] }) // []
 */
export function journalDisagreements(m: MigrationFolder): string[] {
  const out: string[] = [];
  const sqlFiles = new Set(m.sqlFiles);
  const entries = m.journal?.entries ?? [];
  for (const e of entries) {
    if (!sqlFiles.has(`${e.tag}.sql`))
      out.push(
        `${JOURNAL_PATH} lists the migration ${e.tag}, but drizzle/${e.tag}.sql does not exist: drizzle's migrator would stop on it. Put the file back or remove the entry.`,
      );
  }
  const byNumber = new Map<number, string[]>();
  for (const f of m.sqlFiles) {
    const n = migrationVersion(f);
    if (n === null || nameProblem(f) !== null) continue;
    byNumber.set(n, [...(byNumber.get(n) ?? []), f]);
  }
  for (const [n, files] of byNumber) {
    if (files.length > 1)
      out.push(
        `drizzle/${files.join(' and drizzle/')} have the same number ${pad(n)}: the journal and the host cannot tell them apart by number. Renumber one of them.`,
      );
  }
  const journaled = new Set<number>();
  for (const e of entries) {
    journaled.add(e.idx);
    const n = migrationVersion(e.tag);
    if (n !== null) journaled.add(n);
  }
  for (const file of Object.keys(m.snapshots).sort()) {
    const n = migrationVersion(file);
    if (n === null || journaled.has(n)) continue;
    out.push(
      m.journal
        ? `drizzle/meta/${file} is the snapshot of migration ${pad(n)}, which ${JOURNAL_PATH} does not list: drizzle-kit writes the two together, so the journal lost its entry. Restore the entry (e.g. from version control) or remove the snapshot.`
        : `drizzle/meta/${file} is the snapshot of migration ${pad(n)}, but there is no ${JOURNAL_PATH}: drizzle-kit writes the two together. Restore the journal (e.g. from version control).`,
    );
  }
  return out;
}

/**
 * Every number the migrations of `drizzle/` use: the numbered `.sql` files and snapshots. The next migration must
 * take none of them.
 * @example usedNumbers({ journal: null, snapshots: {}, sqlFiles: ['0000_init.sql'] }) // Set { 0 }
 */
export function usedNumbers(m: MigrationFolder): Set<number> {
  const out = new Set<number>();
  for (const f of [...m.sqlFiles, ...Object.keys(m.snapshots)]) {
    const n = migrationVersion(f);
    if (n !== null) out.add(n);
  }
  return out;
}

/**
 * The folder's migrations, parsed (journal, snapshots, SQL file names).
 * @example const m = nextMigration(design, await readMigrations(folder), { now: Date.now() });
 */
export async function readMigrations(folder: ModuleFolder): Promise<MigrationFolder> {
  return (await readMigrationFiles(folder)).folder;
}
