/**
 * Module specifiers between the input files: which input file `'./types'` or `'../../../models'` names, and where
 * an exported name is declared, following `export * from` and `export { A } from` chains. Only the files given
 * are searched (nothing is read from disk, nothing is run); chains that loop are cut.
 */
import type { SourceFile as TsFile } from 'ts-morph';
import type { ImportContext } from './context';

/** How the legacy layout imports the module's own models file (the host maps it to the module's `lib/models`). */
const MODELS_ALIAS = /^\$lib\/models\/external_modules\/[^/]+(\/.*)?$/;

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/**
 * `a/b/../c/./d` → `a/c/d`; undefined when `..` climbs above the first folder.
 * @example normalizePath('src/server/db/schema/../../../models') // 'src/models'
 */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/**
 * The specifier that names `target` from a file in folder `fromDir` (both relative to the same root).
 * @example relativeSpecifier('src/server/db/schema/', 'src/models') // '../../../models'
 */
export function relativeSpecifier(fromDir: string, target: string): string {
  const from = fromDir.split('/').filter(Boolean);
  const to = target.split('/').filter(Boolean);
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  const up = from.length - i;
  const rest = to.slice(i).join('/');
  return up === 0 ? `./${rest}` : `${'../'.repeat(up)}${rest}`;
}

/** The path (without extension) a relative or models-alias specifier names from `from`, or undefined. */
export function specifierPath(ctx: ImportContext, from: TsFile, spec: string): string | undefined {
  if (spec === '.' || spec === '..' || spec.startsWith('./') || spec.startsWith('../'))
    return normalizePath(`${dirOf(ctx.pathOf(from))}${spec}`);
  const alias = MODELS_ALIAS.exec(spec);
  if (alias && ctx.modelsFile) {
    const models = ctx.pathOf(ctx.modelsFile);
    return alias[1] ? normalizePath(`${dirOf(models)}${alias[1]}`) : models;
  }
  return undefined;
}

/** The input file a module specifier names from `from` (`x.ts`, `x/index.ts`, `x.js` written for `x.ts`). */
export function resolveSpecifier(ctx: ImportContext, from: TsFile, spec: string): TsFile | undefined {
  const path = specifierPath(ctx, from, spec);
  if (path === undefined) return undefined;
  const base = path.replace(/\.(ts|js|mjs)$/, '');
  for (const candidate of [path, `${base}.ts`, `${base}/index.ts`]) {
    const sf = ctx.byPath.get(candidate);
    if (sf) return sf;
  }
  return undefined;
}

/**
 * Where `name`, as exported by `sf`, is declared: the file and the local name there. Follows `export { a as b }`,
 * re-exports of imported names, `export { A } from` and `export * from`; undefined when it leaves the input files.
 */
export function findExport(
  ctx: ImportContext,
  sf: TsFile,
  name: string,
  seen = new Set<string>(),
): { sf: TsFile; local: string } | undefined {
  const key = `${ctx.files.indexOf(sf)}:${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const exports = ctx.exportsOf.get(sf);
  const entry = exports?.named.get(name);
  if (entry && 'local' in entry) {
    const imp = ctx.imports.get(sf)?.get(entry.local);
    if (!imp) return { sf, local: entry.local };
    const target = imp.name !== '*' && imp.name !== 'default' ? resolveSpecifier(ctx, sf, imp.module) : undefined;
    return target ? findExport(ctx, target, imp.name, seen) : undefined;
  }
  if (entry) {
    const target = entry.name !== '*' ? resolveSpecifier(ctx, sf, entry.from) : undefined;
    return target ? findExport(ctx, target, entry.name, seen) : undefined;
  }
  for (const spec of exports?.stars ?? []) {
    const target = resolveSpecifier(ctx, sf, spec);
    const found = target ? findExport(ctx, target, name, seen) : undefined;
    if (found) return found;
  }
  return undefined;
}
