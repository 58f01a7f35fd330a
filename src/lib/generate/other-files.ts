/**
 * The module's smaller files: the models file (enums as const objects + same-named types), schema/index.ts,
 * drizzle.config.ts (the `dialect: "sqlite"` form), manifest.yaml and, for the current layout, src/config.ts.
 */
import { type SourceFile, VariableDeclarationKind } from 'ts-morph';
import { stringify } from 'yaml';
import { type Design, type Layout, moduleDisplayName } from '../core/design';
import { docLines, jsDoc, propertyKey, str } from './code-text';
import { layoutPaths } from './layout-paths';
import { resolveBindings } from './tables-ts';

/** Adds the models file's statements: `export const X = {...} as const;` and `export type X = ...;` per enum. */
export function writeModelsTs(sf: SourceFile, design: Design): void {
  const b = resolveBindings(design);
  const enums = Object.values(design.enums);
  const header = `${jsDoc(
    `Enums of the ${design.module.id} module: const objects with same-named types, used by the schema\n` +
      "through textEnum and by the module's code.",
  )}\n`;
  if (enums.length === 0) {
    sf.addStatements(`${header}export {};`);
    return;
  }
  enums.forEach((e, i) => {
    const name = b.enum.get(e.id) ?? e.name;
    sf.addVariableStatement({
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      leadingTrivia: i === 0 ? header : undefined,
      docs: e.comment.trim() ? [{ description: docLines(e.comment).join('\n') }] : undefined,
      declarations: [
        {
          name,
          initializer: (w) => {
            w.write('{').newLine();
            for (const m of e.members) w.write(`${propertyKey(m.key)}: ${str(m.value)},`).newLine();
            w.write('} as const');
          },
        },
      ],
    });
    sf.addTypeAlias({ isExported: true, name, type: `(typeof ${name})[keyof typeof ${name}]` });
  });
}

export function writeSchemaIndexTs(sf: SourceFile): void {
  sf.addExportDeclaration({ moduleSpecifier: './tables' });
}

export function writeDrizzleConfigTs(sf: SourceFile, layout: Layout): void {
  sf.addImportDeclaration({ moduleSpecifier: 'drizzle-kit', namedImports: ['defineConfig'] });
  sf.addExportAssignment({
    isExportEquals: false,
    expression: (w) =>
      w.write(
        `defineConfig({\n  schema: ${str(`./${layoutPaths(layout).schemaFile}`)},\n  out: "./drizzle",\n  dialect: "sqlite",\n  dbCredentials: {\n    url: "../.db/data.db",\n  },\n})`,
      ),
  });
}

/** `src/config.ts` for the current host, which refuses a module without it. */
export function writeModuleConfigTs(sf: SourceFile, design: Design): void {
  const id = design.module.id;
  const name = moduleDisplayName(design.module);
  sf.addImportDeclarations([
    { moduleSpecifier: 'lucide-svelte', namedImports: ['Database'] },
    { moduleSpecifier: '$lib/config/types', isTypeOnly: true, namedImports: ['ModuleConfig'] },
  ]);
  sf.addVariableStatement({
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [
      {
        name: 'moduleConfig',
        type: 'ModuleConfig',
        initializer: (w) =>
          w.write(
            `{\n  id: ${str(id)}, name: ${str(name)}, href: ${str(`/ui/${id}`)}, icon: Database, description: ${str(design.module.description)}, navigation: [{ name: ${str(name)}, icon: Database, href: ${str(`/ui/${id}`)} }] }`,
          ),
      },
    ],
  });
  sf.addExportAssignment({ isExportEquals: false, expression: 'moduleConfig' });
}

/** manifest.yaml: the host reads the module id from it. */
export function manifestYaml(design: Design): string {
  return stringify({
    id: design.module.id,
    name: moduleDisplayName(design.module),
    version: '1.0.0',
    description: design.module.description || `${moduleDisplayName(design.module)} module for MoLOS`,
  });
}
