/** `molos-schema generate`: writes the module's files and, when the schema changed, its next migration. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LAYOUTS, type Layout } from '../lib/core/design';
import { serializeDesign } from '../lib/core/format';
import { checkDesign, hasErrors } from '../lib/core/rules';
import { type GeneratedFile, generateModuleFiles } from '../lib/generate/module-files';
import { cleanMigrationName } from '../lib/sql/migration-name';
import { nextMigration } from '../lib/sql/next-migration';
import { safeVariant } from '../lib/sql/safe-variant';
import { analyzeMigration } from '../lib/sql/safety';
import { CliError, type CliIo } from './io';
import { readDesign } from './load';
import { inFolder, readMigrationFolder } from './module-folder';
import { formatIssue } from './report';
import { formatFinding } from './safety-report';
import { dryRunLines, runDryRun } from './dry-run-report';

/** Files a module author owns after the first export: created when missing, never overwritten. */
const SCAFFOLD_ROLES: ReadonlySet<GeneratedFile['role']> = new Set(['manifest', 'drizzle-config', 'module-config']);

export function parseLayout(value: string | undefined): Layout | undefined {
  if (value === undefined) return undefined;
  if (!(LAYOUTS as readonly string[]).includes(value))
    throw new CliError(`--layout must be "legacy" or "current", got "${value}"`);
  return value as Layout;
}

export interface GenerateOptions {
  out?: string;
  layout?: string;
  name?: string;
  safe?: boolean;
  now?: number;
}

export async function generate(io: CliIo, file: string, opts: GenerateOptions): Promise<number> {
  if (!opts.out) throw new CliError('generate needs --out <module-dir> (the module folder to write into)');
  const design = readDesign(io, file);
  const issues = checkDesign(design);
  if (hasErrors(issues)) {
    for (const i of issues.filter((x) => x.severity === 'error')) io.stderr(`${formatIssue(design, i)}\n`);
    throw new CliError(
      `the design breaks ${issues.filter((i) => i.severity === 'error').length} MoLOS rule(s); nothing was written (run "check" for details)`,
      1,
    );
  }
  const layout = parseLayout(opts.layout);
  let name: string | undefined;
  if (opts.name !== undefined) {
    name = cleanMigrationName(opts.name) ?? undefined;
    if (!name) throw new CliError(`--name "${opts.name}" has no letters or digits to name a migration with`);
  }
  const dir = resolve(io.cwd, opts.out);
  const folder = readMigrationFolder(dir);
  const migration = inFolder(opts.out, () => nextMigration(design, folder, { now: opts.now ?? Date.now(), name }));
  const files = await generateModuleFiles(design, { layout, skipMigration: true });

  for (const f of files) {
    const target = join(dir, f.path);
    if (SCAFFOLD_ROLES.has(f.role) && existsSync(target)) {
      io.stdout(`kept      ${f.path} (exists; yours to edit)\n`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
    io.stdout(`wrote     ${f.path}\n`);
  }
  for (const i of issues) io.stdout(`${formatIssue(design, i)}\n`);

  if (migration.kind === 'unchanged') {
    io.stdout('No schema changes: no migration written.\n');
  } else {
    const safe = opts.safe ? safeVariant(migration) : undefined;
    const migrationFiles = migration.files.map((f) =>
      safe && f.path.endsWith('.sql') ? { ...f, content: safe.sql } : f,
    );
    const sqlFile = migrationFiles.find((f) => f.path.endsWith('.sql'));
    // Try it first, on sample data, as the host would run it; a migration that cannot run is not written.
    const run = await runDryRun(dir, folder, design, migration, sqlFile?.content ?? '');
    for (const line of dryRunLines(run)) io.stdout(`${line}\n`);
    if (!run.ok && !run.historyError) {
      throw new CliError(
        `${migration.tag}.sql would fail under the MoLOS host, so no migration was written${opts.safe ? '' : '; "generate --safe" writes the MoLOS-safe variant'}`,
        1,
      );
    }
    for (const f of migrationFiles) {
      const target = join(dir, f.path);
      if (f.path.endsWith('.sql') && existsSync(target))
        throw new CliError(`${f.path} already exists; an existing migration is never rewritten`, 1);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, f.content);
      io.stdout(`wrote     ${f.path}${f.path.endsWith('.sql') && safe ? ' (MoLOS-safe variant)' : ''}\n`);
    }
    for (const note of migration.notes) io.stdout(`note: ${note}\n`);
    for (const d of safe?.differences ?? []) io.stdout(`safe variant: ${d}\n`);
    const findings = analyzeMigration(
      { name: sqlFile?.path ?? '', sql: sqlFile?.content ?? '', moduleId: design.module.id },
      migration.before,
    );
    for (const f of findings) io.stdout(`${formatFinding(sqlFile?.path ?? '', f)}\n`);
    if (!opts.safe && findings.some((f) => f.severity === 'error')) {
      io.stdout(
        'This migration is unsafe under the MoLOS host; "sql --since <module-dir> --safe" shows the safe variant, and "generate --safe" writes it.\n',
      );
    }
    // Remember what was exported, so the next migration knows renames.
    writeFileSync(resolve(io.cwd, file), serializeDesign({ ...design, baseline: migration.baseline }));
    io.stdout(`updated   ${file} (baseline: ${migration.tag})\n`);
  }
  io.stdout(`${design.module.id} (${layout ?? design.module.layout} layout) written to ${dir}\n`);
  return 0;
}
