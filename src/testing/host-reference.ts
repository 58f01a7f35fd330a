/**
 * Test support: a second, independent model of how the MoLOS host applies a module's migrations, on
 * better-sqlite3 — the host's own engine, compiled (like the host's) with double-quoted string literals off. It is
 * written straight from ../shared/molos-conventions.md §4 in the plainest way, sharing no code with
 * src/lib/sql/host-*.ts, so that tests can require the sql.js runner to reach the same outcome on every input.
 */
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

export interface ReferenceFile {
  name: string;
  sql: string;
}

export type ReferenceOutcome =
  | { name: string; status: 'skipped'; reason: string }
  | { name: string; status: 'applied'; tolerated: { index: number; message: string }[] }
  | { name: string; status: 'failed'; message: string; tolerated: { index: number; message: string }[] };

export interface ReferenceRun {
  /** The outcomes of each run, in the host's order. */
  runs: ReferenceOutcome[][];
  /** `type name sql` of every schema object, sorted, the tracking table left out. */
  schema: string[];
  /** Every row of every user table, as JSON lines per table. */
  rows: Record<string, string[]>;
}

/** §4: the host's statement splitting. */
export function referenceParse(sql: string): string[] {
  if (sql.includes('--> statement-breakpoint')) {
    return sql
      .split('--> statement-breakpoint')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
      .map((s) =>
        s
          .split('\n')
          .filter((line) => !(line.trim().startsWith('--') && !line.trim().includes(';')))
          .join('\n')
          .trim(),
      )
      .filter((s) => s.length > 0);
  }
  const stripLeading = (piece: string) => {
    const lines = piece.split('\n');
    let i = 0;
    while (i < lines.length && (lines[i] ?? '').trim().startsWith('--')) i++;
    return lines.slice(i).join('\n').trim();
  };
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const c = sql.charAt(i);
    if ((c === "'" || c === '"') && (i === 0 || sql.charAt(i - 1) !== '\\')) {
      if (quote === null) quote = c;
      else if (quote === c) quote = null;
    }
    if (c === ';' && quote === null) {
      const s = stripLeading(current.trim());
      if (s) out.push(s);
      current = '';
    } else current += c;
  }
  const last = stripLeading(current.trim());
  if (last) out.push(last);
  return out;
}

const alreadyApplied = (message: string, statement: string) => {
  const upper = statement.toUpperCase();
  return (
    message.includes('already exists') ||
    message.includes('duplicate column name') ||
    (message.includes('no such column') && (upper.includes('RENAME COLUMN') || upper.includes('DROP COLUMN'))) ||
    (message.includes('no such table') && upper.includes('DROP TABLE'))
  );
};

const checksum = (sql: string) =>
  createHash('sha256')
    .update(
      sql
        .replace(/\r\n/g, '\n')
        .replace(/[ \t]+/g, ' ')
        .replace(/\n\s*\n/g, '\n')
        .trim(),
    )
    .digest('hex');

/**
 * Applies each list of files (as a `drizzle/` folder lists them) in turn on one new better-sqlite3 database, the
 * host's way (so a second run sees what the first recorded). Returns each file's outcome and the final state.
 */
export function referenceApply(runs: readonly (readonly ReferenceFile[])[]): ReferenceRun {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    db.exec(`CREATE TABLE IF NOT EXISTS molos_migrations (id INTEGER PRIMARY KEY AUTOINCREMENT,
      migration_name TEXT NOT NULL, module TEXT NOT NULL, version INTEGER NOT NULL, checksum TEXT NOT NULL,
      applied_at INTEGER NOT NULL, execution_time_ms INTEGER NOT NULL, success INTEGER NOT NULL,
      rollback_available INTEGER NOT NULL, sql_content TEXT, error_message TEXT)`);
    const outcomes = runs.map((files) => runOnce(db, files));
    return { runs: outcomes, ...state(db) };
  } finally {
    db.close();
  }
}

function runOnce(db: Database.Database, files: readonly ReferenceFile[]): ReferenceOutcome[] {
  const outcomes: ReferenceOutcome[] = [];
  const listed = files.filter((f) => f.name.endsWith('.sql') && !f.name.endsWith('.down.sql'));
  const valid: ReferenceFile[] = [];
  for (const f of [...listed].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (/^\d+_[a-z0-9_]+(\.sql)?$/.test(f.name)) valid.push(f);
    else outcomes.push({ name: f.name, status: 'skipped', reason: 'invalid-name' });
  }
  const version = (name: string) => Number(/^(\d+)/.exec(name)?.[1] ?? 0);
  valid.sort((a, b) => version(a.name) - version(b.name));
  for (const f of valid) {
    const sum = checksum(f.sql);
    const done = db
      .prepare(
        "SELECT checksum FROM molos_migrations WHERE migration_name = ? AND module = 'm' AND success = 1 ORDER BY applied_at DESC LIMIT 1",
      )
      .get(f.name) as { checksum: string } | undefined;
    if (done) {
      if (done.checksum === sum || done.checksum === 'unknown')
        outcomes.push({ name: f.name, status: 'skipped', reason: 'already-applied' });
      else outcomes.push({ name: f.name, status: 'failed', message: 'checksum mismatch', tolerated: [] });
      continue;
    }
    const id = db
      .prepare(
        "INSERT INTO molos_migrations (migration_name, module, version, checksum, applied_at, execution_time_ms, success, rollback_available) VALUES (?, 'm', ?, ?, 0, 0, 0, 0)",
      )
      .run(f.name, version(f.name), sum).lastInsertRowid;
    const tolerated: { index: number; message: string }[] = [];
    try {
      db.exec('BEGIN TRANSACTION');
      referenceParse(f.sql).forEach((statement, index) => {
        try {
          db.exec(statement);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          if (!alreadyApplied(message, statement)) throw e;
          tolerated.push({ index, message });
        }
      });
      db.exec('COMMIT');
      db.prepare('UPDATE molos_migrations SET success = 1 WHERE id = ?').run(id);
      outcomes.push({ name: f.name, status: 'applied', tolerated });
    } catch (e) {
      try {
        db.exec('ROLLBACK');
      } catch {
        // already rolled back
      }
      const message = e instanceof Error ? e.message : String(e);
      db.prepare('UPDATE molos_migrations SET error_message = ? WHERE id = ?').run(message, id);
      outcomes.push({ name: f.name, status: 'failed', message, tolerated });
    }
  }
  return outcomes;
}

function state(db: Database.Database): Omit<ReferenceRun, 'runs'> {
  const schema = (
    db
      .prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND tbl_name <> 'molos_migrations'",
      )
      .all() as { type: string; name: string; sql: string | null }[]
  )
    .map((r) => `${r.type} ${r.name} ${r.sql ?? ''}`)
    .sort();
  const rows: Record<string, string[]> = {};
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'molos_migrations' ORDER BY name",
    )
    .all() as { name: string }[];
  for (const { name } of tables) {
    rows[name] = (db.prepare(`SELECT * FROM "${name.replaceAll('"', '""')}"`).all() as unknown[])
      .map((r) => JSON.stringify(r))
      .sort();
  }
  return { schema, rows };
}
