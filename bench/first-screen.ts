import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The JavaScript the first screen loads, gzip-compressed: the scripts index.html names (entries and module
 * preloads) and everything they import statically; dynamic imports (workers, lazy features) are left out.
 */
export function firstScreenJs(buildDir: string): { files: number; gzip: number; raw: number } {
  const html = readFileSync(join(buildDir, 'index.html'), 'utf8');
  const start = [...html.matchAll(/(?:href="|import\(")\.\/(_app\/[^"]+\.js)"/g)].map((m) => resolve(buildDir, m[1]!));
  const seen = new Set<string>();
  let gzip = 0;
  let raw = 0;
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file);
    raw += code.length;
    gzip += gzipSync(code, { level: 9 }).length;
    // Static imports only: `import … from"./x.js"`, `export … from"./x.js"` and `import"./x.js"`.
    for (const m of code.toString('utf8').matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g))
      visit(resolve(dirname(file), m[1]!));
  };
  start.forEach(visit);
  return { files: seen.size, gzip, raw };
}
