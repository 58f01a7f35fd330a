/** Test support: migration folders of the drizzle-kit gold samples as {@link MigrationFile}s, and sql.js. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { MigrationFile } from '../lib/sql/host-files';
import { REPO } from './module-folder';

export const GOLD = join(REPO, 'fixtures/drizzle-kit-gold');

/** The `.sql` files of a folder (relative to the gold root), in file-name order. */
export function goldMigrations(folder: string): MigrationFile[] {
  const dir = join(GOLD, folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }));
}

/** A text file under the gold root. */
export function goldText(path: string): string {
  return readFileSync(join(GOLD, path), 'utf8');
}

let sqlJs: Promise<SqlJsStatic> | undefined;

/** sql.js, initialized once per test file. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}
