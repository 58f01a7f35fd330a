/**
 * Reads the module files a write merges into: every `.ts` file under the schema's and the models' folders (the
 * merge may find an owned declaration in any of them) and the scaffold files, which are never rewritten.
 */
import type { Layout } from '../core/design';
import { layoutPaths } from '../generate/layout-paths';
import { mergeReadFolders } from '../generate/merge/paths';
import type { ModuleFolder } from './module-folder';

/** Enough for any module; a folder past it (a stray `node_modules`?) is not read further. */
const MAX_FILES = 2000;
/** Folders that never hold module source. */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.svelte-kit', 'build', 'dist']);

/** The scaffold files of a layout, which exist once per module and belong to its author after the first write. */
export function scaffoldPaths(layout: Layout): string[] {
  const p = layoutPaths(layout);
  return ['manifest.yaml', 'drizzle.config.ts', p.schemaIndex, ...(p.configFile ? [p.configFile] : [])];
}

async function readTree(folder: ModuleFolder, dir: string, out: Map<string, string>): Promise<void> {
  const entries = (await folder.list(dir)) ?? [];
  for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (out.size >= MAX_FILES) return;
    const path = `${dir}/${e.name}`;
    if (e.kind === 'directory') {
      if (!SKIPPED_DIRS.has(e.name) && !e.name.startsWith('.')) await readTree(folder, path, out);
    } else if (e.name.endsWith('.ts')) {
      const text = await folder.readText(path);
      if (text !== null) out.set(path, text);
    }
  }
}

/**
 * The existing code the merge needs, by path relative to the module folder: `.ts` files under
 * `mergeReadFolders(layout, drizzle.config.ts)` and each scaffold file that exists.
 * @example const existing = await readCodeFiles(folder, 'legacy'); existing.get('lib/models/index.ts');
 */
export async function readCodeFiles(folder: ModuleFolder, layout: Layout): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  // drizzle.config.ts may name a schema file outside both layouts: its folder is read too.
  const config = await folder.readText('drizzle.config.ts');
  for (const dir of mergeReadFolders(layout, config)) await readTree(folder, dir, out);
  for (const path of scaffoldPaths(layout)) {
    if (out.has(path)) continue;
    const text = await folder.readText(path);
    if (text !== null) out.set(path, text);
  }
  return out;
}
