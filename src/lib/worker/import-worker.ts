/**
 * The Web Worker behind "Import…": ts-morph (for tables.ts) and sql.js (for SQL) are heavy, so they load here,
 * on the first import, never with the page. It answers one request per import: the files, read as text.
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';
// Vite copies the .wasm into the build and gives its URL; sql.js would otherwise look next to the worker script.
import wasmUrl from 'sql.js/dist/sql-wasm.wasm?url';
import { importFiles } from '../import/import-files';
import type { ImportRequest } from './import-protocol';
import { serveRequests } from './worker-client';

let sqlJs: Promise<SqlJsStatic> | undefined;

function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const loading = initSqlJs({ locateFile: () => wasmUrl });
    // A failed load (offline, blocked wasm) is retried on the next import instead of being remembered.
    loading.catch(() => {
      if (sqlJs === loading) sqlJs = undefined;
    });
    sqlJs = loading;
  }
  return sqlJs;
}

serveRequests((request: ImportRequest & { id: number }) =>
  importFiles(request.files, { ...request.options, loadSqlJs }),
);
