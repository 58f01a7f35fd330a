/** A file's change as a unified diff (jsdiff), the way `git diff` shows it, for the write plan. */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** How long one diff may take; a pathological pair of large files gets a notice instead of a frozen page. */
const DIFF_TIMEOUT_MS = 2000;

/**
 * The unified diff from `before` (null: the file does not exist yet) to `after`, with three lines of context;
 * empty when the texts are equal.
 * @example unifiedDiff('a.ts', 'x\n', 'y\n') // '--- a/a.ts\n+++ b/a.ts\n@@ -1,1 +1,1 @@\n-x\n+y\n'
 */
export function unifiedDiff(path: string, before: string | null, after: string): string {
  if (before === after) return '';
  const patch = createTwoFilesPatch(
    before === null ? '/dev/null' : `a/${path}`,
    `b/${path}`,
    before ?? '',
    after,
    undefined,
    undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY, timeout: DIFF_TIMEOUT_MS },
  );
  return patch ?? `--- a/${path}\n+++ b/${path}\n(the change is too large to show as a diff)\n`;
}
