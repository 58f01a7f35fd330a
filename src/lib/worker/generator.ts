/**
 * The page talks to the generators through this small interface, so the Web Worker is a detail: tests (or a
 * future server-side use) can pass any function with the generator's signature instead.
 */
import type { Design } from '$lib/core/design';
import type { GenerateOptions, GenerateRequest, GeneratedFile } from './protocol';
import { createWorkerClient } from './worker-client';

export interface ModuleGenerator {
  generate(design: Design, options?: GenerateOptions): Promise<GeneratedFile[]>;
  /** Stops the worker (if any); pending requests are rejected. */
  dispose(): void;
}

/** A generator that runs `generate` in the calling thread (for tests and non-browser hosts). */
export function createInProcessGenerator(
  generate: (design: Design, options?: GenerateOptions) => Promise<GeneratedFile[]>,
): ModuleGenerator {
  return {
    generate: (design, options) => generate(design, options),
    dispose: () => {},
  };
}

/** A generator backed by a dedicated Web Worker, started on first use. */
export function createWorkerGenerator(): ModuleGenerator {
  const client = createWorkerClient<GenerateRequest, GeneratedFile[]>(
    // Vite recognizes this exact form and bundles the worker with its imports as a separate chunk.
    () => new Worker(new URL('./generate-worker.ts', import.meta.url), { type: 'module' }),
    'the generator worker',
  );
  return {
    generate: (design, options) => client.call({ type: 'generate', design, options }),
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
