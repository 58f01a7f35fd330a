/**
 * `molos-schema generate`: writes the module's code (merged into the existing files) and, when the schema changed,
 * its next migration — planned first, all or nothing, with the same plan as the page (src/lib/export/module-plan.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import initSqlJs from 'sql.js';
import { LAYOUTS, TARGET_HOSTS, type Design, type Layout, type TargetHost } from '../lib/core/design';
import { serializeDesign } from '../lib/core/format';
import { checkDesign } from '../lib/core/rules';
import { type MigrationVariant, VARIANT_NAMES, type VariantRequest, lossText } from '../lib/export/migration-plan';
import {
  type ModulePlan,
  type PlannedFile,
  type WriteSet,
  planModuleWrite,
  resolveWrite,
  writeModulePlan,
} from '../lib/export/module-plan';
import { generateMergedModuleFiles } from '../lib/generate/module-files';
import { writingFiles } from '../lib/core/reading';
import { cleanMigrationName } from '../lib/sql/migration-name';
import { dryRunLines } from './dry-run-report';
import { CliError, type CliIo } from './io';
import { readDesign } from './load';
import { nodeFolder } from './node-folder';
import { formatIssue } from './report';
import { formatFinding } from './safety-report';

export function parseLayout(value: string | undefined): Layout | undefined {
  if (value === undefined) return undefined;
  if (!(LAYOUTS as readonly string[]).includes(value))
    throw new CliError(`--layout must be "legacy" or "current", got "${value}"`);
  return value as Layout;
}

/**
 * `--host current|older` checked, and applied to the design: the migration analysis follows `design.module.host`.
 * Without the flag the design keeps its own setting.
 * @example withHost(design, 'older').module.host // 'older'
 */
export function withHost(design: Design, value: string | undefined): Design {
  if (value === undefined) return design;
  if (!(TARGET_HOSTS as readonly string[]).includes(value))
    throw new CliError(`--host must be "current" or "older", got "${value}"`);
  return { ...design, module: { ...design.module, host: value as TargetHost } };
}

/** `--exact` / `--safe` / neither, as a variant request; both at once is a usage error. */
export function variantRequest(opts: { exact?: boolean; safe?: boolean }): VariantRequest {
  if (opts.exact && opts.safe) throw new CliError('--exact and --safe exclude each other: pick one');
  return opts.exact ? 'exact' : opts.safe ? 'safe' : 'auto';
}

export interface GenerateOptions {
  out?: string;
  layout?: string;
  name?: string;
  exact?: boolean;
  safe?: boolean;
  dryRun?: boolean;
  reconcile?: boolean;
  /** `--accept-loss`: the user accepts losing the values of the tables and columns the migration drops. */
  acceptLoss?: boolean;
  /** `--host current|older`: the host the migration is analysed for, instead of the design's setting. */
  host?: string;
  now?: number;
}

const PLAN_WORDS = { create: 'create   ', update: 'update   ', unchanged: 'unchanged', keep: 'keep     ' } as const;
const isSnapshot = (path: string) => /^drizzle\/meta\/\d+_snapshot\.json$/.test(path);

/** One line per file as planned, each followed by its diff (a new snapshot is summed up: it is drizzle-kit's record). */
function planLines(set: WriteSet, variant: MigrationVariant | null): string[] {
  const out: string[] = [];
  for (const f of set.files) {
    const extra = f.action === 'keep' ? ' (exists; yours to edit)' : sqlNote(f, variant);
    out.push(`${PLAN_WORDS[f.action]} ${f.path}${extra}`);
    if (!f.diff) continue;
    if (f.action === 'create' && isSnapshot(f.path)) {
      out.push(`  (${f.content.split('\n').length} lines of drizzle-kit’s snapshot of the schema; not shown)`);
    } else {
      out.push(f.diff.trimEnd());
    }
  }
  return out;
}

function sqlNote(f: PlannedFile, variant: MigrationVariant | null): string {
  return f.role === 'migration' && variant ? ` (${VARIANT_NAMES[variant.kind]})` : '';
}

/** The variants to show: the chosen one, or what was asked for, or both when no variant passes. */
function shownVariants(plan: ModulePlan, set: WriteSet, request: VariantRequest): MigrationVariant[] {
  const v = plan.migration?.variants;
  if (!v) return [];
  if (set.choice?.variant) return [set.choice.variant];
  if (request !== 'auto') return [v[request]];
  return v.safe.sql === v.exact.sql ? [v.exact] : [v.exact, v.safe];
}

/** The migration: which variant and why, notes, the safe variant's differences, findings and the dry run. */
function migrationLines(plan: ModulePlan, set: WriteSet, request: VariantRequest): string[] {
  const m = plan.migration?.migration;
  if (!m) return [];
  if (m.kind === 'unchanged') return ['No schema changes: no migration written.', ...m.notes.map((n) => `note: ${n}`)];
  const path = `drizzle/${m.tag}.sql`;
  const out: string[] = [];
  const chosen = set.choice?.variant;
  if (chosen) out.push(`migration: ${path}: ${VARIANT_NAMES[chosen.kind]}, ${set.choice?.reason}`);
  for (const note of m.notes) out.push(`note: ${note}`);
  const shown = shownVariants(plan, set, request);
  for (const v of shown) {
    const label = shown.length > 1 ? `${VARIANT_NAMES[v.kind]}: ` : '';
    if (v.kind === 'safe') for (const d of v.differences) out.push(`safe variant: ${d}`);
    for (const f of v.findings) out.push(`${label}${formatFinding(path, f)}`);
    for (const p of v.chunkProblems) out.push(`${label}error   ${path} ${p}`);
    for (const line of dryRunLines(v.dryRun)) out.push(`${label}${line}`);
  }
  for (const c of set.choice?.consequences ?? [])
    out.push(`warning: ${VARIANT_NAMES[chosen?.kind ?? 'exact']}, as asked, ${c}`);
  if (plan.acceptLoss)
    for (const l of set.losses) out.push(`warning: drops ${lossText(l)}: values lost, as accepted (--accept-loss)`);
  return out;
}

function mergeNoteLines(plan: ModulePlan): string[] {
  return plan.notes.map((n) => `${n.severity.padEnd(7)} ${n.file}${n.line > 0 ? `:${n.line}` : ''}: ${n.message}`);
}

function writtenLines(files: readonly PlannedFile[], variant: MigrationVariant | null): string[] {
  return files.map((f) => {
    if (f.action === 'keep') return `kept      ${f.path} (exists; yours to edit)`;
    if (f.action === 'unchanged') return `unchanged ${f.path}`;
    return `wrote     ${f.path}${sqlNote(f, variant)}`;
  });
}

/** Writes the design file with its new baseline, when that changes it. */
function recordBaseline(io: CliIo, file: string, design: Design, baseline: Design['baseline'], what: string): void {
  const path = resolve(io.cwd, file);
  const text = serializeDesign({ ...design, baseline });
  if (readFileSync(path, 'utf8') === text) return;
  writeFileSync(path, text);
  io.stdout(`updated   ${file} (baseline: ${what}, with the module’s files as written)\n`);
}

export async function generate(io: CliIo, file: string, opts: GenerateOptions): Promise<number> {
  if (!opts.out) throw new CliError('generate needs --out <module-dir> (the module folder to write into)');
  const request = variantRequest(opts);
  const design = readDesign(io, file);
  const layout = parseLayout(opts.layout);
  let name: string | undefined;
  if (opts.name !== undefined) {
    name = cleanMigrationName(opts.name) ?? undefined;
    if (!name) throw new CliError(`--name "${opts.name}" has no letters or digits to name a migration with`);
  }
  const dir = resolve(io.cwd, opts.out);
  const folder = nodeFolder(dir, opts.out);
  const plan = await planModuleWrite({
    // Only the analysis sees --host: the design file written back keeps its own setting.
    design: withHost(design, opts.host),
    folder,
    layout,
    name,
    now: opts.now ?? Date.now(),
    SQL: await initSqlJs(),
    merge: (d, l, existing) => generateMergedModuleFiles(d, { layout: l, existing }),
    reconcile: opts.reconcile,
    acceptLoss: opts.acceptLoss,
  });
  const set = resolveWrite(plan, request);
  const variant = set.choice?.variant ?? null;
  const issues = checkDesign(design);
  const print = (lines: readonly string[]) => {
    for (const line of lines) io.stdout(`${line}\n`);
  };

  if (opts.dryRun || set.refusals.length > 0) print(planLines(set, variant));
  print(migrationLines(plan, set, request));
  print(mergeNoteLines(plan));
  if (set.refusals.length > 0) {
    for (const i of issues.filter((x) => x.severity === 'error')) io.stderr(`${formatIssue(design, i)}\n`);
    throw new CliError(`nothing was written:\n  ${set.refusals.join('\n  ')}`, 1);
  }
  for (const i of issues) io.stdout(`${formatIssue(design, i)}\n`);
  const errors = variant?.findings.filter((f) => f.severity === 'error').length ?? 0;
  const unsafe = errors > 0 ? `the migration carries ${errors} host error${errors === 1 ? '' : 's'} (see above)` : '';
  if (opts.dryRun) {
    io.stdout(`Dry run: nothing was written${unsafe ? `; ${unsafe}` : ''}.\n`);
    return errors > 0 ? 1 : 0;
  }

  writingFiles();
  const outcome = await writeModulePlan(folder, plan, request);
  print(writtenLines(outcome.files, variant));
  // Remember what was exported (names and files), so the next migration knows renames and the zip the module.
  const m = plan.migration?.migration;
  recordBaseline(io, file, design, outcome.baseline, m && m.kind !== 'unchanged' ? m.tag : 'schema unchanged');
  io.stdout(`${design.module.id} (${plan.layout} layout) written to ${dir}\n`);
  if (errors > 0) {
    io.stderr(`molos-schema: written, but ${unsafe}; the host may fail or lose rows on it\n`);
    return 1;
  }
  return 0;
}
