/**
 * Enums and the models file: `export const X = { ... } as const` objects (in the models file, in tables.ts or in
 * another input file), TypeScript enums (converted), and what else the models file holds (reported).
 */
import { type ExportDeclaration, Node, type SourceFile as TsFile } from 'ts-morph';
import type { EnumDef } from '../../core/design';
import { uniqueName } from '../../core/naming';
import { leadingComment } from './comments';
import { type ConstInfo, type ImportContext, MAX_DEPTH } from './context';
import { describeStatement } from './helpers';
import { resolveSpecifier } from './specifiers';
import { resolveConst } from './symbols';
import { isAsConst, propertyName, stringRecord, stringValue } from './values';

export function addEnum(
  ctx: ImportContext,
  name: string,
  members: { key: string; value: string }[],
  comment: string,
  decl?: Node,
): EnumDef {
  const enumName = uniqueName(name, (n) => ctx.enumsByName.has(n));
  const e: EnumDef = {
    id: ctx.newId(`e_${enumName}`),
    name: enumName,
    comment,
    members: members.map((m) => ({ id: ctx.newId(`m_${enumName}_${m.key}`), key: m.key, value: m.value })),
  };
  ctx.design.enums[e.id] = e;
  ctx.enumsByName.set(enumName, e);
  if (decl) ctx.enumsByDecl.set(decl, e);
  return e;
}

/** The enum a `const X = { ... } as const` declares, created on first use. */
export function enumOfConst(ctx: ImportContext, info: ConstInfo, sf: TsFile, node: Node): EnumDef | undefined {
  const known = ctx.enumsByDecl.get(info.decl);
  if (known) return known;
  const members = info.init ? stringRecord(info.init) : undefined;
  if (!members) return undefined;
  ctx.usedConsts.add(info.decl);
  const e = addEnum(ctx, info.decl.getName(), members, leadingComment(info.statement, 'enum'), info.decl);
  if (!ctx.modelsFiles.has(sf))
    ctx.report(
      'info',
      'local-enum',
      node,
      `enum ${e.name} is declared in ${ctx.paths.get(sf)}; writing into the module keeps it there and changes it in place (a module generated from scratch has it in the models file)`,
      `enum ${e.name} with ${e.members.length} values`,
    );
  return e;
}

/** The enum an identifier names (models file, a local `as const` object, or another input file). */
export function enumNamed(ctx: ImportContext, node: Node): EnumDef | undefined {
  if (!Node.isIdentifier(node)) return undefined;
  const sf = node.getSourceFile();
  const resolved = resolveConst(ctx, sf, node.getText());
  if (resolved) return enumOfConst(ctx, resolved.info, resolved.sf, node);
  const imp = ctx.imports.get(sf)?.get(node.getText());
  return ctx.enumsByName.get(imp && imp.name !== '*' ? imp.name : node.getText());
}

/**
 * Reads the models file: enums as `export const X = { ... } as const`, also in the files it re-exports
 * (`export * from './types'`, `export { A } from './a'`); reports what the studio will not keep.
 */
export function readModels(ctx: ImportContext): void {
  const sf = ctx.modelsFile;
  if (!sf) return;
  ctx.modelsFiles.add(sf);
  const seen = new Set([`${ctx.files.indexOf(sf)}:*`]);
  for (const st of sf.getStatements()) {
    ctx.at = st;
    if (Node.isImportDeclaration(st)) continue;
    if (Node.isExportDeclaration(st) && st.getNamedExports().length === 0 && !st.getModuleSpecifier()) continue;
    if (Node.isExportDeclaration(st) && st.getModuleSpecifier()) {
      followReexport(ctx, st, undefined, seen, 0);
      continue;
    }
    if (Node.isVariableStatement(st)) {
      for (const decl of st.getDeclarations()) {
        const info = ctx.consts.get(sf)?.get(decl.getName());
        if (info && enumOfConst(ctx, info, sf, decl)) continue;
        ctx.report(
          'info',
          'models-not-kept',
          decl,
          `${decl.getName()} in the models file is the module's own code, not an enum: writing into the module keeps it as written (a models file generated from scratch has the enums only)`,
          'as written, in the module',
        );
      }
      continue;
    }
    if (Node.isEnumDeclaration(st)) {
      tsEnum(ctx, st);
      continue;
    }
    if (Node.isTypeAliasDeclaration(st) && ctx.enumsByName.has(st.getName())) continue;
    ctx.report(
      'info',
      'models-not-kept',
      st,
      `${describeStatement(st)} in the models file is the module's own code, not an enum: writing into the module keeps it as written (a models file generated from scratch has the enums only)`,
      'as written, in the module',
    );
  }
}

/**
 * Follows one `export … from '…'` of a models file (or of a file it re-exports). `names` limits what is read to
 * the names an outer `export { … } from` passes on (undefined: everything exported).
 */
function followReexport(
  ctx: ImportContext,
  st: ExportDeclaration,
  names: Set<string> | undefined,
  seen: Set<string>,
  depth: number,
): void {
  const spec = st.getModuleSpecifierValue() ?? '';
  const target = resolveSpecifier(ctx, st.getSourceFile(), spec);
  if (!target) {
    ctx.report(
      'warning',
      'reexport-not-found',
      st,
      `the models file re-exports '${spec}', which is not among the files read; enums and types declared there are not known`,
      'nothing from that file',
    );
    return;
  }
  // `export * as ns from` puts the names under `ns.`: they are not enums a column can name directly.
  if (st.isNamespaceExport() && st.getNamespaceExport()) return;
  let passed: Set<string> | undefined;
  if (st.getNamedExports().length > 0) {
    passed = new Set();
    for (const s of st.getNamedExports())
      if (!names || names.has(s.getAliasNode()?.getText() ?? s.getName())) passed.add(s.getName());
    if (passed.size === 0) return;
  } else passed = names;
  readReexported(ctx, target, passed, seen, depth + 1);
}

/** The enums a re-exported file declares (exported `as const` objects of strings, TypeScript enums), in order. */
function readReexported(
  ctx: ImportContext,
  sf: TsFile,
  names: Set<string> | undefined,
  seen: Set<string>,
  depth: number,
): void {
  const key = `${ctx.files.indexOf(sf)}:${names ? [...names].sort().join(',') : '*'}`;
  if (seen.has(key) || depth > MAX_DEPTH) return;
  seen.add(key);
  ctx.modelsFiles.add(sf);
  const wanted = (exportedAs: string[]) => exportedAs.length > 0 && (!names || exportedAs.some((n) => names.has(n)));
  for (const st of sf.getStatements()) {
    if (Node.isExportDeclaration(st) && st.getModuleSpecifier()) {
      followReexport(ctx, st, names, seen, depth);
    } else if (Node.isVariableStatement(st)) {
      for (const decl of st.getDeclarations()) {
        const info = ctx.consts.get(sf)?.get(decl.getName());
        if (!info?.init || !isAsConst(info.init) || !wanted(ctx.exportedNames.get(sf)?.get(decl.getName()) ?? []))
          continue;
        enumOfConst(ctx, info, sf, decl);
      }
    } else if (Node.isEnumDeclaration(st) && st.isExported() && wanted([st.getName()])) {
      tsEnum(ctx, st);
    }
  }
}

/** A TypeScript `enum` with string members, converted to a design enum (reported). */
export function tsEnum(ctx: ImportContext, st: Node): void {
  if (!Node.isEnumDeclaration(st)) return;
  const members: { key: string; value: string }[] = [];
  for (const m of st.getMembers()) {
    const value = stringValue(m.getInitializer());
    const key = propertyName(m.getNameNode());
    if (value === undefined || key === undefined) {
      ctx.report(
        'warning',
        'enum-not-understood',
        st,
        `TypeScript enum ${st.getName()} has a member without a string value; it is not kept`,
        'nothing',
      );
      return;
    }
    members.push({ key, value });
  }
  const e = addEnum(ctx, st.getName(), members, leadingComment(st, 'enum'), st);
  ctx.report(
    'warning',
    'ts-enum',
    st,
    `${e.name} is a TypeScript enum; MoLOS modules use a const object with a same-named type`,
    `enum ${e.name}, written as a const object`,
  );
}
