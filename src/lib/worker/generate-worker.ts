/**
 * The Web Worker that runs the generators. ts-morph (with the TypeScript compiler inside) and Prettier are
 * several megabytes and take a noticeable moment to print a module, so they are loaded here, off the main
 * thread, and only when the page first asks for files.
 */
import { generateModuleFiles } from '$lib/generate/module-files';
import type { GenerateRequest } from './protocol';
import { serveRequests } from './worker-client';

serveRequests((request: GenerateRequest & { id: number }) => generateModuleFiles(request.design, request.options));
