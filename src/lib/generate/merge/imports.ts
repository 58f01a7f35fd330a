/**
 * Imports and re-exports of a merged file: a name the studio's code needs and the file does not bind yet is
 * imported (into the existing declaration of its module when there is one); a name the studio owns (drizzle's
 * builders, `sql`, `textEnum`, the enums and the types of kept `$type`s) that nothing uses any more is dropped.
 * Every other import stays as it is.
 */
import { ts } from 'ts-morph';
import { type Slot, readSlots, writeSlots } from './slots';
import { type CodeStyle, quoted, settleStatement } from './style';

export interface NeededImport {
  name: string;
  from: string;
  typeOnly: boolean;
}

const DECLARATION_NAME_PARENTS = new Set<ts.SyntaxKind>([
  ts.SyntaxKind.VariableDeclaration,
  ts.SyntaxKind.FunctionDeclaration,
  ts.SyntaxKind.ClassDeclaration,
  ts.SyntaxKind.InterfaceDeclaration,
  ts.SyntaxKind.TypeAliasDeclaration,
  ts.SyntaxKind.EnumDeclaration,
  ts.SyntaxKind.Parameter,
  ts.SyntaxKind.PropertyDeclaration,
  ts.SyntaxKind.PropertySignature,
  ts.SyntaxKind.MethodDeclaration,
  ts.SyntaxKind.MethodSignature,
  ts.SyntaxKind.PropertyAssignment,
  ts.SyntaxKind.BindingElement,
  ts.SyntaxKind.TypeParameter,
  ts.SyntaxKind.EnumMember,
  ts.SyntaxKind.GetAccessor,
  ts.SyntaxKind.SetAccessor,
  ts.SyntaxKind.LabeledStatement,
]);

/** The names a file uses (outside its imports) and the names it binds at the top (imports and declarations). */
export function namesOf(sf: ts.SourceFile): { used: Set<string>; bound: Set<string> } {
  const used = new Set<string>();
  const bound = new Set<string>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) {
      const clause = st.importClause;
      if (clause?.name) bound.add(clause.name.text);
      const b = clause?.namedBindings;
      if (b && ts.isNamespaceImport(b)) bound.add(b.name.text);
      if (b && ts.isNamedImports(b)) for (const e of b.elements) bound.add(e.name.text);
      continue;
    }
    if (ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) bound.add(d.name.text);
    if (
      (ts.isFunctionDeclaration(st) ||
        ts.isClassDeclaration(st) ||
        ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) ||
        ts.isEnumDeclaration(st)) &&
      st.name
    )
      bound.add(st.name.text);
    const visit = (n: ts.Node): void => {
      if (ts.isIdentifier(n)) {
        const p = n.parent;
        const isName =
          (ts.isPropertyAccessExpression(p) && p.name === n) ||
          (ts.isQualifiedName(p) && p.right === n) ||
          (DECLARATION_NAME_PARENTS.has(p.kind) && (p as unknown as { name?: ts.Node }).name === n) ||
          (ts.isExportSpecifier(p) && p.name === n && p.propertyName !== undefined);
        if (!isName) used.add(n.text);
      }
      ts.forEachChild(n, visit);
    };
    visit(st);
  }
  return { used, bound };
}

/** The text of the statement slots of a file, as a list (imports are statements like any other). */
function topSlots(text: string, sf: ts.SourceFile) {
  return readSlots(text, sf, sf.statements, 0, text.length, false);
}

/**
 * Adds the imports `needed` lists that the file uses but does not bind, and drops the `owned` names that the
 * merge left unused (`usedBefore`: the names the file used before the merge — an import that was unused already
 * is the author's business). `owned` maps a module specifier to the names of it the studio owns (`*` for every
 * name of it).
 * @example await settleImports(text, 'tables.ts', style, [{ name: 'index', from: 'drizzle-orm/sqlite-core', typeOnly: false }], owned, usedBefore)
 */
export async function settleImports(
  text: string,
  path: string,
  style: CodeStyle,
  needed: readonly NeededImport[],
  owned: ReadonlyMap<string, ReadonlySet<string>>,
  usedBefore: ReadonlySet<string>,
): Promise<string> {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const { used, bound } = namesOf(sf);
  const missing = needed.filter((n) => used.has(n.name) && !bound.has(n.name));
  const top = topSlots(text, sf);
  const slots: Slot[] = [];
  const added = new Set<string>();
  let pending = '';
  for (const slot of top.slots) {
    const st = slot.element as ts.Statement;
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) {
      slots.push({ ...slot, lead: pending + slot.lead });
      pending = '';
      continue;
    }
    const from = st.moduleSpecifier.text;
    const ownedHere = owned.get(from);
    const clause = st.importClause;
    const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : undefined;
    if (!named) {
      slots.push({ ...slot, lead: pending + slot.lead });
      pending = '';
      continue;
    }
    const list = readSlots(text, sf, named.elements, named.getStart(sf) + 1, named.getEnd() - 1, true);
    const keep = list.slots.filter((s) => {
      const name = (s.element as ts.ImportSpecifier).name.text;
      return used.has(name) || !usedBefore.has(name) || !(ownedHere?.has('*') || ownedHere?.has(name));
    });
    const typeOnlyDecl = clause?.isTypeOnly ?? false;
    const adds = missing.filter((m) => m.from === from && !added.has(m.name) && (!typeOnlyDecl || m.typeOnly));
    for (const m of adds) {
      added.add(m.name);
      keep.push({
        lead: list.multiline ? `${style.eol}${list.indent}` : ' ',
        node: m.typeOnly && !typeOnlyDecl ? `type ${m.name}` : m.name,
        gap: '',
        comma: true,
        trail: '',
        start: -1,
      });
    }
    if (keep.length === 0 && !clause?.name) {
      // Nothing of the declaration is used any more: it goes, with its line.
      pending += slot.lead.replace(/\r?\n[ \t]*$/, '');
      continue;
    }
    if (keep.length === list.slots.length && adds.length === 0) {
      slots.push({ ...slot, lead: pending + slot.lead });
      pending = '';
      continue;
    }
    const first = keep[0];
    if (first && !list.multiline) first.lead = list.slots[0]?.lead ?? ' ';
    const inner = writeSlots({ ...list, slots: keep, tail: list.multiline ? list.tail : list.tail || ' ' }, true);
    const start = st.getStart(sf);
    const edited =
      slot.node.slice(0, named.getStart(sf) + 1 - start) + inner + slot.node.slice(named.getEnd() - 1 - start);
    // A widened import is laid out as the file's formatter would (wrapped when it no longer fits a line).
    const node = await settleStatement(slot.node, edited, style);
    slots.push({ ...slot, lead: pending + slot.lead, node });
    pending = '';
  }
  // Modules the file does not import from yet: one declaration each, after the last import.
  const byModule = new Map<string, NeededImport[]>();
  for (const m of missing) {
    if (added.has(m.name)) continue;
    byModule.set(m.from, [...(byModule.get(m.from) ?? []), m]);
  }
  const lastImport = slots.reduce((n, s, i) => (s.element && ts.isImportDeclaration(s.element) ? i : n), -1);
  const newDecls: Slot[] = [];
  for (const [from, names] of byModule) {
    const typeOnly = names.every((n) => n.typeOnly);
    const list = names.map((n) => (n.typeOnly && !typeOnly ? `type ${n.name}` : n.name)).join(', ');
    newDecls.push({
      lead: lastImport < 0 && newDecls.length === 0 ? '' : style.eol,
      node: `import ${typeOnly ? 'type ' : ''}{ ${list} } from ${quoted(from, style)};`,
      gap: '',
      comma: false,
      trail: '',
      start: -1,
    });
  }
  if (newDecls.length > 0 && lastImport < 0) {
    const next = slots[0];
    if (next) next.lead = `${style.eol}${style.eol}${next.lead.replace(/^(\r?\n)+/, '')}`;
  }
  slots.splice(lastImport + 1, 0, ...newDecls);
  return writeSlots({ ...top, slots, tail: pending + top.tail }, false);
}

/**
 * Makes sure the file exports each of `names` (the enums tables.ts re-exports): a missing one is added to the
 * file's first `export { … }` without a module, or a new `export { … };` at the end. Nothing is removed.
 */
export function ensureReexports(text: string, path: string, style: CodeStyle, names: readonly string[]): string {
  if (names.length === 0) return text;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const exported = new Set<string>();
  let target: ts.NamedExports | undefined;
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) exported.add(e.name.text);
      if (!st.moduleSpecifier && !st.isTypeOnly) target ??= st.exportClause;
    }
    const exportedDecl =
      ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exportedDecl && ts.isVariableStatement(st))
      for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) exported.add(d.name.text);
  }
  const missing = names.filter((n) => !exported.has(n));
  if (missing.length === 0) return text;
  if (target) {
    const list = readSlots(text, sf, target.elements, target.getStart(sf) + 1, target.getEnd() - 1, true);
    for (const n of missing)
      list.slots.push({
        lead: list.multiline ? `${style.eol}${list.indent}` : ' ',
        node: n,
        gap: '',
        comma: true,
        trail: '',
        start: -1,
      });
    const inner = writeSlots({ ...list, tail: list.multiline ? list.tail : list.tail || ' ' }, true);
    return text.slice(0, target.getStart(sf) + 1) + inner + text.slice(target.getEnd() - 1);
  }
  const body = text.replace(/\s*$/, '');
  return `${body}${style.eol}${style.eol}export { ${missing.join(', ')} };${style.eol}`;
}

/**
 * Renames references in a file (`old → new`), as an editor's rename does: every use of the name, not property
 * names, not the names inside import declarations (settleImports takes care of those).
 * @example renameReferences('type T = typeof tasks.$inferSelect;', 'x.ts', new Map([['tasks', 'todos']])) // 'type T = typeof todos.$inferSelect;'
 */
export function renameReferences(text: string, path: string, renames: ReadonlyMap<string, string>): string {
  if (renames.size === 0) return text;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: { start: number; end: number; to: string }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) return;
    if (ts.isIdentifier(n)) {
      const to = renames.get(n.text);
      const p = n.parent;
      const isName =
        (ts.isPropertyAccessExpression(p) && p.name === n) ||
        (ts.isQualifiedName(p) && p.right === n) ||
        (ts.isPropertyAssignment(p) && p.name === n) ||
        (ts.isPropertySignature(p) && p.name === n);
      if (to !== undefined && !isName) edits.push({ start: n.getStart(sf), end: n.getEnd(), to });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.to + out.slice(e.end);
  return out;
}

/** Names a file uses without binding them that it did bind before: what the merge took away from code that needs it. */
export function danglingNames(before: string, after: string, path: string): { name: string; line: number }[] {
  const parse = (t: string) => ts.createSourceFile(path, t, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const old = namesOf(parse(before));
  const sf = parse(after);
  const now = namesOf(sf);
  const out: { name: string; line: number }[] = [];
  const missing = new Set([...now.used].filter((n) => !now.bound.has(n) && old.bound.has(n)));
  const visit = (n: ts.Node): void => {
    if (ts.isImportDeclaration(n)) return;
    if (ts.isIdentifier(n) && missing.has(n.text)) {
      missing.delete(n.text);
      out.push({ name: n.text, line: sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1 });
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}
