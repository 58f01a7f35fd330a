/**
 * A frozen copy of the MoLOS rules as they were before issue 14 made them linear: each rule scanned the whole
 * design where it needed one table, relation or name. For tests only (linear.fuzz.test.ts compares the rules with
 * it on random designs); nothing in the app imports it. column-rules and sql-text-rules are shared with the live
 * rules (issue 14 did not restructure them). Do not edit: it is the reference the linear rules must equal.
 */
import type { Design } from '../../design';
import { baselineRules } from './baseline-rules';
import { columnRules } from '../column-rules';
import { enumRules } from './enum-rules';
import { indexRules } from './index-rules';
import { moduleRules, nameCollisionRules } from './module-rules';
import { relationRules } from './relation-rules';
import { sqlTextRules } from '../sql-text-rules';
import { type Rule as LiveRule, RuleContext } from '../support';
import type { Rule } from './support';
import { tableRules } from './table-rules';
import type { Issue, Severity } from '../types';

/** A live rule (column-rules, sql-text-rules) run as it is in the app, with its own lookups. */
const live =
  (rule: LiveRule): Rule =>
  (d) =>
    rule(d, new RuleContext(d));

const RULES: readonly Rule[] = [
  moduleRules,
  nameCollisionRules,
  tableRules,
  live(columnRules),
  live(sqlTextRules),
  enumRules,
  relationRules,
  indexRules,
  baselineRules,
];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Every rule issue of a design, errors first, exactly as before issue 14 (quadratic in the design's size). */
export function checkDesign(design: Design): Issue[] {
  return RULES.flatMap((rule) => rule(design))
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => RANK[a.issue.severity] - RANK[b.issue.severity] || a.i - b.i)
    .map(({ issue }) => issue);
}
