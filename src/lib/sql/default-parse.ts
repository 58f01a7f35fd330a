/**
 * SQLite's own word on every SQL default of a design, asked before anything is written: the expression must compile
 * as the default of a throwaway table, as exactly one statement that consumes the whole text, and give a value.
 * The rules judge defaults with the lexer (`core/sql-default.ts`); this is the engine agreeing, so that no default
 * the lexer misjudged reaches a module's migration.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { type Design, fullTableName } from '../core/design';
import { sqlDefaultProblem } from '../core/sql-default';

/**
 * Why SQLite does not take `sql` as one column default, or null when it does. The text is compiled in
 * `CREATE TABLE t (x DEFAULT <sql>)`; more than one statement, a compile error, or an error when a row takes the
 * default (`row value misused`) is a problem. Run on a scratch database.
 * @example defaultParseProblem(db, "(lower('X'))") // null
 * @example defaultParseProblem(db, '(1)); SELECT (1') // 'it is 2 statements, not one expression'
 */
export function defaultParseProblem(db: Database, sql: string): string | null {
  const table = '__molos_default_check';
  const text = `CREATE TABLE "${table}" (x DEFAULT ${sql})`;
  let count = 0;
  try {
    const it = db.iterateStatements(text);
    for (const statement of it) {
      count++;
      statement.free();
    }
  } catch (e) {
    // The first statement compiled, so the text goes on past the expression: a second statement SQLite can't compile.
    if (count > 0) return 'it is more than one statement, not one expression';
    return `SQLite refuses it: ${(e as Error).message}`;
  }
  if (count !== 1) return `it is ${count} statements, not one expression`;
  db.run('SAVEPOINT default_check');
  try {
    db.run(text);
    db.run(`INSERT INTO "${table}" DEFAULT VALUES`);
    return null;
  } catch (e) {
    return `SQLite refuses it: ${(e as Error).message}`;
  } finally {
    db.run('ROLLBACK TO default_check');
    db.run('RELEASE default_check');
  }
}

/**
 * One line per SQL default of the design that SQLite refuses although the lexer's rule passed it (`<table>.<column>: why`), for
 * the write plan's refusal. Empty when every default is one expression.
 * @example defaultParseProblems(SQL, design) // ['MoLOS-X_items.note: the SQL default (1, 2) — SQLite refuses it: row value misused']
 */
export function defaultParseProblems(SQL: SqlJsStatic, design: Design): string[] {
  const columns = Object.values(design.columns).filter((c) => c.default?.kind === 'sql');
  if (columns.length === 0) return [];
  const out: string[] = [];
  const db = new SQL.Database();
  try {
    for (const c of columns) {
      if (c.default?.kind !== 'sql') continue;
      const sql = c.default.sql.trim();
      // What the lexer refuses is already a rule error that stops the write: report it once, there.
      if (sql === '' || sqlDefaultProblem(sql) !== null) continue;
      const problem = defaultParseProblem(db, sql);
      if (problem === null) continue;
      const t = design.tables[c.tableId];
      out.push(`${t ? fullTableName(design, t) : c.tableId}.${c.name}: the SQL default ${sql} — ${problem}`);
    }
  } finally {
    db.close();
  }
  return out;
}
