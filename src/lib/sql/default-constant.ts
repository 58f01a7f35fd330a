/**
 * Whether a column's DEFAULT is a constant in SQLite's sense. `ALTER TABLE … ADD` accepts only a constant default
 * on a table that has rows ("Cannot add a column with non-constant default"); SQLite decides by trying to compute
 * the value without a row (sqlite3ValueFromExpr), which succeeds for literals — signed, parenthesised or CAST — and
 * fails for CURRENT_TIME/DATE/TIMESTAMP, function calls and operators: `(1)` and `(-1)` are constant, `(1+1)`,
 * `(lower('X'))` and `(strftime('%s','now'))` are not. Checked against SQLite (default-constant.test.ts).
 */
import { closingParen, isPunct, isWord, type Token, tokenize } from './safety/tokens';

const LITERAL_WORDS = new Set(['NULL', 'TRUE', 'FALSE']);

/** End (exclusive) of a constant expression starting at `i`, or -1 when there is none there. */
function constantEnd(tokens: readonly Token[], i: number): number {
  const t = tokens[i];
  if (!t) return -1;
  if (isPunct(t, '(')) {
    const close = closingParen(tokens, i);
    if (!isPunct(tokens[close], ')')) return -1;
    return constantEnd(tokens, i + 1) === close ? close + 1 : -1;
  }
  if (isPunct(t, '-') || isPunct(t, '+')) return constantEnd(tokens, i + 1);
  if (t.kind === 'number' || t.kind === 'string') return i + 1;
  // A blob literal X'00' is the word X touching a string.
  if (t.kind === 'word' && /^x$/i.test(t.value) && tokens[i + 1]?.kind === 'string' && tokens[i + 1]?.start === t.end)
    return i + 2;
  if (t.kind === 'word' && LITERAL_WORDS.has(t.value.toUpperCase())) return i + 1;
  if (isWord(t, 'CAST') && isPunct(tokens[i + 1], '(')) {
    const close = closingParen(tokens, i + 1);
    const inner = constantEnd(tokens, i + 2);
    if (inner < 0 || !isWord(tokens[inner], 'AS') || !isPunct(tokens[close], ')')) return -1;
    // Only type-name words between AS and the closing parenthesis (`text`, `varchar(10)`).
    const typeTokens = tokens.slice(inner + 1, close);
    const plainType =
      typeTokens.length > 0 &&
      typeTokens.every((x) => x.kind === 'word' || x.kind === 'number' || isPunct(x, '(') || isPunct(x, ')'));
    return plainType ? close + 1 : -1;
  }
  return -1;
}

/**
 * True when SQLite can add a column with this DEFAULT to a table that has rows. No default (`undefined`) is
 * constant (NULL).
 *
 * @example
 * isConstantDefault("'to_do'"); // true
 * isConstantDefault('(-1)'); // true
 * isConstantDefault("(strftime('%s','now'))"); // false
 * isConstantDefault('CURRENT_TIMESTAMP'); // false
 */
export function isConstantDefault(text: string | number | boolean | undefined | null): boolean {
  if (text === undefined || text === null || typeof text !== 'string') return true;
  const tokens = tokenize(text);
  if (tokens.length === 0) return true;
  return constantEnd(tokens, 0) === tokens.length;
}

/**
 * True when the DEFAULT is missing or NULL (`NULL`, `(NULL)`).
 *
 * @example isNullDefault('(null)'); // true
 */
export function isNullDefault(text: string | number | boolean | undefined | null): boolean {
  if (text === undefined || text === null) return true;
  if (typeof text !== 'string') return false;
  const words = tokenize(text).filter((t) => !isPunct(t, '(') && !isPunct(t, ')'));
  return words.length === 1 && isWord(words[0], 'NULL');
}
