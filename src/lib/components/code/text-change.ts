/**
 * The one change that turns an editor's text into a newly generated text: everything between their common
 * start and common end. Dispatching only that range lets the editor keep the cursor, the selection and the
 * scroll position where they were (outside the range they do not move; inside it they map to its edges).
 */

export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/**
 * The smallest single replacement of `before` that gives `after`, or null when they are equal.
 * @example textChange('a b c', 'a x c') // { from: 2, to: 3, insert: 'x' }
 */
export function textChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end))
    end++;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
