/** The page's handle on the import worker, started on the first import. */
import type { ImportOptions, ImportOutcome, SourceFile } from '$lib/import/types';
import type { ImportRequest } from './import-protocol';
import { createWorkerClient } from './worker-client';

export interface Importer {
  importFiles(files: SourceFile[], options?: ImportOptions): Promise<ImportOutcome>;
  dispose(): void;
}

let shared: Importer | undefined;

/** One importer per page, backed by a dedicated Web Worker (bundled by Vite as its own chunk). */
export function workerImporter(): Importer {
  if (shared) return shared;
  const client = createWorkerClient<ImportRequest, ImportOutcome>(
    () => new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' }),
    'the import worker',
  );
  shared = {
    importFiles: (files, options = {}) => client.call({ type: 'import', files, options }),
    dispose: () => client.dispose(),
  };
  return shared;
}
