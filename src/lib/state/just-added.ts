/**
 * "Just added": whoever adds a table or a column on the user's behalf (the "Add table" command, the inspector's
 * "Add column") marks its id here, and the inspector, when it shows that element, puts the keyboard cursor in its
 * name field with the name selected, so the user can type the real name straight away. Only explicit adds mark:
 * a table that comes back through undo, or one typed into the code editor, must not steal the focus.
 *
 * One mark at a time, taken once, and only for a short while: a mark the inspector never saw (it was hidden
 * behind another tab) must not steal the focus when the user selects that element much later.
 */

/** How long a mark waits for the inspector to show its element, in milliseconds. */
export const JUST_ADDED_MS = 2000;

let mark: { id: string; at: number } | null = null;

/**
 * Marks a table or column id as just added by the user.
 * @example markJustAdded(tableId); editor.select({ tableIds: [tableId], relationIds: [], focus: { kind: 'table', id: tableId } })
 */
export function markJustAdded(id: string, now = Date.now()): void {
  mark = { id, at: now };
}

/**
 * True once for an id marked within the last {@link JUST_ADDED_MS}; the mark is used up.
 * @example if (takeJustAdded(column.id)) nameField.select()
 */
export function takeJustAdded(id: string, now = Date.now()): boolean {
  if (!mark || mark.id !== id) return false;
  const fresh = now - mark.at <= JUST_ADDED_MS;
  mark = null;
  return fresh;
}
