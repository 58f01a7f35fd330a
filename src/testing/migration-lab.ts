/**
 * Test support: runs a design change the way a module author would meet it — export, edit, next migration —
 * then dry-runs drizzle-kit's SQL and the MoLOS-safe variant on data seeded to obey the edited design, exactly as
 * the host would.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { Design } from '../lib/core/design';
import { type DryRun, dryRun } from '../lib/sql/dry-run';
import { parseJournal, parseSnapshot } from '../lib/sql/folder-format';
import { EMPTY_FOLDER, type NextMigration, nextMigration } from '../lib/sql/next-migration';
import { safeVariant } from '../lib/sql/safe-variant';

let SQL: SqlJsStatic | undefined;

export interface LabResult {
  migration: NextMigration;
  drizzle: DryRun;
  safe: DryRun & { sql: string; differences: string[] };
}

/** Exports `design`, applies `edit`, computes the next migration and dry-runs both variants. */
export async function migrationLab(design: Design, edit: (d: Design) => Design): Promise<LabResult> {
  SQL ??= await initSqlJs();
  const first = nextMigration(design, EMPTY_FOLDER, { now: 1 });
  const folder = {
    journal: parseJournal('j', first.files[2]?.content ?? ''),
    snapshots: { '0000_snapshot.json': parseSnapshot('s', first.files[1]?.content ?? '') },
    sqlFiles: ['0000_init.sql'],
  };
  const edited = edit({ ...design, baseline: first.baseline });
  const m = nextMigration(edited, folder, { now: 2 });
  const safe = safeVariant(m);
  const fresh = nextMigration(edited, EMPTY_FOLDER, { now: 1 }).sql;
  const history = [{ name: '0000_init.sql', sql: first.sql }];
  return {
    migration: m,
    drizzle: dryRun(SQL, history, { name: `${m.tag}.sql`, sql: m.sql }, fresh, m.renames, { design: edited }),
    safe: {
      ...dryRun(SQL, history, { name: `${m.tag}.sql`, sql: safe.sql }, fresh, m.renames, { design: edited }),
      sql: safe.sql,
      differences: safe.differences,
    },
  };
}
