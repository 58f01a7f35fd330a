/**
 * Test support: runs migration SQL in both engines the studio cares about — sql.js (the in-page database) and
 * better-sqlite3 (what module tests and drizzle use) — the way the MoLOS host does: split on the breakpoint,
 * one transaction, foreign keys on. Returns the resulting schema as SQLite reports it.
 */
import Database from 'better-sqlite3';
import initSqlJs from 'sql.js';

export interface ReportedColumn {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}
export interface ReportedSchema {
  tables: Record<string, { columns: ReportedColumn[]; foreignKeys: unknown[]; indexes: unknown[] }>;
}

export function splitStatements(sql: string): string[] {
  return sql
    .split('--> statement-breakpoint')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const TABLES = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";

/** Applies migrations with better-sqlite3 and reads the schema back through PRAGMA. */
export function applyWithBetterSqlite(migrations: readonly string[]): ReportedSchema {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    for (const sql of migrations) {
      db.transaction(() => {
        for (const statement of splitStatements(sql)) db.prepare(statement).run();
      })();
    }
    const schema: ReportedSchema = { tables: {} };
    for (const { name } of db.prepare(TABLES).all() as { name: string }[]) {
      const q = (pragma: string) => db.prepare(`SELECT * FROM pragma_${pragma}(?)`).all(name);
      schema.tables[name] = {
        columns: (q('table_info') as ReportedColumn[]).map(({ name: n, type, notnull, dflt_value, pk }) => ({
          name: n,
          type,
          notnull,
          dflt_value,
          pk,
        })),
        foreignKeys: q('foreign_key_list').map((r) => omit(r as Record<string, unknown>, ['id', 'seq'])),
        indexes: q('index_list').map((r) => omit(r as Record<string, unknown>, ['seq'])),
      };
    }
    return schema;
  } finally {
    db.close();
  }
}

/** Applies migrations with sql.js and reads the schema back through PRAGMA. */
export async function applyWithSqlJs(migrations: readonly string[]): Promise<ReportedSchema> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  try {
    db.run('PRAGMA foreign_keys = ON');
    for (const sql of migrations) {
      db.run('BEGIN');
      try {
        for (const statement of splitStatements(sql)) db.run(statement);
        db.run('COMMIT');
      } catch (e) {
        db.run('ROLLBACK');
        throw e;
      }
    }
    const rows = (sql: string, params: string[] = []) => {
      const stmt = db.prepare(sql);
      stmt.bind(params);
      const out: Record<string, unknown>[] = [];
      while (stmt.step()) out.push(stmt.getAsObject());
      stmt.free();
      return out;
    };
    const schema: ReportedSchema = { tables: {} };
    for (const { name } of rows(TABLES) as { name: string }[]) {
      const q = (pragma: string) => rows(`SELECT * FROM pragma_${pragma}(?)`, [name]);
      schema.tables[name] = {
        columns: (q('table_info') as unknown as ReportedColumn[]).map(({ name: n, type, notnull, dflt_value, pk }) => ({
          name: n,
          type,
          notnull,
          dflt_value,
          pk,
        })),
        foreignKeys: q('foreign_key_list').map((r) => omit(r, ['id', 'seq'])),
        indexes: q('index_list').map((r) => omit(r, ['seq'])),
      };
    }
    return schema;
  } finally {
    db.close();
  }
}

function omit(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k)));
}
