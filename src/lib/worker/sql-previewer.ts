/** The page's handle on the SQL preview worker (or, in tests, on any function with the same signature). */
import type { Design } from '$lib/core/design';
import type { SqlPreview, SqlPreviewRequest, SqlView } from './sql-preview-protocol';
import { createWorkerClient } from './worker-client';

export interface SqlPreviewer {
  preview(design: Design, options: { safe: boolean; only?: SqlView }): Promise<SqlPreview>;
  dispose(): void;
}

/** A previewer backed by a dedicated Web Worker, started on first use. */
export function createWorkerSqlPreviewer(): SqlPreviewer {
  const client = createWorkerClient<SqlPreviewRequest, SqlPreview>(
    // Vite recognizes this exact form and bundles the worker (with sql.js and its wasm) as a separate chunk.
    () => new Worker(new URL('./sql-preview-worker.ts', import.meta.url), { type: 'module' }),
    'the SQL preview worker',
  );
  return {
    preview: (design, options) => client.call({ type: 'sql-preview', design, safe: options.safe, only: options.only }),
    dispose: () => client.dispose(),
  };
}
