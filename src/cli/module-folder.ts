/** Reads a module folder's `drizzle/` directory into the parsed form the migration code works on. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { MigrationFolderError, parseJournal, parseSnapshot } from '../lib/sql/folder-format';
import { EMPTY_FOLDER, type MigrationFolder } from '../lib/sql/next-migration';
import { CliError } from './io';

/** The folder's migrations; an empty folder when there is no `drizzle/` yet. */
export function readMigrationFolder(moduleDir: string): MigrationFolder {
  const drizzle = join(moduleDir, 'drizzle');
  if (!existsSync(drizzle)) return EMPTY_FOLDER;
  try {
    const meta = join(drizzle, 'meta');
    const journalPath = join(meta, '_journal.json');
    const journal = existsSync(journalPath)
      ? parseJournal('drizzle/meta/_journal.json', readFileSync(journalPath, 'utf8'))
      : null;
    const snapshots: MigrationFolder['snapshots'] = {};
    if (existsSync(meta)) {
      for (const f of readdirSync(meta).filter((x) => x.endsWith('.json') && !x.startsWith('_'))) {
        snapshots[f] = parseSnapshot(`drizzle/meta/${f}`, readFileSync(join(meta, f), 'utf8'));
      }
    }
    const sqlFiles = readdirSync(drizzle).filter((f) => f.endsWith('.sql'));
    return { journal, snapshots, sqlFiles };
  } catch (e) {
    if (e instanceof MigrationFolderError) throw new CliError(`${moduleDir}/${e.message}`);
    throw e;
  }
}

/** Runs migration code, turning a problem in the folder into a user-facing error (exit 1: nothing was written). */
export function inFolder<T>(moduleDir: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof MigrationFolderError) throw new CliError(`${moduleDir}/${e.message}`, 1);
    throw e;
  }
}

/** The text of each migration file, by file name. */
export function readSqlFiles(moduleDir: string, names: readonly string[]): { name: string; sql: string }[] {
  return names.map((name) => ({ name, sql: readFileSync(join(moduleDir, 'drizzle', name), 'utf8') }));
}
