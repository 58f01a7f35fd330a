/**
 * The Web Worker that runs the generators. ts-morph (with the TypeScript compiler inside) and Prettier are
 * several megabytes and take a noticeable moment to print a module, so they are loaded here, off the main
 * thread, and only when the page first asks for files. A write into a module folder merges here too.
 */
import { generateMergedModuleFiles, generateModuleFiles } from '$lib/generate/module-files';
import type { GeneratedFile, GeneratorRequest, MergeOutcome } from './protocol';
import { serveRequests } from './worker-client';

serveRequests<GeneratorRequest & { id: number }, GeneratedFile[] | MergeOutcome>((request) =>
  request.type === 'merge'
    ? generateMergedModuleFiles(request.design, { layout: request.layout, existing: new Map(request.existing) })
    : generateModuleFiles(request.design, request.options),
);
