/**
 * Files and names: parsing the input files, the consts, imports and exports of each, and following a name to the
 * const it stands for (across files), a call to the function it calls, and a chain of calls to its base.
 */
import { type CallExpression, Node, Project, type SourceFile as TsFile, ts } from 'ts-morph';
import { readingFile } from '../../core/reading';
import type { SourceFile } from '../types';
import {
  type ConstInfo,
  type FileExports,
  type ImportContext,
  type ImportInfo,
  MAX_DEPTH,
  type TablesTsInput,
} from './context';
import { findExport, resolveSpecifier } from './specifiers';
import { stringValue, unwrap } from './values';

/**
 * A fresh in-memory project per import: dropping it whole is much cheaper than forgetting every node of a large
 * file one by one in a shared project.
 */
function newProject(): Project {
  return new Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { noLib: true, noResolve: true },
  });
}

/** Parses every input file into the context; returns false (with messages) when one has syntax errors. */
export function loadFiles(ctx: ImportContext, input: TablesTsInput): boolean {
  const p = newProject();
  const add = (file: SourceFile, i: number): TsFile => {
    // TypeScript's scanner can loop forever on a few hostile bytes: whoever bounds the import needs the file.
    readingFile(file.path, 'parsing TypeScript');
    const sf = p.createSourceFile(`/import/${i}.ts`, file.text, { overwrite: true });
    ctx.paths.set(sf, file.path);
    if (!ctx.byPath.has(file.path)) ctx.byPath.set(file.path, sf);
    ctx.files.push(sf);
    return sf;
  };
  ctx.tablesFile = add(input.tables, 0);
  if (input.models) ctx.modelsFile = add(input.models, 1);
  (input.others ?? []).forEach((f, i) => add(f, i + 2));
  let ok = true;
  for (const sf of ctx.files) {
    const diagnostics =
      (sf.compilerNode as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    for (const d of diagnostics.slice(0, 5)) {
      ok = false;
      syntaxError(ctx, sf, d.start ?? 0, ts.flattenDiagnosticMessageText(d.messageText, ' '));
    }
  }
  for (const sf of ctx.files) if (!specifiersAreStrings(ctx, sf)) ok = false;
  if (ok) for (const sf of ctx.files) indexSymbols(ctx, sf);
  return ok;
}

/** A `syntax-error` message at an offset of the file. */
function syntaxError(ctx: ImportContext, sf: TsFile, offset: number, what: string): void {
  const pos = sf.compilerNode.getLineAndCharacterOfPosition(offset);
  ctx.messages.push({
    severity: 'error',
    code: 'syntax-error',
    file: ctx.pathOf(sf),
    line: pos.line + 1,
    column: pos.character + 1,
    message: `syntax error: ${what}`,
  });
}

/**
 * `import { x } from sqlite;` parses (TypeScript reports the missing quotes only when type-checking), but names no
 * module: a syntax error at its place, like the parser's own.
 */
function specifiersAreStrings(ctx: ImportContext, sf: TsFile): boolean {
  let ok = true;
  for (const st of sf.compilerNode.statements) {
    if (!ts.isImportDeclaration(st) && !ts.isExportDeclaration(st)) continue;
    const spec = st.moduleSpecifier;
    if (!spec || ts.isStringLiteral(spec)) continue;
    ok = false;
    syntaxError(
      ctx,
      sf,
      spec.getStart(sf.compilerNode),
      `the module after "from" must be a quoted string, e.g. from '${spec.getText(sf.compilerNode)}'`,
    );
  }
  return ok;
}

function indexSymbols(ctx: ImportContext, sf: TsFile): void {
  const consts = new Map<string, ConstInfo>();
  const imports = new Map<string, ImportInfo>();
  const exported = new Map<string, string[]>();
  const fileExports: FileExports = { named: new Map(), stars: [] };
  const exportAs = (local: string, as: string) => {
    exported.set(local, [...(exported.get(local) ?? []), as]);
    if (!fileExports.named.has(as)) fileExports.named.set(as, { local });
  };
  for (const st of sf.getStatements()) {
    ctx.at = st;
    if (Node.isImportDeclaration(st)) {
      const module = st.getModuleSpecifierValue();
      const def = st.getDefaultImport();
      if (def) imports.set(def.getText(), { module, name: 'default' });
      const ns = st.getNamespaceImport();
      if (ns) imports.set(ns.getText(), { module, name: '*' });
      for (const n of st.getNamedImports())
        imports.set(n.getAliasNode()?.getText() ?? n.getName(), { module, name: n.getName() });
    } else if (Node.isVariableStatement(st)) {
      for (const decl of st.getDeclarations()) {
        const nameNode = decl.getNameNode();
        if (!Node.isIdentifier(nameNode)) continue;
        consts.set(nameNode.getText(), { decl, statement: st, init: decl.getInitializer() });
        if (st.isExported()) exportAs(nameNode.getText(), nameNode.getText());
      }
    } else if (Node.isExportDeclaration(st)) {
      const from = st.getModuleSpecifierValue();
      if (from === undefined) {
        for (const s of st.getNamedExports()) exportAs(s.getName(), s.getAliasNode()?.getText() ?? s.getName());
      } else if (st.isNamespaceExport()) {
        const ns = st.getNamespaceExport()?.getName();
        if (ns) fileExports.named.set(ns, { from, name: '*' });
        else fileExports.stars.push(from);
      } else {
        for (const s of st.getNamedExports())
          fileExports.named.set(s.getAliasNode()?.getText() ?? s.getName(), { from, name: s.getName() });
      }
    } else if (
      (Node.isTypeAliasDeclaration(st) ||
        Node.isInterfaceDeclaration(st) ||
        Node.isEnumDeclaration(st) ||
        Node.isClassDeclaration(st) ||
        Node.isFunctionDeclaration(st)) &&
      st.isExported() &&
      !st.isDefaultExport()
    ) {
      const name = st.getName();
      if (name && !fileExports.named.has(name)) fileExports.named.set(name, { local: name });
    }
  }
  ctx.exportsOf.set(sf, fileExports);
  ctx.consts.set(sf, consts);
  ctx.imports.set(sf, imports);
  ctx.exportedNames.set(sf, exported);
}

/** A top-level `const` named `name` as seen from `sf`: its own, or an imported one from another input file. */
export function resolveConst(
  ctx: ImportContext,
  sf: TsFile,
  name: string,
): { info: ConstInfo; sf: TsFile } | undefined {
  const own = ctx.consts.get(sf)?.get(name);
  if (own) return { info: own, sf };
  const imported = ctx.imports.get(sf)?.get(name);
  const target = imported && imported.name !== '*' && imported.name !== 'default' ? imported.name : undefined;
  if (!target || !imported) return undefined;
  // The file the import names, following its re-exports; then, for files whose paths do not say where they sit
  // (loose files picked one by one), any input file with a const of that name.
  const file = resolveSpecifier(ctx, sf, imported.module);
  const found = file ? findExport(ctx, file, target) : undefined;
  const info = found ? ctx.consts.get(found.sf)?.get(found.local) : undefined;
  if (found && info) return { info, sf: found.sf };
  for (const other of ctx.files) {
    if (other === sf) continue;
    const info = ctx.consts.get(other)?.get(target);
    if (info) return { info, sf: other };
  }
  return undefined;
}

/** The name an identifier was imported as (`import { A as B }`: `B` → `A`), or its own name. */
export function importedName(ctx: ImportContext, id: Node): string {
  const imp = ctx.imports.get(id.getSourceFile())?.get(id.getText());
  return imp && imp.name !== '*' ? imp.name : id.getText();
}

/** What a called function is: `sqliteTable`, `text`, ... (following import aliases and namespace imports). */
export function calleeName(ctx: ImportContext, call: CallExpression): string | undefined {
  const callee = call.getExpression();
  const sf = call.getSourceFile();
  if (Node.isIdentifier(callee)) {
    const imp = ctx.imports.get(sf)?.get(callee.getText());
    return imp && imp.name !== '*' && imp.name !== 'default' ? imp.name : callee.getText();
  }
  if (Node.isPropertyAccessExpression(callee) && isNamespace(ctx, callee.getExpression())) return callee.getName();
  return undefined;
}

function isNamespace(ctx: ImportContext, node: Node): boolean {
  return Node.isIdentifier(node) && ctx.imports.get(node.getSourceFile())?.get(node.getText())?.name === '*';
}

/** Follows a chain `base(...).a(...).b(...)` down to its base; returns the base and the calls in source order. */
export function unchain(
  ctx: ImportContext,
  expr: Node,
): { base: Node; calls: { name: string; call: CallExpression }[] } {
  const calls: { name: string; call: CallExpression }[] = [];
  let e = unwrap(expr);
  while (Node.isCallExpression(e)) {
    const callee = e.getExpression();
    if (Node.isPropertyAccessExpression(callee) && !isNamespace(ctx, callee.getExpression())) {
      calls.unshift({ name: callee.getName(), call: e });
      e = unwrap(callee.getExpression());
    } else break;
  }
  return { base: e, calls };
}

export function isExported(ctx: ImportContext, sf: TsFile, name: string): boolean {
  return (ctx.exportedNames.get(sf)?.get(name)?.length ?? 0) > 0;
}

/** A string from a const or a template whose parts are string consts; undefined otherwise. */
export function constantString(ctx: ImportContext, node: Node, depth = 0): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unwrap(node);
  const s = stringValue(n);
  if (s !== undefined) return s;
  if (Node.isIdentifier(n)) {
    const r = resolveConst(ctx, n.getSourceFile(), n.getText());
    if (!r?.info.init) return undefined;
    const v = constantString(ctx, r.info.init, depth + 1);
    if (v !== undefined) ctx.usedConsts.add(r.info.decl);
    return v;
  }
  if (Node.isTemplateExpression(n)) {
    let out = n.getHead().getLiteralText();
    for (const span of n.getTemplateSpans()) {
      const part = constantString(ctx, span.getExpression(), depth + 1);
      if (part === undefined) return undefined;
      out += part + span.getLiteral().getLiteralText();
    }
    return out;
  }
  return undefined;
}

/** An object literal, directly or through a const. */
export function objectLiteral(ctx: ImportContext, node: Node): Node | undefined {
  const n = unwrap(node);
  if (Node.isObjectLiteralExpression(n)) return n;
  if (Node.isIdentifier(n)) {
    const r = resolveConst(ctx, n.getSourceFile(), n.getText());
    const init = r?.info.init ? unwrap(r.info.init) : undefined;
    if (r && init && Node.isObjectLiteralExpression(init)) {
      useConst(ctx, r.info, n);
      return init;
    }
  }
  return undefined;
}

/** Notes (once) that a shared const is written out where it is used. */
export function useConst(ctx: ImportContext, info: ConstInfo, at: Node): void {
  if (ctx.usedConsts.has(info.decl)) return;
  ctx.usedConsts.add(info.decl);
  ctx.report(
    'info',
    'constant-inlined',
    at,
    `shared constant ${info.decl.getName()} is written out where it is used`,
    `its value`,
  );
}
