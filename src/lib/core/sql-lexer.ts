/**
 * A small SQLite tokenizer: just enough to tell keywords from identifiers, strings and punctuation, so that a `;`
 * or a keyword inside a string literal, a quoted identifier or a comment is never mistaken for SQL structure.
 * It is linear in the text's length (no backtracking), so hostile text costs no more than its size.
 */

/**
 * `word` = a bare word (keyword or unquoted identifier); `ident` = a quoted identifier (`` `x` ``, `"x"`, `[x]`);
 * `string` = a `'…'` literal; `number`; `punct` = any other single character.
 */
export type TokenKind = 'word' | 'ident' | 'string' | 'number' | 'punct' | 'comment';

export interface Token {
  kind: TokenKind;
  /** The identifier or string without its quotes (doubled quotes undone); the character for `punct`. */
  value: string;
  /** Offset of the first character in the scanned text. */
  start: number;
  /** Offset just past the last character. */
  end: number;
  /** The quote character of an `ident` (`` ` ``, `"` or `[`), else ''. */
  quote: string;
  /** Set on a quoted token or a block comment that runs to the end of the text without its closing character. */
  unterminated?: true;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
/**
 * A numeric literal as SQLite reads it: hex (`0x1F`), or decimal with an optional fraction, leading dot and
 * exponent (`1.5e-3`, `.5`, `1.`). Since SQLite 3.46 a `_` between two digits is a separator (`1_000`). Sticky, so
 * it matches in place instead of on a slice of the rest of the text.
 */
const DIGITS = String.raw`\d+(?:_\d+)*`;
const NUMBER = new RegExp(
  String.raw`0x[0-9a-f]+(?:_[0-9a-f]+)*|(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:e[-+]?${DIGITS})?`,
  'iy',
);

/** Reads a quoted run starting at `i` (the opening quote); doubled closing quotes stand for one. */
function readQuoted(sql: string, i: number, close: string): { value: string; end: number; closed: boolean } {
  let value = '';
  let j = i + 1;
  while (j < sql.length) {
    const ch = sql.charAt(j);
    if (ch === close) {
      // `[x]` has no escape; the other quotes are escaped by doubling.
      if (close !== ']' && sql.charAt(j + 1) === close) {
        value += close;
        j += 2;
        continue;
      }
      return { value, end: j + 1, closed: true };
    }
    value += ch;
    j++;
  }
  // Unterminated: SQLite would refuse it; the rest of the text belongs to the literal.
  return { value, end: sql.length, closed: false };
}

/** Offset just past a comment starting at `i`, or `i` when there is none. */
function skipComment(sql: string, i: number): number {
  if (sql.startsWith('--', i)) {
    const nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length : nl + 1;
  }
  if (sql.startsWith('/*', i)) {
    const close = sql.indexOf('*/', i + 2);
    return close < 0 ? sql.length : close + 2;
  }
  return i;
}

/**
 * Offset of the first character at or after `from` that is neither whitespace nor inside a comment (the text's
 * length when there is none): where the next statement of a script really starts.
 * @example skipSpaceAndComments('  -- note\nCREATE') // 10
 */
export function skipSpaceAndComments(sql: string, from = 0): number {
  let i = from;
  for (;;) {
    while (i < sql.length && /\s/.test(sql.charAt(i))) i++;
    const after = skipComment(sql, i);
    if (after === i) return i;
    i = after;
  }
}

/**
 * Splits SQL text into tokens, dropping whitespace and comments.
 * @example tokenize("DEFAULT 'a;b'").map((t) => t.kind) // ['word', 'string']
 */
export function tokenize(sql: string): Token[] {
  return scan(sql, false);
}

/**
 * Like `tokenize`, but comments are kept as `comment` tokens (their text, markers included, is the value): for
 * checks that must see what a comment could hide.
 * @example tokenizeWithComments('(1 -- x').map((t) => t.kind) // ['punct', 'number', 'comment']
 */
export function tokenizeWithComments(sql: string): Token[] {
  return scan(sql, true);
}

function scan(sql: string, keepComments: boolean): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const afterComment = skipComment(sql, i);
    if (afterComment !== i) {
      if (keepComments) {
        const open = sql.startsWith('/*', i) && !sql.slice(i + 2, afterComment).endsWith('*/');
        out.push({
          kind: 'comment',
          value: sql.slice(i, afterComment),
          start: i,
          end: afterComment,
          quote: '',
          ...(open ? { unterminated: true as const } : {}),
        });
      }
      i = afterComment;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      const { value, end, closed } = readQuoted(sql, i, close);
      out.push({
        kind: ch === "'" ? 'string' : 'ident',
        value,
        start: i,
        end,
        quote: ch === "'" ? '' : ch,
        ...(closed ? {} : { unterminated: true as const }),
      });
      i = end;
      continue;
    }
    if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql.charAt(i + 1)))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(sql);
      const end = i + (m ? m[0].length : 1);
      out.push({ kind: 'number', value: sql.slice(i, end), start: i, end, quote: '' });
      i = end;
      continue;
    }
    if (WORD_START.test(ch)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql.charAt(j))) j++;
      out.push({ kind: 'word', value: sql.slice(i, j), start: i, end: j, quote: '' });
      i = j;
      continue;
    }
    out.push({ kind: 'punct', value: ch, start: i, end: i + 1, quote: '' });
    i++;
  }
  return out;
}

/** True when the token is the bare keyword `kw` (case-insensitive). */
export function isWord(t: Token | undefined, kw: string): boolean {
  return t !== undefined && t.kind === 'word' && t.value.toUpperCase() === kw;
}

/** True when the token is the punctuation character `ch`. */
export function isPunct(t: Token | undefined, ch: string): boolean {
  return t !== undefined && t.kind === 'punct' && t.value === ch;
}

/** Index of the `)` matching the `(` at `open`, or the last index when unbalanced. */
export function closingParen(tokens: readonly Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length - 1;
}

/** Splits tokens on top-level commas (outside parentheses). */
export function splitTopLevel(tokens: readonly Token[], sep = ','): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (const t of tokens) {
    if (isPunct(t, '(')) depth++;
    else if (isPunct(t, ')')) depth--;
    if (depth === 0 && isPunct(t, sep)) parts.push([]);
    else parts[parts.length - 1]?.push(t);
  }
  return parts.filter((p) => p.length > 0);
}
