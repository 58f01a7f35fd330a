/**
 * Prints a module's `tables.ts` through ts-morph: imports of exactly what is used, one
 * `export const x = sqliteTable("<ModuleId>_<name>", { ... }, (t) => [...])` per table (the name a plain
 * string literal, as the host's regex expects), enums imported from the models file and re-exported.
 */
import {
  CodeBlockWriter,
  type ImportDeclarationStructure,
  type OptionalKind,
  type SourceFile,
  VariableDeclarationKind,
  type WriterFunction,
  ts,
} from 'ts-morph';
import {
  type Column,
  type Design,
  type Relation,
  type Layout,
  type Table,
  type Index,
  fullTableName,
  moduleDisplayName,
  tableColumns,
  tableIndexes,
  relationEnds,
  relationsByFromColumn,
  resolveBindings,
  writtenAliases,
  type Bindings,
} from '../core/design';
import { jsDoc, member, numberLiteral, propertyKey, str, templateBody } from './code-text';
import { compareCodeUnits } from '../sql/snapshot';
import { layoutPaths } from './layout-paths';

export { type Bindings, resolveBindings } from '../core/design';

/** What a piece of tables.ts uses from imports. */
export interface Usage {
  core: Set<string>;
  sql: boolean;
  textEnum: boolean;
  /** Ids of the enums used through textEnum (imported from the models file and re-exported). */
  enums: Set<string>;
  anyColumn: boolean;
  /** Types a kept `$type<…>` names, by name: the module they are imported from (`import type`). */
  types: Map<string, string>;
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

function referenceCode(ctx: WriteContext, table: Table, c: Column, use: Usage): string {
  const { design, b } = ctx;
  const r = ctx.relations.get(c.id);
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

/** A `$type<…>` argument: one type and nothing after it (not even a comment, which would swallow the line). */
export function isSingleType(text: string): boolean {
  return parsesAsOne(
    text,
    (t) => `type T = ${t};`,
    (s, source) => ts.isTypeAliasDeclaration(s) && s.type.getText(source) === text.trim() && !/\/[/*]/.test(text),
  );
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

function columnCode(ctx: WriteContext, table: Table, c: Column, use: Usage): string {
  const { design, b } = ctx;
  const e = c.enumId ? design.enums[c.enumId] : undefined;
  let code: string;
  if (e && c.enumForm === 'values') {
    use.core.add('text');
    code = `text(${str(c.name)}, { enum: [${e.members.map((m) => str(m.value)).join(', ')}] })`;
  } else if (e) {
    use.textEnum = true;
    use.enums.add(e.id);
    code = `textEnum(${str(c.name)}, ${b.enum.get(e.id) ?? e.name})`;
  } else {
    use.core.add(c.type);
    code = `${c.type}(${str(c.name)}${c.mode ? `, { mode: ${str(c.mode)} }` : ''})`;
  }
  if (c.tsType && isSingleType(c.tsType)) {
    code += `.$type<${c.tsType.trim()}>()`;
    for (const t of c.tsTypeImports ?? []) if (!use.types.has(t.name)) use.types.set(t.name, t.from);
  }
  if (c.primaryKey) code += '.primaryKey()';
  if (c.notNull && !c.primaryKey) code += '.notNull()';
  if (c.unique) code += '.unique()';
  code += defaultCode(design, c, b, use);
  code += referenceCode(ctx, table, c, use);
  return code;
}

/** The comment that marks a logical relation in the code, since it has no `.references()`. */
export function logicalNote(design: Design, c: Column, r: Relation | undefined): string {
  const ends = r?.logical ? relationEnds(design, r) : null;
  if (!ends) return '';
  // The actions have no effect in SQL, but are part of the design: written so that an import gets them back.
  const actions = [r?.onDelete ? `; on delete ${r.onDelete}` : '', r?.onUpdate ? `; on update ${r.onUpdate}` : ''];
  return `Logical relation to ${fullTableName(design, ends.to.table)}.${ends.to.column.name} (no foreign key${actions.join('')}).`;
}

/** The doc comment a column is printed with: its own comment and, for a logical relation, the note. */
function columnDoc(ctx: WriteContext, c: Column): string {
  return [c.comment.trim(), logicalNote(ctx.design, c, ctx.relations.get(c.id))].filter(Boolean).join('\n');
}

/** An index of the table's third argument, e.g. `index("x_idx").on(t.userId)`; `param` is the callback's name. */
function indexCode(ctx: WriteContext, ix: Index, use: Usage, param = 't'): string {
  const fn = ix.unique ? 'uniqueIndex' : 'index';
  use.core.add(fn);
  const cols = ix.columnIds.map((id) => member(param, ctx.design.columns[id]?.key ?? id)).join(', ');
  return `${fn}(${str(ix.name)}).on(${cols})`;
}

function tableWriter(ctx: WriteContext, table: Table, use: Usage): WriterFunction {
  const { design } = ctx;
  return (w) => {
    use.core.add('sqliteTable');
    w.write(`sqliteTable(${str(fullTableName(design, table))}, {`).newLine();
    for (const c of tableColumns(design, table)) {
      const comment = columnDoc(ctx, c);
      if (comment) w.write(jsDoc(comment));
      w.write(`${propertyKey(c.key)}: ${columnCode(ctx, table, c, use)},`).newLine();
    }
    w.write('}');
    const indexes = tableIndexes(design, table);
    if (indexes.length > 0) w.write(`, (t) => [${indexes.map((ix) => indexCode(ctx, ix, use)).join(', ')}]`);
    w.write(')');
  };
}

/** One column as tables.ts writes it: the doc comment (may be empty) and `key: builder(…)…` without a comma. */
export interface ColumnPart {
  id: string;
  key: string;
  doc: string;
  code: string;
  /** What the column's code uses from imports. */
  use: Usage;
}

/** One index of the table's third argument. */
export interface IndexPart {
  id: string;
  name: string;
  /** The item as printed with the callback parameter `t`. */
  code: string;
  /** The item for another parameter name. */
  codeFor: (param: string) => string;
}

/**
 * A table as tables.ts writes it, piece by piece — what a merge into an existing file compares and prints: equal
 * pieces of two designs mean equal code.
 */
export interface TableParts {
  id: string;
  binding: string;
  /** The full SQL name (`MoLOS-Tasks_tasks`). */
  name: string;
  doc: string;
  columns: ColumnPart[];
  indexes: IndexPart[];
  /** The whole statement (doc comment included), unformatted, and what it uses from imports. */
  statement: string;
  use: Usage;
}

/**
 * Every table of a design in pieces, by table id.
 * @example tablePartsOf(design).get('t_items')?.columns[0]?.code // 'id: text("id").primaryKey().$defaultFn(() => crypto.randomUUID())'
 */
export function tablePartsOf(design: Design): Map<string, TableParts> {
  const ctx = writeContext(design);
  const out = new Map<string, TableParts>();
  for (const [i, t] of Object.values(design.tables).entries()) {
    const binding = ctx.b.table.get(t.id) ?? `table${i + 1}`;
    const columns = tableColumns(design, t).map((c) => {
      const use = emptyUsage();
      return {
        id: c.id,
        key: c.key,
        doc: columnDoc(ctx, c),
        code: `${propertyKey(c.key)}: ${columnCode(ctx, t, c, use)}`,
        use,
      };
    });
    const indexes = tableIndexes(design, t).map((ix) => ({
      id: ix.id,
      name: ix.name,
      code: indexCode(ctx, ix, emptyUsage()),
      codeFor: (param: string) => indexCode(ctx, ix, emptyUsage(), param),
    }));
    const printed = printTable(ctx, t, binding, '');
    out.set(t.id, {
      id: t.id,
      binding,
      name: fullTableName(design, t),
      doc: t.comment.trim(),
      columns,
      indexes,
      statement: printed.text,
      use: printed.use,
    });
  }
  return out;
}

/** A table statement's text as ts-morph prints it, with what the table uses from imports. */
interface PrintedTable {
  text: string;
  use: Usage;
}

/** Remembered table statements, keyed by everything their text depends on (see {@link tableKey}). */
export type TableMemo = Map<string, PrintedTable>;

const MEMO_LIMIT = 5000;

/** The module header: the first statement's leading comment. */
function headerOf(design: Design): string {
  return `${jsDoc(
    `${moduleDisplayName(design.module)} module database schema (${design.module.id}).\n` +
      'Table names are prefixed with the module id; timestamps are unix seconds.',
  )}\n`;
}

/**
 * Everything a table's statement reads, as one string: the leading comment, the binding, the full name, every
 * column field, each column's relation target (binding, key and full name) and enum (binding and members), and
 * the indexes. Equal keys print equal text, so a remembered statement is reused only when nothing it shows changed.
 */
function tableKey(ctx: WriteContext, table: Table, leading: string): string {
  const { design, b } = ctx;
  const columns = tableColumns(design, table).map((c) => {
    const r = ctx.relations.get(c.id);
    const ends = r ? relationEnds(design, r) : null;
    const e = c.enumId ? design.enums[c.enumId] : undefined;
    return [
      c,
      r && ends
        ? [
            r.logical,
            r.onDelete,
            r.onUpdate,
            ends.to.table.id === table.id,
            b.table.get(ends.to.table.id),
            ends.to.column.key,
            ends.to.column.name,
            fullTableName(design, ends.to.table),
          ]
        : null,
      e ? [b.enum.get(e.id), e.name, e.members.map((m) => [m.key, m.value])] : null,
    ];
  });
  const indexes = tableIndexes(design, table).map((ix) => [
    ix.name,
    ix.unique,
    ix.columnIds.map((id) => design.columns[id]?.key ?? id),
  ]);
  return JSON.stringify([
    leading,
    table.comment,
    b.table.get(table.id),
    fullTableName(design, table),
    columns,
    indexes,
  ]);
}

interface WriteContext {
  design: Design;
  b: Bindings;
  /** The relation starting at each column (the first one, as `relationFrom` finds it). */
  relations: Map<string, Relation>;
}

function writeContext(design: Design): WriteContext {
  return { design, b: resolveBindings(design), relations: relationsByFromColumn(design) };
}

function emptyUsage(): Usage {
  return { core: new Set(), sql: false, textEnum: false, enums: new Set(), anyColumn: false, types: new Map() };
}

function mergeUsage(into: Usage, from: Usage): void {
  from.core.forEach((c) => into.core.add(c));
  from.enums.forEach((e) => into.enums.add(e));
  into.sql ||= from.sql;
  into.textEnum ||= from.textEnum;
  into.anyColumn ||= from.anyColumn;
  from.types.forEach((spec, name) => {
    if (!into.types.has(name)) into.types.set(name, spec);
  });
}

/**
 * Prints one table statement with ts-morph's code writer: `export const <binding> = sqliteTable(…);` after its
 * JSDoc. (Printing into a source file would reparse the whole file for every table.)
 */
function printTable(ctx: WriteContext, table: Table, binding: string, leading: string): PrintedTable {
  const use = emptyUsage();
  const w = new CodeBlockWriter();
  w.write(leading);
  if (table.comment.trim()) w.write(jsDoc(table.comment));
  w.write(`export const ${binding} = `);
  tableWriter(ctx, table, use)(w);
  w.write(';').newLine();
  return { text: w.toString(), use };
}

/**
 * Adds `import type` for the types kept `$type<…>`s name (a name the file already binds is left out): into the
 * declaration of the same module when there is one (as `type X`), otherwise one `import type { … }` per module.
 */
function addTypeImports(
  imports: OptionalKind<ImportDeclarationStructure>[],
  types: ReadonlyMap<string, string>,
  bound: ReadonlySet<string>,
): void {
  const byModule = new Map<string, string[]>();
  for (const [name, from] of [...types].sort(([a], [c]) => compareCodeUnits(a, c))) {
    if (bound.has(name)) continue;
    byModule.set(from, [...(byModule.get(from) ?? []), name]);
  }
  for (const [from, names] of byModule) {
    const same = imports.find((i) => i.moduleSpecifier === from);
    if (same) {
      const existing = (same.namedImports ?? []) as (string | { name: string; isTypeOnly?: boolean })[];
      same.namedImports = [...existing, ...names.map((name) => ({ name, isTypeOnly: true }))];
    } else imports.push({ moduleSpecifier: from, isTypeOnly: true, namedImports: names });
  }
}

/**
 * The statements of tables.ts, unformatted, one string each (the imports together first), in file order. Each
 * table statement is printed by ts-morph in `scratch`; with a memo, a table whose inputs did not change since an
 * earlier call is not printed again — after a one-column edit only that table is.
 */
export function tablesTsStatements(scratch: SourceFile, design: Design, layout: Layout, memo?: TableMemo): string[] {
  const ctx = writeContext(design);
  const { b } = ctx;
  const use = emptyUsage();
  const tables = Object.values(design.tables);
  const header = headerOf(design);
  const aliases = writtenAliases(design, b);
  const body: string[] = [];
  for (const [i, t] of tables.entries()) {
    const binding = b.table.get(t.id) ?? `table${i + 1}`;
    const leading = i === 0 ? header : '\n';
    const key = memo ? tableKey(ctx, t, leading) : '';
    let printed = memo?.get(key);
    if (!printed) {
      printed = printTable(ctx, t, binding, leading);
      if (memo) {
        if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value as string);
        memo.set(key, printed);
      }
    }
    mergeUsage(use, printed.use);
    body.push(printed.text);
    // Legacy aliases (`export const tasks = tasksTasks;`), kept for the module's existing imports.
    for (const alias of aliases.get(t.id) ?? []) {
      scratch.removeText();
      scratch.addVariableStatement({
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: alias, initializer: binding }],
      });
      body.push(scratch.getFullText());
    }
  }
  const paths = layoutPaths(layout);
  const core = [...use.core, ...(use.anyColumn ? ['AnySQLiteColumn'] : [])].sort((a, c) =>
    a.toLowerCase() < c.toLowerCase() ? -1 : a.toLowerCase() > c.toLowerCase() ? 1 : 0,
  );
  const enumNames = [...use.enums].map((id) => b.enum.get(id) ?? design.enums[id]?.name ?? id).sort(compareCodeUnits);
  scratch.removeText();
  const imports: OptionalKind<ImportDeclarationStructure>[] = [
    {
      moduleSpecifier: 'drizzle-orm/sqlite-core',
      namedImports: core.map((n) => ({ name: n, isTypeOnly: n === 'AnySQLiteColumn' })),
    },
    ...(use.sql ? [{ moduleSpecifier: 'drizzle-orm', namedImports: ['sql'] }] : []),
    ...(use.textEnum ? [{ moduleSpecifier: paths.textEnumImport, namedImports: ['textEnum'] }] : []),
    ...(enumNames.length ? [{ moduleSpecifier: paths.modelsImport(design.module.id), namedImports: enumNames }] : []),
  ];
  addTypeImports(imports, use.types, new Set([...b.table.values(), ...enumNames, ...core, 'sql', 'textEnum']));
  scratch.addImportDeclarations(imports);
  const statements = [scratch.getFullText()];
  if (tables.length === 0) statements.push(header.trimEnd());
  statements.push(...body);
  if (enumNames.length > 0) {
    scratch.removeText();
    scratch.addExportDeclaration({
      leadingTrivia: "/**\n * The enums, re-exported for the module's repositories.\n */\n",
      namedExports: enumNames,
    });
    statements.push(scratch.getFullText());
  }
  scratch.removeText();
  return statements;
}
