/** What the merge into an existing module reports. */

/** Something the merge has to say about a file, with its place when it has one (1-based line, 0 for the file). */
export interface MergeNote {
  severity: 'info' | 'warning';
  file: string;
  line: number;
  message: string;
}

/**
 * The design cannot be written into the existing code without harming it (a change to a column that comes from
 * shared code, a file that does not parse, …). The message names the place; nothing is written.
 */
export class MergeError extends Error {
  override name = 'MergeError';
}
