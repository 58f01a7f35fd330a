/** The page's handle on the import worker, started on the first import. */
import { READ_LIMIT_SECONDS } from '$lib/core/reading';
import type { TablesTsInput } from '$lib/import/tables-ts/context';
import type { ImportOptions, ImportOutcome, SourceFile } from '$lib/import/types';
import type { ImportRequest } from './import-protocol';
import { createWorkerClient } from './worker-client';

export { WorkerTimeoutError } from './worker-client';

export interface Importer {
  /**
   * Imports the files in the worker. A file that takes longer than the limit (TypeScript's parser can loop
   * forever on a few hostile bytes) stops the worker: the call fails with a `WorkerTimeoutError` ("tables.ts could
   * not be read in 30 s (parsing TypeScript)") and the next import starts a fresh worker.
   */
  importFiles(files: SourceFile[], options?: ImportOptions): Promise<ImportOutcome>;
  /**
   * Reads the code editor's tables.ts (and the models file beside it) with the tables.ts importer only, under the
   * same per-file deadline.
   */
  parseTables(input: TablesTsInput, options?: ImportOptions): Promise<ImportOutcome>;
  dispose(): void;
}

/** Names the files until the worker says which one it reads: the one file, or the folder they share. */
function describeFiles(files: readonly SourceFile[]): string {
  if (files.length === 1) return files[0]?.path ?? '';
  const root = files[0]?.path.split('/')[0] ?? '';
  return root && files.every((f) => f.path.startsWith(`${root}/`)) ? `${root}/` : `${files.length} files`;
}

/** An importer on a worker `start` creates (the page's uses a Web Worker; tests pass a fake one). */
export function createImporter(start: () => Worker, seconds = READ_LIMIT_SECONDS): Importer {
  const client = createWorkerClient<ImportRequest, ImportOutcome>(start, 'the import worker');
  return {
    importFiles: (files, options = {}) =>
      client.call({ type: 'import', files, options }, { seconds, reading: describeFiles(files) }),
    parseTables: (input, options = {}) =>
      client.call({ type: 'tables-ts', input, options }, { seconds, reading: input.tables.path }),
    dispose: () => client.dispose(),
  };
}

let shared: Importer | undefined;

/** One importer per page ("Import…", the code editor, "Paste SQL…"), backed by a dedicated Web Worker (bundled by Vite as its own chunk). */
export function workerImporter(): Importer {
  shared ??= createImporter(() => new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }));
  return shared;
}
