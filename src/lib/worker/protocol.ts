/**
 * Messages between the page and the generator worker. Everything crossing the boundary is plain JSON (a design
 * is plain data by construction), so it survives `postMessage`'s structured clone unchanged. Replies are
 * `WorkerReply<GeneratedFile[]>` (worker-client.ts).
 */
import type { Design } from '$lib/core/design';
import type { GenerateOptions, GeneratedFile } from '$lib/generate/module-files';

export interface GenerateRequest {
  type: 'generate';
  design: Design;
  options?: GenerateOptions;
}

export type { GenerateOptions, GeneratedFile };
