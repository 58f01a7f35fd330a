/**
 * Reading SQL text where PRAGMA says nothing: the kind of a statement, the names it creates, a column's
 * `CHECK(col IN (…))` (how MoLOS's textEnum stores an enum), other CHECKs and AUTOINCREMENT. A small tokenizer
 * that knows SQLite's quotes and comments; it never throws, whatever the text.
 */

export interface Token {
  kind: 'word' | 'ident' | 'string' | 'number' | 'punct';
  /** The text as written. */
  text: string;
  /** Unquoted value for `ident` (quoted name) and `string`; the text otherwise. */
  value: string;
  start: number;
  end: number;
}

function closing(sql: string, from: number, quote: string): { end: number; value: string } {
  const close = quote === '[' ? ']' : quote;
  let value = '';
  let i = from + 1;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (ch === close) {
      if (close !== ']' && sql[i + 1] === close) {
        value += ch;
        i += 2;
        continue;
      }
      return { end: i + 1, value };
    }
    value += ch;
    i++;
  }
  return { end: sql.length, value };
}

/**
 * Splits SQL into tokens, skipping whitespace and comments. An unterminated quote or comment runs to the end.
 * @example tokenize("CHECK(status IN ('a'))").map((t) => t.value) // ['CHECK', '(', 'status', 'IN', '(', 'a', ')', ')']
 */
export function tokenize(sql: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (ch === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close < 0 ? sql.length : close + 2;
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const { end, value } = closing(sql, i, ch);
      out.push({ kind: ch === "'" ? 'string' : 'ident', text: sql.slice(i, end), value, start: i, end });
      i = end;
    } else if (/[A-Za-z_\u0080-\uffff]/.test(ch)) {
      let j = i + 1;
      while (j < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[j] as string)) j++;
      const text = sql.slice(i, j);
      out.push({ kind: 'word', text, value: text, start: i, end: j });
      i = j;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(sql[i + 1] ?? ''))) {
      let j = i + 1;
      while (
        j < sql.length &&
        (/[0-9A-Za-z_.]/.test(sql[j] as string) ||
          (/[+-]/.test(sql[j] as string) && /^[0-9.]+[eE]$/.test(sql.slice(i, j))))
      )
        j++;
      const text = sql.slice(i, j);
      out.push({ kind: 'number', text, value: text, start: i, end: j });
      i = j;
    } else {
      out.push({ kind: 'punct', text: ch, value: ch, start: i, end: i + 1 });
      i++;
    }
  }
  return out;
}

const isWord = (t: Token | undefined, ...words: string[]) =>
  t !== undefined && t.kind === 'word' && words.includes(t.value.toUpperCase());
const isPunct = (t: Token | undefined, p: string) => t !== undefined && t.kind === 'punct' && t.value === p;
const isName = (t: Token | undefined) =>
  t !== undefined && (t.kind === 'word' || t.kind === 'ident' || t.kind === 'string');

/** The index of the `)` closing the `(` at `open`, or the token count when it is missing. */
function matching(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i;
  }
  return tokens.length;
}

/** Offset of the first character that is not whitespace or a comment. */
export function skipSpaceAndComments(sql: string, from = 0): number {
  let i = from;
  for (;;) {
    while (i < sql.length && /\s/.test(sql[i] as string)) i++;
    if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      if (nl < 0) return sql.length;
      i = nl + 1;
    } else if (sql.startsWith('/*', i)) {
      const close = sql.indexOf('*/', i + 2);
      if (close < 0) return sql.length;
      i = close + 2;
    } else {
      return i;
    }
  }
}

/** What a statement does, as far as the importer cares. */
export type StatementKind =
  | { kind: 'create-table'; name: string; asSelect: boolean; temp: boolean; virtual: boolean }
  | { kind: 'create-index'; name: string }
  | { kind: 'create-view'; name: string; temp: boolean }
  | { kind: 'create-trigger'; name: string; temp: boolean }
  | { kind: 'alter-table'; table: string; renameTo: string | null; addColumn: string | null }
  | { kind: 'drop' }
  | { kind: 'pragma'; name: string }
  | { kind: 'transaction' }
  | { kind: 'data' }
  | { kind: 'other'; word: string };

/** The name after `[IF NOT EXISTS]` / `[IF EXISTS]` at `i` (a `schema.` prefix is skipped). */
function nameAt(tokens: Token[], i: number): { name: string; next: number } {
  let j = i;
  if (isWord(tokens[j], 'IF')) j += isWord(tokens[j + 1], 'NOT') ? 3 : 2;
  let name = tokens[j]?.value ?? '';
  if (isPunct(tokens[j + 1], '.') && isName(tokens[j + 2])) {
    j += 2;
    name = tokens[j]?.value ?? '';
  }
  return { name, next: j + 1 };
}

/**
 * Classifies one statement.
 * @example statementKind('CREATE TABLE `x` (id int)') // { kind: 'create-table', name: 'x', asSelect: false, … }
 */
export function statementKind(sql: string): StatementKind {
  const t = tokenize(sql);
  const first = (t[0]?.value ?? '').toUpperCase();
  if (first === 'CREATE') {
    let i = 1;
    let temp = false;
    let virtual = false;
    let unique = false;
    for (;;) {
      if (isWord(t[i], 'TEMP', 'TEMPORARY')) temp = true;
      else if (isWord(t[i], 'VIRTUAL')) virtual = true;
      else if (isWord(t[i], 'UNIQUE')) unique = true;
      else break;
      i++;
    }
    const what = (t[i]?.value ?? '').toUpperCase();
    const { name, next } = nameAt(t, i + 1);
    if (what === 'TABLE') return { kind: 'create-table', name, asSelect: isWord(t[next], 'AS'), temp, virtual };
    if (what === 'INDEX') return { kind: 'create-index', name };
    if (what === 'VIEW') return { kind: 'create-view', name, temp };
    if (what === 'TRIGGER') return { kind: 'create-trigger', name, temp };
    return { kind: 'other', word: `CREATE ${unique ? 'UNIQUE ' : ''}${what}`.trim() };
  }
  if (first === 'ALTER' && isWord(t[1], 'TABLE')) {
    const { name, next } = nameAt(t, 2);
    let renameTo: string | null = null;
    let addColumn: string | null = null;
    if (isWord(t[next], 'RENAME') && isWord(t[next + 1], 'TO')) renameTo = t[next + 2]?.value ?? null;
    if (isWord(t[next], 'ADD')) addColumn = (isWord(t[next + 1], 'COLUMN') ? t[next + 2] : t[next + 1])?.value ?? null;
    return { kind: 'alter-table', table: name, renameTo, addColumn };
  }
  if (first === 'DROP') return { kind: 'drop' };
  if (first === 'PRAGMA') {
    const { name } = nameAt(t, 1);
    return { kind: 'pragma', name: name.toLowerCase() };
  }
  if (['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE'].includes(first)) return { kind: 'transaction' };
  if (['INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'SELECT', 'WITH', 'VALUES'].includes(first)) return { kind: 'data' };
  return { kind: 'other', word: first };
}

/** What a `CREATE TABLE` says about one column beyond PRAGMA table_info. */
export interface ColumnText {
  name: string;
  /** Offset of the column definition in the statement. */
  start: number;
  enumValues?: string[];
  otherChecks: string[];
  autoincrement: boolean;
  /** The DEFAULT term as written: `(strftime('%s','now'))`, `'a'`, `-1`, `false` (PRAGMA drops the parentheses). */
  defaultText?: string;
}

export interface CreateTableText {
  columns: ColumnText[];
  /** Table CHECK constraints, as SQL text. */
  checks: string[];
}

/**
 * The values of a textEnum CHECK — `<column> IN ('a', 'b')` — or null when the expression is anything else.
 * @example enumCheckValues("status IN ('to_do', 'done')", 'status') // ['to_do', 'done']
 */
export function enumCheckValues(expression: string, column: string): string[] | null {
  const t = tokenize(expression);
  if (!isName(t[0]) || t[0]?.value.toLowerCase() !== column.toLowerCase()) return null;
  if (!isWord(t[1], 'IN') || !isPunct(t[2], '(') || !isPunct(t[t.length - 1], ')')) return null;
  const values: string[] = [];
  for (let i = 3; i < t.length - 1; i += 2) {
    const v = t[i];
    if (v?.kind !== 'string') return null;
    values.push(v.value);
    const sep = t[i + 1];
    if (i + 1 < t.length - 1 && !isPunct(sep, ',')) return null;
  }
  return values.length > 0 ? values : null;
}

/** The CHECK expressions in a run of tokens, as text of `source`. */
function checksIn(tokens: Token[], source: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (isWord(tokens[i], 'CHECK') && isPunct(tokens[i + 1], '(')) {
      const close = matching(tokens, i + 1);
      const inner = tokens.slice(i + 2, close);
      if (inner.length > 0) out.push(source.slice(inner[0]?.start ?? 0, inner[inner.length - 1]?.end ?? 0));
      i = close;
    }
  }
  return out;
}

/**
 * Reads the column definitions and CHECKs of a `CREATE TABLE` statement (or a snapshot's column type such as
 * `text CHECK(status IN ('a'))`, via {@link columnTypeChecks}).
 */
export function parseCreateTable(sql: string): CreateTableText {
  const t = tokenize(sql);
  const open = t.findIndex((x) => isPunct(x, '('));
  if (open < 0) return { columns: [], checks: [] };
  const close = matching(t, open);
  const parts: Token[][] = [];
  let part: Token[] = [];
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const tok = t[i] as Token;
    if (isPunct(tok, '(')) depth++;
    if (isPunct(tok, ')')) depth--;
    if (depth === 0 && isPunct(tok, ',')) {
      parts.push(part);
      part = [];
    } else {
      part.push(tok);
    }
  }
  if (part.length > 0) parts.push(part);
  const columns: ColumnText[] = [];
  const checks: string[] = [];
  for (const p of parts) {
    const head = p[0];
    if (!head) continue;
    if (isWord(head, 'CONSTRAINT', 'PRIMARY', 'UNIQUE', 'CHECK', 'FOREIGN')) {
      checks.push(...checksIn(p, sql));
      continue;
    }
    const name = head.value;
    const found = checksIn(p.slice(1), sql);
    const enumChecks = found.map((c) => enumCheckValues(c, name));
    const enumAt = enumChecks.findIndex((v) => v !== null);
    columns.push({
      name,
      start: head.start,
      enumValues: enumAt >= 0 ? (enumChecks[enumAt] as string[]) : undefined,
      otherChecks: found.filter((_, i) => i !== enumAt),
      autoincrement: p.some((x) => isWord(x, 'AUTOINCREMENT')),
      defaultText: defaultTerm(p, sql),
    });
  }
  return { columns, checks };
}

/** The text of the term after DEFAULT in a column definition. */
function defaultTerm(p: Token[], sql: string): string | undefined {
  const at = p.findIndex((x) => isWord(x, 'DEFAULT'));
  if (at < 0) return undefined;
  const first = p[at + 1];
  if (!first) return undefined;
  if (isPunct(first, '(')) {
    const close = matching(p, at + 1);
    return sql.slice(first.start, (p[Math.min(close, p.length - 1)] as Token).end);
  }
  if ((isPunct(first, '-') || isPunct(first, '+')) && p[at + 2]?.kind === 'number')
    return sql.slice(first.start, (p[at + 2] as Token).end);
  return first.text;
}

/**
 * Splits a snapshot column type such as `text CHECK(status IN ('a', 'b'))` into the type and its CHECKs.
 * @example columnTypeChecks("text CHECK(s IN ('a'))") // { type: 'text', checks: ["s IN ('a')"] }
 */
export function columnTypeChecks(type: string): { type: string; checks: string[] } {
  const t = tokenize(type);
  const at = t.findIndex((x) => isWord(x, 'CHECK', 'CONSTRAINT'));
  if (at < 0) return { type, checks: [] };
  return { type: type.slice(0, t[at]?.start ?? type.length).trim(), checks: checksIn(t.slice(at), type) };
}

/**
 * A function giving the 1-based line and column of an offset in `text` (line starts computed once).
 * @example lineIndex('a\nbc')(3) // { line: 2, column: 2 }
 */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const at = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (starts[lo] as number) + 1 };
  };
}
