/** The clipboard behind one function, so components do not reach for `navigator` themselves. */

/** Copies text; rejects with a plain message when the browser offers no clipboard (plain http, old browsers). */
export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) {
    throw new Error('This browser does not allow copying here (the clipboard needs https or localhost).');
  }
  await navigator.clipboard.writeText(text);
}
