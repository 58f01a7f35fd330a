/**
 * The body of an existing tables.ts brought to the design: each table statement whose code would not change is
 * kept byte for byte; a changed table is edited in place — its name, its export name, the columns and indexes
 * that changed — so the author's other columns, comments and formatting stay; new tables are added after the
 * table before them in the design, removed ones taken out (with the comment that describes them, nothing else);
 * legacy aliases follow their table. Imports are settled afterwards (imports.ts).
 */
import { ts } from 'ts-morph';
import type { ImportMessage } from '../../import/types';
import type { TableParts } from '../tables-ts';
import { type Design, resolveBindings, writtenAliases } from '../../core/design';
import type { Pairs } from './match';
import { inverse } from './match';
import {
  type Slot,
  type SlotList,
  docBlock,
  lineIndent,
  readSlots,
  leftOfDropped,
  undescribedLead,
  writeSlots,
} from './slots';
import {
  type CodeStyle,
  formatInStyle,
  formatMember,
  indentUnit,
  quoted,
  settleStatement,
  withQuotesOf,
} from './style';
import { MergeError, type MergeNote } from './types';

export interface TablesMergeInput {
  path: string;
  text: string;
  design: Design;
  /** The existing code read back. */
  existing: Design;
  parts: Map<string, TableParts>;
  existingParts: Map<string, TableParts>;
  pairs: Pairs;
  style: CodeStyle;
  /** What the importer said about the existing code (what it could not hold, with places). */
  messages: readonly ImportMessage[];
  notes: MergeNote[];
}

type Edit = { start: number; end: number; text: string };

function applyEdits(text: string, offset: number, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start))
    out = out.slice(0, e.start - offset) + e.text + out.slice(e.end - offset);
  return out;
}

/** The `sqliteTable(…)` call of a statement, with its declaration, or null for any other statement. */
function tableCall(
  st: ts.Statement,
  builders: ReadonlySet<string>,
): { decl: ts.VariableDeclaration; call: ts.CallExpression } | null {
  const found = tableDeclarations(st, builders);
  return found.length === 1 && ts.isVariableStatement(st) && st.declarationList.declarations.length === 1
    ? (found[0] as { decl: ts.VariableDeclaration; call: ts.CallExpression })
    : null;
}

/** Every `name = sqliteTable(…)` declaration of a statement (`builders`: the names `sqliteTable` goes by here). */
function tableDeclarations(
  st: ts.Statement,
  builders: ReadonlySet<string>,
): { decl: ts.VariableDeclaration; call: ts.CallExpression }[] {
  if (!ts.isVariableStatement(st)) return [];
  const out: { decl: ts.VariableDeclaration; call: ts.CallExpression }[] = [];
  for (const decl of st.declarationList.declarations) {
    let init = decl.initializer;
    while (init && (ts.isParenthesizedExpression(init) || ts.isAsExpression(init) || ts.isSatisfiesExpression(init)))
      init = init.expression;
    if (!init || !ts.isCallExpression(init) || !ts.isIdentifier(decl.name)) continue;
    const callee = init.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    if (builders.has(name)) out.push({ decl, call: init });
  }
  return out;
}

/** The names `sqliteTable` is known by in a file: its own, and an alias it is imported as. */
function tableBuilderNames(sf: ts.SourceFile): Set<string> {
  const names = new Set(['sqliteTable']);
  for (const st of sf.statements) {
    const b = ts.isImportDeclaration(st) ? st.importClause?.namedBindings : undefined;
    if (!b || !ts.isNamedImports(b)) continue;
    for (const e of b.elements) if ((e.propertyName ?? e.name).text === 'sqliteTable') names.add(e.name.text);
  }
  return names;
}

/** `export const alias = binding;` */
function aliasOf(st: ts.Statement): { name: string; target: ts.Identifier } | null {
  if (!ts.isVariableStatement(st) || st.declarationList.declarations.length !== 1) return null;
  const decl = st.declarationList.declarations[0] as ts.VariableDeclaration;
  if (!ts.isIdentifier(decl.name) || !decl.initializer || !ts.isIdentifier(decl.initializer)) return null;
  return { name: decl.name.text, target: decl.initializer };
}

function propertyName(e: ts.ObjectLiteralElementLike): string | undefined {
  if (ts.isPropertyAssignment(e) || ts.isShorthandPropertyAssignment(e)) {
    const n = e.name;
    if (ts.isIdentifier(n) || ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isNumericLiteral(n))
      return n.text;
  }
  return undefined;
}

/** The index name of an item of the third argument (`index("x").on(…)`, `uniqueIndex('x').on(…)`), if it is one. */
function indexItemName(e: ts.Node): string | undefined {
  let n: ts.Node = e;
  while (ts.isCallExpression(n)) {
    const callee = n.expression;
    if (ts.isIdentifier(callee) && (callee.text === 'index' || callee.text === 'uniqueIndex')) {
      const arg = n.arguments[0];
      return arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) ? arg.text : undefined;
    }
    if (!ts.isPropertyAccessExpression(callee)) return undefined;
    n = callee.expression;
  }
  return undefined;
}

function lineOf(sf: ts.SourceFile, pos: number): number {
  return sf.getLineAndCharacterOfPosition(pos).line + 1;
}

/** Merges the body of tables.ts; imports are not touched here. */
export async function mergeTablesBody(input: TablesMergeInput): Promise<string> {
  const { text, path, design, existing, parts, existingParts, pairs, style, notes } = input;
  const sf = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const eol = style.eol;
  const top = readSlots(text, sf, sf.statements, 0, text.length, false);
  const toDesign = inverse(pairs.tables);
  const existingByBinding = new Map([...existingParts.values()].map((p) => [p.binding, p]));
  const designAliases = writtenAliases(design, resolveBindings(design));
  const existingAliases = new Map<string, string>();
  for (const t of Object.values(existing.tables)) for (const a of t.aliases ?? []) existingAliases.set(a, t.id);

  const out: Slot[] = [];
  /** Output position after which each design table's code ends (its statement or its last alias). */
  const placed = new Map<string, number>();
  /** Aliases kept per design table. */
  const keptAliases = new Map<string, Set<string>>();
  let pendingLead = '';
  const push = (s: Slot) => {
    out.push({ ...s, lead: pendingLead + s.lead });
    pendingLead = '';
  };
  const drop = (s: Slot, target: 'table' | 'column') => {
    pendingLead += leftOfDropped(s.lead, target);
  };

  const builders = tableBuilderNames(sf);
  for (const slot of top.slots) {
    const st = slot.element as ts.Statement;
    const several = tableDeclarations(st, builders);
    if (several.length > 1 || (several.length === 1 && !tableCall(st, builders))) {
      // Tables declared together (`const a = sqliteTable(…), b = …`): kept as written while none of them changes.
      for (const t of several) {
        const old = existingByBinding.get((t.decl.name as ts.Identifier).text);
        const designId = old ? toDesign.get(old.id) : undefined;
        const next = designId !== undefined ? parts.get(designId) : undefined;
        if (old && designId !== undefined) placed.set(designId, out.length);
        if (old && (!next || next.statement !== old.statement))
          throw new MergeError(
            `${path}:${lineOf(sf, st.getStart(sf))}: ${old.name} is declared together with other tables in one statement, so the change to it cannot be made there; declare each table in a statement of its own (export const x = sqliteTable(…)) and write again`,
          );
      }
      push(slot);
      continue;
    }
    const call = tableCall(st, builders);
    const old = call ? existingByBinding.get((call.decl.name as ts.Identifier).text) : undefined;
    if (call && old) {
      const designId = toDesign.get(old.id);
      if (designId === undefined) {
        notes.push({
          severity: 'info',
          file: path,
          line: lineOf(sf, st.getStart(sf)),
          message: `removed table ${old.name} (${old.binding}), which the design no longer has`,
        });
        drop(slot, 'table');
        continue;
      }
      push(await mergeTable(input, sf, slot, call, old, parts.get(designId) as TableParts));
      placed.set(designId, out.length - 1);
      continue;
    }
    const alias = aliasOf(st);
    const aliasTable = alias ? existingAliases.get(alias.name) : undefined;
    if (alias && aliasTable !== undefined) {
      const designId = toDesign.get(aliasTable);
      const target = designId !== undefined ? parts.get(designId) : undefined;
      if (!designId || !target || !(designAliases.get(designId) ?? []).includes(alias.name)) {
        notes.push({
          severity: 'info',
          file: path,
          line: lineOf(sf, st.getStart(sf)),
          message: `removed the alias ${alias.name}, which the design no longer has`,
        });
        drop(slot, 'table');
        continue;
      }
      const node =
        alias.target.text === target.binding
          ? slot.node
          : applyEdits(slot.node, st.getStart(sf), [
              { start: alias.target.getStart(sf), end: alias.target.getEnd(), text: target.binding },
            ]);
      push({ ...slot, node });
      placed.set(designId, out.length - 1);
      keptAliases.set(designId, new Set([...(keptAliases.get(designId) ?? []), alias.name]));
      continue;
    }
    push(slot);
  }

  // Tables the existing code declares elsewhere (another schema file, a shape not read here): left as they are,
  // which is right only while the design does not change them.
  for (const [designId, oldId] of pairs.tables) {
    if (placed.has(designId)) continue;
    const old = existingParts.get(oldId);
    const next = parts.get(designId);
    if (old && next && old.statement !== next.statement)
      throw new MergeError(
        `${path}: ${old.name} is not declared in this file as export const ${old.binding} = sqliteTable(…), so the change to it cannot be made in place; change it where it is declared, or move it into ${path}`,
      );
  }

  // New tables and new aliases, each after the design table before it.
  const order = Object.values(design.tables).map((t) => t.id);
  const inserts: { after: number; slot: Slot }[] = [];
  const lastImport = out.reduce((n, s, i) => (s.element && ts.isImportDeclaration(s.element) ? i : n), -1);
  for (const [i, id] of order.entries()) {
    const p = parts.get(id) as TableParts;
    const aliases = (designAliases.get(id) ?? []).filter((a) => !keptAliases.get(id)?.has(a));
    const code: string[] = [];
    // A table the code already has (declared elsewhere, checked above) is never added a second time.
    const isNew = !placed.has(id) && !pairs.tables.has(id);
    if (isNew) code.push((await formatInStyle(p.statement, style)).trimEnd());
    for (const a of aliases) code.push(`export const ${a} = ${p.binding};`);
    if (code.length === 0) continue;
    let after = -1;
    for (let k = i - 1; k >= 0 && after < 0; k--) after = placed.get(order[k] as string) ?? -1;
    if (placed.has(id)) after = placed.get(id) as number;
    if (after < 0) after = firstTableBefore(out, placed, lastImport);
    const slotText = code.map((c) => c.replace(/\n/g, eol)).join(eol);
    inserts.push({
      after,
      slot: { lead: `${eol}${eol}`, node: slotText, gap: '', comma: false, trail: '', start: -1 },
    });
    if (isNew) notes.push({ severity: 'info', file: path, line: 0, message: `added table ${p.name} (${p.binding})` });
    placed.set(id, after);
  }
  for (const ins of inserts.reverse()) out.splice(ins.after + 1, 0, ins.slot);
  const tail = pendingLead + top.tail;
  return writeSlots({ ...top, slots: out, tail }, false);
}

/** Where a first new table goes: before the first table statement there is, else after the imports. */
function firstTableBefore(out: readonly Slot[], placed: ReadonlyMap<string, number>, lastImport: number): number {
  const first = Math.min(...placed.values());
  return Number.isFinite(first) ? first - 1 : lastImport >= 0 ? lastImport : out.length - 1;
}

/** One table statement brought to the design. */
async function mergeTable(
  input: TablesMergeInput,
  sf: ts.SourceFile,
  slot: Slot,
  table: { decl: ts.VariableDeclaration; call: ts.CallExpression },
  old: TableParts,
  next: TableParts,
): Promise<Slot> {
  if (old.statement === next.statement) return slot;
  // What is written into this statement follows its own quotes (a file may mix them table by table).
  input = { ...input, style: withQuotesOf(input.style, slot.node) };
  const { text, style, path } = input;
  const st = slot.element as ts.Statement;
  const start = st.getStart(sf);
  const edits: Edit[] = [];
  const { decl, call } = table;
  const [nameArg, columnsArg, extrasArg] = call.arguments;
  if (old.binding !== next.binding) {
    edits.push({ start: decl.name.getStart(sf), end: decl.name.getEnd(), text: next.binding });
    input.notes.push({
      severity: 'warning',
      file: path,
      line: lineOf(sf, start),
      message: `renamed the export ${old.binding} to ${next.binding}: code that imports ${old.binding} must be changed`,
    });
  }
  if (old.name !== next.name && nameArg)
    edits.push({ start: nameArg.getStart(sf), end: nameArg.getEnd(), text: quoted(next.name, style) });
  if (
    JSON.stringify(old.columns.map((c) => [c.doc, c.code])) !== JSON.stringify(next.columns.map((c) => [c.doc, c.code]))
  ) {
    if (!columnsArg || !ts.isObjectLiteralExpression(columnsArg))
      throw new MergeError(
        `${path}:${lineOf(sf, start)}: the columns of ${old.name} are not written in place, so the change cannot be made there`,
      );
    const body = await mergeColumns(input, sf, columnsArg, old, next);
    edits.push({ start: columnsArg.getStart(sf) + 1, end: columnsArg.getEnd() - 1, text: body });
  }
  if (JSON.stringify(old.indexes.map((i) => i.code)) !== JSON.stringify(next.indexes.map((i) => i.code))) {
    edits.push(...(await mergeIndexes(input, sf, call, columnsArg, extrasArg, old, next)));
  }
  let lead = slot.lead;
  if (old.doc !== next.doc) {
    const indent = lineIndent(text, start);
    lead = `${undescribedLead(slot.lead, 'table')}${style.eol}${next.doc ? docBlock(next.doc, indent, style.eol) : ''}${indent}`;
    if (!undescribedLead(slot.lead, 'table')) lead = lead.replace(/^\r?\n/, '');
  }
  return { ...slot, lead, node: await settleStatement(slot.node, applyEdits(slot.node, start, edits), style) };
}

/** The text between `{` and `}` of a table's columns, brought to the design. */
async function mergeColumns(
  input: TablesMergeInput,
  sf: ts.SourceFile,
  obj: ts.ObjectLiteralExpression,
  old: TableParts,
  next: TableParts,
): Promise<string> {
  const { text, style, pairs, path } = input;
  const eol = style.eol;
  const list = readSlots(text, sf, obj.properties, obj.getStart(sf) + 1, obj.getEnd() - 1, true);
  const indent = list.indent || lineIndent(text, obj.getStart(sf)) + indentUnit(style);
  const oldByKey = new Map(old.columns.map((c) => [c.key, c]));
  const toDesign = inverse(pairs.columns);
  const nextById = new Map(next.columns.map((c) => [c.id, c]));
  const out: Slot[] = [];
  const placed = new Map<string, number>();
  const seen = new Set<string>();
  let pending = '';
  for (const slot of list.slots) {
    const key = propertyName(slot.element as ts.ObjectLiteralElementLike);
    const o = key !== undefined ? oldByKey.get(key) : undefined;
    if (!o) {
      out.push({ ...slot, lead: pending + slot.lead });
      pending = '';
      continue;
    }
    seen.add(o.id);
    const designId = toDesign.get(o.id);
    const n = designId !== undefined ? nextById.get(designId) : undefined;
    if (!n) {
      pending += leftOfDropped(slot.lead, 'column');
      notes(input, sf, slot, `removed column ${key} of ${old.name}`, 'info');
      continue;
    }
    let s: Slot = { ...slot, lead: pending + slot.lead };
    pending = '';
    if (n.code !== o.code || n.doc !== o.doc) {
      const at = (slot.element as ts.Node).getStart(sf);
      const lineIndentHere = lineIndent(text, at);
      s = { ...s, node: await formatMember(n.code, lineIndentHere, style) };
      if (n.doc !== o.doc) {
        const kept = undescribedLead(s.lead, 'column');
        s = {
          ...s,
          lead: `${kept}${eol}${n.doc ? docBlock(n.doc, lineIndentHere, eol) : ''}${lineIndentHere}`,
          trail: /^\s*\/\//.test(s.trail) ? '' : s.trail,
        };
      }
      lostHere(input, sf, slot.element as ts.Node, `column ${key} of ${old.name}`);
      if (n.key !== o.key)
        input.notes.push({
          severity: 'warning',
          file: path,
          line: lineOf(sf, (slot.element as ts.Node).getStart(sf)),
          message: `renamed the key ${o.key} of ${old.binding} to ${n.key}: code that uses ${old.binding}.${o.key} must be changed`,
        });
    }
    out.push(s);
    placed.set(n.id, out.length - 1);
  }
  // Columns the existing code has but not as a property of this object (a spread of shared columns, say).
  for (const o of old.columns) {
    if (seen.has(o.id)) continue;
    const designId = toDesign.get(o.id);
    const n = designId !== undefined ? nextById.get(designId) : undefined;
    if (!n || n.code !== o.code || n.doc !== o.doc)
      throw new MergeError(
        `${path}:${lineOf(sf, obj.getStart(sf))}: column ${o.key} of ${old.name} is not written as a property of the table (it comes from shared code), so the change to it cannot be made there; change it in the code that defines it`,
      );
    placed.set(n.id, out.length - 1);
  }
  const inserts: { after: number; slot: Slot }[] = [];
  for (const [i, n] of next.columns.entries()) {
    if (placed.has(n.id)) continue;
    let after = -1;
    for (let k = i - 1; k >= 0 && after < 0; k--) after = placed.get((next.columns[k] as { id: string }).id) ?? -1;
    const node = await formatMember(n.code, indent, style);
    const lead =
      list.multiline || list.slots.length === 0 ? `${eol}${n.doc ? docBlock(n.doc, indent, eol) : ''}${indent}` : ' ';
    inserts.push({ after, slot: { lead, node, gap: '', comma: true, trail: '', start: -1 } });
    placed.set(n.id, after);
    input.notes.push({ severity: 'info', file: path, line: 0, message: `added column ${n.key} to ${next.name}` });
  }
  for (const ins of inserts.reverse()) out.splice(ins.after + 1, 0, ins.slot);
  let tail = pending + list.tail;
  let trailingComma = list.trailingComma;
  if (list.slots.length === 0 && out.length > 0) {
    tail = `${eol}${lineIndent(text, obj.getStart(sf))}`;
    trailingComma = style.trailingComma === 'all';
  }
  return writeSlots({ ...list, slots: out, tail, trailingComma }, true);
}

/** Edits that bring a table's third argument (its indexes) to the design. */
async function mergeIndexes(
  input: TablesMergeInput,
  sf: ts.SourceFile,
  call: ts.CallExpression,
  columnsArg: ts.Expression | undefined,
  extras: ts.Expression | undefined,
  old: TableParts,
  next: TableParts,
): Promise<Edit[]> {
  const { text, style, pairs, path } = input;
  const toDesign = inverse(pairs.indexes);
  const nextById = new Map(next.indexes.map((i) => [i.id, i]));
  const oldByName = new Map(old.indexes.map((i) => [i.name.toLowerCase(), i]));
  const indent = lineIndent(text, call.getStart(sf));
  let fn: ts.Expression | undefined = extras;
  while (fn && ts.isParenthesizedExpression(fn)) fn = fn.expression;
  const arrow = fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) ? fn : undefined;
  const param = arrow?.parameters[0] && ts.isIdentifier(arrow.parameters[0].name) ? arrow.parameters[0].name.text : 't';
  let body: ts.Node | undefined = arrow && ts.isArrowFunction(arrow) ? arrow.body : undefined;
  while (body && ts.isParenthesizedExpression(body)) body = body.expression;

  if (extras && !arrow)
    throw new MergeError(
      `${path}:${lineOf(sf, extras.getStart(sf))}: the indexes of ${old.name} are not written in place, so the change cannot be made there`,
    );

  if (body && ts.isArrayLiteralExpression(body)) {
    const list = readSlots(text, sf, body.elements, body.getStart(sf) + 1, body.getEnd() - 1, true);
    const out: Slot[] = [];
    const placed = new Set<string>();
    let lastIndex = -1;
    let pending = '';
    const itemIndent = list.indent || indent + indentUnit(style);
    for (const slot of list.slots) {
      const name = indexItemName(slot.element as ts.Node);
      const o = name !== undefined ? oldByName.get(name.toLowerCase()) : undefined;
      if (!o) {
        out.push({ ...slot, lead: pending + slot.lead });
        pending = '';
        continue;
      }
      const designId = toDesign.get(o.id);
      const n = designId !== undefined ? nextById.get(designId) : undefined;
      if (!n) {
        pending += leftOfDropped(slot.lead, 'column');
        continue;
      }
      const node =
        n.codeFor(param) === o.codeFor(param)
          ? slot.node
          : await formatMember(
              n.codeFor(param),
              lineIndent(text, (slot.element as ts.Node).getStart(sf)),
              style,
              'item',
            );
      out.push({ ...slot, lead: pending + slot.lead, node });
      pending = '';
      placed.add(n.id);
      lastIndex = out.length - 1;
    }
    const added: Slot[] = [];
    for (const n of next.indexes) {
      if (placed.has(n.id)) continue;
      const node = await formatMember(n.codeFor(param), itemIndent, style, 'item');
      added.push({
        lead: list.multiline || list.slots.length === 0 ? `${style.eol}${itemIndent}` : ' ',
        node,
        gap: '',
        comma: true,
        trail: '',
        start: -1,
      });
    }
    out.splice(lastIndex < 0 ? out.length : lastIndex + 1, 0, ...added);
    if (out.length === 0 && columnsArg) {
      // No index left and nothing else in the third argument: the argument goes.
      return [{ start: columnsArg.getEnd(), end: (extras as ts.Expression).getEnd(), text: '' }];
    }
    let tail = pending + list.tail;
    let trailingComma = list.trailingComma;
    if (list.slots.length === 0) {
      tail = `${style.eol}${indent}`;
      trailingComma = style.trailingComma === 'all';
    }
    const inner = writeSlots({ ...list, slots: out, tail, trailingComma }, true);
    return [{ start: body.getStart(sf) + 1, end: body.getEnd() - 1, text: inner }];
  }

  // The object form (deprecated since drizzle-orm 0.41), or no third argument: written in the array form.
  const kept: string[] = [];
  if (body && ts.isObjectLiteralExpression(body)) {
    for (const p of body.properties) {
      const init = ts.isPropertyAssignment(p) ? p.initializer : undefined;
      if (init && indexItemName(init) === undefined) kept.push(init.getText(sf));
    }
    input.notes.push({
      severity: 'info',
      file: path,
      line: lineOf(sf, body.getStart(sf)),
      message: `rewrote the indexes of ${old.name} in the array form (the object form is deprecated since drizzle-orm 0.41)`,
    });
  }
  const items = [...next.indexes.map((i) => i.codeFor(param)), ...kept];
  if (items.length === 0) {
    return extras && columnsArg ? [{ start: columnsArg.getEnd(), end: extras.getEnd(), text: '' }] : [];
  }
  const probe = await formatInStyle(`sqliteTable(x, {}, (${param}) => [${items.join(', ')}]);`, style);
  const arrowText = probe.slice(probe.indexOf(`(${param}) =>`), probe.lastIndexOf(')')).replace(/,?\s*$/, '');
  const reindented = arrowText.replace(/\n/g, `${style.eol}${indent}`);
  if (extras) return [{ start: extras.getStart(sf), end: extras.getEnd(), text: reindented }];
  const after = columnsArg ?? call.arguments[call.arguments.length - 1];
  if (!after) return [];
  return [{ start: after.getEnd(), end: after.getEnd(), text: `, ${reindented}` }];
}

function notes(
  input: TablesMergeInput,
  sf: ts.SourceFile,
  slot: Slot,
  message: string,
  severity: MergeNote['severity'],
) {
  input.notes.push({ severity, file: input.path, line: lineOf(sf, (slot.element as ts.Node).getStart(sf)), message });
}

/** Reports what the importer could not hold inside code that is being rewritten: it is lost with the rewrite. */
function lostHere(input: TablesMergeInput, sf: ts.SourceFile, node: ts.Node, what: string): void {
  const from = lineOf(sf, node.getStart(sf));
  const to = lineOf(sf, node.getEnd());
  for (const m of input.messages) {
    if (m.severity !== 'warning' || m.file !== input.path || m.line < from || m.line > to) continue;
    input.notes.push({
      severity: 'warning',
      file: input.path,
      line: m.line,
      message: `rewrote ${what}; what the design cannot hold there is not kept: ${m.message}`,
    });
  }
}

export type { SlotList };
