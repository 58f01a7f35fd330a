/**
 * The Web Worker behind "Import…": ts-morph (for tables.ts) and sql.js (for SQL) are heavy, so they load here,
 * on the first import, never with the page. It answers one request per import: the files, read as text. Each
 * file the importers read is reported back, so the page's deadline is per file and its message names the file.
 */
import { loadSqlJs } from './sql-js';
import { importFiles } from '../import/import-files';
import { setReadingListener } from '../core/reading';
import type { ImportRequest } from './import-protocol';
import { serveRequests } from './worker-client';

serveRequests((request: ImportRequest & { id: number }, progress) => {
  // One import at a time: the page waits for each before it starts the next.
  setReadingListener((event) => {
    if (event.kind === 'reading') progress({ file: event.file, doing: event.doing });
  });
  return importFiles(request.files, { ...request.options, loadSqlJs });
});
