/**
 * What the user has selected: tables and relations on the canvas (multi-select), and the element the inspector
 * shows. Selection lives outside the design, so changing it never touches the undo history.
 */
import type { Target } from '../core/rules';

export interface Selection {
  tableIds: string[];
  relationIds: string[];
  /** What the inspector shows; `null` shows the module settings. */
  focus: Target | null;
}

export const NO_SELECTION: Selection = { tableIds: [], relationIds: [], focus: null };

/** Drops ids that no longer exist (after an undo or a delete). */
export function pruneSelection(s: Selection, exists: (kind: Target['kind'], id: string) => boolean): Selection {
  const tableIds = s.tableIds.filter((id) => exists('table', id));
  const relationIds = s.relationIds.filter((id) => exists('relation', id));
  const focus = s.focus && s.focus.kind !== 'module' && !exists(s.focus.kind, s.focus.id) ? null : s.focus;
  if (tableIds.length === s.tableIds.length && relationIds.length === s.relationIds.length && focus === s.focus)
    return s;
  return { tableIds, relationIds, focus };
}
