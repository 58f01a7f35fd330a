/**
 * `molos-schema sql`: prints a migration's SQL — the first one (drizzle-kit's bytes), or the next one for a module
 * folder in the variant `generate` would write (or the one forced with --exact / --safe).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { checkDesign, hasErrors } from '../lib/core/rules';
import { VARIANT_NAMES, chooseVariant, lossRefusal, planMigration, valueLosses } from '../lib/export/migration-plan';
import { readCodeFiles } from '../lib/export/read-code-files';
import { journalDisagreements, readMigrationFiles } from '../lib/export/read-migrations';
import { codeSnapshot } from '../lib/generate/merge/index';
import { MigrationFolderError } from '../lib/sql/folder-format';
import { EMPTY_FOLDER, nextMigration } from '../lib/sql/next-migration';
import { safeVariant } from '../lib/sql/safe-variant';
import { dryRunLines } from './dry-run-report';
import { variantRequest } from './generate';
import { CliError, type CliIo } from './io';
import { readDesign } from './load';
import { nodeFolder } from './node-folder';
import { summary } from './report';

export async function sql(
  io: CliIo,
  file: string,
  opts: { since?: string; exact?: boolean; safe?: boolean; reconcile?: boolean },
): Promise<number> {
  const request = variantRequest(opts);
  const design = readDesign(io, file);
  const issues = checkDesign(design);
  if (hasErrors(issues))
    io.stderr(`warning: the design would produce broken code or SQL (${summary(issues)}); run "check" for details\n`);
  if (!opts.since) {
    const m = nextMigration(design, EMPTY_FOLDER, { now: Date.now() });
    if (m.kind === 'unchanged') {
      io.stderr('No schema changes, nothing to migrate.\n');
      return 0;
    }
    // The first migration creates tables only: its safe variant is the same SQL, kept here for --safe's sake.
    io.stdout(opts.safe ? safeVariant(m).sql : m.sql);
    return 0;
  }
  const dir = resolve(io.cwd, opts.since);
  // A folder that is not there has no migrations: printing the 0000 for it would hide a mistyped path.
  if (!existsSync(dir)) throw new CliError(`cannot read --since ${opts.since}: no such folder`);
  const folder = nodeFolder(dir, opts.since);
  // A damaged journal or snapshot is unusable input (2); a folder in the way is what generate refuses (1).
  const folderError = (e: unknown, code: number) =>
    e instanceof MigrationFolderError ? new CliError(`${opts.since}/${e.message}`, code) : e;
  const files = await readMigrationFiles(folder).catch((e: unknown) => {
    throw folderError(e, 2);
  });
  const disagreements = journalDisagreements(files.folder);
  if (disagreements.length > 0) throw new CliError(disagreements.map((d) => `${opts.since}/${d}`).join('\n'), 2);
  // As generate does: from the module's code as it is, unless asked to reconcile the drift it already has.
  let code = null;
  if (!opts.reconcile) {
    try {
      code = codeSnapshot(await readCodeFiles(folder, design.module.layout), design.module.layout);
    } catch (e) {
      throw new CliError(`${opts.since}: ${e instanceof Error ? e.message : String(e)}`, 1);
    }
  }
  let plan;
  try {
    const from = code ? { ...files.folder, code } : files.folder;
    plan = planMigration(design, from, { SQL: await initSqlJs(), history: files.history }, { now: Date.now() });
  } catch (e) {
    throw folderError(e, 1);
  }
  if (!plan.variants) {
    io.stderr('No schema changes, nothing to migrate.\n');
    return 0;
  }
  for (const note of plan.migration.notes) io.stderr(`note: ${note}\n`);
  const choice = chooseVariant(plan, request);
  // A forced variant is printed even when generate would refuse it, so it can be looked at.
  const shown = choice.variant ?? (request === 'auto' ? null : plan.variants[request]);
  if (!shown) {
    for (const r of choice.refusals) io.stderr(`refused: ${r}\n`);
    io.stderr('generate would write no migration; "sql --exact" or "sql --safe" prints one of the variants\n');
    return 1;
  }
  io.stderr(`migration: ${VARIANT_NAMES[shown.kind]}, ${choice.reason}\n`);
  if (shown.kind === 'safe') for (const d of shown.differences) io.stderr(`safe variant: ${d}\n`);
  // The dry run goes to stderr: stdout stays exactly the migration file.
  for (const line of dryRunLines(shown.dryRun)) io.stderr(`${line}\n`);
  for (const r of choice.refusals) io.stderr(`refused: ${r}; generate would not write it\n`);
  // As generate: a migration that drops values is written only with --accept-loss.
  const losses = valueLosses(plan, shown);
  if (losses.length > 0)
    io.stderr(
      `refused: ${lossRefusal(`drizzle/${plan.migration.kind === 'unchanged' ? 'next' : plan.migration.tag}.sql`, losses)}\n`,
    );
  io.stdout(shown.sql);
  return choice.refusals.length > 0 || losses.length > 0 ? 1 : 0;
}
