/**
 * What a write into an existing module reads and never rewrites — kept apart from the merge itself (which loads
 * ts-morph and Prettier) so the page's main thread can ask without loading them.
 */
import type { Layout } from '../../core/design';
import type { FileRole } from '../module-files';
import { layoutPaths } from '../layout-paths';

/** Files a module author owns after the first export: created when missing, never rewritten. */
export const SCAFFOLD_ROLES: ReadonlySet<FileRole> = new Set([
  'manifest',
  'drizzle-config',
  'module-config',
  'schema-index',
]);

/** The folder of a `/`-separated path (`''` for a file at the top). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * The `schema` paths `drizzle.config.ts` names, read as text (never run), without a leading `./`.
 * @example configSchemaPaths("export default defineConfig({ schema: './src/server/database/schema.ts' })") // ['src/server/database/schema.ts']
 */
export function configSchemaPaths(text: string): string[] {
  const m = /\bschema\s*:\s*(\[[^\]]*\]|(['"`])[^'"`]*\2)/.exec(text);
  if (!m) return [];
  return [...(m[1] ?? '').matchAll(/(['"`])([^'"`]+)\1/g)]
    .map((x) => (x[2] ?? '').replace(/^\.\//, '').replace(/^\/+/, ''))
    .filter((p) => p !== '' && !p.split('/').includes('..'));
}

/**
 * The folders whose `.ts` files the merge reads (recursively): the schema's and the models' folders of a layout,
 * and the folder of a schema file that `drizzle.config.ts` names elsewhere (pass its text when there is one).
 * @example mergeReadFolders('legacy') // ['lib/server/db/schema', 'lib/models']
 */
export function mergeReadFolders(layout: Layout, drizzleConfig?: string | null): string[] {
  const p = layoutPaths(layout);
  const out = [folderOf(p.schemaFile), folderOf(p.modelsFile)];
  for (const path of drizzleConfig ? configSchemaPaths(drizzleConfig) : []) {
    const dir = path.endsWith('.ts') ? folderOf(path) : path.replace(/\/+$/, '');
    if (dir && !out.includes(dir) && !out.some((o) => dir.startsWith(`${o}/`))) out.push(dir);
  }
  return out;
}
