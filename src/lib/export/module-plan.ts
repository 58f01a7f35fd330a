/**
 * One write path for the CLI's `generate`, the page's "Write to folder…" and the zip: plan every file and the
 * migration first, then write all of them or none.
 *
 * Planning reads the module folder (manifest, `drizzle/`, the code the merge needs), merges the generated code
 * into the existing files, and evaluates the next migration in both variants with a dry run. Anything that stops
 * the write — a design that would produce broken code, a folder of another module, a damaged journal, a file in
 * the way under `drizzle/`, a migration that fails — is a refusal, collected before anything is written. Writing
 * is then one `folder.writeAll(…)`: every file or none.
 */
import type { SqlJsStatic } from 'sql.js';
import { BASELINE_FILE_PATH, type Baseline, type BaselineFile, type Design, type Layout } from '../core/design';
import type { MergeNote, MergeOutcome } from '../generate/merge/index';
import { SCAFFOLD_ROLES } from '../generate/merge/paths';
import type { FileRole } from '../generate/module-files';
import { MigrationFolderError } from '../sql/folder-format';
import { exportBlocker } from './export-blocker';
import { unifiedDiff } from './file-diff';
import { ExportError, manifestProblem } from './folder-export';
import {
  type MigrationPlan,
  type VariantChoice,
  type VariantRequest,
  chooseVariant,
  planMigration,
} from './migration-plan';
import type { ModuleFolder } from './module-folder';
import { readCodeFiles } from './read-code-files';
import { JOURNAL_PATH, readMigrationFiles } from './read-migrations';
import { unknownDrops, unknownDropsRefusal } from './unknown-drops';

/** `create`: new file; `update`: changed; `unchanged`: same text, not written; `keep`: exists and is the author's. */
export type FileAction = 'create' | 'update' | 'unchanged' | 'keep';

export interface PlannedFile {
  path: string;
  role: FileRole;
  action: FileAction;
  /** The text before the write; null when there is no such file. */
  before: string | null;
  /** The text after the write (for `keep` and `unchanged`, the text as it is). */
  content: string;
  /** Unified diff from `before` to `content` (empty when they are equal). */
  diff: string;
}

/** Generates the module's code and merges it into the existing files (in the worker on the page). */
export type MergeModuleFiles = (
  design: Design,
  layout: Layout,
  existing: ReadonlyMap<string, string>,
) => Promise<MergeOutcome>;

export interface PlanInput {
  design: Design;
  folder: ModuleFolder;
  /** Overrides the design's own layout. */
  layout?: Layout;
  /** The migration's name after `NNNN_` (default: made from the change). */
  name?: string;
  /** The new journal entry's `when`, in ms (it is kept later than every earlier entry). */
  now: number;
  SQL: SqlJsStatic;
  merge: MergeModuleFiles;
  /** Plan the code only, without a migration (a design whose module history is unknown). */
  codeOnly?: boolean;
  /**
   * Also bring the database to what the module's code says where the code and its migrations already differ
   * (drift). Off by default: the next migration starts from the existing code and holds the design's changes only.
   */
  reconcile?: boolean;
}

export interface ModulePlan {
  /** How the user calls the folder. */
  folderName: string;
  layout: Layout;
  /** What stops the write whatever variant is chosen; empty when nothing does. */
  refusals: string[];
  /** Schema, models, scaffold files and any other file the merge changes. */
  code: PlannedFile[];
  /** What the merge has to say (code kept that the design cannot describe, …). */
  notes: MergeNote[];
  /** The next migration with both variants; null when the folder's migrations could not be read, or code only. */
  migration: MigrationPlan | null;
  /** The new migration's snapshot and journal (its SQL file depends on the variant chosen). */
  migrationFiles: PlannedFile[];
  /** Whether the migration also brings the database to the code where they already differed. */
  reconcile: boolean;
  /** Every file read, by path: `drizzle/` and the code the merge needs. */
  read: ReadonlyMap<string, string>;
}

/** Everything a write would do for one variant request, journal last; refused when `refusals` is not empty. */
export interface WriteSet {
  refusals: string[];
  choice: VariantChoice | null;
  files: PlannedFile[];
}

export interface WriteOutcome {
  files: PlannedFile[];
  choice: VariantChoice | null;
  /** The design's baseline after the write, with the module's files as written. */
  baseline: Baseline;
}

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

function planned(path: string, role: FileRole, before: string | null, after: string, scaffold: boolean): PlannedFile {
  if (before !== null && scaffold) return { path, role, action: 'keep', before, content: before, diff: '' };
  const action: FileAction = before === null ? 'create' : before === after ? 'unchanged' : 'update';
  return { path, role, action, before, content: after, diff: unifiedDiff(path, before, after) };
}

/**
 * Works out everything a write into `folder` would do, and every reason it must not happen. Reads only.
 * @example const plan = await planModuleWrite({ design, folder, now: Date.now(), SQL, merge });
 */
export async function planModuleWrite(input: PlanInput): Promise<ModulePlan> {
  const { design, folder } = input;
  const layout = input.layout ?? design.module.layout;
  const refusals: string[] = [];
  const blocker = exportBlocker(design);
  if (blocker) refusals.push(blocker);
  const manifest = await manifestProblem(folder, design.module.id);
  if (manifest) refusals.push(manifest);

  const read = new Map<string, string>();
  const existing = await readCodeFiles(folder, layout);
  for (const [p, t] of existing) read.set(p, t);
  const code: PlannedFile[] = [];
  let notes: MergeNote[] = [];
  let codeSnapshot: MergeOutcome['code'] = null;
  try {
    const merged = await input.merge(design, layout, existing);
    notes = merged.notes;
    codeSnapshot = merged.code;
    for (const f of merged.files) {
      if (f.role === 'migration' || f.role === 'snapshot' || f.role === 'journal') continue;
      const before = existing.get(f.path) ?? (await folder.readText(f.path));
      code.push(planned(f.path, f.role, before, f.content, SCAFFOLD_ROLES.has(f.role)));
    }
  } catch (e) {
    refusals.push(`The module's code could not be generated and merged into the existing files: ${errorText(e)}`);
  }

  let migration: MigrationPlan | null = null;
  if (!input.codeOnly) {
    try {
      const files = await readMigrationFiles(folder);
      for (const [p, t] of files.texts) read.set(p, t);
      // From the code as it is, unless asked to reconcile: drift the module already had is not this write's doing.
      const from = codeSnapshot && !input.reconcile ? { ...files.folder, code: codeSnapshot } : files.folder;
      migration = planMigration(
        design,
        from,
        { SQL: input.SQL, history: files.history },
        { now: input.now, name: input.name },
      );
      const drops = migration.migration.kind === 'unchanged' ? [] : unknownDrops(design, migration.migration);
      if (drops.length > 0) refusals.push(unknownDropsRefusal(drops));
    } catch (e) {
      if (!(e instanceof MigrationFolderError)) throw e;
      refusals.push(`${folder.name}/${e.message}`);
    }
  }

  const migrationFiles: PlannedFile[] = [];
  const m = migration?.migration;
  if (m && m.kind !== 'unchanged') {
    for (const f of m.files) {
      if (f.path.endsWith('.sql')) continue;
      const before = f.path === JOURNAL_PATH ? (read.get(f.path) ?? null) : await folder.readText(f.path);
      const role: FileRole = f.path === JOURNAL_PATH ? 'journal' : 'snapshot';
      // drizzle-kit writes the journal without a final line break; one the author's file has is kept.
      const content =
        role === 'journal' && before?.endsWith('\n') && !f.content.endsWith('\n') ? `${f.content}\n` : f.content;
      const file = planned(f.path, role, before, content, false);
      // Only the journal is ever rewritten under drizzle/: a snapshot in the way belongs to another migration.
      if (role !== 'journal' && before !== null)
        refusals.push(`${folder.name}/${f.path} already exists; an existing migration is never rewritten.`);
      migrationFiles.push(file);
    }
  }
  return {
    folderName: folder.name,
    layout,
    refusals,
    code,
    notes,
    migration,
    migrationFiles,
    read,
    reconcile: input.reconcile ?? false,
  };
}

/**
 * The files a write would put in place for `request`, in order (the migration's SQL and snapshot, the code, the
 * journal last), with every reason it is refused.
 * @example const { refusals, files } = resolveWrite(plan, 'auto');
 */
export function resolveWrite(plan: ModulePlan, request: VariantRequest): WriteSet {
  const choice = plan.migration ? chooseVariant(plan.migration, request) : null;
  const refusals = [...plan.refusals, ...(choice?.refusals ?? [])];
  const files: PlannedFile[] = [];
  const m = plan.migration?.migration;
  if (m && m.kind !== 'unchanged' && choice?.variant) {
    const path = `drizzle/${m.tag}.sql`;
    files.push(planned(path, 'migration', null, choice.variant.sql, false));
  }
  files.push(...plan.migrationFiles.filter((f) => f.role !== 'journal'), ...plan.code);
  files.push(...plan.migrationFiles.filter((f) => f.role === 'journal'));
  return { refusals, choice, files };
}

/** The baseline once `files` are written: the migration's, with the module's drizzle files and code as written. */
export function baselineAfter(plan: ModulePlan, files: readonly PlannedFile[]): Baseline {
  const m = plan.migration?.migration;
  if (!m) throw new ExportError('There is no migration state to record: the folder’s migrations were not read.');
  const texts = new Map(plan.read);
  for (const f of files) texts.set(f.path, f.content);
  const kept: BaselineFile[] = [...texts]
    .filter(([path]) => BASELINE_FILE_PATH.test(path))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, text]) => ({ path, text }));
  return { ...m.baseline, files: kept };
}

/**
 * Writes a plan: checks again that nothing under `drizzle/` appeared since it was made, then writes every file
 * that changes with one `writeAll` — all of them or none. Throws `ExportError` when the plan is refused.
 * @example const { baseline } = await writeModulePlan(folder, plan, 'auto'); editor.setBaseline(baseline);
 */
export async function writeModulePlan(
  folder: ModuleFolder,
  plan: ModulePlan,
  request: VariantRequest,
): Promise<WriteOutcome> {
  const set = resolveWrite(plan, request);
  if (set.refusals.length > 0) throw new ExportError(`Nothing was written:\n${set.refusals.join('\n')}`);
  // The page plans, then waits for the user: every file the write replaces or creates must still be as it was
  // planned (an edit made meanwhile, say in the author's editor, is never overwritten).
  const writes = set.files.filter((f) => f.action === 'create' || f.action === 'update');
  for (const f of writes) {
    const now = await folder.readText(f.path);
    if (now !== f.before)
      throw new ExportError(
        `${folder.name}/${f.path} ${f.before === null ? 'appeared' : 'changed'} since the plan was made; nothing was written. Plan again.`,
      );
  }
  await folder.writeAll(writes.map((f) => ({ path: f.path, content: f.content })));
  return { files: set.files, choice: set.choice, baseline: baselineAfter(plan, set.files) };
}
