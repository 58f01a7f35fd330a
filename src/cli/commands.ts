/** The CLI commands: thin wrappers over the same functions the page uses. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { LAYOUTS, type Layout } from '../lib/core/design';
import { setModule } from '../lib/core/operations';
import { checkDesign, hasErrors } from '../lib/core/rules';
import { type GeneratedFile, generateModuleFiles } from '../lib/generate/module-files';
import { initialMigrationSql } from '../lib/sql/migration-files';
import { CliError, type CliIo } from './io';
import { readDesign } from './load';
import { formatIssue, summary } from './report';

/** Files a module author owns after the first export: created when missing, never overwritten. */
const SCAFFOLD_ROLES: ReadonlySet<GeneratedFile['role']> = new Set(['manifest', 'drizzle-config', 'module-config']);

function parseLayout(value: string | undefined): Layout | undefined {
  if (value === undefined) return undefined;
  if (!(LAYOUTS as readonly string[]).includes(value))
    throw new CliError(`--layout must be "legacy" or "current", got "${value}"`);
  return value as Layout;
}

/**
 * The migrations already in the module folder must be exactly our fresh `0000`; anything else means the module
 * has history, and writing over it would break databases that applied it.
 */
function checkExistingMigrations(dir: string, files: GeneratedFile[]): 'none' | 'same' {
  const journalPath = join(dir, 'drizzle/meta/_journal.json');
  if (!existsSync(journalPath)) return 'none';
  let tags: string[];
  try {
    tags =
      (JSON.parse(readFileSync(journalPath, 'utf8')) as { entries?: { tag?: string }[] }).entries?.map((e) =>
        String(e.tag),
      ) ?? [];
  } catch {
    throw new CliError(`${journalPath} is not valid JSON; nothing was written`, 1);
  }
  if (tags.length === 0) return 'none';
  const ours = files.find((f) => f.role === 'migration');
  const existing = join(dir, `drizzle/${tags[0]}.sql`);
  if (
    tags.length === 1 &&
    ours &&
    existsSync(existing) &&
    readFileSync(existing, 'utf8') === ours.content &&
    ours.path === `drizzle/${tags[0]}.sql`
  ) {
    return 'same';
  }
  throw new CliError(
    `${join(dir, 'drizzle')} already has migrations (${tags.join(', ')}) that differ from this design's first migration. ` +
      'Applied migrations must never be rewritten, so nothing was written. Writing the next migration on top of ' +
      'existing ones is not supported yet; if these migrations were never applied anywhere, delete the drizzle folder and run again.',
    1,
  );
}

export async function generate(io: CliIo, file: string, opts: { out?: string; layout?: string }): Promise<number> {
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
  const dir = resolve(io.cwd, opts.out);
  const files = await generateModuleFiles(design, { layout });
  const migrations = checkExistingMigrations(dir, files);
  for (const f of files) {
    const target = join(dir, f.path);
    const isMigration = f.role === 'migration' || f.role === 'snapshot' || f.role === 'journal';
    if (isMigration && migrations === 'same') {
      io.stdout(`unchanged ${f.path}\n`);
      continue;
    }
    if (SCAFFOLD_ROLES.has(f.role) && existsSync(target)) {
      io.stdout(`kept      ${f.path} (exists; yours to edit)\n`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
    io.stdout(`wrote     ${f.path}\n`);
  }
  for (const i of issues) io.stdout(`${formatIssue(design, i)}\n`);
  io.stdout(`${design.module.id} (${layout ?? design.module.layout} layout) written to ${dir}\n`);
  return 0;
}

export function sql(io: CliIo, file: string): number {
  const design = readDesign(io, file);
  const issues = checkDesign(design);
  if (hasErrors(issues))
    io.stderr(`warning: the design breaks MoLOS rules (${summary(issues)}); run "check" for details\n`);
  io.stdout(initialMigrationSql(design));
  return 0;
}

export function check(io: CliIo, file: string, opts: { moduleId?: string }): number {
  let design = readDesign(io, file);
  if (opts.moduleId !== undefined) design = setModule(design, { id: opts.moduleId });
  const issues = checkDesign(design);
  for (const i of issues) io.stdout(`${formatIssue(design, i)}\n`);
  io.stdout(`${design.module.id}: ${summary(issues)}\n`);
  return hasErrors(issues) ? 1 : 0;
}
