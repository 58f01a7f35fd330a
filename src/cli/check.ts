/**
 * `molos-schema check`: the MoLOS rules, one line per issue — for a design file, or directly for existing code
 * (a module folder, a tables.ts, SQL or a drizzle snapshot), which is imported first. Exits 1 only for errors —
 * the design would produce broken code or SQL (src/lib/core/rules/README.md); warnings are MoLOS conventions,
 * which published modules deviate from and run, and never change the exit code.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { setModule } from '../lib/core/operations';
import { checkDesign, hasErrors } from '../lib/core/rules';
import { importInput, printImportMessages } from './import';
import type { CliIo } from './io';
import { readDesign } from './load';
import { readTextFile } from './read-text';
import { formatIssue, summary } from './report';

/** True when `file` is (or claims to be) a design file; a drizzle snapshot or any other input is imported. */
function isDesignFile(io: CliIo, file: string): boolean {
  if (!file.endsWith('.json')) return false;
  const full = resolve(io.cwd, file);
  try {
    if (statSync(full).isDirectory()) return false;
    const data: unknown = JSON.parse(readTextFile(full, file));
    return !(data && typeof data === 'object' && 'dialect' in data && 'tables' in data);
  } catch {
    return true; // readDesign says what is wrong with it
  }
}

export async function check(io: CliIo, file: string, opts: { moduleId?: string }): Promise<number> {
  let design;
  if (isDesignFile(io, file)) {
    design = readDesign(io, file);
    if (opts.moduleId !== undefined) design = setModule(design, { id: opts.moduleId });
  } else {
    const imported = await importInput(io, file, opts.moduleId);
    printImportMessages(io, imported);
    if (!imported.outcome.ok) {
      io.stderr(`molos-schema: ${file} could not be imported, so it was not checked\n`);
      return 2;
    }
    design = imported.outcome.design;
  }
  const issues = checkDesign(design);
  for (const i of issues) io.stdout(`${formatIssue(design, i)}\n`);
  io.stdout(`${design.module.id}: ${summary(issues)}\n`);
  return hasErrors(issues) ? 1 : 0;
}
