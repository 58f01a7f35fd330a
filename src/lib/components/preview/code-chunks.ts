/**
 * Cuts a generated file into blocks of whole lines at statement boundaries, so a large file can be highlighted
 * block by block as it scrolls into view: an edit then re-highlights the few visible blocks, not the whole file.
 * Boundaries are where highlighting cannot be mid-token in our generated code: before a blank line in TypeScript
 * (between top-level statements), after a `--> statement-breakpoint` line in SQL. JSON and YAML stay whole.
 */
import type { CodeLanguage } from './highlight';

const BREAKPOINT = '--> statement-breakpoint';

function boundaryBefore(lines: readonly string[], i: number, language: CodeLanguage): boolean {
  if (language === 'typescript') return lines[i]?.trim() === '';
  if (language === 'sql') return lines[i - 1]?.trimEnd().endsWith(BREAKPOINT) ?? false;
  return false;
}

/**
 * The blocks of `text`, each at least `minLines` long (except the last), cut only at boundaries.
 * Joining them with `\n` gives the text back exactly.
 * @example splitCode('a\n\nb', 'typescript', 1) // ['a', '\nb']
 */
export function splitCode(text: string, language: CodeLanguage, minLines = 80): string[] {
  // The final newline stays with the last block rather than becoming a block of its own.
  const trailing = text.endsWith('\n') ? '\n' : '';
  const lines = (trailing ? text.slice(0, -1) : text).split('\n');
  const blocks: string[] = [];
  let start = 0;
  for (let i = 1; i < lines.length; i++) {
    if (i - start >= minLines && boundaryBefore(lines, i, language)) {
      blocks.push(lines.slice(start, i).join('\n'));
      start = i;
    }
  }
  blocks.push(lines.slice(start).join('\n') + trailing);
  return blocks;
}
