/**
 * Writing a design into a module folder, with the CLI's policy (src/cli/generate.ts): schema and models are
 * rewritten, the files a module author owns afterwards (manifest.yaml, drizzle.config.ts, src/config.ts) are
 * created only when missing, and the next migration is added beside the existing ones — an existing migration
 * is never rewritten. Planning is separate from writing so the user sees what will happen first.
 */
import { parse as parseYaml } from 'yaml';
import type { Design } from '$lib/core/design';
import type { FileRole, GeneratedFile } from '$lib/generate/module-files';
import { type NextMigration, nextMigration } from '$lib/sql/next-migration';
import { safeVariant } from '$lib/sql/safe-variant';
import { type SafetyFinding, analyzeMigration } from '$lib/sql/safety';
import { type ModuleFolder, subfolder } from './module-folder';
import { safeFileStem } from './file-names';
import { readMigrations } from './read-migrations';

export { exportBlocker } from './export-blocker';

/** A problem that stops an export; the message is for the user. */
export class ExportError extends Error {
  override name = 'ExportError';
}

/** Files a module author owns after the first export: created when missing, never overwritten. */
const SCAFFOLD_ROLES: ReadonlySet<FileRole> = new Set(['manifest', 'drizzle-config', 'module-config']);
/** The first migration `generateModuleFiles` may include; the folder's own next migration replaces it. */
const MIGRATION_ROLES: ReadonlySet<FileRole> = new Set(['migration', 'snapshot', 'journal']);

/**
 * The module folder to write into, given the folder the user picked: the picked folder itself when it is the
 * module (named after it, holding a manifest or migrations) or empty; otherwise (a parent such as
 * `external_modules/`) the module's folder inside it, created when missing.
 */
export async function chooseModuleFolder(picked: ModuleFolder, moduleId: string): Promise<ModuleFolder> {
  const entries = (await picked.list('')) ?? [];
  const names = new Set(entries.map((e) => e.name));
  if (picked.name === moduleId || entries.length === 0 || names.has('manifest.yaml') || names.has('drizzle'))
    return picked;
  return subfolder(picked, safeFileStem(moduleId));
}

/** Refuses a folder whose manifest names another module: its migrations are not this design's. */
async function checkManifest(folder: ModuleFolder, moduleId: string): Promise<void> {
  const text = await folder.readText('manifest.yaml');
  if (text === null) return;
  let id: unknown;
  try {
    id = (parseYaml(text) as { id?: unknown } | null)?.id;
  } catch {
    return; // The author's file; a parse error there is not ours to judge.
  }
  if (typeof id === 'string' && id !== moduleId) {
    throw new ExportError(
      `${folder.name}/manifest.yaml belongs to module "${id}", but this design is "${moduleId}". Pick the folder of "${moduleId}" (or an empty one).`,
    );
  }
}

/** `create`: new file; `update`: replaced; `unchanged`: same content, not written; `keep`: exists and is the author's. */
export type FileAction = 'create' | 'update' | 'unchanged' | 'keep';

export interface PlannedFile {
  path: string;
  action: FileAction;
  content: string;
}

export interface MigrationVariant {
  sql: string;
  findings: SafetyFinding[];
  /** What the MoLOS-safe variant does differently (empty for drizzle-kit's own SQL). */
  differences: string[];
}

export interface FolderPlan {
  folderName: string;
  /** Schema, models and scaffold files. */
  files: PlannedFile[];
  migration: NextMigration;
  /** The migration's files (SQL, snapshot, journal); empty when the schema did not change. */
  migrationFiles: PlannedFile[];
  /** drizzle-kit's SQL and the MoLOS-safe variant, each with its safety findings; null when unchanged. */
  plain: MigrationVariant | null;
  safe: MigrationVariant | null;
}

async function action(folder: ModuleFolder, path: string, content: string, scaffold: boolean): Promise<FileAction> {
  const existing = await folder.readText(path);
  if (existing === null) return 'create';
  if (scaffold) return 'keep';
  return existing === content ? 'unchanged' : 'update';
}

function variant(design: Design, m: NextMigration, path: string, sql: string, differences: string[]) {
  const findings = analyzeMigration({ name: path, sql, moduleId: design.module.id }, m.before);
  return { sql, findings, differences };
}

/**
 * Works out what an export would write: reads the folder's migrations (a damaged journal or snapshot throws a
 * `MigrationFolderError` naming the file), computes the next migration and decides per file.
 * @example const plan = await planFolderExport(design, folder, files, { now: Date.now() });
 */
export async function planFolderExport(
  design: Design,
  folder: ModuleFolder,
  generated: readonly GeneratedFile[],
  options: { now: number },
): Promise<FolderPlan> {
  await checkManifest(folder, design.module.id);
  const migration = nextMigration(design, await readMigrations(folder), { now: options.now });
  const files: PlannedFile[] = [];
  for (const f of generated.filter((g) => !MIGRATION_ROLES.has(g.role))) {
    const scaffold = SCAFFOLD_ROLES.has(f.role);
    files.push({ path: f.path, content: f.content, action: await action(folder, f.path, f.content, scaffold) });
  }
  const migrationFiles: PlannedFile[] = [];
  for (const f of migration.files) {
    const planned = { path: f.path, content: f.content, action: await action(folder, f.path, f.content, false) };
    if (f.path.endsWith('.sql') && planned.action !== 'create')
      throw new ExportError(`${folder.name}/${f.path} already exists; an existing migration is never rewritten.`);
    migrationFiles.push(planned);
  }
  const sqlPath = migrationFiles.find((f) => f.path.endsWith('.sql'))?.path ?? '';
  let plain: MigrationVariant | null = null;
  let safe: MigrationVariant | null = null;
  if (migration.kind !== 'unchanged') {
    plain = variant(design, migration, sqlPath, migration.sql, []);
    const s = safeVariant(migration);
    safe = variant(design, migration, sqlPath, s.sql, s.differences);
  }
  return { folderName: folder.name, files, migration, migrationFiles, plain, safe };
}

export interface WrittenFile {
  path: string;
  action: FileAction;
}

/**
 * Writes a plan: the migration first (SQL, snapshot, then the journal that makes the host run it), then the
 * code. If a write fails half-way, exporting again finishes the job: the migration is then already recorded
 * and only the code is rewritten.
 */
export async function writeFolderExport(
  folder: ModuleFolder,
  plan: FolderPlan,
  options: { safe: boolean },
): Promise<WrittenFile[]> {
  const written: WrittenFile[] = [];
  const chosen = options.safe ? plan.safe : plan.plain;
  for (const f of plan.migrationFiles) {
    const isSql = f.path.endsWith('.sql');
    // Checked again right before writing: another export may have added it since the plan was made.
    if (isSql && (await folder.readText(f.path)) !== null)
      throw new ExportError(`${folder.name}/${f.path} already exists; an existing migration is never rewritten.`);
    await folder.writeText(f.path, isSql && chosen ? chosen.sql : f.content);
    written.push({ path: f.path, action: f.action });
  }
  for (const f of plan.files) {
    if (f.action === 'create' || f.action === 'update') await folder.writeText(f.path, f.content);
    written.push({ path: f.path, action: f.action });
  }
  return written;
}
