/**
 * Where code is nested too deep to read. TypeScript's parser and the importer walk nested brackets recursively, so
 * a few thousand levels (`[[[[…`) overflow the stack ("Maximum call stack size exceeded"), an error without a
 * place. When that happens the importer finds the place with this linear scan and names it; the scan is only
 * used after such a failure, so it can never refuse code that parses.
 */
import type { ImportMessage, SourceFile } from '../types';

/** The depth past which nesting is named as the cause (real schema code stays far below it). */
export const NESTING_LIMIT = 500;

/**
 * The first offset where `(`, `[` and `{` are nested deeper than `limit`, with the deepest level reached, or null
 * when they never are. Strings, template literals and comments are skipped; one pass over the text.
 * @example tooDeep('x = [[[1]]]', 2) // { offset: 6, depth: 3 }
 */
export function tooDeep(text: string, limit = NESTING_LIMIT): { offset: number; depth: number } | null {
  let depth = 0;
  let max = 0;
  let first = -1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? n : end;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'" || c === '`') {
      i++;
      while (i < n && text[i] !== c && !(c !== '`' && text[i] === '\n')) i += text[i] === '\\' ? 2 : 1;
      i++;
    } else {
      if (c === '(' || c === '[' || c === '{') {
        depth++;
        if (depth > max) max = depth;
        if (depth > limit && first < 0) first = i;
      } else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
      i++;
    }
  }
  return first < 0 ? null : { offset: first, depth: max };
}

/** 1-based line and column of an offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * The error for the first of `files` whose brackets nest deeper than {@link NESTING_LIMIT}, at the place where they
 * pass it, or null when none does. For a stack overflow ("Maximum call stack size exceeded"), which has no place.
 * @example nestingError([{ path: 'tables.ts', text: `x = ${'['.repeat(600)}` }])?.line // 1
 */
export function nestingError(files: readonly SourceFile[]): ImportMessage | null {
  for (const file of files) {
    const deep = tooDeep(file.text);
    if (deep)
      return {
        severity: 'error',
        code: 'nesting-too-deep',
        file: file.path,
        ...lineAndColumn(file.text, deep.offset),
        message: `brackets are nested ${deep.depth} levels deep from here (more than ${NESTING_LIMIT}): too deep to read`,
      };
  }
  return null;
}

/** Whether `e` is a stack overflow (a RangeError, as V8 throws it). */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}
