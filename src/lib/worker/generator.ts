/**
 * The page talks to the generators through this small interface, so the Web Worker is a detail: tests (or a
 * future server-side use) can pass any function with the generator's signature instead.
 */
import type { Design, Layout } from '$lib/core/design';
import type { GenerateOptions, GeneratedFile, GeneratorRequest, MergeOutcome } from './protocol';
import { READ_LIMIT_SECONDS } from '$lib/core/reading';
import { createWorkerClient } from './worker-client';

export interface MergeRequestOptions {
  layout?: Layout;
  /** The module's existing files by path (see `mergeReadFolders`). */
  existing: ReadonlyMap<string, string>;
}

export interface ModuleGenerator {
  generate(design: Design, options?: GenerateOptions): Promise<GeneratedFile[]>;
  /**
   * The module's code merged into its existing files, for a write into a module folder or a zip. Absent on a
   * generator that only prints (some tests); an export then says it cannot merge.
   */
  merge?(design: Design, options: MergeRequestOptions): Promise<MergeOutcome>;
  /** Stops the worker (if any); pending requests are rejected. */
  dispose(): void;
}

/** A generator that runs `generate` (and `merge`, when given) in the calling thread (for tests and non-browser hosts). */
export function createInProcessGenerator(
  generate: (design: Design, options?: GenerateOptions) => Promise<GeneratedFile[]>,
  merge?: (design: Design, options: MergeRequestOptions) => Promise<MergeOutcome>,
): ModuleGenerator {
  return {
    generate: (design, options) => generate(design, options),
    ...(merge ? { merge: (design: Design, options: MergeRequestOptions) => merge(design, options) } : {}),
    dispose: () => {},
  };
}

/** A generator backed by a dedicated Web Worker, started on first use. */
export function createWorkerGenerator(): ModuleGenerator {
  const client = createWorkerClient<GeneratorRequest, GeneratedFile[] | MergeOutcome>(
    // Vite recognizes this exact form and bundles the worker with its imports as a separate chunk.
    () => new Worker(new URL('./generate-worker.ts', import.meta.url), { type: 'module' }),
    'the generator worker',
  );
  return {
    generate: async (design, options) => (await client.call({ type: 'generate', design, options })) as GeneratedFile[],
    merge: async (design, options) =>
      (await client.call(
        { type: 'merge', design, layout: options.layout, existing: [...options.existing] },
        { seconds: READ_LIMIT_SECONDS, reading: 'the module folder' },
      )) as MergeOutcome,
    dispose: () => client.dispose(),
  };
}

let shared: ModuleGenerator | undefined;

/**
 * The page's one generator worker (ts-morph, TypeScript and Prettier: about 1.7 MB gzip), shared by the previews
 * and the exports so an export never starts a second one. Replies are matched by request id, so callers do not
 * disturb each other; it is never disposed.
 */
export function sharedWorkerGenerator(): ModuleGenerator {
  shared ??= createWorkerGenerator();
  return shared;
}
