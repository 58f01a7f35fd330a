/**
 * Where an issue or a selection points: the table an element belongs to, the selection that shows it, and what
 * the inspector shows for a focus. Pure functions over the design, shared by the inspector and the problems panel.
 */
import { tableOfTarget } from '$lib/core/rules';
import type { Design } from '$lib/core/design';
import type { Issue, Severity, Target } from '$lib/core/rules';
import type { Selection } from '$lib/state/selection';

/** The table a target belongs to (shared with the canvas; see core/rules/targets.ts). */
export const targetTableId = tableOfTarget;

/**
 * The selection that shows a target: its table selected on the canvas (a relation selected as a relation) and
 * the target in the inspector.
 * @example selectionFor(design, { kind: 'column', id: 'c_items_user_id' })
 *   // { tableIds: ['t_items'], relationIds: [], focus: { kind: 'column', id: 'c_items_user_id' } }
 */
export function selectionFor(d: Design, target: Target): Selection {
  if (target.kind === 'relation') return { tableIds: [], relationIds: [target.id], focus: target };
  const tableId = targetTableId(d, target);
  return { tableIds: tableId ? [tableId] : [], relationIds: [], focus: target.kind === 'module' ? null : target };
}

export function sameTarget(a: Target, b: Target): boolean {
  return a.kind === b.kind && (a.kind === 'module' || a.id === (b as { id: string }).id);
}

/** The issues about exactly this element. */
export function issuesAt(issues: readonly Issue[], target: Target): Issue[] {
  return issues.filter((i) => sameTarget(i.target, target));
}

export interface SeverityGroup {
  severity: Severity;
  title: string;
  issues: Issue[];
}

const GROUPS: readonly { severity: Severity; title: string; one: string }[] = [
  { severity: 'error', title: 'Errors', one: 'error' },
  { severity: 'warning', title: 'Warnings', one: 'warning' },
  { severity: 'info', title: 'Notes', one: 'note' },
];

/** Issues grouped by severity, most severe first; groups without issues are left out. */
export function groupBySeverity(issues: readonly Issue[]): SeverityGroup[] {
  return GROUPS.map(({ severity, title }) => ({
    severity,
    title,
    issues: issues.filter((i) => i.severity === severity),
  })).filter((g) => g.issues.length > 0);
}

/**
 * Counts in words, most severe first.
 * @example issueSummary(issues) // '1 error, 3 warnings'
 */
export function issueSummary(issues: readonly Issue[]): string {
  return GROUPS.map((g) => {
    const n = issues.filter((i) => i.severity === g.severity).length;
    return n === 0 ? '' : `${n} ${n === 1 ? g.one : g.title.toLowerCase()}`;
  })
    .filter(Boolean)
    .join(', ');
}

/** The most severe of some issues, for a compact marker (null when there are none). */
export function worstSeverity(issues: readonly Issue[]): Severity | null {
  return GROUPS.find((g) => issues.some((i) => i.severity === g.severity))?.severity ?? null;
}

/** What the inspector shows for a focus. */
export type InspectorView =
  | { kind: 'module' }
  | { kind: 'table'; tableId: string; columnId: string | null; indexId: string | null }
  | { kind: 'relation'; relationId: string }
  | { kind: 'enum'; enumId: string };

/** The inspector view for a focus; a focus on a missing element falls back to the module settings. */
export function inspectorView(d: Design, focus: Target | null): InspectorView {
  if (!focus || focus.kind === 'module') return { kind: 'module' };
  if (focus.kind === 'relation')
    return Object.hasOwn(d.relations, focus.id) ? { kind: 'relation', relationId: focus.id } : { kind: 'module' };
  if (focus.kind === 'enum')
    return Object.hasOwn(d.enums, focus.id) ? { kind: 'enum', enumId: focus.id } : { kind: 'module' };
  const tableId = targetTableId(d, focus);
  if (!tableId) return { kind: 'module' };
  return {
    kind: 'table',
    tableId,
    columnId: focus.kind === 'column' ? focus.id : null,
    indexId: focus.kind === 'index' ? focus.id : null,
  };
}
