/**
 * Reading SQL text where PRAGMA says nothing: the kind of a statement, the names it creates, a column's
 * `CHECK(col IN (…))` (how MoLOS's textEnum stores an enum), other CHECKs and AUTOINCREMENT. The tokens come from
 * the project's one SQLite lexer (core/sql-lexer.ts) and table bodies from the one CREATE TABLE reader
 * (sql/safety/create-table.ts); nothing here throws, whatever the text.
 */
import { isPunct, isWord, type Token, tokenize } from '../../core/sql-lexer';
import { checkExpressions, readTableBody } from '../../sql/safety/create-table';

const isAnyWord = (t: Token | undefined, ...words: string[]) => words.some((w) => isWord(t, w));
/** SQLite takes a string literal where it expects a name (`CREATE TABLE 'x'`). */
const isName = (t: Token | undefined) =>
  t !== undefined && (t.kind === 'word' || t.kind === 'ident' || t.kind === 'string');

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
      if (isAnyWord(t[i], 'TEMP', 'TEMPORARY')) temp = true;
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

/**
 * Reads the column definitions and CHECKs of a `CREATE TABLE` statement (or a snapshot's column type such as
 * `text CHECK(status IN ('a'))`, via {@link columnTypeChecks}).
 * @example parseCreateTable("CREATE TABLE t (s text CHECK(s IN ('a')) DEFAULT 'a')").columns[0] // { name: 's', enumValues: ['a'], defaultText: "'a'", … }
 */
export function parseCreateTable(sql: string): CreateTableText {
  const t = tokenize(sql);
  const open = t.findIndex((x) => isPunct(x, '('));
  if (open < 0) return { columns: [], checks: [] };
  const body = readTableBody(sql, t, open);
  const columns = body.columns.map((c): ColumnText => {
    const name = c.def.name;
    const enumChecks = c.checks.map((x) => enumCheckValues(x, name));
    const enumAt = enumChecks.findIndex((v) => v !== null);
    return {
      name,
      start: c.start,
      enumValues: enumAt >= 0 ? (enumChecks[enumAt] as string[]) : undefined,
      otherChecks: c.checks.filter((_, i) => i !== enumAt),
      autoincrement: c.autoincrement,
      // A DEFAULT with nothing after it (SQLite refuses it) has no term.
      defaultText: c.def.default || undefined,
    };
  });
  return { columns, checks: body.checks };
}

/**
 * Splits a snapshot column type such as `text CHECK(status IN ('a', 'b'))` into the type and its CHECKs.
 * @example columnTypeChecks("text CHECK(s IN ('a'))") // { type: 'text', checks: ["s IN ('a')"] }
 */
export function columnTypeChecks(type: string): { type: string; checks: string[] } {
  const t = tokenize(type);
  const at = t.findIndex((x) => isAnyWord(x, 'CHECK', 'CONSTRAINT'));
  if (at < 0) return { type, checks: [] };
  return { type: type.slice(0, t[at]?.start ?? type.length).trim(), checks: checkExpressions(type, t.slice(at)) };
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
