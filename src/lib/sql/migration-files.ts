/**
 * The migration files of a fresh module: `drizzle/0000_init.sql`, `drizzle/meta/0000_snapshot.json` and
 * `drizzle/meta/_journal.json`, as drizzle-kit writes them. The same path as every later migration: the
 * differ, from the empty schema.
 */
import type { Design } from '../core/design';
import { EMPTY_FOLDER, nextMigration } from './next-migration';

export const INITIAL_TAG = '0000_init';

/** The `0000` migration SQL of a design, byte-identical to drizzle-kit's file. */
export function initialMigrationSql(design: Design): string {
  return nextMigration(design, EMPTY_FOLDER, { now: 1 }).sql;
}
