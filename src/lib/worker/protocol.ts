/**
 * Messages between the page and the generator worker. Everything crossing the boundary is plain JSON (a design
 * is plain data by construction), so it survives `postMessage`'s structured clone unchanged.
 */
import type { Design } from '$lib/core/design';
import type { GenerateOptions, GeneratedFile } from '$lib/generate/module-files';

export interface GenerateRequest {
  /** Correlates the reply with its request: several requests may be in flight. */
  id: number;
  type: 'generate';
  design: Design;
  options?: GenerateOptions;
}

export type GenerateResponse =
  { id: number; ok: true; files: GeneratedFile[] } | { id: number; ok: false; error: string };

export type { GenerateOptions, GeneratedFile };
