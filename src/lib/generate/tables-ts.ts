/**
 * Prints a module's `tables.ts` through ts-morph: imports of exactly what is used, one
 * `export const x = sqliteTable("<ModuleId>_<name>", { ... }, (t) => [...])` per table (the name a plain
 * string literal, as the host's regex expects), enums imported from the models file and re-exported.
 */
import { type Project, type SourceFile, VariableDeclarationKind, type WriterFunction, ts } from 'ts-morph';
import {
  type Column,
  type Design,
  type EnumDef,
  type Layout,
  type Table,
  fullTableName,
  moduleDisplayName,
  relationFrom,
  tableColumns,
  tableIndexes,
  relationEnds,
} from '../core/design';
import { bindingName, docLines, jsDoc, member, numberLiteral, propertyKey, str, templateBody } from './code-text';
import { compareCodeUnits } from '../sql/snapshot';
import { layoutPaths } from './layout-paths';

/** Binding names used by the generated code, resolved once so references agree with declarations. */
export interface Bindings {
  table: Map<string, string>;
  enum: Map<string, string>;
}

export function resolveBindings(design: Design): Bindings {
  const table = new Map<string, string>();
  const enumNames = new Map<string, string>();
  for (const [i, t] of Object.values(design.tables).entries())
    table.set(t.id, bindingName(t.exportName, `table${i + 1}`));
  for (const [i, e] of Object.values(design.enums).entries()) enumNames.set(e.id, bindingName(e.name, `Enum${i + 1}`));
  return { table, enum: enumNames };
}

interface Usage {
  core: Set<string>;
  sql: boolean;
  textEnum: boolean;
  enums: EnumDef[];
  anyColumn: boolean;
}

function defaultCode(design: Design, c: Column, b: Bindings, use: Usage): string {
  const d = c.default;
  if (!d) return '';
  switch (d.kind) {
    case 'uuid':
      return '.$defaultFn(() => crypto.randomUUID())';
    case 'fn':
      return isSingleFunction(d.code) ? `.$defaultFn(${d.code.trim()})` : '';
    case 'sql':
      use.sql = true;
      return `.default(sql\`${templateBody(d.sql)}\`)`;
    case 'json': {
      let value: string;
      try {
        value = JSON.stringify(JSON.parse(d.json));
      } catch {
        value = str(d.json);
      }
      return `.default(${value})`;
    }
    case 'literal': {
      if (typeof d.value === 'string') {
        const e = c.enumId && c.enumForm !== 'values' ? design.enums[c.enumId] : undefined;
        const m = e?.members.find((x) => x.value === d.value);
        if (e && m) return `.default(${member(b.enum.get(e.id) ?? e.name, m.key)})`;
        return `.default(${str(d.value)})`;
      }
      return `.default(${typeof d.value === 'number' ? numberLiteral(d.value) : String(d.value)})`;
    }
  }
}

function referenceCode(design: Design, table: Table, c: Column, b: Bindings, use: Usage): string {
  const r = relationFrom(design, c.id);
  const ends = r && !r.logical ? relationEnds(design, r) : null;
  if (!r || !ends) return '';
  const { column: target, table: targetTable } = ends.to;
  const self = targetTable.id === table.id;
  if (self) use.anyColumn = true;
  const fn = `${self ? '(): AnySQLiteColumn' : '()'} => ${member(b.table.get(targetTable.id) ?? 'unknown', target.key)}`;
  const opts = [
    r.onDelete ? `onDelete: ${str(r.onDelete)}` : '',
    r.onUpdate ? `onUpdate: ${str(r.onUpdate)}` : '',
  ].filter(Boolean);
  return `.references(${fn}${opts.length ? `, { ${opts.join(', ')} }` : ''})`;
}

/**
 * Whether `text` parses as exactly one TypeScript construct of the wanted kind and nothing else. Text kept from
 * imported code (`$type<…>`, `$defaultFn(…)`) goes back into generated code only then, so a hostile design file
 * cannot smuggle statements into tables.ts.
 */
function parsesAsOne(
  text: string,
  wrap: (t: string) => string,
  ok: (s: ts.Statement, source: ts.SourceFile) => boolean,
): boolean {
  if (text.trim() === '') return false;
  const source = ts.createSourceFile('check.ts', wrap(text), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (source as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? [];
  return diagnostics.length === 0 && source.statements.length === 1 && ok(source.statements[0] as ts.Statement, source);
}

/** A `$type<…>` argument: one type and nothing after it. */
export function isSingleType(text: string): boolean {
  return parsesAsOne(text, (t) => `type T = ${t};`, ts.isTypeAliasDeclaration);
}

/** A `$defaultFn(…)` argument: one arrow function or function expression and nothing after it. */
export function isSingleFunction(text: string): boolean {
  return parsesAsOne(
    text,
    (t) => `const f = (${t});`,
    (s, source) => {
      if (!ts.isVariableStatement(s)) return false;
      let init = s.declarationList.declarations[0]?.initializer;
      while (init && ts.isParenthesizedExpression(init)) init = init.expression;
      return (
        init !== undefined &&
        (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) &&
        init.getText(source) === text.trim()
      );
    },
  );
}

function columnCode(design: Design, table: Table, c: Column, b: Bindings, use: Usage): string {
  const e = c.enumId ? design.enums[c.enumId] : undefined;
  let code: string;
  if (e && c.enumForm === 'values') {
    use.core.add('text');
    code = `text(${str(c.name)}, { enum: [${e.members.map((m) => str(m.value)).join(', ')}] })`;
  } else if (e) {
    use.textEnum = true;
    if (!use.enums.includes(e)) use.enums.push(e);
    code = `textEnum(${str(c.name)}, ${b.enum.get(e.id) ?? e.name})`;
  } else {
    use.core.add(c.type);
    code = `${c.type}(${str(c.name)}${c.mode ? `, { mode: ${str(c.mode)} }` : ''})`;
  }
  if (c.tsType && isSingleType(c.tsType)) code += `.$type<${c.tsType.trim()}>()`;
  if (c.primaryKey) code += '.primaryKey()';
  if (c.notNull && !c.primaryKey) code += '.notNull()';
  if (c.unique) code += '.unique()';
  code += defaultCode(design, c, b, use);
  code += referenceCode(design, table, c, b, use);
  return code;
}

/** The comment that marks a logical relation in the code, since it has no `.references()`. */
export function logicalNote(design: Design, c: Column): string {
  const r = relationFrom(design, c.id);
  const ends = r?.logical ? relationEnds(design, r) : null;
  if (!ends) return '';
  return `Logical relation to ${fullTableName(design, ends.to.table)}.${ends.to.column.name} (no foreign key).`;
}

function tableWriter(design: Design, table: Table, b: Bindings, use: Usage): WriterFunction {
  return (w) => {
    use.core.add('sqliteTable');
    w.write(`sqliteTable(${str(fullTableName(design, table))}, {`).newLine();
    for (const c of tableColumns(design, table)) {
      const comment = [c.comment.trim(), logicalNote(design, c)].filter(Boolean).join('\n');
      if (comment) w.write(jsDoc(comment));
      w.write(`${propertyKey(c.key)}: ${columnCode(design, table, c, b, use)},`).newLine();
    }
    w.write('}');
    const indexes = tableIndexes(design, table);
    if (indexes.length > 0) {
      const items = indexes.map((ix) => {
        const fn = ix.unique ? 'uniqueIndex' : 'index';
        use.core.add(fn);
        const cols = ix.columnIds.map((id) => member('t', design.columns[id]?.key ?? id)).join(', ');
        return `${fn}(${str(ix.name)}).on(${cols})`;
      });
      w.write(`, (t) => [${items.join(', ')}]`);
    }
    w.write(')');
  };
}

/** A table's aliases that can be written: identifiers not used by any other binding (claimed as they are taken). */
function aliasesOf(table: Table, taken: Set<string>): string[] {
  const out: string[] = [];
  for (const alias of table.aliases ?? []) {
    if (bindingName(alias, '') !== alias || taken.has(alias)) continue;
    taken.add(alias);
    out.push(alias);
  }
  return out;
}

/** Adds the statements of tables.ts to an (empty) ts-morph source file. */
export function writeTablesTs(sf: SourceFile, design: Design, layout: Layout): void {
  const b = resolveBindings(design);
  const use: Usage = { core: new Set(), sql: false, textEnum: false, enums: [], anyColumn: false };
  const tables = Object.values(design.tables);
  const header = `${jsDoc(
    `${moduleDisplayName(design.module)} module database schema (${design.module.id}).\n` +
      'Table names are prefixed with the module id; timestamps are unix seconds.',
  )}\n`;
  const taken = new Set([...b.table.values(), ...b.enum.values()]);
  sf.addVariableStatements(
    tables.flatMap((t, i) => {
      const binding = b.table.get(t.id) ?? `table${i + 1}`;
      return [
        {
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          leadingTrivia: i === 0 ? header : '\n',
          docs: t.comment.trim() ? [{ description: docLines(t.comment).join('\n') }] : undefined,
          declarations: [{ name: binding, initializer: tableWriter(design, t, b, use) }],
        },
        // Legacy aliases (`export const tasks = tasksTasks;`), kept for the module's existing imports.
        ...aliasesOf(t, taken).map((alias) => ({
          isExported: true,
          declarationKind: VariableDeclarationKind.Const,
          declarations: [{ name: alias, initializer: binding }],
        })),
      ];
    }),
  );
  // The writers ran while the statements were added, so `use` is complete now.
  const paths = layoutPaths(layout);
  const core = [...use.core, ...(use.anyColumn ? ['AnySQLiteColumn'] : [])].sort((a, c) =>
    a.toLowerCase() < c.toLowerCase() ? -1 : a.toLowerCase() > c.toLowerCase() ? 1 : 0,
  );
  const enumNames = use.enums.map((e) => b.enum.get(e.id) ?? e.name).sort(compareCodeUnits);
  sf.insertImportDeclarations(0, [
    {
      moduleSpecifier: 'drizzle-orm/sqlite-core',
      namedImports: core.map((n) => ({ name: n, isTypeOnly: n === 'AnySQLiteColumn' })),
    },
    ...(use.sql ? [{ moduleSpecifier: 'drizzle-orm', namedImports: ['sql'] }] : []),
    ...(use.textEnum ? [{ moduleSpecifier: paths.textEnumImport, namedImports: ['textEnum'] }] : []),
    ...(enumNames.length ? [{ moduleSpecifier: paths.modelsImport(design.module.id), namedImports: enumNames }] : []),
  ]);
  if (tables.length === 0) sf.addStatements(header.trimEnd());
  if (enumNames.length > 0) {
    sf.addExportDeclaration({
      leadingTrivia: "/**\n * The enums, re-exported for the module's repositories.\n */\n",
      namedExports: enumNames,
    });
  }
}

/** The unformatted text of tables.ts, printed by ts-morph in the given project. */
export function printTablesTs(project: Project, design: Design, layout: Layout): string {
  const sf = project.createSourceFile(layoutPaths(layout).schemaFile, '', { overwrite: true });
  writeTablesTs(sf, design, layout);
  return sf.getFullText();
}
