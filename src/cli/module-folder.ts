/**
 * What is left of the CLI's own migration reader: `generate`, `sql` and `verify` read module folders through
 * `nodeFolder` (node-folder.ts) and src/lib/export/read-migrations.ts. Only dry-run-report.ts's `runDryRun`, which
 * nothing calls any more, still imports this; both can go together.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The text of each migration file, by file name. */
export function readSqlFiles(moduleDir: string, names: readonly string[]): { name: string; sql: string }[] {
  return names.map((name) => ({ name, sql: readFileSync(join(moduleDir, 'drizzle', name), 'utf8') }));
}
