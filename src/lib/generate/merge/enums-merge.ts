/**
 * The enums of an existing module brought to the design, wherever they are declared — the models file, a file
 * it re-exports, or tables.ts itself: a changed enum's members are edited in place (a member that did not change
 * keeps its text and its comment), a renamed one is renamed in its `const` and its same-named type. An enum the
 * design adds is declared at the end of the models file. Nothing else in these files changes, and an enum the
 * design no longer uses stays (other code may use it).
 */
import { ts } from 'ts-morph';
import type { Design, EnumDef } from '../../core/design';
import { propertyKey } from '../code-text';
import type { Pairs } from './match';
import { docBlock, lineIndent, readSlots, type Slot, leftOfDropped, undescribedLead, writeSlots } from './slots';
import {
  type CodeStyle,
  DEFAULT_STYLE,
  detectStyle,
  formatInStyle,
  formatMember,
  indentUnit,
  quoted,
  withQuotesOf,
} from './style';
import type { MergeNote } from './types';

/** A `const X = { … } as const` of a file, and its same-named type alias when the file has one. */
interface EnumDeclaration {
  file: string;
  statement: ts.VariableStatement;
  name: ts.Identifier;
  object: ts.ObjectLiteralExpression;
  type?: ts.TypeAliasDeclaration;
  sf: ts.SourceFile;
}

function objectOf(init: ts.Expression | undefined): ts.ObjectLiteralExpression | undefined {
  let e = init;
  while (e && (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)))
    e = e.expression;
  return e && ts.isObjectLiteralExpression(e) ? e : undefined;
}

function declarationsIn(file: string, text: string): EnumDeclaration[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const types = new Map<string, ts.TypeAliasDeclaration>();
  for (const st of sf.statements) if (ts.isTypeAliasDeclaration(st)) types.set(st.name.text, st);
  const out: EnumDeclaration[] = [];
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st) || st.declarationList.declarations.length !== 1) continue;
    const d = st.declarationList.declarations[0] as ts.VariableDeclaration;
    const object = objectOf(d.initializer);
    if (!object || !ts.isIdentifier(d.name)) continue;
    out.push({ file, statement: st, name: d.name, object, type: types.get(d.name.text), sf });
  }
  return out;
}

const members = (e: EnumDef) => JSON.stringify(e.members.map((m) => [m.key, m.value]));

type Edit = { start: number; end: number; text: string };

export interface EnumsMergeInput {
  design: Design;
  existing: Design;
  pairs: Pairs;
  /** Every file an enum may be declared in (tables.ts, the models file and the files it re-exports), by path. */
  files: Map<string, string>;
  /** Where a new enum goes, unless the module keeps its enums in tables.ts (see {@link mergeEnums}). */
  modelsPath: string;
  /** The schema file (tables.ts). */
  schemaPath: string;
  /** Enum names (the design's) that tables.ts needs to import from the models file. */
  needed: ReadonlySet<string>;
  notes: MergeNote[];
}

/**
 * Brings every enum to the design; returns the files that changed (path → new text) and the names of the enums
 * now declared in the models file that were not before.
 */
export async function mergeEnums(input: EnumsMergeInput): Promise<{ changed: Map<string, string>; added: string[] }> {
  const { design, existing, pairs, files, notes } = input;
  const declared = new Map<string, EnumDeclaration>();
  for (const [file, text] of files)
    for (const d of declarationsIn(file, text)) if (!declared.has(d.name.text)) declared.set(d.name.text, d);
  const edits = new Map<string, Edit[]>();
  const addEdit = (file: string, e: Edit) => edits.set(file, [...(edits.get(file) ?? []), e]);
  const added: EnumDef[] = [];
  const bindings = new Map(Object.values(design.enums).map((e) => [e.id, e.name]));

  for (const e of Object.values(design.enums)) {
    const oldId = pairs.enums.get(e.id);
    const old = oldId !== undefined ? existing.enums[oldId] : undefined;
    const decl = declared.get(old?.name ?? e.name) ?? (old ? undefined : declared.get(e.name));
    if (!decl) {
      if (input.needed.has(bindings.get(e.id) ?? e.name)) added.push(e);
      continue;
    }
    const text = files.get(decl.file) as string;
    const style = withQuotesOf(detectStyle(text), decl.statement.getText(decl.sf));
    const line = decl.sf.getLineAndCharacterOfPosition(decl.statement.getStart(decl.sf)).line + 1;
    if (old && members(old) !== members(e)) {
      addEdit(decl.file, await memberEdits(text, decl, old, e, style));
      notes.push({ severity: 'info', file: decl.file, line, message: `updated the values of enum ${e.name}` });
    }
    if (old && old.name !== e.name) {
      addEdit(decl.file, { start: decl.name.getStart(decl.sf), end: decl.name.getEnd(), text: e.name });
      if (decl.type) renameInType(decl, old.name, e.name).forEach((x) => addEdit(decl.file, x));
      notes.push({
        severity: 'warning',
        file: decl.file,
        line,
        message: `renamed enum ${old.name} to ${e.name}: other code that uses ${old.name} must be changed`,
      });
    }
    if (old && old.comment.trim() !== e.comment.trim()) {
      const full = decl.statement.getFullStart();
      const start = decl.statement.getStart(decl.sf);
      const lead = text.slice(full, start);
      const indent = lineIndent(text, start);
      const kept = undescribedLead(lead, 'enum');
      addEdit(decl.file, {
        start: full,
        end: start,
        text: `${kept}${kept || full > 0 ? style.eol : ''}${e.comment.trim() ? docBlock(e.comment.trim(), indent, style.eol) : ''}${indent}`,
      });
    }
  }

  const changed = new Map<string, string>();
  for (const [file, list] of edits) {
    let text = files.get(file) as string;
    for (const e of [...list].sort((a, b) => b.start - a.start))
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
    changed.set(file, text);
  }
  if (added.length > 0) {
    // New enums go where the module keeps the enums its tables use: beside them in tables.ts when it declares its
    // own there (often on purpose: "define enums locally to avoid import issues"), or when the models file imports
    // the schema (an enum imported from it would be read before it is defined); otherwise the models file.
    const schemaText = changed.get(input.schemaPath) ?? files.get(input.schemaPath) ?? '';
    const models = changed.get(input.modelsPath) ?? files.get(input.modelsPath) ?? '';
    const local = [...declared.values()].filter(
      (d) => d.file === input.schemaPath && Object.values(existing.enums).some((e) => e.name === d.name.text),
    );
    const modelsImportsSchema = importsFolder(models, input.modelsPath, folderOf(input.schemaPath));
    if (local.length > 0 || modelsImportsSchema) {
      const after = local.length > 0 ? Math.max(...local.map((d) => d.statement.getEnd())) : lastImportEnd(schemaText);
      changed.set(input.schemaPath, await insertEnums(schemaText, after, added));
      for (const e of added)
        notes.push({
          severity: 'info',
          file: input.schemaPath,
          line: 0,
          message: `added enum ${e.name}, beside the module's other enums`,
        });
    } else {
      changed.set(input.modelsPath, await appendEnums(models, added));
      for (const e of added)
        notes.push({ severity: 'info', file: input.modelsPath, line: 0, message: `added enum ${e.name}` });
    }
  }
  return { changed, added: added.map((e) => e.name) };
}

/** The edits of an enum's object literal: changed values replaced, removed members taken out, new ones added. */
async function memberEdits(
  text: string,
  decl: EnumDeclaration,
  old: EnumDef,
  next: EnumDef,
  style: CodeStyle,
): Promise<Edit> {
  const { sf, object } = decl;
  const list = readSlots(text, sf, object.properties, object.getStart(sf) + 1, object.getEnd() - 1, true);
  const indent = list.indent || lineIndent(text, decl.statement.getStart(sf)) + indentUnit(style);
  const byKey = new Map(next.members.map((m) => [m.key, m]));
  const oldByKey = new Map(old.members.map((m) => [m.key, m]));
  const out: Slot[] = [];
  const placed = new Set<string>();
  let pending = '';
  for (const slot of list.slots) {
    const p = slot.element as ts.ObjectLiteralElementLike;
    const key = p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? p.name.text : undefined;
    if (key === undefined || !oldByKey.has(key)) {
      out.push({ ...slot, lead: pending + slot.lead });
      pending = '';
      continue;
    }
    const m = byKey.get(key);
    if (!m) {
      pending += leftOfDropped(slot.lead, 'column');
      continue;
    }
    placed.add(key);
    const node = oldByKey.get(key)?.value === m.value ? slot.node : `${propertyKey(m.key)}: ${quoted(m.value, style)}`;
    out.push({ ...slot, lead: pending + slot.lead, node });
    pending = '';
  }
  for (const m of next.members) {
    if (placed.has(m.key)) continue;
    const node = await formatMember(`${propertyKey(m.key)}: ${quoted(m.value, style)}`, indent, style);
    out.push({
      lead: list.multiline || list.slots.length === 0 ? `${style.eol}${indent}` : ' ',
      node,
      gap: '',
      comma: true,
      trail: '',
      start: -1,
    });
  }
  // Values keep the design's order: members are re-ordered only when the order changed.
  const order = next.members.map((m) => m.key);
  const ownedSlots = out.filter((s) => s.start === -1 || oldByKey.has(keyOf(s) ?? ''));
  if (ownedSlots.length === out.length && JSON.stringify(ownedSlots.map(keyOf)) !== JSON.stringify(order)) {
    out.sort((a, b) => order.indexOf(keyOf(a) ?? '') - order.indexOf(keyOf(b) ?? ''));
  }
  let tail = pending + list.tail;
  let trailingComma = list.trailingComma;
  if (list.slots.length === 0) {
    tail = `${style.eol}${lineIndent(text, decl.statement.getStart(sf))}`;
    trailingComma = style.trailingComma === 'all';
  }
  return {
    start: object.getStart(sf) + 1,
    end: object.getEnd() - 1,
    text: writeSlots({ ...list, slots: out, tail, trailingComma }, true),
  };
}

function keyOf(s: Slot): string | undefined {
  const m = /^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z_$][\w$]*))\s*:/.exec(s.node);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function renameInType(decl: EnumDeclaration, from: string, to: string): Edit[] {
  const out: Edit[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isIdentifier(n) && n.text === from) out.push({ start: n.getStart(decl.sf), end: n.getEnd(), text: to });
    ts.forEachChild(n, visit);
  };
  if (decl.type) visit(decl.type);
  return out;
}

const folderOf = (path: string) => path.slice(0, path.lastIndexOf('/'));

/** Whether a file imports or re-exports from a module inside `folder` (relative specifiers only). */
function importsFolder(text: string, path: string, folder: string): boolean {
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  for (const st of sf.statements) {
    const spec =
      (ts.isImportDeclaration(st) || ts.isExportDeclaration(st)) &&
      st.moduleSpecifier &&
      ts.isStringLiteral(st.moduleSpecifier)
        ? st.moduleSpecifier.text
        : null;
    if (!spec?.startsWith('.')) continue;
    const parts = folderOf(path).split('/');
    for (const seg of spec.split('/')) {
      if (seg === '..') parts.pop();
      else if (seg !== '.') parts.push(seg);
    }
    const target = parts.join('/');
    if (target === folder || target.startsWith(`${folder}/`)) return true;
  }
  return false;
}

/** Where the imports of a file end (0 when it has none). */
function lastImportEnd(text: string): number {
  const sf = ts.createSourceFile('x.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  return sf.statements.filter((st) => ts.isImportDeclaration(st)).reduce((n, st) => Math.max(n, st.getEnd()), 0);
}

/** Enum declarations (const object and same-named type) in a file's style, without a final line break. */
async function enumCode(enums: readonly EnumDef[], style: CodeStyle): Promise<string> {
  const code = enums
    .map((e) => {
      const doc = e.comment.trim() ? docBlock(e.comment.trim(), '', '\n') : '';
      const body = e.members.map((m) => `  ${propertyKey(m.key)}: ${JSON.stringify(m.value)},`).join('\n');
      return `${doc}export const ${e.name} = {\n${body}\n} as const;\nexport type ${e.name} = (typeof ${e.name})[keyof typeof ${e.name}];\n`;
    })
    .join('\n');
  return (await formatInStyle(code, style)).trimEnd().replace(/\n/g, style.eol);
}

/** tables.ts with new enums declared after `at` (its other enums, or its imports), before the tables use them. */
async function insertEnums(text: string, at: number, enums: readonly EnumDef[]): Promise<string> {
  const style = detectStyle(text);
  const code = await enumCode(enums, style);
  return `${text.slice(0, at)}${style.eol}${style.eol}${code}${text.slice(at)}`;
}

/** The models file with new enums declared at its end, in its style. */
async function appendEnums(models: string, enums: readonly EnumDef[]): Promise<string> {
  const style = models ? detectStyle(models) : DEFAULT_STYLE;
  const code = await enumCode(enums, style);
  if (!models.trim()) return `${code}${style.eol}`;
  // A models file that holds only `export {};` (no enums yet) loses that placeholder.
  const body = models.replace(/^export \{\};[ \t]*\r?\n?/m, '').replace(/\s*$/, '');
  return `${body}${style.eol}${style.eol}${code}${style.eol}`;
}
