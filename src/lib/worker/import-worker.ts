/**
 * The Web Worker behind "Import…": ts-morph (for tables.ts) and sql.js (for SQL) are heavy, so they load here,
 * on the first import, never with the page. It answers one request per import: the files, read as text.
 */
import { loadSqlJs } from './sql-js';
import { importFiles } from '../import/import-files';
import type { ImportRequest } from './import-protocol';
import { serveRequests } from './worker-client';

serveRequests((request: ImportRequest & { id: number }) =>
  importFiles(request.files, { ...request.options, loadSqlJs }),
);
