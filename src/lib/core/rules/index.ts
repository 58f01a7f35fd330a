/**
 * The MoLOS rules (shared/molos-conventions.md §2–3) as structured issues. `checkDesign` runs them all;
 * `applyFix` applies an issue's fix through the named operations.
 *
 * Severity says what happens if the design is written as it is (the table per code, and why, is README.md):
 * - `error`: the output would be broken — TypeScript that does not compile or says something else than the
 *   design, SQL that SQLite or drizzle-kit refuses, a migration that cannot run, a module id the host refuses.
 *   Only errors stop `generate`, the zip and "Write to folder…".
 * - `warning`: it runs, but deviates from a MoLOS convention (or is likely a mistake); the message says what follows.
 * - `info`: a deliberate exception worth knowing about (a settings table keyed by user_id, an unused enum).
 */
import type { Design } from '../design';
import { applyOperation } from '../operations';
import { baselineRules } from './baseline-rules';
import { columnRules } from './column-rules';
import { enumRules } from './enum-rules';
import { indexRules } from './index-rules';
import { moduleRules, nameCollisionRules } from './module-rules';
import { relationRules } from './relation-rules';
import { sqlTextRules } from './sql-text-rules';
import { type Rule, RuleContext } from './support';
import { tableRules } from './table-rules';
import { describeTarget, issueMessage } from './messages';
import type { Issue, Severity } from './types';

const RULES: readonly Rule[] = [
  moduleRules,
  nameCollisionRules,
  tableRules,
  columnRules,
  sqlTextRules,
  enumRules,
  relationRules,
  indexRules,
  baselineRules,
];

/**
 * Every rule issue of a design, errors first (stable order within a severity). The rules share one
 * {@link RuleContext}, so the check takes time linear in the design's size (5,000 tables in a share link).
 * @example checkDesign(design).filter((i) => i.severity === 'error')
 */
export function checkDesign(design: Design): Issue[] {
  const ctx = new RuleContext(design);
  // One pass into a list per severity keeps the rules' order within each (a stable sort, without sorting).
  const bySeverity: Record<Severity, Issue[]> = { error: [], warning: [], info: [] };
  for (const rule of RULES) for (const issue of rule(design, ctx)) bySeverity[issue.severity].push(issue);
  return [...bySeverity.error, ...bySeverity.warning, ...bySeverity.info];
}

/** Applies an issue's fix; a design without the fix's target is returned unchanged by the operations' errors. */
export function applyFix(design: Design, issue: Issue): Design {
  if (!issue.fix) return design;
  return issue.fix.calls.reduce(applyOperation, design);
}

/** True when an issue is an error: the design would produce broken code or SQL, so nothing may be written. */
export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/**
 * The errors that forbid writing, one line each (`<target>: <message>`), for a refusal to list. Warnings and
 * infos are MoLOS conventions and notes: never a reason to refuse.
 * @example brokenOutputLines(design, checkDesign(design)) // ['column MoLOS-Example_items.order: Enum column …']
 */
export function brokenOutputLines(design: Design, issues: readonly Issue[]): string[] {
  return issues
    .filter((i) => i.severity === 'error')
    .map((i) => `${describeTarget(design, i.target)}: ${issueMessage(i)}`);
}

export { describeTarget, issueMessage };
export { sensibleDefault } from './baseline-rules';
export { tableOfTarget } from './targets';
export type { Fix, Issue, RuleCode, Severity, Target } from './types';
