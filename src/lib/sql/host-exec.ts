/**
 * Running one piece of a migration on sql.js the way the host's better-sqlite3 runs it with `db.exec`: every
 * statement in turn, stopping at the first error — and with double-quoted string literals off.
 *
 * better-sqlite3 is compiled with `SQLITE_DQS=0`: a `"…"` that names no column is an error there ("no such
 * column: "x" - should this be a string literal in single-quotes?"), while sql.js keeps SQLite's old fallback and
 * reads it as a string. sql.js exposes no `sqlite3_db_config` and no PRAGMA turns the fallback off, so before a
 * statement with a `"…"` token runs, a copy with every such token written as a backtick-quoted name is prepared
 * (never run): backticks are always names, so the copy behaves as the host does. The original text is what runs,
 * so sqlite_master keeps the real SQL.
 *
 * Statements are cut by SQLite itself (`iterateStatements`, the same loop `sqlite3_exec` runs: each statement is
 * prepared only after the one before has run), so the cut is SQLite's in every corner case.
 */
import type { Database, Statement } from 'sql.js';
import { splitStatements } from './safety/split';
import { tokenize } from './safety/tokens';
import { errorMessage } from './sqljs-rows';

/** Why a piece stopped: SQLite's message (as the host would see it) and the statement that failed. */
export interface PieceError {
  message: string;
  statement: string;
}

/**
 * The statement with every double-quoted token written as a backtick-quoted name (backticks inside doubled), or
 * `null` when it has no double-quoted token.
 *
 * @example
 * backtickCopy('INSERT INTO `t` ("a") SELECT "b" FROM `u`;'); // 'INSERT INTO `t` (`a`) SELECT `b` FROM `u`;'
 */
export function backtickCopy(statement: string): string | null {
  const quoted = tokenize(statement).filter((t) => t.kind === 'ident' && t.quote === '"');
  if (quoted.length === 0) return null;
  let out = '';
  let last = 0;
  for (const t of quoted) {
    out += `${statement.slice(last, t.start)}\`${t.value.replaceAll('`', '``')}\``;
    last = t.end;
  }
  return out + statement.slice(last);
}

/**
 * The error the host (double-quoted strings off) gives for a statement that sql.js prepares fine, or `null` when
 * the host accepts it too. The statement is prepared, never run, so it must be asked right before it runs.
 *
 * @example
 * // with a table t (a text):
 * dqsError(db, 'SELECT "nope" FROM t'); // 'no such column: "nope" - should this be a string literal in single-quotes?'
 * dqsError(db, 'SELECT "a" FROM t'); // null
 */
export function dqsError(db: Database, statement: string): string | null {
  const copy = backtickCopy(statement);
  if (copy === null) return null;
  const copyError = prepareError(db, copy);
  if (copyError === null) return null;
  // When the original fails too, its own error is the one SQLite meets first (as in the host).
  return prepareError(db, statement) ?? hostMessage(copyError, statement);
}

function prepareError(db: Database, sql: string): string | null {
  let prepared: Statement | undefined;
  try {
    prepared = db.prepare(sql);
    return null;
  } catch (error) {
    return errorMessage(error);
  } finally {
    prepared?.free();
  }
}

// SQLite words an unresolved bare name that was written in double quotes differently from one in backticks; the
// copy only has backticks, so the message is put back in the host's words when the original had `"name"`.
function hostMessage(message: string, statement: string): string {
  const m = /^no such column: ([^.]*)$/.exec(message);
  if (!m) return message;
  const name = m[1] ?? '';
  const doubleQuoted = tokenize(statement).some((t) => t.kind === 'ident' && t.quote === '"' && t.value === name);
  return doubleQuoted ? `no such column: "${name}" - should this be a string literal in single-quotes?` : message;
}

/**
 * Runs every statement of `piece` like `db.exec` on the host, stopping at the first error (the statements before
 * it keep their effect, as in `sqlite3_exec`). Returns the error, or `null` when the whole piece ran.
 * `doubleQuotedStrings: true` skips the host's refusal of double-quoted strings (sql.js's own behaviour).
 *
 * @example
 * execLikeHost(db, "CREATE TABLE t (a text); INSERT INTO t VALUES (\"x\")");
 * // { message: 'no such column: "x" - should this be a string literal in single-quotes?', statement: 'INSERT INTO t VALUES ("x")' }
 */
export function execLikeHost(
  db: Database,
  piece: string,
  options: { doubleQuotedStrings?: boolean } = {},
): PieceError | null {
  const it = db.iterateStatements(piece);
  for (;;) {
    let stmt: Statement;
    try {
      const next = it.next();
      if (next.done) return null;
      stmt = next.value;
    } catch (error) {
      // The statement that failed to prepare starts the rest of the piece (asked only here: it copies the rest);
      // the lexer finds where it ends.
      const rest = it.getRemainingSQL() || piece;
      return { message: errorMessage(error), statement: splitStatements(rest)[0]?.text ?? rest.trim() };
    }
    const text = stmt.getSQL();
    try {
      const refused = options.doubleQuotedStrings ? null : dqsError(db, text);
      if (refused !== null) return { message: refused, statement: text.trim() };
      while (stmt.step()) {
        // Rows of a SELECT are read and dropped, as `exec` does.
      }
    } catch (error) {
      return { message: errorMessage(error), statement: text.trim() };
    } finally {
      stmt.free();
    }
  }
}
