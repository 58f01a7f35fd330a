/**
 * What an SQL default may be, decided by the SQLite lexer rather than by counting characters: the expression is
 * written verbatim into `DEFAULT …` of the migration, so text that ends the expression early, hides structure in a
 * comment, or carries the host's statement separator would put statements of its own into the module's migration.
 */
import { isPunct, isWord, type Token, tokenizeWithComments } from './sql-lexer';

/** The text the MoLOS host splits migration files on, wherever it appears (even inside a string or a name). */
export const STATEMENT_BREAKPOINT = '--> statement-breakpoint';

/**
 * Why a piece of text can't be written into a migration whatever its context, or null:
 * - `breakpoint`: it holds `--> statement-breakpoint`, where the host cuts the statement in two;
 * - `comment-line`: a line of it starts with `--`, and the host drops such lines from a migration before running it.
 * @example sqlTextHazard('to do') // null
 * @example sqlTextHazard("a\n-- b") // 'comment-line'
 */
export function sqlTextHazard(text: string): 'breakpoint' | 'comment-line' | null {
  if (text.includes(STATEMENT_BREAKPOINT)) return 'breakpoint';
  if (/[\r\n][ \t]*--/.test(text)) return 'comment-line';
  return null;
}

/**
 * Why an SQL default is not exactly one expression SQLite can take after `DEFAULT`, or null when it is (or when
 * it is blank, which has a rule of its own):
 * - `breakpoint` / `comment-line`: see `sqlTextHazard`;
 * - `comment`: a `--` or `/* *\/` comment, which can hide where the expression really ends;
 * - `unterminated`: a quote or a bracket that is never closed;
 * - `semicolon`: a `;` outside quotes, which ends the statement;
 * - `subquery`: a `SELECT`, which SQLite refuses in a default (it is not a constant);
 * - `unbalanced`: parentheses that don't pair up;
 * - `not-one-expression`: more than one literal, or an expression that is not wrapped in one pair of
 *   parentheses (SQLite takes a bare literal, or `(<expression>)`).
 * Parenthesis-less expressions that are otherwise sound (`lower('x')`) are `not-one-expression` too; the rules
 * offer to wrap them.
 * @example sqlDefaultProblem("(strftime('%s','now'))") // null
 * @example sqlDefaultProblem('(/*((*\/1)); DROP TABLE x; (1)') // 'comment'
 * @example sqlDefaultProblem('((SELECT 1))') // 'subquery'
 */
export function sqlDefaultProblem(sql: string): SqlDefaultProblem | null {
  const hazard = sqlTextHazard(sql);
  if (hazard) return hazard;
  const tokens = tokenizeWithComments(sql);
  if (tokens.length === 0) return null;
  if (tokens.some((t) => t.kind === 'comment')) return 'comment';
  if (tokens.some((t) => t.unterminated)) return 'unterminated';
  if (tokens.some((t) => isPunct(t, ';'))) return 'semicolon';
  if (tokens.some((t) => isWord(t, 'SELECT'))) return 'subquery';
  if (!balanced(tokens)) return 'unbalanced';
  if (isBareLiteral(tokens)) return null;
  const last = tokens.length - 1;
  if (!isPunct(tokens[0], '(') || closingIndex(tokens) !== last) return 'not-one-expression';
  if (rowValue(tokens)) return 'not-one-expression';
  return null;
}

export type SqlDefaultProblem =
  | 'breakpoint'
  | 'comment-line'
  | 'comment'
  | 'unterminated'
  | 'semicolon'
  | 'subquery'
  | 'unbalanced'
  | 'not-one-expression';

/** True when no `)` comes before its `(` and every `(` is closed. */
function balanced(tokens: readonly Token[]): boolean {
  let depth = 0;
  for (const t of tokens) {
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')') && --depth < 0) return false;
  }
  return depth === 0;
}

/** Index of the `)` that closes the first token's `(`. */
function closingIndex(tokens: readonly Token[]): number {
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return -1;
}

/**
 * True when a `,` separates values in parentheses that are not a function's arguments or an `IN (…)` list:
 * `(1, 2)` is a row value, not one expression.
 */
function rowValue(tokens: readonly Token[]): boolean {
  const lists: boolean[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (isPunct(t, '(')) lists.push(tokens[i - 1]?.kind === 'word' || tokens[i - 1]?.kind === 'ident');
    else if (isPunct(t, ')')) lists.pop();
    else if (isPunct(t, ',') && lists[lists.length - 1] === false) return true;
  }
  return false;
}

const BARE_WORDS = new Set(['NULL', 'TRUE', 'FALSE', 'CURRENT_TIME', 'CURRENT_DATE', 'CURRENT_TIMESTAMP']);

/**
 * A literal SQLite takes after DEFAULT without parentheses: a signed number, a string, a blob (`x'…'`), NULL,
 * TRUE/FALSE, a CURRENT_* keyword, or one double-quoted word (which SQLite reads there as text).
 */
function isBareLiteral(tokens: readonly Token[]): boolean {
  const [a, b] = tokens;
  if (tokens.length === 1 && a) {
    if (a.kind === 'number' || a.kind === 'string') return true;
    if (a.kind === 'ident' && a.quote === '"') return true;
    return a.kind === 'word' && BARE_WORDS.has(a.value.toUpperCase());
  }
  if (tokens.length === 2 && a && b) {
    // A sign before a number, or x'…' (the lexer reads the x as a word of its own).
    if ((isPunct(a, '-') || isPunct(a, '+')) && b.kind === 'number') return true;
    return a.kind === 'word' && /^x$/i.test(a.value) && b.kind === 'string' && a.end === b.start;
  }
  return false;
}
