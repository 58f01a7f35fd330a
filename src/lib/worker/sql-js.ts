/**
 * sql.js for the workers that use SQLite (the SQL previews and the importer): loaded once per worker, with the
 * WebAssembly fetched from the URL Vite gives (sql.js would otherwise look next to the worker script).
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';

let sqlJs: Promise<SqlJsStatic> | undefined;

/** sql.js, loaded on the first call; a failed load (offline, blocked wasm) is retried on the next call. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const loading = initSqlJs({ locateFile: () => wasmUrl });
    loading.catch(() => {
      if (sqlJs === loading) sqlJs = undefined;
    });
    sqlJs = loading;
  }
  return sqlJs;
}
