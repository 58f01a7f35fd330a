/**
 * The MoLOS rules (shared/molos-conventions.md §2–3) as structured issues. `checkDesign` runs them all;
 * `applyFix` applies an issue's fix through the named operations.
 */
import type { Design } from '../design';
import { applyOperation } from '../operations';
import { columnRules } from './column-rules';
import { enumRules } from './enum-rules';
import { indexRules } from './index-rules';
import { moduleRules, nameCollisionRules } from './module-rules';
import { relationRules } from './relation-rules';
import type { Rule } from './support';
import { tableRules } from './table-rules';
import type { Issue, Severity } from './types';

const RULES: readonly Rule[] = [
  moduleRules,
  nameCollisionRules,
  tableRules,
  columnRules,
  enumRules,
  relationRules,
  indexRules,
];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Every rule issue of a design, errors first (stable order within a severity).
 * @example checkDesign(design).filter((i) => i.severity === 'error')
 */
export function checkDesign(design: Design): Issue[] {
  return RULES.flatMap((rule) => rule(design))
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => RANK[a.issue.severity] - RANK[b.issue.severity] || a.i - b.i)
    .map(({ issue }) => issue);
}

/** Applies an issue's fix; a design without the fix's target is returned unchanged by the operations' errors. */
export function applyFix(design: Design, issue: Issue): Design {
  if (!issue.fix) return design;
  return issue.fix.calls.reduce(applyOperation, design);
}

export function hasErrors(issues: readonly Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

export { describeTarget, issueMessage } from './messages';
export { tableOfTarget } from './targets';
export type { Fix, Issue, RuleCode, Severity, Target } from './types';
