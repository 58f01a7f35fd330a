/**
 * The migration files of a fresh module: `drizzle/0000_init.sql`, `drizzle/meta/0000_snapshot.json` and
 * `drizzle/meta/_journal.json`, as drizzle-kit writes them.
 */
import type { Design } from '../core/design';
import { createStatements, joinStatements } from './create-sql';
import { buildSnapshot, snapshotText } from './snapshot';
import type { Journal } from './snapshot-types';

export const INITIAL_TAG = '0000_init';

/** The `0000` migration SQL of a design, byte-identical to drizzle-kit's file. */
export function initialMigrationSql(design: Design): string {
  return joinStatements(createStatements(buildSnapshot(design)));
}

export interface InitialMigration {
  tag: string;
  sql: string;
  snapshot: string;
  journal: string;
}

/**
 * The three files of the first migration. `now` is the journal's `when` (milliseconds), which the host uses to
 * order migrations.
 */
export function initialMigration(design: Design, now: number): InitialMigration {
  const snapshot = buildSnapshot(design);
  const journal: Journal = {
    version: '7',
    dialect: 'sqlite',
    entries: [{ idx: 0, version: '6', when: now, tag: INITIAL_TAG, breakpoints: true }],
  };
  return {
    tag: INITIAL_TAG,
    sql: joinStatements(createStatements(snapshot)),
    snapshot: snapshotText(snapshot),
    journal: JSON.stringify(journal, null, 2),
  };
}
