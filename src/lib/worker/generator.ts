/**
 * The page talks to the generators through this small interface, so the Web Worker is a detail: tests (or a
 * future server-side use) can pass any function with the generator's signature instead.
 */
import type { Design } from '$lib/core/design';
import type { GenerateOptions, GenerateRequest, GenerateResponse, GeneratedFile } from './protocol';

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
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, { resolve: (files: GeneratedFile[]) => void; reject: (error: Error) => void }>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const start = (): Worker => {
    // Vite recognizes this exact form and bundles the worker with its imports as a separate chunk.
    const w = new Worker(new URL('./generate-worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('message', (event: MessageEvent<GenerateResponse>) => {
      const message = event.data;
      const p = pending.get(message.id);
      if (!p) return;
      pending.delete(message.id);
      if (message.ok) p.resolve(message.files);
      else p.reject(new Error(message.error));
    });
    // A script that fails to load or throws at top level never answers: fail the waiting requests instead.
    w.addEventListener('error', (event: ErrorEvent) => {
      event.preventDefault();
      failAll(new Error(`the generator worker failed: ${event.message || 'it could not be loaded'}`));
      w.terminate();
      worker = undefined;
    });
    w.addEventListener('messageerror', () => failAll(new Error('the generator worker sent an unreadable message')));
    return w;
  };

  return {
    generate(design, options) {
      worker ??= start();
      const id = nextId++;
      const request: GenerateRequest = { id, type: 'generate', design, options };
      const target = worker;
      return new Promise<GeneratedFile[]>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        target.postMessage(request);
      });
    },
    dispose() {
      worker?.terminate();
      worker = undefined;
      failAll(new Error('the generator was stopped'));
    },
  };
}
