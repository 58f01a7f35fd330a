/**
 * SQL DDL import: a `CREATE TABLE`/`CREATE INDEX` script or a module's migration history is run on an empty
 * in-memory sql.js database — migration files in the host's numeric order, cut into pieces exactly as the host
 * cuts them (host-files.ts: comment lines dropped, the `;` fallback without breakpoints), with its "already
 * applied" tolerance and its refusal of double-quoted strings; any other script as SQLite reads it —
 * and the schema is read back through PRAGMA (table_xinfo, index_list, index_xinfo, foreign_key_list). What
 * PRAGMA does not say (textEnum CHECKs, other CHECKs, AUTOINCREMENT) is read from the `CREATE TABLE` text SQLite
 * keeps. Only schema statements run: data statements, transactions and most PRAGMAs are skipped (and said so),
 * so no script can loop or touch anything outside the database.
 */
import type { Database, SqlJsStatic, Statement } from 'sql.js';
import { dqsError } from '../../sql/host-exec';
import { fileOffset, hostStatements, hostTolerates, nameProblem, sortMigrationFiles } from '../../sql/host-files';
import { IGNORED_TABLES, readSchema } from '../../sql/schema-report';
import { errorMessage, queryRows } from '../../sql/sqljs-rows';
import { baselineFor, isMetaJson, lastSnapshot, readDrizzleHistory } from '../schema/baseline';
import { type StatementKind, lineIndex, parseCreateTable, statementKind } from '../schema/ddl-text';
import { skipSpaceAndComments } from '../../core/sql-lexer';
import { designFromRaw } from '../schema/design-from-raw';
import type { Place, RawColumn, RawIndex, RawSchema, RawTable } from '../schema/raw-schema';
import { readingFile } from '../../core/reading';
import type { ImportMessage, ImportOptions, ImportOutcome, SourceFile } from '../types';

export interface SqlImportOptions extends ImportOptions {
  /** Loads sql.js (the page's worker passes one that knows where the .wasm is). Default: `initSqlJs()`. */
  loadSqlJs?: () => Promise<SqlJsStatic>;
}

async function defaultSqlJs(): Promise<SqlJsStatic> {
  const mod = await import('sql.js');
  return mod.default();
}

/** PRAGMAs that shape the schema or the way migrations run; any other is skipped. */
const RUN_PRAGMAS = new Set(['foreign_keys', 'defer_foreign_keys', 'legacy_alter_table']);

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

interface Runner {
  db: Database;
  messages: ImportMessage[];
  /** Where each table (by lower-case name) and column (`table\0column`) was defined. */
  tablePlaces: Map<string, Place>;
  columnPlaces: Map<string, Place>;
  otherPlaces: Map<string, Place>;
}

const key = (table: string, column = '') => `${table.toLowerCase()}\0${column.toLowerCase()}`;

class StatementError extends Error {
  constructor(
    readonly place: Place,
    message: string,
  ) {
    super(message);
  }
}

/** How one piece of text is run: where its offsets are in the file, and whether the host runs it. */
interface Piece {
  text: string;
  /** The file offset of an offset in `text`. */
  toFile: (offset: number) => number;
  /** A piece of a migration the host runs: its tolerance and its refusal of double-quoted strings apply. */
  host: boolean;
}

/** Runs (or skips) the statements of one piece. */
function runChunk(r: Runner, piece: Piece, at: (o: number) => Place): void {
  const { text: chunk, toFile } = piece;
  const it = r.db.iterateStatements(chunk);
  let skippedData: { count: number; place: Place } | null = null;
  // Where the next statement's text begins in the chunk: each statement's text (getSQL) is exactly what it
  // consumed, leading space and comments included. (Asking sql.js for the remaining text each time is quadratic.)
  let cursor = 0;
  // The host takes some errors for "already applied": the rest of the piece is skipped and the file goes on.
  const fail = (place: Place, message: string): false => {
    if (!piece.host || !hostTolerates(message, chunk)) throw new StatementError(place, message);
    r.messages.push({
      ...place,
      severity: 'warning',
      code: 'already-applied',
      message: `the statement fails (${message}); the MoLOS host takes that for "already applied", skips the rest of this chunk and goes on`,
      kept: 'what the statements before it built',
    });
    return false;
  };
  for (;;) {
    const start = toFile(skipSpaceAndComments(chunk, cursor));
    let stmt: Statement | undefined;
    try {
      const next = it.next();
      if (next.done) break;
      stmt = next.value;
    } catch (e) {
      fail(at(start), errorMessage(e));
      break;
    }
    const place = at(start);
    try {
      const text = stmt.getSQL();
      // Where `text` begins in the piece (before its leading space and comments).
      const textAt = cursor;
      cursor = chunk.startsWith(text, cursor) ? cursor + text.length : chunk.length - it.getRemainingSQL().length;
      const kind = statementKind(text);
      if (kind.kind === 'data') {
        skippedData ??= { count: 0, place };
        skippedData.count++;
        continue;
      }
      const skip = skipReason(kind);
      if (skip) {
        r.messages.push({ ...place, severity: skip.severity, code: skip.code, message: skip.message });
        continue;
      }
      const refused = piece.host ? dqsError(r.db, text) : null;
      if (refused !== null && !fail(place, refused)) break;
      try {
        while (stmt.step()) {
          /* schema statements return no rows */
        }
      } catch (e) {
        if (!fail(place, errorMessage(e))) break;
      }
      record(r, kind, text, place, (o) => at(toFile(textAt + o)));
    } finally {
      stmt.free();
    }
  }
  if (skippedData) {
    const n = skippedData.count;
    r.messages.push({
      ...skippedData.place,
      severity: 'info',
      code: 'data-statement',
      message: `${n} data statement${n === 1 ? '' : 's'} (INSERT, UPDATE, DELETE, SELECT) not run: only the schema is imported`,
    });
  }
}

function skipReason(k: StatementKind): { severity: ImportMessage['severity']; code: string; message: string } | null {
  if (k.kind === 'create-table' && k.asSelect)
    return {
      severity: 'warning',
      code: 'create-table-as',
      message: `CREATE TABLE "${k.name}" AS SELECT is not run: a table made from a query has no declared schema; the table is left out`,
    };
  if (k.kind === 'create-table' && k.virtual)
    return {
      severity: 'warning',
      code: 'virtual-table',
      message: `virtual table "${k.name}" is not run: a design holds ordinary tables; the table is left out`,
    };
  if ((k.kind === 'create-table' || k.kind === 'create-view' || k.kind === 'create-trigger') && k.temp)
    return {
      severity: 'info',
      code: 'temporary',
      message: `temporary ${k.kind.slice(7)} "${k.name}" is not part of the schema and is not run`,
    };
  if (k.kind === 'pragma' && !RUN_PRAGMAS.has(k.name))
    return { severity: 'info', code: 'pragma', message: `PRAGMA ${k.name} is not run: it does not change the schema` };
  if (k.kind === 'transaction')
    return {
      severity: 'info',
      code: 'transaction',
      message: 'transaction statements are not run: each file is read as a whole',
    };
  if (k.kind === 'other')
    return { severity: 'warning', code: 'statement-skipped', message: `${k.word || 'this'} statement is not run` };
  return null;
}

/** Remembers where tables and columns were defined, following renames. */
function record(
  r: Runner,
  k: StatementKind,
  text: string,
  /** Where the statement starts (after its leading space and comments). */
  place: Place,
  /** The place of an offset in `text`. */
  inText: (o: number) => Place,
): void {
  if (k.kind === 'create-table') {
    r.tablePlaces.set(key(k.name), place);
    for (const c of parseCreateTable(text).columns) r.columnPlaces.set(key(k.name, c.name), inText(c.start));
  } else if (k.kind === 'alter-table' && k.renameTo) {
    const place = r.tablePlaces.get(key(k.table));
    if (place) r.tablePlaces.set(key(k.renameTo), place);
    for (const [ck, p] of [...r.columnPlaces]) {
      const prefix = key(k.table);
      if (ck.startsWith(prefix)) r.columnPlaces.set(key(k.renameTo) + ck.slice(prefix.length), p);
    }
  } else if (k.kind === 'alter-table' && k.addColumn) {
    r.columnPlaces.set(key(k.table, k.addColumn), place);
  } else if (k.kind === 'create-view' || k.kind === 'create-trigger' || k.kind === 'create-index') {
    r.otherPlaces.set(key(k.name), place);
  }
}

/** A PRAGMA default's text in drizzle-kit's snapshot form: numbers and `true`/`false` unquoted, the rest as SQL. */
function storedDefault(text: string | null): string | number | boolean | undefined {
  if (text === null) return undefined;
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?(\d+(\.\d+)?|\d(\.\d+)?e[+-]\d+)$/.test(text) && String(Number(text)) === text) return Number(text);
  return text;
}

function rawTables(r: Runner, fallback: Place): RawTable[] {
  const report = readSchema(r.db);
  const sqlOf = new Map(
    queryRows(r.db, "SELECT name, sql FROM sqlite_master WHERE type = 'table'").map((row) => [
      String(row.name),
      String(row.sql ?? ''),
    ]),
  );
  const indexOrder = queryRows(r.db, "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY rowid").map((row) =>
    String(row.name),
  );
  const tables: RawTable[] = [];
  for (const t of report.tables) {
    if (IGNORED_TABLES.includes(t.name)) continue;
    const place = r.tablePlaces.get(key(t.name)) ?? fallback;
    const text = parseCreateTable(sqlOf.get(t.name) ?? '');
    const textOf = (name: string) => text.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    const pk = t.columns.filter((c) => c.primaryKey > 0).sort((a, b) => a.primaryKey - b.primaryKey);
    const names = t.columns.map((c) => c.name);
    const columns: RawColumn[] = t.columns.map((c) => {
      const ct = textOf(c.name);
      return {
        name: c.name,
        type: c.type,
        notNull: c.notNull,
        primaryKey: c.primaryKey > 0,
        autoincrement: ct?.autoincrement ?? false,
        default: storedDefault(c.default === null ? null : (ct?.defaultText ?? c.default)),
        generated: c.generated ? { as: '…', type: c.generated } : undefined,
        enumValues: ct?.enumValues,
        otherChecks: ct?.otherChecks ?? [],
        place: r.columnPlaces.get(key(t.name, c.name)) ?? place,
      };
    });
    const rank = (name: string) => {
      const i = indexOrder.indexOf(name);
      return i < 0 ? -1 : i;
    };
    const indexes: RawIndex[] = t.indexes
      .map((ix) => {
        const constraint = ix.name.startsWith('unique(');
        return {
          name: ix.name,
          columns: ix.columns,
          unique: ix.unique,
          where: ix.where,
          expression: ix.columns.some((c) => !names.includes(c)),
          constraint,
          place: r.otherPlaces.get(key(ix.name)) ?? place,
        };
      })
      .sort((a, b) => (a.constraint === b.constraint ? rank(a.name) - rank(b.name) : a.constraint ? -1 : 1));
    const position = (c: string | undefined) => names.indexOf(c ?? '');
    const foreignKeys = [...t.foreignKeys]
      .sort((a, b) => position(a.from[0]) - position(b.from[0]))
      .map((fk) => ({
        columnsFrom: fk.from,
        tableTo: fk.table,
        columnsTo: fk.to,
        onDelete: fk.onDelete.toLowerCase(),
        onUpdate: fk.onUpdate.toLowerCase(),
      }));
    tables.push({
      name: t.name,
      columns,
      indexes,
      foreignKeys,
      compositePrimaryKey: pk.length > 1 ? pk.map((c) => c.name) : undefined,
      checks: text.checks,
      place,
    });
  }
  return tables;
}

/**
 * Imports SQL files: one script, or a migration history (`drizzle/NNNN_name.sql`, run in numeric order, with
 * `drizzle/meta` snapshots when present — the last one becomes the design's baseline).
 * A statement SQLite rejects gives `ok: false` with its file and line.
 * @example await importSql([{ path: 'schema.sql', text: 'CREATE TABLE `MoLOS-X_items` (…);' }])
 */
export async function importSql(files: SourceFile[], opts: SqlImportOptions = {}): Promise<ImportOutcome> {
  const messages: ImportMessage[] = [];
  const history = readDrizzleHistory(
    files.filter((f) => isMetaJson(f.path)),
    'warning',
  );
  messages.push(...history.messages);
  const sqlFiles = files.filter((f) => f.path.endsWith('.sql'));
  const runnable = sqlFiles.filter((f) => {
    if (!f.path.endsWith('.down.sql')) return true;
    messages.push({
      severity: 'info',
      code: 'down-migration',
      file: f.path,
      line: 0,
      column: 0,
      message: 'a .down.sql file is never applied by the host; it is not run',
    });
    return false;
  });
  if (runnable.length === 0) {
    const file = files[0]?.path ?? '(no file)';
    return {
      ok: false,
      messages: [
        ...messages,
        { severity: 'error', code: 'no-sql', file, line: 0, column: 0, message: 'there is no .sql file to import' },
      ],
    };
  }
  const ordered = sortMigrationFiles(runnable.map((f) => ({ name: baseName(f.path), file: f }))).map((x) => x.file);
  const SQL = await (opts.loadSqlJs ?? defaultSqlJs)();
  const db = new SQL.Database();
  const r: Runner = { db, messages, tablePlaces: new Map(), columnPlaces: new Map(), otherPlaces: new Map() };
  try {
    // One transaction around everything (never committed: the database is thrown away) spares SQLite a commit
    // per statement, several times faster on large scripts. Transaction statements in the input are skipped.
    db.run('BEGIN');
    for (const file of ordered) {
      readingFile(file.path, 'running its SQL on an in-memory SQLite');
      const lines = lineIndex(file.text);
      const at = (offset: number): Place => ({ file: file.path, ...lines(offset) });
      if (nameProblem(baseName(file.path)) === null) {
        // A migration the host runs: exactly the pieces it hands to SQLite.
        for (const piece of hostStatements(file.text).pieces) {
          runChunk(r, { text: piece.text, toFile: (o) => fileOffset(piece, o), host: true }, at);
        }
      } else {
        runChunk(r, { text: file.text, toFile: (o) => o, host: false }, at);
      }
    }
    const last = ordered[ordered.length - 1] as SourceFile;
    const raw: RawSchema = { tables: rawTables(r, { file: last.path, line: 0, column: 0 }) };
    for (const row of queryRows(db, "SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger')")) {
      const name = String(row.name);
      const place = r.otherPlaces.get(key(name)) ?? { file: last.path, line: 0, column: 0 };
      messages.push({
        ...place,
        severity: 'warning',
        code: row.type === 'view' ? 'view' : 'trigger',
        message: `${String(row.type)} "${name}" is not part of a design`,
        kept: 'nothing: the module keeps it in its own migrations',
      });
    }
    const built = designFromRaw(raw, { moduleId: opts.moduleId, layout: opts.layout, file: last.path });
    messages.push(...built.messages);
    const snap = lastSnapshot(history);
    if (snap) built.design.baseline = baselineFor(built.design, snap.snapshot, built.importedNames);
    if (raw.tables.length === 0)
      messages.push({
        severity: 'warning',
        code: 'no-tables',
        file: last.path,
        line: 0,
        column: 0,
        message: 'the SQL creates no tables',
      });
    return { ok: true, design: built.design, messages, suggestions: [] };
  } catch (e) {
    if (!(e instanceof StatementError)) throw e;
    return {
      ok: false,
      messages: [
        ...messages,
        { ...e.place, severity: 'error', code: 'sql-error', message: `the statement fails: ${e.message}` },
      ],
    };
  } finally {
    db.close();
  }
}
