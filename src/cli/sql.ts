/** `molos-schema sql`: prints a migration's SQL — the first one, or the next one for a module folder. */
import { resolve } from 'node:path';
import { checkDesign, hasErrors } from '../lib/core/rules';
import { EMPTY_FOLDER, nextMigration } from '../lib/sql/next-migration';
import { safeVariant } from '../lib/sql/safe-variant';
import type { CliIo } from './io';
import { readDesign } from './load';
import { inFolder, readMigrationFolder } from './module-folder';
import { summary } from './report';
import { dryRunLines, runDryRun } from './dry-run-report';

export async function sql(io: CliIo, file: string, opts: { since?: string; safe?: boolean }): Promise<number> {
  const design = readDesign(io, file);
  const issues = checkDesign(design);
  if (hasErrors(issues))
    io.stderr(`warning: the design breaks MoLOS rules (${summary(issues)}); run "check" for details\n`);
  const folder = opts.since ? readMigrationFolder(resolve(io.cwd, opts.since)) : EMPTY_FOLDER;
  const m = inFolder(opts.since ?? '.', () => nextMigration(design, folder, { now: Date.now() }));
  if (m.kind === 'unchanged') {
    io.stderr('No schema changes, nothing to migrate.\n');
    return 0;
  }
  for (const note of m.notes) io.stderr(`note: ${note}\n`);
  const safe = opts.safe ? safeVariant(m) : undefined;
  for (const d of safe?.differences ?? []) io.stderr(`safe variant: ${d}\n`);
  const text = safe?.sql ?? m.sql;
  if (opts.since) {
    // The dry run goes to stderr: stdout stays exactly the migration file.
    const run = await runDryRun(resolve(io.cwd, opts.since), folder, design, m, text);
    for (const line of dryRunLines(run)) io.stderr(`${line}\n`);
  }
  io.stdout(text);
  return 0;
}
