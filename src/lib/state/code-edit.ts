/**
 * The headless half of the two-way code editor: a design parsed from edited `tables.ts` code has ids derived from
 * names, not the open design's ids. `reconcileDesign` pairs the parsed elements with the open design's (tables by
 * SQL name or export name, columns by name within their table, enums and indexes by name, relations by their
 * column pair) so ids stay stable across a code edit: the selection, the canvas cards and the migration baseline
 * (which maps ids to old names) follow. What the code cannot say — card positions and colours, notes, areas, the
 * baseline, the module settings — is taken from the open design. Records that did not change are the open
 * design's own objects, so an edit that changes nothing gives a design `diffDesigns` finds equal.
 */
import type { Column, Design, EnumDef, Index, Position, Relation, Table } from '../core/design';
import { newId } from '../core/ids';

type IdKind = 't' | 'c' | 'r' | 'e' | 'm' | 'i';

/** Fields that are optional in a design: an empty value is the same as none. */
const OPTIONAL_EMPTY = new Set(['aliases', 'keptChecks', 'tsType', 'tsTypeImports', 'color']);

/** A field's value for comparing: an empty optional field is the same as none, `textEnum` the default form. */
function normal(key: string, v: unknown): unknown {
  if (OPTIONAL_EMPTY.has(key) && (v === '' || (Array.isArray(v) && v.length === 0))) return undefined;
  if (key === 'enumForm' && v === 'textEnum') return undefined;
  return v;
}

/** Deep equality of plain JSON values, with the optional fields' empty values equal to absent ones. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => same(x, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  for (const k in x) if (!same(normal(k, x[k]), normal(k, y[k]))) return false;
  for (const k in y) if (!(k in x) && normal(k, y[k]) !== undefined) return false;
  return true;
}

/** `next` when its content differs from `before`, else `before` itself (so the history sees no change). */
function keepIfSame<T>(before: T | undefined, next: T): T {
  return before !== undefined && same(before, next) ? before : next;
}

/** Pairs parsed items with current ones by the first key, then (among the unpaired) by the second. */
function pairBy<P, C>(
  parsed: readonly P[],
  current: readonly C[],
  keys: ((x: P | C) => string | undefined)[],
): Map<P, C> {
  const out = new Map<P, C>();
  const taken = new Set<C>();
  for (const key of keys) {
    const byKey = new Map<string, C>();
    for (const c of current) {
      const k = key(c);
      if (k !== undefined && !taken.has(c) && !byKey.has(k)) byKey.set(k, c);
    }
    for (const p of parsed) {
      if (out.has(p)) continue;
      const k = key(p);
      const c = k === undefined ? undefined : byKey.get(k);
      if (c === undefined) continue;
      out.set(p, c);
      taken.add(c);
      byKey.delete(k as string);
    }
  }
  return out;
}

/** Rough card size on the canvas, to place new tables clear of the existing ones. */
const CARD_WIDTH = 280;
const GAP = 60;
const cardHeight = (columns: number) => 44 + 26 * columns;

/**
 * Positions for new tables in free space: in columns to the right of every existing card (at the top of the
 * existing cards), or from the origin in an empty design.
 */
function placeNew(current: Design, count: (i: number) => number, n: number): Position[] {
  const cards = Object.values(current.tables);
  const right = cards.length ? Math.max(...cards.map((t) => t.position.x)) + CARD_WIDTH + GAP : 0;
  const top = cards.length ? Math.min(...cards.map((t) => t.position.y)) : 0;
  const out: Position[] = [];
  let x = right;
  let y = top;
  for (let i = 0; i < n; i++) {
    const h = cardHeight(count(i));
    if (y > top && y + h > top + 1200) {
      x += CARD_WIDTH + GAP;
      y = top;
    }
    out.push({ x, y });
    y += h + GAP;
  }
  return out;
}

/**
 * The parsed design with the open design's ids, positions, colours and diagram-only parts, ready for
 * `editor.replace`. Parsed elements that pair with none keep their parsed id unless the open design (or another
 * element) already uses it, in which case they get a fresh one.
 * @example
 * const next = reconcileDesign(editor.design, outcome.design);
 * if (diffDesigns(editor.design, next)) editor.replace(next, 'Edit code');
 */
export function reconcileDesign(current: Design, parsed: Design): Design {
  const used = new Set<string>();
  for (const map of [current.tables, current.columns, current.relations, current.enums, current.indexes])
    for (const id of Object.keys(map)) used.add(id);
  for (const e of Object.values(current.enums)) for (const m of e.members) used.add(m.id);
  const assigned = new Set<string>();
  /** The id a parsed element takes: its pair's, else its own unless that one is taken. */
  const idFor = (kind: IdKind, pairedId: string | undefined, parsedId: string): string => {
    let id = pairedId ?? parsedId;
    if (pairedId === undefined && (used.has(id) || assigned.has(id))) {
      do id = newId(kind);
      while (used.has(id) || assigned.has(id));
    }
    assigned.add(id);
    return id;
  };

  // Enums and their members.
  const enumIds = new Map<string, string>();
  const enums: Record<string, EnumDef> = {};
  const enumPairs = pairBy(Object.values(parsed.enums), Object.values(current.enums), [(e) => e.name]);
  for (const e of Object.values(parsed.enums)) {
    const was = enumPairs.get(e);
    const id = idFor('e', was?.id, e.id);
    enumIds.set(e.id, id);
    const memberPairs = pairBy(e.members, was?.members ?? [], [(m) => m.key, (m) => m.value]);
    const members = e.members.map((m) => {
      const before = memberPairs.get(m);
      return keepIfSame(before, { ...m, id: idFor('m', before?.id, m.id) });
    });
    enums[id] = keepIfSame(was, { ...e, id, members });
  }

  // Tables, then their columns and indexes.
  const parsedTables = Object.values(parsed.tables);
  const tablePairs = pairBy(parsedTables, Object.values(current.tables), [(t) => t.name, (t) => t.exportName]);
  const tableIds = new Map<string, string>();
  for (const t of parsedTables) tableIds.set(t.id, idFor('t', tablePairs.get(t)?.id, t.id));

  const columnIds = new Map<string, string>();
  const columns: Record<string, Column> = {};
  const indexIds = new Map<string, string>();
  const indexes: Record<string, Index> = {};
  for (const t of parsedTables) {
    const was = tablePairs.get(t);
    const tableId = tableIds.get(t.id) as string;
    const ownColumns = t.columnIds.map((id) => parsed.columns[id]).filter((c): c is Column => !!c);
    const oldColumns = (was?.columnIds ?? []).map((id) => current.columns[id]).filter((c): c is Column => !!c);
    const colPairs = pairBy(ownColumns, oldColumns, [(c) => c.name, (c) => c.key]);
    for (const c of ownColumns) columnIds.set(c.id, idFor('c', colPairs.get(c)?.id, c.id));
    for (const c of ownColumns) {
      const id = columnIds.get(c.id) as string;
      const enumId = c.enumId === null ? null : (enumIds.get(c.enumId) ?? c.enumId);
      columns[id] = keepIfSame(colPairs.get(c), { ...c, id, tableId, enumId });
    }
    const ownIndexes = t.indexIds.map((id) => parsed.indexes[id]).filter((i): i is Index => !!i);
    const oldIndexes = (was?.indexIds ?? []).map((id) => current.indexes[id]).filter((i): i is Index => !!i);
    const indexPairs = pairBy(ownIndexes, oldIndexes, [(i) => i.name]);
    for (const ix of ownIndexes) {
      const before = indexPairs.get(ix);
      const id = idFor('i', before?.id, ix.id);
      indexIds.set(ix.id, id);
      const cols = ix.columnIds.map((c) => columnIds.get(c) ?? c);
      indexes[id] = keepIfSame(before, { ...ix, id, tableId, columnIds: cols });
    }
  }

  const newTables = parsedTables.filter((t) => !tablePairs.has(t));
  const places = placeNew(current, (i) => newTables[i]?.columnIds.length ?? 0, newTables.length);
  const placeOf = new Map(newTables.map((t, i) => [t, places[i] as Position]));
  const tables: Record<string, Table> = {};
  for (const t of parsedTables) {
    const was = tablePairs.get(t);
    const id = tableIds.get(t.id) as string;
    const next: Table = {
      ...t,
      id,
      columnIds: t.columnIds.map((c) => columnIds.get(c) ?? c),
      indexIds: t.indexIds.map((i) => indexIds.get(i) ?? i),
      position: was?.position ?? placeOf.get(t) ?? t.position,
    };
    delete next.color;
    if (was?.color) next.color = was.color;
    tables[id] = keepIfSame(was, next);
  }

  // Relations, by their column pair (else by the referencing column: a column references one key).
  const parsedRelations = Object.values(parsed.relations).map((r) => ({
    ...r,
    fromColumnId: columnIds.get(r.fromColumnId) ?? r.fromColumnId,
    toColumnId: columnIds.get(r.toColumnId) ?? r.toColumnId,
  }));
  const relationPairs = pairBy(parsedRelations, Object.values(current.relations), [
    (r) => `${r.fromColumnId}>${r.toColumnId}`,
    (r) => r.fromColumnId,
  ]);
  const relations: Record<string, Relation> = {};
  for (const r of parsedRelations) {
    const before = relationPairs.get(r);
    const id = idFor('r', before?.id, r.id);
    relations[id] = keepIfSame(before, { ...r, id });
  }

  return {
    ...current,
    tables: sameMap(current.tables, tables),
    columns: sameMap(current.columns, keptOrder(current.columns, columns)),
    relations: sameMap(current.relations, keptOrder(current.relations, relations)),
    enums: sameMap(current.enums, enums),
    indexes: sameMap(current.indexes, keptOrder(current.indexes, indexes)),
  };
}

/**
 * `next` in the order of `before` for the ids both hold, then the new ones: the order of these maps means
 * nothing to the generators (tables list their columns and indexes), so only tables and enums follow the code.
 */
function keptOrder<T>(before: Record<string, T>, next: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const id of Object.keys(before)) if (Object.hasOwn(next, id)) out[id] = next[id] as T;
  for (const id of Object.keys(next)) if (!Object.hasOwn(out, id)) out[id] = next[id] as T;
  return out;
}

/** The current map itself when the new one holds the same records in the same order. */
function sameMap<T>(before: Record<string, T>, next: Record<string, T>): Record<string, T> {
  const a = Object.keys(before);
  const b = Object.keys(next);
  return a.length === b.length && a.every((id, i) => b[i] === id && before[id] === next[id]) ? before : next;
}

/**
 * The open design with imported tables added (SQL pasted into the "Paste SQL…" dialog): a table with the name of
 * an open one replaces it, keeping its id, position and colour, and relations from other tables to its columns
 * stay where a column of the same name remains. Enums the import brings are added unless one of that name exists.
 * @example const next = addImportedTables(editor.design, outcome.design); editor.replace(next, 'Paste SQL');
 */
export function addImportedTables(current: Design, imported: Design): Design {
  const fresh = freshIds(imported);
  const byName = new Map(Object.values(fresh.tables).map((t) => [t.name, t]));
  const replaced = Object.values(current.tables).filter((t) => byName.has(t.name));
  const replacedIds = new Set(replaced.map((t) => t.id));

  // The combined design in the shape the code editor parses: current tables (a replaced one at its place), then
  // the imported ones that are new. `reconcileDesign` then gives the replacements their old ids back.
  const tables: Record<string, Table> = {};
  for (const t of Object.values(current.tables)) {
    const next = replacedIds.has(t.id) ? (byName.get(t.name) as Table) : t;
    tables[next.id] = next;
  }
  for (const t of Object.values(fresh.tables)) if (!tables[t.id]) tables[t.id] = t;

  const columns: Record<string, Column> = {};
  const indexes: Record<string, Index> = {};
  for (const t of Object.values(tables)) {
    const source = fresh.tables[t.id] ? fresh : current;
    for (const id of t.columnIds) if (source.columns[id]) columns[id] = source.columns[id];
    for (const id of t.indexIds) if (source.indexes[id]) indexes[id] = source.indexes[id];
  }

  // A current relation's end in a replaced table moves to the imported column of the same name, if any.
  const moved = new Map<string, string>();
  for (const t of replaced) {
    const into = byName.get(t.name) as Table;
    const names = new Map(into.columnIds.map((id) => [fresh.columns[id]?.name, id]));
    for (const id of t.columnIds) {
      const target = names.get(current.columns[id]?.name);
      if (target) moved.set(id, target);
    }
  }
  const relations: Record<string, Relation> = {};
  for (const r of Object.values(current.relations)) {
    const from = current.columns[r.fromColumnId];
    const fromReplaced = from !== undefined && replacedIds.has(from.tableId);
    // The imported table says what its own columns reference.
    if (fromReplaced) continue;
    const toColumnId = moved.get(r.toColumnId) ?? r.toColumnId;
    if (columns[r.fromColumnId] && columns[toColumnId]) relations[r.id] = { ...r, toColumnId };
  }
  for (const r of Object.values(fresh.relations)) relations[r.id] = r;

  const enums: Record<string, EnumDef> = { ...current.enums };
  const enumNames = new Map(Object.values(current.enums).map((e) => [e.name, e.id]));
  const enumMoved = new Map<string, string>();
  for (const e of Object.values(fresh.enums)) {
    const same = enumNames.get(e.name);
    if (same) enumMoved.set(e.id, same);
    else enums[e.id] = e;
  }
  for (const [id, c] of Object.entries(columns))
    if (c.enumId && enumMoved.has(c.enumId)) columns[id] = { ...c, enumId: enumMoved.get(c.enumId) as string };

  return reconcileDesign(current, { ...current, tables, columns, relations, enums, indexes });
}

/** The design with every id replaced by a fresh one, so it can be combined with another design safely. */
function freshIds(d: Design): Design {
  const ids = new Map<string, string>();
  const map = (kind: IdKind, id: string) => {
    let next = ids.get(id);
    if (!next) ids.set(id, (next = newId(kind)));
    return next;
  };
  const remap = <T extends { id: string }>(rec: Record<string, T>, kind: IdKind, f: (x: T) => T) =>
    Object.fromEntries(Object.values(rec).map((x) => [map(kind, x.id), f({ ...x, id: map(kind, x.id) })]));
  const enums = remap(d.enums, 'e', (e) => ({ ...e, members: e.members.map((m) => ({ ...m, id: map('m', m.id) })) }));
  return {
    ...d,
    enums,
    tables: remap(d.tables, 't', (t) => ({
      ...t,
      columnIds: t.columnIds.map((c) => map('c', c)),
      indexIds: t.indexIds.map((i) => map('i', i)),
    })),
    columns: remap(d.columns, 'c', (c) => ({
      ...c,
      tableId: map('t', c.tableId),
      enumId: c.enumId === null ? null : map('e', c.enumId),
    })),
    indexes: remap(d.indexes, 'i', (i) => ({
      ...i,
      tableId: map('t', i.tableId),
      columnIds: i.columnIds.map((c) => map('c', c)),
    })),
    relations: remap(d.relations, 'r', (r) => ({
      ...r,
      fromColumnId: map('c', r.fromColumnId),
      toColumnId: map('c', r.toColumnId),
    })),
  };
}

/**
 * Where a table's `sqliteTable(` statement starts in generated `tables.ts` text (the offset of its line), or -1.
 * @example tableStatementOffset(text, 'MoLOS-Tasks_tasks') // offset of `export const tasksTasks = sqliteTable(`
 */
export function tableStatementOffset(text: string, fullName: string): number {
  const quoted = JSON.stringify(fullName);
  const re = /sqliteTable\(\s*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const at = m.index + m[0].length;
    if (text.startsWith(quoted, at) || text.startsWith(`'${fullName}'`, at)) return text.lastIndexOf('\n', m.index) + 1;
  }
  return -1;
}

/** The generated files an editor parse needs besides the edited text: the models file, the schema index. */
interface FileLike {
  path: string;
  content: string;
  role: string;
}

/**
 * What the tables.ts importer reads for an edit of the generated `tables.ts`: the edited text at the schema
 * file's path, with the generated models file (the enums tables.ts imports) beside it.
 * @example importTablesTs(editorImportInput(preview.code.value, text), { moduleId })
 */
export function editorImportInput(
  files: readonly FileLike[],
  text: string,
): { tables: { path: string; text: string }; models?: { path: string; text: string } } {
  const schema = files.find((f) => f.role === 'schema');
  const models = files.find((f) => f.role === 'models');
  return {
    tables: { path: schema?.path ?? 'lib/server/db/schema/tables.ts', text },
    ...(models ? { models: { path: models.path, text: models.content } } : {}),
  };
}
