/**
 * The module as a zip. It is the write plan run against a folder in memory that holds the module's files as the
 * design last saw them (`baseline.files`): the existing migrations untouched plus the next one and the updated
 * journal, the code merged into the existing files, and scaffold files only where the module had none. A design
 * that never saw its module gets every file with the first migration.
 */
import { strToU8, zipSync } from 'fflate';
import type { Baseline, Design } from '../core/design';
import { SCAFFOLD_ROLES } from '../generate/merge/paths';
import type { VariantChoice } from './migration-plan';
import { memoryFolder } from './module-folder';
import { type ModulePlan, type PlanInput, planModuleWrite, resolveWrite, writeModulePlan } from './module-plan';
import { JOURNAL_PATH } from './read-migrations';

export interface ZipFile {
  path: string;
  content: string;
}

/**
 * Zips files under `folder/`. Entries are sorted so the same files give the same archive layout.
 * @example const bytes = moduleZip(files, 'MoLOS-Example');
 */
export function moduleZip(files: readonly ZipFile[], folder: string, mtime: Date = new Date()): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    entries[`${folder}/${f.path}`] = strToU8(f.content);
  }
  return zipSync(entries, { level: 6, mtime });
}

/**
 * What a download holds. `module`: the whole module with its migrations, and the baseline to record once it is
 * downloaded. `code-only`: the design has a baseline but not the module's files (it was saved before the studio
 * kept them), so its migration history is unknown and the zip holds no migration — a regenerated `0000` would
 * replace one the module has applied. `refused`: nothing to download, for the reasons given.
 */
export type ZipPlan =
  | { kind: 'module'; plan: ModulePlan; choice: VariantChoice | null; files: ZipFile[]; baseline: Baseline }
  | { kind: 'code-only'; plan: ModulePlan; files: ZipFile[]; why: string }
  /** `onlyLoss`: the one reason is the values the migration drops, so accepting that loss (`acceptLoss`) would pass. */
  | { kind: 'refused'; plan: ModulePlan; refusals: string[]; onlyLoss?: boolean };

/** Why a code-only zip holds no migration, and how to get one. */
export const CODE_ONLY_WHY =
  'The design does not hold its module’s migrations (it was saved before the studio kept them), so this zip has ' +
  'no migration: a regenerated 0000_init would replace one the module has already applied. Its tables.ts and ' +
  'models file are generated afresh, not merged into your code: compare before copying them over. For the next ' +
  'migration and merged code, use “Write to folder…” on the module folder or `molos-schema generate`, or import ' +
  'the module folder again so the design keeps its files.';

/** Whether the design's baseline holds the module's migrations (its journal). */
function knowsHistory(baseline: Baseline | null): boolean {
  return (baseline?.files ?? []).some((f) => f.path === JOURNAL_PATH);
}

/**
 * Plans the zip of a design (drizzle-kit's SQL or the MoLOS-safe variant, chosen as for a folder write). A
 * migration that drops values is refused as a folder write is, with the same message, unless `deps.acceptLoss`.
 * @example const zip = await planModuleZip(design, { now: Date.now(), SQL, merge }); if (zip.kind !== 'refused') moduleZip(zip.files, stem);
 */
export async function planModuleZip(
  design: Design,
  deps: Pick<PlanInput, 'now' | 'SQL' | 'merge' | 'acceptLoss'>,
): Promise<ZipPlan> {
  const baseline = design.baseline;
  const known = (baseline?.files ?? []).map((f) => [f.path, f.text] as const);
  const folder = memoryFolder(design.module.id, Object.fromEntries(known));
  if (baseline && !knowsHistory(baseline)) {
    const plan = await planModuleWrite({ design, folder, ...deps, codeOnly: true });
    if (plan.refusals.length > 0) return { kind: 'refused', plan, refusals: plan.refusals };
    const files = plan.code
      .filter((f) => !SCAFFOLD_ROLES.has(f.role))
      .map((f) => ({ path: f.path, content: f.content }));
    return { kind: 'code-only', plan, files, why: CODE_ONLY_WHY };
  }
  const plan = await planModuleWrite({ design, folder, ...deps });
  const set = resolveWrite(plan, 'auto');
  if (set.refusals.length > 0) {
    const onlyLoss = set.losses.length > 0 && !plan.acceptLoss && set.refusals.length === 1;
    return { kind: 'refused', plan, refusals: set.refusals, onlyLoss };
  }
  const outcome = await writeModulePlan(folder, plan, 'auto');
  const drizzle = [...folder.files].filter(([path]) => path.startsWith('drizzle/'));
  // A module with history has its manifest and drizzle.config.ts (a baseline cannot hold them): only the
  // scaffold files the module lacks go in, and none it has.
  const code = outcome.files.filter(
    (f) => !f.path.startsWith('drizzle/') && f.action !== 'keep' && !(known.length > 0 && SCAFFOLD_ROLES.has(f.role)),
  );
  return {
    kind: 'module',
    plan,
    choice: outcome.choice,
    files: [
      ...drizzle.map(([path, content]) => ({ path, content })),
      ...code.map((f) => ({ path: f.path, content: f.content })),
    ],
    baseline: outcome.baseline,
  };
}
