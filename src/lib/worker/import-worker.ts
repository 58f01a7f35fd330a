/**
 * The Web Worker behind "Import…" and the code editor: ts-morph (for tables.ts) and sql.js (for SQL) are heavy,
 * so they load here, on the first import or edit, never with the page. It answers one request per import: the
 * files, read as text. Each file the importers read is reported back, so the page's deadline is per file and its
 * message names the file.
 */
import { loadSqlJs } from './sql-js';
import { importFiles } from '../import/import-files';
import { IncrementalTablesReader } from '../state/code-incremental';
import { setReadingListener } from '../core/reading';
import type { ImportRequest } from './import-protocol';
import { serveRequests } from './worker-client';

/** The code editor's reader: it keeps the last read, so a keystroke re-reads only the tables it changed. */
const editorReader = new IncrementalTablesReader();

serveRequests((request: ImportRequest & { id: number }, progress) => {
  // One import at a time: the page waits for each before it starts the next.
  setReadingListener((event) => {
    if (event.kind === 'reading') progress({ file: event.file, doing: event.doing });
  });
  // An editor parse is always tables.ts: no need to guess what the files are.
  if (request.type === 'tables-ts') return editorReader.read(request.input, request.options);
  return importFiles(request.files, { ...request.options, loadSqlJs });
});
