/**
 * The top-level declarations of the schema files: `sqliteTable(...)` tables, local enums, legacy aliases, and
 * what else tables.ts holds (reported); then the module id, table names without the prefix, and the layout.
 */
import {
  type CallExpression,
  Node,
  type SourceFile as TsFile,
  type VariableDeclaration,
  type VariableStatement,
} from 'ts-morph';
import type { Layout, Table } from '../../core/design';
import { leadingComment } from './comments';
import type { ImportContext, TableInfo } from './context';
import { enumOfConst, tsEnum } from './enums';
import { describeStatement } from './helpers';
import { calleeName, constantString, isExported, unchain } from './symbols';
import { isAsConst, stringRecord, stringValue, unwrap } from './values';

/**
 * Where the importer puts the `i`-th table of a file: a grid of five cards a row, 360 by 440 apart (the code
 * editor's incremental read lays out the tables it splices in the same way).
 * @example importedTablePosition(6) // { x: 360, y: 440 }
 */
export function importedTablePosition(i: number): { x: number; y: number } {
  return { x: (i % 5) * 360, y: Math.floor(i / 5) * 440 };
}

/** Finds the `sqliteTable(...)` declarations of a file (tables.ts or another schema file). */
export function collectTables(ctx: ImportContext, sf: TsFile): void {
  const isTables = sf === ctx.tablesFile;
  for (const st of sf.getStatements()) {
    ctx.at = st;
    if (Node.isVariableStatement(st)) {
      for (const decl of st.getDeclarations()) classifyDeclaration(ctx, sf, st, decl, isTables);
    } else if (Node.isEnumDeclaration(st)) {
      if (isTables) tsEnum(ctx, st);
    } else if (isTables) {
      classifyOtherStatement(ctx, st);
    }
  }
}

function classifyDeclaration(
  ctx: ImportContext,
  sf: TsFile,
  st: VariableStatement,
  decl: VariableDeclaration,
  isTables: boolean,
): void {
  const init = decl.getInitializer();
  const nameNode = decl.getNameNode();
  if (!Node.isIdentifier(nameNode)) {
    if (isTables)
      ctx.report('warning', 'statement-not-kept', decl, 'a destructuring declaration is not kept', 'nothing');
    return;
  }
  const name = nameNode.getText();
  const value = init ? unwrap(init) : undefined;
  const base = value ? unchain(ctx, value).base : undefined;
  if (value && base && Node.isCallExpression(value) && Node.isCallExpression(base)) {
    const callee = value === base ? calleeName(ctx, value) : calleeName(ctx, base);
    if (callee === 'sqliteTable' && value === base) {
      addTable(ctx, sf, st, decl, value);
      return;
    }
    if (!isTables) return;
    if (callee === 'relations') {
      ctx.usedConsts.add(decl);
      ctx.report(
        'warning',
        'relations-not-kept',
        decl,
        `relations() (${name}) is not used by MoLOS modules; foreign keys come from .references()`,
        'nothing',
      );
      return;
    }
    if (callee === 'sqliteView' || callee === 'view') {
      ctx.usedConsts.add(decl);
      ctx.report('warning', 'view-not-kept', decl, `view ${name} cannot be designed in the studio`, 'nothing');
      return;
    }
  }
  // Local enums are created here so their order follows the file; aliases and constants are settled later.
  if (isTables && init && isAsConst(init) && stringRecord(init)) {
    const info = ctx.consts.get(sf)?.get(name);
    if (info) enumOfConst(ctx, info, sf, decl);
  }
}

function classifyOtherStatement(ctx: ImportContext, st: Node): void {
  if (Node.isImportDeclaration(st)) return;
  if (Node.isExportDeclaration(st) && !st.getModuleSpecifier()) return;
  if ((Node.isTypeAliasDeclaration(st) || Node.isInterfaceDeclaration(st)) && ctx.enumsByName.has(st.getName())) return;
  if (Node.isExpressionStatement(st)) {
    const e = unwrap(st.getExpression());
    if (Node.isCallExpression(e) && calleeName(ctx, e) === 'sqliteTable') {
      ctx.report('warning', 'table-not-kept', st, 'a table that is not assigned to a const is not kept', 'nothing');
      return;
    }
  }
  ctx.report(
    'info',
    'statement-not-kept',
    st,
    `${describeStatement(st)} is code the design cannot hold: writing into the module keeps it as written (a tables.ts generated from scratch has tables, aliases and enum re-exports only)`,
    'as written, in the module',
  );
}

function addTable(
  ctx: ImportContext,
  sf: TsFile,
  st: VariableStatement,
  decl: VariableDeclaration,
  call: CallExpression,
): void {
  const binding = decl.getName();
  const args = call.getArguments();
  ctx.usedConsts.add(decl);
  let fullName = stringValue(args[0]);
  if (fullName === undefined) {
    fullName = args[0] ? constantString(ctx, args[0]) : undefined;
    if (fullName === undefined) {
      ctx.report(
        'warning',
        'table-name-not-literal',
        args[0] ?? call,
        `the name of table ${binding} is not a string literal`,
        'nothing: the table is not imported',
      );
      return;
    }
    ctx.report(
      'warning',
      'table-name-not-literal',
      args[0] ?? call,
      `the name of table ${binding} is not a plain string literal; the MoLOS host finds table names with a regex over the file`,
      `name "${fullName}", written as a literal`,
    );
  }
  if (ctx.tablesByBinding.has(binding)) {
    ctx.report('warning', 'duplicate-binding', decl, `${binding} is declared twice`, 'the first one');
    return;
  }
  if (!isExported(ctx, sf, binding))
    ctx.report(
      'warning',
      'table-not-exported',
      decl,
      `table ${binding} is not exported, so drizzle-kit does not see it`,
      `table ${binding}, exported`,
    );
  const table: Table = {
    id: '',
    name: fullName,
    exportName: binding,
    comment: st.getDeclarations().length === 1 ? leadingComment(st, 'table') : '',
    position: { x: 0, y: 0 },
    columnIds: [],
    indexIds: [],
  };
  const info: TableInfo = {
    table,
    sf,
    call,
    decl,
    fullName,
    columns: new Map(),
    namedUniques: [],
    uniqueConstraints: [],
  };
  ctx.tables.push(info);
  ctx.tablesByBinding.set(binding, info);
  ctx.usedConsts.add(decl);
}

/** Settles the module id and the table names without the prefix, then gives every table its id. */
export function settleModule(ctx: ImportContext): void {
  let moduleId = ctx.opts.moduleId;
  if (!moduleId) {
    const first = ctx.tables.find((t) => t.fullName.includes('_'));
    moduleId = first ? first.fullName.slice(0, first.fullName.indexOf('_')) : undefined;
    if (!moduleId && ctx.tables[0])
      ctx.report(
        'warning',
        'module-id-missing',
        ctx.tables[0].call,
        'no table name has the form <ModuleId>_<name>, so the module id is unknown',
        `module id ${ctx.design.module.id}`,
      );
  }
  if (moduleId) ctx.design.module.id = moduleId;
  const prefix = `${ctx.design.module.id}_`;
  ctx.tables.forEach((info, i) => {
    const t = info.table;
    if (info.fullName.startsWith(prefix) && info.fullName.length > prefix.length) {
      t.name = info.fullName.slice(prefix.length);
    } else {
      ctx.report(
        'warning',
        'table-prefix',
        info.call.getArguments()[0] ?? info.call,
        `table "${info.fullName}" does not start with the module prefix "${prefix}"`,
        `table "${prefix}${info.fullName}"`,
      );
      t.name = info.fullName;
    }
    t.id = ctx.newId(`t_${t.name}`);
    t.position = importedTablePosition(i);
    ctx.design.tables[t.id] = t;
  });
}

/** Legacy aliases: `export const tasks = tasksTasks;` and `export { tasksTasks as tasks }`. */
export function readAliases(ctx: ImportContext): void {
  for (const sf of [ctx.tablesFile, ...ctx.files.filter((f) => f !== ctx.tablesFile && f !== ctx.modelsFile)]) {
    for (const [name, info] of ctx.consts.get(sf) ?? []) {
      const init = info.init ? unwrap(info.init) : undefined;
      if (!init || !Node.isIdentifier(init)) continue;
      const target = ctx.tablesByBinding.get(init.getText());
      if (!target) continue;
      ctx.usedConsts.add(info.decl);
      if (!isExported(ctx, sf, name)) {
        ctx.report('info', 'alias-not-exported', info.decl, `${name} = ${init.getText()} is not exported`, 'nothing');
        continue;
      }
      addAlias(target, name);
    }
    for (const [local, names] of ctx.exportedNames.get(sf) ?? []) {
      const target = ctx.tablesByBinding.get(local);
      if (!target) continue;
      for (const n of names) if (n !== local) addAlias(target, n);
    }
  }
  for (const t of [...ctx.tablesByBinding.values()])
    for (const a of t.table.aliases ?? []) if (!ctx.tablesByBinding.has(a)) ctx.tablesByBinding.set(a, t);
}

function addAlias(target: TableInfo, name: string): void {
  const list = (target.table.aliases ??= []);
  if (!list.includes(name)) list.push(name);
}

/** Top-level consts of tables.ts that nothing used. */
export function reportUnusedConsts(ctx: ImportContext): void {
  for (const [, info] of ctx.consts.get(ctx.tablesFile) ?? []) {
    if (ctx.usedConsts.has(info.decl) || ctx.enumsByDecl.has(info.decl)) continue;
    ctx.report(
      'info',
      'statement-not-kept',
      info.decl,
      `const ${info.decl.getName()} is code the design cannot hold: writing into the module keeps it as written (a tables.ts generated from scratch has tables, aliases and enum re-exports only)`,
      'as written, in the module',
    );
  }
}

/** The layout from the options, the textEnum import, the models import, or the file's path. */
export function detectLayout(ctx: ImportContext): Layout {
  if (ctx.opts.layout) return ctx.opts.layout;
  for (const [, imp] of ctx.imports.get(ctx.tablesFile) ?? []) {
    if (imp.module === '@molos/database/utils') return 'current';
    if (imp.module === '$lib/server/db/utils' || imp.module.startsWith('$lib/models/external_modules/'))
      return 'legacy';
  }
  return /(^|\/)src\/server\//.test(ctx.pathOf(ctx.tablesFile)) ? 'current' : 'legacy';
}
