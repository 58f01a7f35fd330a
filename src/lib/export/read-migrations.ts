/**
 * Reads a module folder's `drizzle/` (journal, snapshots, SQL file names) into the parsed form the migration
 * code works on — the browser twin of the CLI's module-folder.ts. A damaged journal or snapshot throws a
 * `MigrationFolderError` naming the file and the JSON path.
 */
import { parseJournal, parseSnapshot } from '$lib/sql/folder-format';
import { EMPTY_FOLDER, type MigrationFolder } from '$lib/sql/next-migration';
import type { ModuleFolder } from './module-folder';

const JOURNAL = 'drizzle/meta/_journal.json';

export async function readMigrations(folder: ModuleFolder): Promise<MigrationFolder> {
  const drizzle = await folder.list('drizzle');
  if (!drizzle) return EMPTY_FOLDER;
  const journalText = await folder.readText(JOURNAL);
  const journal = journalText === null ? null : parseJournal(JOURNAL, journalText);
  const snapshots: MigrationFolder['snapshots'] = {};
  for (const entry of (await folder.list('drizzle/meta')) ?? []) {
    if (entry.kind !== 'file' || !entry.name.endsWith('.json') || entry.name.startsWith('_')) continue;
    const path = `drizzle/meta/${entry.name}`;
    snapshots[entry.name] = parseSnapshot(path, (await folder.readText(path)) ?? '');
  }
  const sqlFiles = drizzle.filter((e) => e.kind === 'file' && e.name.endsWith('.sql')).map((e) => e.name);
  return { journal, snapshots, sqlFiles };
}
