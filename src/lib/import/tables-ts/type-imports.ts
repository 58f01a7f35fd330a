/**
 * The imports a `.$type<…>()` type needs. A kept `$type<TaskMeta>()` only compiles when the regenerated tables.ts
 * imports `TaskMeta` again, so every name the type takes from an import of its file is recorded with the module
 * specifier, as tables.ts would write it (`tsTypeImports` on the column; the generator writes `import type`).
 *
 * An aliased import (`import type { Meta as M }`) is recorded under its exported name and the type text is
 * rewritten to that name; so is a namespace import (`M.Meta` → `Meta`). A default import cannot be written as
 * `import type { … }` and is reported.
 */
import { type Identifier, Node } from 'ts-morph';
import type { ImportContext } from './context';
import { dedent } from './helpers';
import { relativeSpecifier, specifierPath } from './specifiers';

export interface TypeImport {
  name: string;
  from: string;
}

const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);

/** True when `id` starts the name of a type: `X`, `X<…>`, `X.Y`, `typeof X`. */
function startsTypeName(id: Identifier): boolean {
  const parent = id.getParent();
  if (Node.isTypeReference(parent)) return parent.getTypeName() === id;
  if (Node.isQualifiedName(parent)) return parent.getLeft() === id;
  if (Node.isTypeQuery(parent)) return parent.getExprName() === id;
  return false;
}

/** The specifier as tables.ts would write it: a relative one written in another schema file is moved over. */
function specifierFromTables(ctx: ImportContext, id: Node, spec: string): string {
  const sf = id.getSourceFile();
  if (sf === ctx.tablesFile || !(spec.startsWith('./') || spec.startsWith('../'))) return spec;
  const target = specifierPath(ctx, sf, spec);
  return target === undefined ? spec : relativeSpecifier(dirOf(ctx.pathOf(ctx.tablesFile)), target);
}

/**
 * The type's text (with aliases resolved) and the imports it needs, in order of first use.
 * @example typeImports(ctx, typeNodeOf('$type<Tag[]>()'), 'tags') // { text: 'Tag[]', imports: [{ name: 'Tag', from: '../../../models' }] }
 */
export function typeImports(ctx: ImportContext, type: Node, key: string): { text: string; imports: TypeImport[] } {
  const sf = type.getSourceFile();
  const imports = ctx.imports.get(sf);
  const start = type.getStart();
  const edits: { from: number; to: number; text: string }[] = [];
  const out: TypeImport[] = [];
  const add = (name: string, from: string) => {
    if (!out.some((x) => x.name === name && x.from === from)) out.push({ name, from });
  };
  const ids = [type, ...type.getDescendants()].filter((n): n is Identifier => Node.isIdentifier(n));
  for (const id of ids) {
    const imp = imports?.get(id.getText());
    if (!imp || !startsTypeName(id)) continue;
    const from = specifierFromTables(ctx, id, imp.module);
    const parent = id.getParent();
    if (imp.name === '*' && Node.isQualifiedName(parent)) {
      const name = parent.getRight().getText();
      edits.push({ from: parent.getStart() - start, to: parent.getEnd() - start, text: name });
      add(name, from);
    } else if (imp.name === '*' || imp.name === 'default') {
      ctx.report(
        'warning',
        'type-import-not-kept',
        id,
        `the type of column ${key} uses ${id.getText()}, a ${imp.name === '*' ? 'namespace' : 'default'} import from '${imp.module}', which the studio cannot import again`,
        `$type<…> without that import (add it by hand)`,
      );
    } else {
      // Another binding with the exported name would be shadowed by `import type { Name }`.
      const clash = imp.name !== id.getText() && (imports?.has(imp.name) || ctx.consts.get(sf)?.has(imp.name));
      if (clash) {
        ctx.report(
          'warning',
          'type-import-not-kept',
          id,
          `the type of column ${key} uses ${id.getText()} (${imp.name} from '${imp.module}'), but ${imp.name} names something else in this file`,
          `$type<…> without that import (add it by hand)`,
        );
        continue;
      }
      if (imp.name !== id.getText())
        edits.push({ from: id.getStart() - start, to: id.getEnd() - start, text: imp.name });
      add(imp.name, from);
    }
  }
  let text = type.getText();
  for (const e of edits.sort((a, b) => b.from - a.from)) text = text.slice(0, e.from) + e.text + text.slice(e.to);
  return { text: dedent(text), imports: out };
}
