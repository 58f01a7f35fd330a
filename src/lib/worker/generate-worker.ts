/**
 * The Web Worker that runs the generators. ts-morph (with the TypeScript compiler inside) is several megabytes
 * and takes a noticeable moment to print a module, so it is loaded here, off the main thread, and only when the
 * page first asks for files.
 */
import { generateModuleFiles } from '$lib/generate/module-files';
import type { GenerateRequest, GenerateResponse } from './protocol';

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function reply(message: GenerateResponse): void {
  self.postMessage(message);
}

self.addEventListener('message', (event: MessageEvent<GenerateRequest>) => {
  const request = event.data;
  if (request?.type !== 'generate') return;
  generateModuleFiles(request.design, request.options).then(
    (files) => reply({ id: request.id, ok: true, files }),
    (error: unknown) => reply({ id: request.id, ok: false, error: describeError(error) }),
  );
});
