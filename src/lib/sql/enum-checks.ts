/**
 * The allowed values of `CHECK(col IN (…))` constraints, read from a table's CREATE statement. MoLOS's `textEnum`
 * puts such a CHECK inside the column type (`text CHECK(status IN ('to_do', 'done'))`), and PRAGMA table_info
 * reports only `TEXT`, so the values must come from the SQL that sqlite_master keeps verbatim.
 */

import { isPunct, isWord, type Token, tokenize } from './safety/tokens';

/** Allowed values per column name (the last part of a qualified name such as `"t"."status"`). */
export type EnumChecks = Map<string, (string | number)[]>;

/**
 * Every `CHECK(<column> IN (<values>))` of a CREATE TABLE statement. String values are unescaped (`''` → `'`);
 * unquoted numbers (with an optional sign) become numbers. A column with several such checks keeps the values
 * common to all of them. One pass over the lexer's tokens, so its time grows with the text's length only.
 *
 * @example
 * enumChecks("CREATE TABLE t (`status` text CHECK(status IN ('to_do', 'done')) DEFAULT 'to_do' NOT NULL)");
 * // Map { 'status' => ['to_do', 'done'] }
 */
export function enumChecks(createSql: string): EnumChecks {
  const out: EnumChecks = new Map();
  const tokens = tokenize(createSql);
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'CHECK') || !isPunct(tokens[i + 1], '(')) continue;
    const found = enumCheckAt(tokens, i + 2);
    if (!found) continue;
    const previous = out.get(found.column);
    out.set(found.column, previous ? previous.filter((v) => found.values.includes(v)) : found.values);
  }
  return out;
}

const isName = (t: Token | undefined) => t !== undefined && (t.kind === 'word' || t.kind === 'ident');

/**
 * Reads `<name> IN (<values>) )` from `start` (just after `CHECK (`): the name may be qualified (`"t"."x"`, or an
 * unquoted table name with `-` in it); the values are string literals and signed numbers. Anything else is not an
 * enum check.
 */
function enumCheckAt(tokens: readonly Token[], start: number): { column: string; values: (string | number)[] } | null {
  // The column: names joined by `.` (and `-` inside an unquoted table part), up to IN.
  let i = start;
  let column: Token | undefined;
  let expectName = true;
  for (; i < tokens.length && !isWord(tokens[i], 'IN'); i++) {
    const t = tokens[i];
    if (expectName && isName(t)) {
      column = t;
      expectName = false;
    } else if (!expectName && (isPunct(t, '.') || isPunct(t, '-'))) {
      // A `-` only joins parts of an unquoted table name; the part after the last `.` is the column.
      if (isPunct(t, '-') && !isUnquotedTablePart(tokens, i)) return null;
      expectName = true;
    } else return null;
  }
  if (!column || expectName || !isPunct(tokens[i + 1], '(')) return null;
  const values: (string | number)[] = [];
  let expectValue = true;
  for (i += 2; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (expectValue && t.kind === 'string') values.push(t.value);
    else if (expectValue && t.kind === 'number' && /^\d+(\.\d+)?$/.test(t.value)) values.push(Number(t.value));
    else if (expectValue && (isPunct(t, '-') || isPunct(t, '+')) && tokens[i + 1]?.kind === 'number') {
      const n = tokens[++i] as Token;
      if (!/^\d+(\.\d+)?$/.test(n.value)) return null;
      values.push(Number(`${t.value}${n.value}`));
    } else if (!expectValue && isPunct(t, ',')) {
      expectValue = true;
      continue;
    } else if (!expectValue && isPunct(t, ')')) {
      return isPunct(tokens[i + 1], ')') ? { column: column.value, values } : null;
    } else return null;
    expectValue = false;
  }
  return null;
}

// `MoLOS-X_t.status`: a `-` between unquoted words that a `.` follows later, before IN.
function isUnquotedTablePart(tokens: readonly Token[], dash: number): boolean {
  const before = tokens[dash - 1];
  if (before?.kind !== 'word' || before.end !== tokens[dash]?.start) return false;
  for (let j = dash + 1; j < tokens.length && !isWord(tokens[j], 'IN'); j++) if (isPunct(tokens[j], '.')) return true;
  return false;
}
