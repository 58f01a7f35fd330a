/**
 * Messages between the page and the generator worker. Everything crossing the boundary is plain JSON (a design
 * is plain data by construction), so it survives `postMessage`'s structured clone unchanged. Replies are
 * `WorkerReply<GeneratedFile[]>` to a `generate` request and `WorkerReply<MergeOutcome>` to a `merge` request
 * (worker-client.ts).
 */
import type { Design, Layout } from '$lib/core/design';
import type { MergeNote, MergeOutcome } from '$lib/generate/merge/index';
import type { GenerateOptions, GeneratedFile } from '$lib/generate/module-files';

export interface GenerateRequest {
  type: 'generate';
  design: Design;
  options?: GenerateOptions;
}

/** Generate the module's code and merge it into the module's existing files (a write into a module folder). */
export interface MergeRequest {
  type: 'merge';
  design: Design;
  layout?: Layout;
  /** The existing files as `[path, text]` pairs: plain JSON, like the rest of the protocol. */
  existing: [string, string][];
}

export type GeneratorRequest = GenerateRequest | MergeRequest;

export type { GenerateOptions, GeneratedFile, MergeNote, MergeOutcome };
