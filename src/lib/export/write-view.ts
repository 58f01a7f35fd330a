/**
 * A write plan as the page shows it, for each variant the author can ask for: what is refused, which migration
 * variant is written and why, what it costs, and each file with its action and diff. Plain data, so the dialog
 * renders it without loading the planning code (the differ, the safety analysis, SQLite).
 */
import type { DryRun } from '../sql/dry-run';
import { safetyMessage } from '../sql/safety';
import { seededText } from '../sql/seeded-text';
import type { SafetySeverity } from '../sql/safety/types';
import type { VariantRequest } from './migration-plan';
import { lossText, variantProblems } from './migration-plan';
import { type FileAction, type ModulePlan, resolveWrite } from './module-plan';

export interface FindingLine {
  severity: SafetySeverity;
  code: string;
  message: string;
}

export interface FileView {
  path: string;
  action: FileAction;
  diff: string;
}

export interface VariantSummary {
  /** The variant's problems in plain words (empty: it passes). */
  problems: string[];
  /** Whether it differs from drizzle-kit's SQL at all. */
  differs: boolean;
}

export interface WriteView {
  request: VariantRequest;
  /** Every reason nothing can be written; empty when the write can go ahead. */
  refusals: string[];
  /** The migration written: its path and variant, or null (none needed, or refused). */
  migration: { path: string; variant: 'exact' | 'safe' } | null;
  /** Why this variant (or why none). */
  reason: string;
  /** What the chosen variant costs (rows lost in the dry run, …), when the author forced it. */
  consequences: string[];
  findings: FindingLine[];
  /** What the MoLOS-safe variant does differently from drizzle-kit. */
  differences: string[];
  dryRun: string[];
  files: FileView[];
  /** Files that are created or changed. */
  writes: number;
  /** Error findings of the written migration. */
  errors: number;
  /** The tables and columns the migration drops that held values, in words (the user must accept losing them). */
  losses: string[];
}

export interface PlanView {
  folderName: string;
  /** The next migration's path, or null when the schema did not change (or the folder's migrations are unreadable). */
  migrationPath: string | null;
  notes: string[];
  /**
   * How the module's code and its migrations already differ (what bringing the database to the code would mean);
   * empty when they agree, or when the plan already reconciles them (`reconcile`).
   */
  drift: string[];
  /** Whether the migration also brings the database to the code where they differed. */
  reconcile: boolean;
  mergeNotes: string[];
  /** Each variant's problems, for the choice. Null without a migration. */
  variants: { exact: VariantSummary; safe: VariantSummary } | null;
  byRequest: Record<VariantRequest, WriteView>;
  /** The same, once the user accepts losing the values the migration drops (the dialog's checkbox). */
  accepted: Record<VariantRequest, WriteView>;
}

/**
 * The dry run in sentences: what was tried and what happened to the sample rows.
 * @example dryRunLines(run) // ['Dry run on sample data: no rows lost or changed, schema as designed.']
 */
export function dryRunLines(run: DryRun): string[] {
  if (run.historyError)
    return [`The existing migrations do not replay (${run.historyError}), so the new one was not tried.`];
  const lines: string[] = [];
  if (!run.ok) lines.push(`The migration fails on sample data: ${run.error ?? 'SQLite refused it'}.`);
  for (const t of run.tolerated ?? [])
    lines.push(`The host skips statement ${t.index + 1} as already applied (${t.message}).`);
  for (const d of run.drift) lines.push(`Schema drift in ${d.table}: ${d.detail}`);
  for (const t of run.rows.tables) {
    if (t.lost > 0)
      lines.push(
        `${t.table} ${t.status === 'dropped' ? 'is dropped with' : 'lost'} ${t.lost} of ${t.before} sample rows.`,
      );
    if (t.changed > 0) lines.push(`${t.table} had ${t.changed} sample row${t.changed === 1 ? '' : 's'} changed.`);
    for (const c of t.droppedColumns ?? [])
      if (c.values > 0) lines.push(`${t.table}.${c.column} is dropped with ${c.values} sample values.`);
  }
  if (lines.length === 0) lines.push('Dry run on sample data: no rows lost or changed, schema as designed.');
  for (const t of run.rows.tables)
    if ((t.filled ?? 0) > 0)
      lines.push(`${t.table}: ${t.filled} sample row${t.filled === 1 ? '' : 's'} had NULL copied as the default.`);
  const seeded = seededText(run.seeded);
  if (seeded) lines.push(`${seeded[0]?.toUpperCase() ?? ''}${seeded.slice(1)}.`);
  return lines;
}

function writeView(plan: ModulePlan, request: VariantRequest): WriteView {
  const set = resolveWrite(plan, request);
  const m = plan.migration?.migration;
  const variant = set.choice?.variant ?? null;
  return {
    request,
    refusals: set.refusals,
    migration: variant && m ? { path: `drizzle/${m.tag}.sql`, variant: variant.kind } : null,
    reason: set.choice?.reason ?? '',
    consequences: set.choice?.consequences ?? [],
    findings: (variant?.findings ?? []).map((f) => ({ severity: f.severity, code: f.code, message: safetyMessage(f) })),
    differences: variant?.kind === 'safe' ? variant.differences : [],
    dryRun: variant ? dryRunLines(variant.dryRun) : [],
    files: set.files.map((f) => ({ path: f.path, action: f.action, diff: f.diff })),
    writes: set.files.filter((f) => f.action === 'create' || f.action === 'update').length,
    errors: (variant?.findings ?? []).filter((f) => f.severity === 'error').length,
    losses: set.losses.map(lossText),
  };
}

/**
 * Everything the write dialog shows, for every variant request.
 * @example planView(plan).byRequest.auto.refusals // []
 */
export function planView(plan: ModulePlan): PlanView {
  const m = plan.migration;
  const v = m?.variants;
  const accepted: ModulePlan = { ...plan, acceptLoss: true };
  return {
    folderName: plan.folderName,
    migrationPath: m && v ? `drizzle/${m.migration.tag}.sql` : null,
    // The drift is shown on its own, with the choice to reconcile it.
    notes: (m?.migration.notes ?? []).filter(
      (n) => !n.startsWith("the module's code and its migrations already differ"),
    ),
    drift: m?.migration.drift ?? [],
    reconcile: plan.reconcile,
    mergeNotes: plan.notes.map((n) => `${n.file}${n.line > 0 ? `:${n.line}` : ''}: ${n.message}`),
    variants: v
      ? {
          exact: { problems: variantProblems(v.exact), differs: false },
          safe: { problems: variantProblems(v.safe), differs: v.safe.sql !== v.exact.sql },
        }
      : null,
    byRequest: { auto: writeView(plan, 'auto'), exact: writeView(plan, 'exact'), safe: writeView(plan, 'safe') },
    accepted: {
      auto: writeView(accepted, 'auto'),
      exact: writeView(accepted, 'exact'),
      safe: writeView(accepted, 'safe'),
    },
  };
}
