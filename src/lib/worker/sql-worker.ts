/**
 * The Web Worker that runs migrations on sql.js, off the main thread. SQLite's WebAssembly (≈ 650 KB) is fetched
 * and compiled on the first request only; every request gets a fresh in-memory database, closed before replying.
 */
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
// Vite copies the .wasm into the build and gives its URL; sql.js would otherwise look next to the worker script.
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { applyMigrations, withoutDb } from '$lib/sql/host-runner';
import { captureRows, compareRows, seedSampleRows } from '$lib/sql/sample-data';
import { compareSchemas, readSchema } from '$lib/sql/schema-report';
import type { RowsRequest, RowsResult, SchemaRequest, SchemaResult, SqlRequest, SqlResponse } from './sql-protocol';

let sqlJs: Promise<SqlJsStatic> | undefined;

function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const loading = initSqlJs({ locateFile: () => wasmUrl });
    // A failed load (offline, blocked wasm) is retried on the next request instead of being remembered.
    loading.catch(() => {
      if (sqlJs === loading) sqlJs = undefined;
    });
    sqlJs = loading;
  }
  return sqlJs;
}

function withDb<T>(db: Database, use: (db: Database) => T): T {
  try {
    return use(db);
  } finally {
    db.close();
  }
}

function schemaOf(SQL: SqlJsStatic, request: SchemaRequest): SchemaResult {
  const applied = applyMigrations(SQL, request.files, request.options);
  const schema = withDb(applied.db, readSchema);
  const result: SchemaResult = { apply: withoutDb(applied), schema };
  if (request.compareTo) {
    const expected = applyMigrations(SQL, request.compareTo, request.options);
    result.drift = compareSchemas(withDb(expected.db, readSchema), schema);
  }
  return result;
}

function rowsOf(SQL: SqlJsStatic, request: RowsRequest): RowsResult {
  const base = applyMigrations(SQL, request.base, request.options);
  return withDb(base.db, (db) => {
    const seed = seedSampleRows(db, request.rowsPerTable);
    const before = captureRows(db);
    const apply = applyMigrations(db, [...request.base, ...request.migration], request.options);
    return {
      base: withoutDb(base),
      seed,
      apply: withoutDb(apply),
      rows: compareRows(before, captureRows(db), request.renames),
    };
  });
}

async function answer(request: SqlRequest): Promise<SqlResponse> {
  const SQL = await loadSqlJs();
  switch (request.type) {
    case 'apply': {
      const applied = applyMigrations(SQL, request.files, request.options);
      applied.db.close();
      return { id: request.id, ok: true, type: 'apply', result: withoutDb(applied) };
    }
    case 'schema':
      return { id: request.id, ok: true, type: 'schema', result: schemaOf(SQL, request) };
    case 'rows':
      return { id: request.id, ok: true, type: 'rows', result: rowsOf(SQL, request) };
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

self.addEventListener('message', (event: MessageEvent<SqlRequest>) => {
  const request = event.data;
  if (!request || !['apply', 'schema', 'rows'].includes(request.type)) return;
  answer(request).then(
    (response) => self.postMessage(response),
    (error: unknown) =>
      self.postMessage({ id: request.id, ok: false, error: describeError(error) } satisfies SqlResponse),
  );
});
