/**
 * Replays a module's migrations as the MoLOS host does (host-runner.ts, on sql.js) and reads the database back as
 * a drizzle snapshot — the baseline of the next migration when the migrations go past the last snapshot. The
 * caller passes sql.js, so the same code runs in Node, the CLI and the page's worker.
 */
import type { Database, SqlJsStatic } from 'sql.js';
import { createStatements, joinStatements } from './create-sql';
import { enumChecks } from './enum-checks';
import { MigrationFolderError } from './folder-format';
import { type MigrationFile, hostChecksum, nameProblem, sortMigrationFiles } from './host-files';
import { applyMigrations } from './host-runner';
import { type MigrationFolder, previousSnapshot } from './next-migration';
import { type ReplayedHistory, migrationsPastSnapshot } from './replayed-schema';
import { compareSchemas, readSchema } from './schema-report';
import { contentId } from './snapshot';
import { EMPTY_SNAPSHOT_ID, type Snapshot, type SnapshotColumn, type SnapshotTable } from './snapshot-types';
import { isWord, tokenize } from './safety/tokens';
import { parseTableChecks } from './table-checks';
import { queryRows } from './sqljs-rows';

// What SQLite accepts after DEFAULT without parentheses (a signed number or a literal value); PRAGMA table_info
// gives any other default without the parentheses it must be written in.
const LITERAL_DEFAULT =
  /^([+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?|0x[0-9a-f]+|'([^']|'')*'|x'[0-9a-f]*'|null|true|false|current_(time|date|timestamp))$/i;

/**
 * A PRAGMA default's text as drizzle-kit stores defaults: numbers and `true`/`false` raw, anything else as SQL —
 * an expression within the parentheses SQLite requires (PRAGMA drops them).
 * @example storedDefault("strftime('%s','now')") // "(strftime('%s','now'))"
 */
export function storedDefault(text: string | null): string | number | boolean | undefined {
  if (text === null) return undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?(\d+(\.\d+)?|\d(\.\d+)?e[+-]\d+)$/.test(text) && String(Number(text)) === text) return Number(text);
  return LITERAL_DEFAULT.test(text.trim()) ? text : `(${text})`;
}

const quoteValue = (v: string | number) => (typeof v === 'number' ? String(v) : `'${v.replaceAll("'", "''")}'`);

/**
 * The schema of a database as drizzle-kit's snapshot would hold it, in the spelling SQLite keeps (lower-case
 * types, defaults as written), with the design's conventions where drizzle has them: an enum CHECK inside the
 * column's type (`text CHECK(status IN ('a', 'b'))`, as MoLOS's textEnum writes it), a primary key column NOT NULL
 * (drizzle's `.primaryKey()` always is), foreign keys under drizzle-kit's names. UNIQUE constraints come back
 * separately (a snapshot has unique indexes only). Named table-level CHECKs (`CONSTRAINT "n" CHECK(…)`, what
 * drizzle's `check()` writes) are the snapshot's `checkConstraints`, their SQL as SQLite keeps it; unnamed CHECKs
 * other than an enum's, generated expressions, views and triggers have no place in a drizzle snapshot of a MoLOS
 * design and are left out.
 * @example databaseSnapshot(db, { id, prevId }).snapshot.tables['MoLOS-X_items'].columns.title.notNull
 */
export function databaseSnapshot(
  db: Database,
  ids: { id: string; prevId: string },
): { snapshot: Snapshot; uniqueConstraints: ReplayedHistory['uniqueConstraints'] } {
  const sqlOf = new Map(
    queryRows(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table'").map((r) => [
      String(r.name),
      String(r.sql ?? ''),
    ]),
  );
  const tables: Snapshot['tables'] = {};
  const uniqueConstraints: ReplayedHistory['uniqueConstraints'] = [];
  for (const t of readSchema(db).tables) {
    const createSql = sqlOf.get(t.name) ?? '';
    const checks = enumChecks(createSql);
    const enumOf = (column: string) =>
      checks.get(column) ?? [...checks].find(([k]) => k.toLowerCase() === column.toLowerCase())?.[1];
    const autoincrement = tokenize(createSql).some((tok) => isWord(tok, 'AUTOINCREMENT'));
    const pk = t.columns.filter((c) => c.primaryKey > 0).sort((a, b) => a.primaryKey - b.primaryKey);
    const columns: SnapshotTable['columns'] = {};
    for (const c of t.columns) {
      const values = enumOf(c.name);
      const declared = c.type.toLowerCase();
      const single = pk.length === 1 && c.primaryKey > 0;
      const column: SnapshotColumn = {
        name: c.name,
        type: values ? `${declared} CHECK(${c.name} IN (${values.map(quoteValue).join(', ')}))` : declared,
        primaryKey: single,
        notNull: c.notNull || single,
        autoincrement: single && autoincrement,
      };
      const d = storedDefault(c.default);
      if (d !== undefined) column.default = d;
      columns[c.name] = column;
    }
    const indexes: SnapshotTable['indexes'] = {};
    for (const ix of t.indexes) {
      if (ix.name.startsWith('unique(')) {
        uniqueConstraints.push({ table: t.name, columns: ix.columns });
        continue;
      }
      indexes[ix.name] = {
        name: ix.name,
        columns: ix.columns,
        isUnique: ix.unique,
        ...(ix.partial && ix.where !== null ? { where: ix.where } : {}),
      };
    }
    const foreignKeys: SnapshotTable['foreignKeys'] = {};
    for (const fk of t.foreignKeys) {
      const name = `${t.name}_${fk.from.join('_')}_${fk.table}_${fk.to.join('_')}_fk`;
      foreignKeys[name] = {
        name,
        tableFrom: t.name,
        tableTo: fk.table,
        columnsFrom: fk.from,
        columnsTo: fk.to,
        onDelete: fk.onDelete.toLowerCase(),
        onUpdate: fk.onUpdate.toLowerCase(),
      };
    }
    const compositePrimaryKeys: SnapshotTable['compositePrimaryKeys'] = {};
    if (pk.length > 1) {
      const name = `${t.name}_${pk.map((c) => c.name).join('_')}_pk`;
      compositePrimaryKeys[name] = { columns: pk.map((c) => c.name), name };
    }
    tables[t.name] = {
      name: t.name,
      columns,
      indexes,
      foreignKeys,
      compositePrimaryKeys,
      uniqueConstraints: {},
      checkConstraints: Object.fromEntries(
        parseTableChecks(createSql).named.map((c) => [c.name, { name: c.name, value: c.value }]),
      ),
    };
  }
  const snapshot: Snapshot = {
    version: '6',
    dialect: 'sqlite',
    id: ids.id,
    prevId: ids.prevId,
    tables,
    views: {},
    enums: {},
    _meta: { schemas: {}, tables: {}, columns: {} },
    internal: { indexes: {} },
  };
  return { snapshot, uniqueConstraints };
}

/** The named CHECKs of every table, as text to compare (PRAGMA, and so `readSchema`, reports none). */
function namedChecks(db: Database): string {
  const rows = queryRows(db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const named = rows.map((r) => [String(r.name), parseTableChecks(String(r.sql ?? '')).named] as const);
  return JSON.stringify(named.filter(([, checks]) => checks.length > 0));
}

/** True when `db` holds exactly the schema a fresh database of `snapshot` has, its named CHECKs included. */
function sameAsSnapshot(SQL: SqlJsStatic, db: Database, snapshot: Snapshot): boolean {
  const fresh = applyMigrations(SQL, [{ name: '0000_snapshot.sql', sql: joinStatements(createStatements(snapshot)) }]);
  try {
    return (
      fresh.ok &&
      compareSchemas(readSchema(fresh.db), readSchema(db)).length === 0 &&
      namedChecks(fresh.db) === namedChecks(db)
    );
  } finally {
    fresh.db.close();
  }
}

/**
 * The folder with the schema its migrations build (`replayed`) when they go past the last snapshot — replayed
 * exactly as the host runs them — so `nextMigration` starts from the database, not from an older snapshot. The
 * folder comes back as it was when every migration has its snapshot; when the migrations after the last one leave
 * the schema as it says (a data-only migration), `replayed` says so and the last snapshot stays the baseline,
 * drizzle-kit's and the studio's alike. Throws a `MigrationFolderError` when a migration fails under the host: the
 * schema is unknown then.
 * @example const m = nextMigration(design, withReplayedHistory(SQL, folder, history), { now: Date.now() });
 */
export function withReplayedHistory(
  SQL: SqlJsStatic,
  folder: MigrationFolder,
  history: readonly MigrationFile[],
): MigrationFolder {
  if (folder.replayed) return folder;
  const last = previousSnapshot(folder);
  const migrations = migrationsPastSnapshot(
    last?.file ?? null,
    history.map((f) => f.name),
  );
  // Without migrations past the last snapshot there is still one question: does the snapshot describe what the
  // migrations build? A history edited by hand (its SQL NOT NULL where the snapshot says nullable) is replayed
  // too, and the next migration then starts from what the host really has.
  if (migrations.length === 0 && (!last || history.length === 0)) return folder;
  const result = applyMigrations(SQL, history);
  try {
    const failed = result.files.find((f) => f.status === 'failed');
    // With every migration covered by its snapshot, a history that does not replay keeps the snapshot as the
    // baseline (the dry run reports the failure); past the snapshot, nothing else is known.
    if (failed && migrations.length === 0) return folder;
    if (failed)
      throw new MigrationFolderError(
        `drizzle/${failed.name}`,
        `fails under the host (${failed.message}), so the schema the migrations leave is not known`,
      );
    if (last && migrations.length === 0 && sameAsSnapshot(SQL, result.db, last.snapshot)) return folder;
    if (last && sameAsSnapshot(SQL, result.db, last.snapshot))
      return {
        ...folder,
        replayed: {
          snapshot: last.snapshot,
          uniqueConstraints: [],
          migrations,
          lastSnapshot: last.file,
          matchesSnapshot: true,
        },
      };
    const prevId = last?.snapshot.id ?? EMPTY_SNAPSHOT_ID;
    // The same history gives the same id, whatever the design: a baseline made at import names it at export.
    const ran = sortMigrationFiles(history.filter((f) => nameProblem(f.name) === null));
    const id = contentId(JSON.stringify({ prevId, migrations: ran.map((f) => [f.name, hostChecksum(f.sql)]) }));
    const read = databaseSnapshot(result.db, { id, prevId });
    return { ...folder, replayed: { ...read, migrations, lastSnapshot: last?.file ?? null } };
  } finally {
    result.db.close();
  }
}
