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
import { parse as parseYaml } from 'yaml';
import { BASELINE_FILE_PATH, type Baseline, type BaselineFile, type Design, type Layout } from '../core/design';
import type { MergeNote, MergeOutcome } from '../generate/merge/index';
import { SCAFFOLD_ROLES } from '../generate/merge/paths';
import type { FileRole } from '../generate/module-files';
import { MigrationFolderError } from '../sql/folder-format';
import { migrationVersion } from '../sql/host-files';
import { defaultParseProblems } from '../sql/default-parse';
import { exportBlocker } from './export-blocker';
import { unifiedDiff } from './file-diff';
import { ExportError, manifestProblem } from './folder-export';
import {
  type MigrationPlan,
  type VariantChoice,
  type VariantRequest,
  type ValueLoss,
  chooseVariant,
  lossRefusal,
  planMigration,
  valueLosses,
} from './migration-plan';
import type { ModuleFolder } from './module-folder';
import { readCodeFiles } from './read-code-files';
import { JOURNAL_PATH, journalDisagreements, readMigrationFiles, usedNumbers } from './read-migrations';
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
  /**
   * The user accepts losing the values of the tables and columns the migration drops (`generate --accept-loss`,
   * the write dialog's checkbox). Without it, a migration that drops values is refused (see `valueLosses`).
   */
  acceptLoss?: boolean;
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
  /** Whether the user accepts losing the values the migration drops. */
  acceptLoss?: boolean;
  /** Every file read, by path: `drizzle/` and the code the merge needs. */
  read: ReadonlyMap<string, string>;
}

/** Everything a write would do for one variant request, journal last; refused when `refusals` is not empty. */
export interface WriteSet {
  refusals: string[];
  choice: VariantChoice | null;
  /** What the chosen migration drops that held values (refused unless the plan accepts the loss). */
  losses: ValueLoss[];
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

/** Whether anything (a file or a folder) is at `path` in `folder`. */
async function entryExists(folder: ModuleFolder, path: string): Promise<boolean> {
  const slash = path.lastIndexOf('/');
  const entries = await folder.list(slash < 0 ? '' : path.slice(0, slash));
  return (entries ?? []).some((e) => e.name === path.slice(slash + 1));
}

/**
 * The module id the design had when it last saw its module: the prefix its baseline's table names share (each
 * `<id>_<table name>`), or null when they do not tell.
 */
function baselineModuleId(design: Design): string | null {
  const ids = new Set<string>();
  for (const t of Object.values(design.tables)) {
    const before = design.baseline?.tables[t.id];
    if (before?.endsWith(`_${t.name}`)) ids.add(before.slice(0, before.length - t.name.length - 1));
  }
  return ids.size === 1 ? ([...ids][0] ?? null) : null;
}

/** `id` of the folder's manifest.yaml, or null when there is none (or it cannot be read as YAML). */
async function manifestId(folder: ModuleFolder): Promise<string | null> {
  const text = await folder.readText('manifest.yaml');
  if (text === null) return null;
  try {
    const id = (parseYaml(text) as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * What to say when the design's module id is not the one it had at its last export: every table gets the new
 * prefix, but the studio never rewrites an existing manifest.yaml, whose `id` the host loads the module by. A
 * manifest that still names the old id refuses the write (with how to rename by hand); where the folder has no
 * manifest to check (a zip of a module with migrations holds none), a warning says what to change.
 */
async function moduleIdChange(
  design: Design,
  folder: ModuleFolder,
): Promise<{ refusal: string | null; note: MergeNote | null } | null> {
  const before = baselineModuleId(design);
  const now = design.module.id;
  if (before === null || before === now) return null;
  const id = await manifestId(folder);
  if (id === now) return null;
  const change = `The design's module id changed from "${before}" (its last export) to "${now}", so every table would get the prefix "${now}_" (the migration renames them)`;
  if (id === before)
    return {
      refusal:
        `${change}, but ${folder.name}/manifest.yaml still says id: ${before}, and the studio never rewrites manifest.yaml. ` +
        `To rename the module, change its id in manifest.yaml to "${now}" by hand (the host loads the module by that id), then write again; or set the design's module id back to "${before}".`,
      note: null,
    };
  return {
    refusal: null,
    note: {
      severity: 'warning',
      file: 'manifest.yaml',
      line: 0,
      message:
        `${change}. The studio never rewrites an existing manifest.yaml: where the module's manifest.yaml still says id: ${before}, ` +
        `change it to "${now}" by hand, or the host loads the module as "${before}" while its tables are named for "${now}".`,
    },
  };
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
  // SQLite's own check of every SQL default, behind the rules' lexer: no default may carry a statement of its own.
  const defaults = defaultParseProblems(input.SQL, design);
  if (defaults.length > 0)
    refusals.push(
      ['SQLite does not take these SQL defaults as one expression:', ...defaults.map((l) => `- ${l}`)].join('\n'),
    );
  const manifest = await manifestProblem(folder, design.module.id);
  const renamed = await moduleIdChange(design, folder);
  if (manifest) refusals.push(renamed?.refusal ?? manifest);

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

  if (renamed?.note && !manifest) notes.push(renamed.note);

  let migration: MigrationPlan | null = null;
  let used = new Set<number>();
  if (!input.codeOnly) {
    try {
      const files = await readMigrationFiles(folder);
      for (const [p, t] of files.texts) read.set(p, t);
      used = usedNumbers(files.folder);
      // A journal that disagrees with the files could make the next migration take a number already in use.
      const disagreements = journalDisagreements(files.folder);
      refusals.push(...disagreements.map((d) => `${folder.name}/${d}`));
      // From the code as it is, unless asked to reconcile: drift the module already had is not this write's doing.
      const from = codeSnapshot && !input.reconcile ? { ...files.folder, code: codeSnapshot } : files.folder;
      if (disagreements.length === 0)
        migration = planMigration(
          design,
          from,
          { SQL: input.SQL, history: files.history },
          { now: input.now, name: input.name },
        );
      const drops =
        !migration || migration.migration.kind === 'unchanged' ? [] : unknownDrops(design, migration.migration);
      if (drops.length > 0) refusals.push(unknownDropsRefusal(drops));
    } catch (e) {
      if (!(e instanceof MigrationFolderError)) throw e;
      refusals.push(`${folder.name}/${e.message}`);
    }
  }

  const migrationFiles: PlannedFile[] = [];
  const m = migration?.migration;
  if (m && m.kind !== 'unchanged') {
    // Nothing under drizzle/ is ever overwritten or created over, except the journal; nor is a number reused.
    const inTheWay: string[] = [];
    for (const f of m.files)
      if (f.path !== JOURNAL_PATH && (await entryExists(folder, f.path)))
        inTheWay.push(`${folder.name}/${f.path} already exists; an existing migration is never rewritten.`);
    const number = migrationVersion(m.tag);
    if (inTheWay.length === 0 && number !== null && used.has(number))
      inTheWay.push(
        `${folder.name}/drizzle/${m.tag}.sql would take the number ${m.tag.slice(0, m.tag.indexOf('_'))}, which a migration or snapshot of the folder already has; an existing migration is never rewritten.`,
      );
    refusals.push(...inTheWay);
    for (const f of m.files) {
      if (f.path.endsWith('.sql')) continue;
      const before = f.path === JOURNAL_PATH ? (read.get(f.path) ?? null) : await folder.readText(f.path);
      const role: FileRole = f.path === JOURNAL_PATH ? 'journal' : 'snapshot';
      // drizzle-kit writes the journal without a final line break; one the author's file has is kept.
      const content =
        role === 'journal' && before?.endsWith('\n') && !f.content.endsWith('\n') ? `${f.content}\n` : f.content;
      migrationFiles.push(planned(f.path, role, before, content, false));
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
    acceptLoss: input.acceptLoss ?? false,
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
  // Dropping values (a deleted column, or a rename the migration cannot know) is the user's call, made knowingly.
  const losses = plan.migration && choice?.variant ? valueLosses(plan.migration, choice.variant) : [];
  const next = plan.migration?.migration;
  if (losses.length > 0 && !plan.acceptLoss && next && next.kind !== 'unchanged')
    refusals.push(lossRefusal(`drizzle/${next.tag}.sql`, losses));
  const files: PlannedFile[] = [];
  const m = plan.migration?.migration;
  if (m && m.kind !== 'unchanged' && choice?.variant) {
    const path = `drizzle/${m.tag}.sql`;
    files.push(planned(path, 'migration', null, choice.variant.sql, false));
  }
  files.push(...plan.migrationFiles.filter((f) => f.role !== 'journal'), ...plan.code);
  files.push(...plan.migrationFiles.filter((f) => f.role === 'journal'));
  return { refusals, choice, losses, files };
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
