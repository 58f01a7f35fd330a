/**
 * The Web Worker that runs the generators. ts-morph (with the TypeScript compiler inside) and Prettier are
 * several megabytes and take a noticeable moment to print a module, so they are loaded here, off the main
 * thread, and only when the page first asks for files. A write into a module folder merges here too.
 */
import { generateMergedModuleFiles, generateModuleFiles } from '$lib/generate/module-files';
import { setReadingListener } from '$lib/core/reading';
import type { GeneratedFile, GeneratorRequest, MergeOutcome } from './protocol';
import { serveRequests } from './worker-client';

serveRequests<GeneratorRequest & { id: number }, GeneratedFile[] | MergeOutcome>((request, progress) => {
  if (request.type !== 'merge') return generateModuleFiles(request.design, request.options);
  // The merge parses the module's own files, which may be hostile: each file it reads restarts the page's
  // deadline, and a parser that never returns gets this worker stopped and replaced (worker-client.ts).
  setReadingListener((event) => {
    if (event.kind === 'reading') progress({ file: event.file, doing: event.doing });
  });
  return generateMergedModuleFiles(request.design, { layout: request.layout, existing: new Map(request.existing) });
});
