/**
 * Which files of a picked folder an import reads. Kept apart from the importers, so the page can filter a
 * dropped folder without loading them (they run in the import worker).
 */
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.svelte-kit', 'build', 'dist', '.turbo', 'coverage']);

/**
 * True for a file an import may need (sources, configs, migrations), false for dependencies, build output and
 * other files — the page and the CLI read only these from a picked folder.
 * @example isModuleFile('MoLOS-Tasks/node_modules/x/index.ts') // false
 */
export function isModuleFile(path: string): boolean {
  const parts = path.split('/');
  if (parts.some((p) => SKIPPED_DIRS.has(p))) return false;
  return /\.(ts|js|mjs|json|ya?ml|sql)$/.test(path) && !path.endsWith('.d.ts');
}
