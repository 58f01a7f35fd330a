/**
 * Name helpers shared by operations, rules and generators: case conversion, identifier checks and the
 * SQLite and JavaScript reserved words.
 */

/**
 * Every keyword SQLite lists at https://sqlite.org/lang_keywords.html (upper case). SQLite accepts most of them as
 * a bare name (`query`, `key`, `action`…), so the rules use the refused sets below; this full list is what the
 * test probes to derive them, and what random-design generators avoid.
 */
export const SQLITE_KEYWORDS: ReadonlySet<string> = new Set(
  (
    'ABORT ACTION ADD AFTER ALL ALTER ALWAYS ANALYZE AND AS ASC ATTACH AUTOINCREMENT BEFORE BEGIN BETWEEN BY ' +
    'CASCADE CASE CAST CHECK COLLATE COLUMN COMMIT CONFLICT CONSTRAINT CREATE CROSS CURRENT CURRENT_DATE ' +
    'CURRENT_TIME CURRENT_TIMESTAMP DATABASE DEFAULT DEFERRABLE DEFERRED DELETE DESC DETACH DISTINCT DO DROP ' +
    'EACH ELSE END ESCAPE EXCEPT EXCLUDE EXCLUSIVE EXISTS EXPLAIN FAIL FILTER FIRST FOLLOWING FOR FOREIGN FROM ' +
    'FULL GENERATED GLOB GROUP GROUPS HAVING IF IGNORE IMMEDIATE IN INDEX INDEXED INITIALLY INNER INSERT INSTEAD ' +
    'INTERSECT INTO IS ISNULL JOIN KEY LAST LEFT LIKE LIMIT MATCH MATERIALIZED NATURAL NO NOT NOTHING NOTNULL ' +
    'NULL NULLS OF OFFSET ON OR ORDER OTHERS OUTER OVER PARTITION PLAN PRAGMA PRECEDING PRIMARY QUERY RAISE ' +
    'RANGE RECURSIVE REFERENCES REGEXP REINDEX RELEASE RENAME REPLACE RESTRICT RETURNING RIGHT ROLLBACK ROW ROWS ' +
    'SAVEPOINT SELECT SET TABLE TEMP TEMPORARY THEN TIES TO TRANSACTION TRIGGER UNBOUNDED UNION UNIQUE UPDATE ' +
    'USING VACUUM VALUES VIEW VIRTUAL WHEN WHERE WINDOW WITH WITHOUT'
  ).split(' '),
);

/**
 * The keywords SQLite refuses as a bare column name, or reads as something else there (`current_date` is today's
 * date, `null` is NULL): in a column definition, an expression (textEnum's `CHECK(<column> IN (…))`, SELECT,
 * WHERE, ORDER BY), an INSERT column list, `UPDATE … SET` and an index's column list. Derived by running every
 * keyword through sql.js and better-sqlite3 in each of those places (naming.test.ts checks this list against
 * them). Lower case.
 */
export const SQLITE_REFUSED_COLUMN_NAMES: ReadonlySet<string> = new Set(
  (
    'add all alter and as autoincrement between case cast check collate commit constraint create current_date ' +
    'current_time current_timestamp default deferrable delete distinct drop else escape except exists foreign ' +
    'from group having in index insert intersect into is isnull join limit not nothing notnull null on or order ' +
    'primary raise references returning select set table then to transaction union unique update using values ' +
    'when where'
  ).split(' '),
);

/**
 * The keywords SQLite refuses as a bare index name (`CREATE INDEX <name> ON …`, `DROP INDEX <name>`), derived
 * the same way. Lower case.
 */
export const SQLITE_REFUSED_INDEX_NAMES: ReadonlySet<string> = new Set(
  (
    'add all alter and as autoincrement between case check collate commit constraint create default deferrable ' +
    'delete distinct drop else escape except exists foreign from group having if in index insert intersect into ' +
    'is isnull join limit not nothing notnull null on or order primary references returning select set table ' +
    'then to transaction union unique update using values when where'
  ).split(' '),
);

/** Words that cannot name a `const` in strict-mode TypeScript modules. */
export const JS_RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally ' +
    'for function if import in instanceof new null return super switch this throw true try typeof var void ' +
    'while with yield let static implements interface package private protected public await arguments eval ' +
    'undefined NaN Infinity'
  ).split(' '),
);

/** True when `word` is an SQLite keyword, in any letter case (SQLite may still accept it as a name). */
export function isSqlKeyword(word: string): boolean {
  return SQLITE_KEYWORDS.has(word.toUpperCase());
}

/**
 * True when SQLite refuses `name` as a bare column name (or reads it as something else), in any letter case:
 * it must be quoted wherever a query names the column.
 * @example isRefusedColumnName('order') // true
 * @example isRefusedColumnName('query') // false: a keyword SQLite accepts as a name
 */
export function isRefusedColumnName(name: string): boolean {
  return SQLITE_REFUSED_COLUMN_NAMES.has(name.toLowerCase());
}

/**
 * True when SQLite refuses `name` as a bare index name, in any letter case.
 * @example isRefusedIndexName('if') // true
 */
export function isRefusedIndexName(name: string): boolean {
  return SQLITE_REFUSED_INDEX_NAMES.has(name.toLowerCase());
}

/**
 * True when SQLite reads `name` as one identifier token where it is written without quotes: a letter, `_` or any
 * non-ASCII character first, then also digits and `$`. (A keyword it refuses is checked separately.)
 * @example isBareSqlWord('due_date') // true
 * @example isBareSqlWord('due date') // false: two tokens
 */
export function isBareSqlWord(name: string): boolean {
  return /^[A-Za-z_\u0080-\u{10FFFF}][A-Za-z0-9_$\u0080-\u{10FFFF}]*$/u.test(name);
}

/** True for a plain JavaScript identifier (ASCII letters, digits, `_`, `$`; not starting with a digit). */
export function isIdentifier(name: string): boolean {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
}

/** `snake_case`: lower-case words of letters and digits joined by single underscores. */
export function isSnakeCase(name: string): boolean {
  return /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(name);
}

/** `camelCase`: starts with a lower-case letter, letters and digits only. */
export function isCamelCase(name: string): boolean {
  return /^[a-z][a-zA-Z0-9]*$/.test(name);
}

/** `PascalCase`: starts with an upper-case letter, letters and digits only. */
export function isPascalCase(name: string): boolean {
  return /^[A-Z][a-zA-Z0-9]*$/.test(name);
}

/** Splits any spelling (`dueDate`, `due-date`, `Due Date`, `DUE_DATE`) into lower-case words. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toLowerCase());
}

/**
 * Converts a name to snake_case.
 * @example toSnakeCase('dueDate') // 'due_date'
 */
export function toSnakeCase(name: string): string {
  const result = words(name).join('_');
  return /^[0-9]/.test(result) ? `n_${result}` : result;
}

/**
 * Converts a name to camelCase.
 * @example toCamelCase('due_date') // 'dueDate'
 */
export function toCamelCase(name: string): string {
  const [first = '', ...rest] = words(name);
  const result = first + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(result) ? `n${result}` : result;
}

/**
 * Converts a name to PascalCase.
 * @example toPascalCase('task_status') // 'TaskStatus'
 */
export function toPascalCase(name: string): string {
  const camel = toCamelCase(name);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/**
 * Converts a name to an UPPER_SNAKE enum member key.
 * @example toConstantCase('to do') // 'TO_DO'
 */
export function toConstantCase(name: string): string {
  const result = words(name).join('_').toUpperCase();
  return /^[0-9]/.test(result) ? `V_${result}` : result;
}

/** Returns `base`, or `base_2`, `base_3`… (joined with `separator`) — the first one `taken` does not contain. */
export function uniqueName(base: string, taken: (name: string) => boolean, separator = '_'): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${separator}${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/** A usable binding name: the name itself when valid, else a safe stand-in derived from it. */
export function bindingName(name: string, fallback: string): string {
  if (isIdentifier(name) && !JS_RESERVED_WORDS.has(name)) return name;
  const cleaned = name.replace(/[^A-Za-z0-9_$]/g, '_').replace(/^([0-9])/, '_$1');
  return cleaned && isIdentifier(cleaned) && !JS_RESERVED_WORDS.has(cleaned) ? cleaned : fallback;
}
