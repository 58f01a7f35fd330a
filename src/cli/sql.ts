/** `molos-schema sql`: prints a migration's SQL — the first one, or the next one for a module folder. */
import { resolve } from 'node:path';
import { checkDesign, hasErrors } from '../lib/core/rules';
import { EMPTY_FOLDER, nextMigration } from '../lib/sql/next-migration';
import { safeVariant } from '../lib/sql/safe-variant';
import type { CliIo } from './io';
import { readDesign } from './load';
import { inFolder, readMigrationFolder } from './module-folder';
import { summary } from './report';

export function sql(io: CliIo, file: string, opts: { since?: string; safe?: boolean }): number {
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
  if (opts.safe) {
    const safe = safeVariant(m);
    for (const d of safe.differences) io.stderr(`safe variant: ${d}\n`);
    io.stdout(safe.sql);
  } else {
    io.stdout(m.sql);
  }
  return 0;
}
