/** Applying an edit from a form field: the field shows why an operation was refused. */
import type { OperationCall } from '$lib/core/operations';
import type { Editor } from '$lib/state/editor.svelte';

/** Applies the calls as one undo step; returns null, or the reason they could not be applied. */
export function applyOrError(editor: Editor, calls: OperationCall | OperationCall[], label: string): string | null {
  return editor.apply(calls, label) ? null : (editor.error ?? 'This change could not be applied.');
}
