/**
 * When the session's report goes away by itself. A report is about something that happened; once the user edits
 * the design, some of them describe a design that is no longer there:
 * - `export` (nothing exported because the design has errors, a refused, failed or finished write, a zip): about
 *   the design as it was exported — an edit resolves a refusal or makes the result history, so it goes.
 * These stay until they are resolved or dismissed, because an edit of the open design does not resolve them:
 * - `open` (a saved design that is damaged, a file that could not be opened, a design opened with repairs): about
 *   a stored record or a file, which stays as it is; opening another design clears it (session.svelte.ts);
 * - `conflict`: another tab saved this design; only the user's choice resolves it;
 * - `save-failed`: goes when a save succeeds;
 * - `storage`: the browser keeps designs in memory only, which stays true;
 * - `designs`: a change of the designs list failed; goes when the next one succeeds.
 */
import { untrack } from 'svelte';
import type { HistoryState } from '../core/history';
import type { SessionReport } from './session-reports';

/** The report keys an edit of the design makes stale. */
export const CLEARED_BY_EDIT: readonly string[] = ['export'];

/**
 * Whether an edit of the design leaves `report` stale.
 * @example staleAfterEdit({ key: 'export', tone: 'error', title: 'Nothing was exported', lines: [] }) // true
 */
export function staleAfterEdit(report: SessionReport | null): boolean {
  return report !== null && CLEARED_BY_EDIT.includes(report.key);
}

/**
 * Tells an edit of the design — an operation, a code edit, an undo or a redo — from the other changes of the
 * editor's history: a design being opened (a fresh history, both stacks empty) and its export baseline being
 * recorded (the stacks stay the same arrays). Give it each new history in turn.
 * @example const edited = editDetector(editor.history); editor.apply(call); edited(editor.history) // true
 */
export function editDetector(start: HistoryState): (next: HistoryState) => boolean {
  let undo = start.undo;
  let redo = start.redo;
  return (next) => {
    if (next.undo === undo && next.redo === redo) return false;
    undo = next.undo;
    redo = next.redo;
    return next.undo.length + next.redo.length > 0;
  };
}

/**
 * Calls `onEdit` after each edit of the editor's design (see editDetector). Returns what stops it; must be
 * called where effects can be made (it makes its own root).
 */
export function followUserEdits(editor: { readonly history: HistoryState }, onEdit: () => void): () => void {
  const edited = editDetector(editor.history);
  return $effect.root(() => {
    $effect(() => {
      if (edited(editor.history)) untrack(onEdit);
    });
  });
}
