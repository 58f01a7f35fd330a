/**
 * When two spellings mean the same schema: SQL expressions that differ only in spacing, letter case or
 * `false`/`0`, and column types SQLite treats alike (the same affinity, the same enum CHECK values). A database
 * read back after hand-written migrations spells things its own way (`TEXT`, `DEFAULT (strftime('%s', 'now'))`);
 * the design spells them as drizzle-kit would. Neither spelling changes what SQLite stores or refuses.
 */
import { enumChecks } from './enum-checks';
import { tokenize } from './safety/tokens';

/**
 * A SQL expression with spacing and letter case of words normalised (`( 0 )`, `(0)`, `false` and `0` compare
 * equal); string literals keep their exact text, names compare without their quotes.
 * @example normalizeExpression("(strftime('%s', 'now'))") === normalizeExpression("(STRFTIME('%s','now'))") // true
 */
export function normalizeExpression(sql: string): string {
  const tokens = tokenize(sql).map((t) => {
    if (t.kind === 'string') return `'${t.value.replaceAll("'", "''")}'`;
    if (t.kind === 'word') {
      const upper = t.value.toUpperCase();
      if (upper === 'FALSE') return '0';
      if (upper === 'TRUE') return '1';
      return t.value.toLowerCase();
    }
    return t.value.toLowerCase();
  });
  // `(0)` is the constant 0; an expression such as `(strftime(…))` keeps its parentheses.
  if (tokens.length === 3 && tokens[0] === '(' && tokens[2] === ')') return tokens[1] ?? '';
  return tokens.join(' ');
}

/** A drizzle snapshot default (SQL text, or a raw number or boolean) as SQL text. */
const defaultSql = (value: string | number | boolean) =>
  typeof value === 'boolean' ? (value ? '1' : '0') : String(value);

/**
 * True when two snapshot defaults give the same value: both absent, or the same expression once normalised.
 * @example sameDefault(false, '0') // true
 */
export function sameDefault(
  a: string | number | boolean | undefined,
  b: string | number | boolean | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return normalizeExpression(defaultSql(a)) === normalizeExpression(defaultSql(b));
}

/**
 * The affinity SQLite gives a declared type (sqlite.org/datatype3.html §3.1, in its order of rules).
 * @example typeAffinity('VARCHAR(255)') // 'TEXT'
 */
export function typeAffinity(declared: string): 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC' {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t.includes('BLOB') || t.trim() === '') return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

/** A snapshot column type split into its declared type and the values of its enum CHECK, if it has one. */
export function splitType(type: string): { declared: string; values: (string | number)[] | null } {
  const at = /\bCHECK\s*\(/i.exec(type);
  if (!at) return { declared: type.trim(), values: null };
  const checks = [...enumChecks(`CREATE TABLE t (c ${type.slice(at.index)})`).values()];
  return { declared: type.slice(0, at.index).trim(), values: checks[0] ?? null };
}

/**
 * True when two snapshot column types behave the same in SQLite: the same affinity, and the same enum CHECK values
 * (in any order) or no CHECK on either.
 * @example sameType('TEXT', 'text') // true
 * @example sameType("text CHECK(s IN ('a', 'b'))", "text CHECK(s IN ('b', 'a'))") // true
 */
export function sameType(a: string, b: string): boolean {
  const x = splitType(a);
  const y = splitType(b);
  if (typeAffinity(x.declared) !== typeAffinity(y.declared)) return false;
  if (x.values === null || y.values === null) return x.values === y.values && !/\bCHECK\b/i.test(a + b);
  const key = (v: (string | number)[]) => v.map((e) => `${typeof e}:${e}`).sort();
  return JSON.stringify(key(x.values)) === JSON.stringify(key(y.values));
}
