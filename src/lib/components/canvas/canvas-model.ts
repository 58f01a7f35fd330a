/**
 * The canvas as a projection of the design: Svelte Flow nodes (one per table) and edges (one per relation) are
 * derived here, and the flow's events (a connection, a selection, a move) are turned back into operations or a
 * selection. Pure functions, so the mapping is tested without a browser.
 *
 * Arrays are replaced, never mutated. Objects that did not change are reused, because Svelte Flow skips
 * re-measuring a node whose object is the one it already knows.
 */
import type { Edge, Node } from '@xyflow/svelte';
import {
  type Area,
  type Design,
  type FkAction,
  type Position,
  relationEnds as resolveRelation,
} from '$lib/core/design';
import type { OperationCall } from '$lib/core/operations';
import type { Target } from '$lib/core/rules';
import { cardOf } from './card-model';
import { type Box, type Size, relationCardinality, relationDescription } from '$lib/diagram/card-geometry';
import { selfLoopReach } from '$lib/diagram/edge-route';
import { areaOfTables } from '$lib/diagram/areas';

export { type Box, type RelationEnds, relationEnds, rowY } from '$lib/diagram/card-geometry';

/** Domain truth stays in the design: a node only says which table it shows. */
export type TableNodeData = { tableId: string };
export type TableFlowNode = Node<TableNodeData, 'table'>;

/** What the edge draws; the edge id is the relation id. */
export type RelationEdgeData = {
  onDelete: FkAction | null;
  logical: boolean;
  /** The referencing column is unique (or the key): one-to-one, not many-to-one. */
  oneToOne: boolean;
  /** The referencing column is nullable: "zero or one" at the referenced end. */
  optional: boolean;
  /** The relation in words (`tasks.project_id → projects.id, many to one, on delete cascade`): the tooltip. */
  description: string;
  /** Row index of the referencing column in its card, and of the referenced column in its card. */
  fromRow: number;
  toRow: number;
};
export type RelationFlowEdge = Edge<RelationEdgeData, 'relation'>;

/**
 * Handle ids. Each column row has a source handle (`out:`) and the card header a "new relation" source handle
 * to start a relation from; the whole card is one target handle, so a relation can be dropped anywhere on a
 * table. Edges run between two card-sized handles (`table` and `frame`) and place their ends on the rows
 * themselves (see `relationEnds`): card geometry is known from the design, so an edge never waits for rows to
 * be measured, and zooming out (no rows drawn) does not change a single edge.
 */
export const TABLE_HANDLE = 'table';
export const FRAME_HANDLE = 'frame';
export const NEW_RELATION_HANDLE = 'rel';
export const columnOut = (columnId: string): string => `out:${columnId}`;

/** The column of an `out:` handle id, if it is one. */
export function outColumnId(handle: string | null | undefined): string | null {
  return handle?.startsWith('out:') ? handle.slice(4) : null;
}

/** What Svelte Flow reports when a connection is dropped. */
export interface FlowConnection {
  source: string;
  target: string;
  sourceHandle?: string | null;
  targetHandle?: string | null;
}

/**
 * The operation a dropped connection makes, or `null` when it makes none. Dropping on the own card does
 * nothing: a short drag from a handle would otherwise turn into an accidental self reference.
 * @example connectionCall(design, { source: 't_tasks', sourceHandle: 'rel', target: 't_projects', targetHandle: 'table' })
 *   // { op: 'connectTables', args: { fromTableId: 't_tasks', toTableId: 't_projects', onDelete: 'cascade' } }
 */
export function connectionCall(d: Design, c: FlowConnection): OperationCall | null {
  if (c.source === c.target || c.targetHandle !== TABLE_HANDLE) return null;
  if (!Object.hasOwn(d.tables, c.source) || !Object.hasOwn(d.tables, c.target)) return null;
  if (c.sourceHandle === NEW_RELATION_HANDLE) {
    return { op: 'connectTables', args: { fromTableId: c.source, toTableId: c.target, onDelete: 'cascade' } };
  }
  const fromColumnId = outColumnId(c.sourceHandle);
  if (!fromColumnId || d.columns[fromColumnId]?.tableId !== c.source) return null;
  return { op: 'connect', args: { fromColumnId, toTableId: c.target } };
}

/**
 * The nodes for a design: one per table, in design order, positioned and selected as the design and the
 * selection say. A node being dragged keeps the position Svelte Flow gave it (the design learns it on drop).
 * Returns `prev` itself when nothing changed.
 */
export function syncNodes(d: Design, selected: ReadonlySet<string>, prev: readonly TableFlowNode[]): TableFlowNode[] {
  const old = new Map(prev.map((n) => [n.id, n]));
  const tables = Object.values(d.tables);
  let changed = tables.length !== prev.length;
  const next = tables.map((t, i): TableFlowNode => {
    const p = old.get(t.id);
    const isSelected = selected.has(t.id);
    const position = p?.dragging ? p.position : t.position;
    if (p && p.position.x === position.x && p.position.y === position.y && !!p.selected === isSelected) {
      if (prev[i] !== p) changed = true;
      return p;
    }
    changed = true;
    const at = { x: position.x, y: position.y };
    // `...p` keeps what Svelte Flow measured, so an edit does not make the card invisible until re-measured.
    return p
      ? { ...p, position: at, selected: isSelected }
      : { id: t.id, type: 'table', position: at, data: { tableId: t.id }, selected: isSelected };
  });
  return changed ? next : (prev as TableFlowNode[]);
}

/**
 * The edges for a design: one per relation, from the referencing column's row to the referenced column's row.
 * Returns `prev` itself when nothing changed.
 */
export function syncEdges(
  d: Design,
  selected: ReadonlySet<string>,
  prev: readonly RelationFlowEdge[],
): RelationFlowEdge[] {
  const old = new Map(prev.map((e) => [e.id, e]));
  const next: RelationFlowEdge[] = [];
  let changed = false;
  for (const r of Object.values(d.relations)) {
    const ends = resolveRelation(d, r);
    if (!ends) continue;
    const { column: from, table: fromTable } = ends.from;
    const { column: to, table: toTable } = ends.to;
    const edge: RelationFlowEdge = {
      id: r.id,
      type: 'relation',
      source: fromTable.id,
      target: toTable.id,
      sourceHandle: FRAME_HANDLE,
      targetHandle: TABLE_HANDLE,
      selected: selected.has(r.id),
      data: {
        onDelete: r.onDelete,
        logical: r.logical,
        ...relationCardinality(d, from),
        description: relationDescription(d, r),
        fromRow: fromTable.columnIds.indexOf(from.id),
        toRow: toTable.columnIds.indexOf(to.id),
      },
      ariaLabel: relationDescription(d, r),
      domAttributes: { 'data-testid': `edge-${r.id}` } as RelationFlowEdge['domAttributes'],
    };
    const p = old.get(r.id);
    const same = p && sameEdge(p, edge);
    if (p !== prev[next.length] || !same) changed = true;
    next.push(same ? p : edge);
  }
  return changed || next.length !== prev.length ? next : (prev as RelationFlowEdge[]);
}

function sameEdge(a: RelationFlowEdge, b: RelationFlowEdge): boolean {
  return (
    a.source === b.source &&
    a.target === b.target &&
    !!a.selected === !!b.selected &&
    a.ariaLabel === b.ariaLabel &&
    a.data?.onDelete === b.data?.onDelete &&
    a.data?.logical === b.data?.logical &&
    a.data?.oneToOne === b.data?.oneToOne &&
    a.data?.optional === b.data?.optional &&
    a.data?.fromRow === b.data?.fromRow &&
    a.data?.toRow === b.data?.toRow
  );
}

/** Table positions Svelte Flow moved (with the arrow keys) that the design does not know yet. */
export function movedPositions(d: Design, nodes: readonly TableFlowNode[]): Record<string, Position> {
  const moved: Record<string, Position> = {};
  for (const n of nodes) {
    const t = d.tables[n.id];
    if (t && (t.position.x !== n.position.x || t.position.y !== n.position.y)) {
      moved[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
    }
  }
  return moved;
}

/**
 * What the inspector shows after the canvas selection changed: the current focus while it is still inside the
 * selection, else the one selected table or relation, else nothing.
 */
export function focusAfterSelection(
  d: Design,
  focus: Target | null,
  tableIds: readonly string[],
  relationIds: readonly string[],
): Target | null {
  if (focus && focus.kind !== 'module' && focus.kind !== 'enum') {
    // A relation is selected as itself; anything else through the table it belongs to.
    const inside =
      focus.kind === 'relation' ? relationIds.includes(focus.id) : tableIds.includes(cardOf(d, focus) ?? '');
    if (inside) return focus;
  } else if (focus && tableIds.length + relationIds.length === 0) {
    return focus;
  }
  if (tableIds.length === 1 && relationIds.length === 0) return { kind: 'table', id: tableIds[0] as string };
  if (relationIds.length === 1 && tableIds.length === 0) return { kind: 'relation', id: relationIds[0] as string };
  return null;
}

export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/**
 * A free spot for a new table near `at`: stepped diagonally while another table already sits there, so tables
 * added one after another do not hide each other.
 */
export function freePosition(d: Design, at: Position, step = 32): Position {
  const taken = Object.values(d.tables).map((t) => t.position);
  let p = { x: Math.round(at.x), y: Math.round(at.y) };
  for (let i = 0; i < 50 && taken.some((q) => Math.abs(q.x - p.x) < 8 && Math.abs(q.y - p.y) < 8); i++) {
    p = { x: p.x + step, y: p.y + step };
  }
  return p;
}

/** The box around all tables (with their card sizes), notes and areas, or `null` for a design with none. */
export function designBounds(d: Design, sizeOf: (tableId: string) => { width: number; height: number }): Box | null {
  // A self relation's loop and label stand out right of its card.
  const loops = selfLoopReach(d);
  const boxes = [
    ...Object.values(d.tables).map((t) => {
      const size = sizeOf(t.id);
      return { ...t.position, width: size.width + (loops.get(t.id) ?? 0), height: size.height };
    }),
    ...[...Object.values(d.areas ?? {}), ...Object.values(d.notes ?? {})].map((x) => ({ ...x.position, ...x.size })),
  ];
  if (boxes.length === 0) return null;
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Whether a box (flow coordinates) lies entirely inside the visible part of the canvas. */
export function boxInView(box: Box, viewport: { x: number; y: number; zoom: number }, width: number, height: number) {
  const left = box.x * viewport.zoom + viewport.x;
  const top = box.y * viewport.zoom + viewport.y;
  return (
    left >= 0 && top >= 0 && left + box.width * viewport.zoom <= width && top + box.height * viewport.zoom <= height
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Notes and areas: nodes of their own, with ids that cannot collide with a table id.

export type NoteFlowNode = Node<{ noteId: string }, 'note'>;
export type AreaFlowNode = Node<{ areaId: string }, 'area'>;
export type DecorFlowNode = NoteFlowNode | AreaFlowNode;
export type CanvasFlowNode = TableFlowNode | DecorFlowNode;

/** The DOM event the canvas sends a note or an area to start editing its text from the keyboard. */
export const EDIT_EVENT = 'canvas-edit';

/** Areas lie behind everything, also when selected (Svelte Flow lifts a selected node by 1000). */
export const AREA_Z = -2000;
const NOTE_PREFIX = 'note:';
const AREA_PREFIX = 'area:';
export const noteNodeId = (noteId: string): string => NOTE_PREFIX + noteId;
export const areaNodeId = (areaId: string): string => AREA_PREFIX + areaId;

/** What a node id stands for: a note, an area, or (anything else) a table. */
export function nodeTarget(nodeId: string): { kind: 'note' | 'area' | 'table'; id: string } {
  if (nodeId.startsWith(NOTE_PREFIX)) return { kind: 'note', id: nodeId.slice(NOTE_PREFIX.length) };
  if (nodeId.startsWith(AREA_PREFIX)) return { kind: 'area', id: nodeId.slice(AREA_PREFIX.length) };
  return { kind: 'table', id: nodeId };
}

export function isTableNode(n: { type?: string }): n is TableFlowNode {
  return n.type === 'table';
}

/**
 * The nodes for the design's areas (biggest first, so an area inside another is drawn above it) and notes, with
 * the sizes the design gives them. A node being dragged or resized keeps what Svelte Flow gave it. Returns `prev`
 * itself when nothing changed.
 */
export function syncDecorNodes(
  d: Design,
  selected: ReadonlySet<string>,
  prev: readonly DecorFlowNode[],
): DecorFlowNode[] {
  const old = new Map(prev.map((n) => [n.id, n]));
  const areas = Object.values(d.areas ?? {}).sort(
    (a, b) => b.size.width * b.size.height - a.size.width * a.size.height,
  );
  const items = [
    ...areas.map((a) => ({ kind: 'area' as const, id: areaNodeId(a.id), item: a })),
    ...Object.values(d.notes ?? {}).map((n) => ({ kind: 'note' as const, id: noteNodeId(n.id), item: n })),
  ];
  let changed = items.length !== prev.length;
  const next = items.map(({ kind, id, item }, i): DecorFlowNode => {
    const p = old.get(id);
    const live = p?.dragging;
    const position = live ? p.position : item.position;
    const width = live ? (p.width ?? item.size.width) : item.size.width;
    const height = live ? (p.height ?? item.size.height) : item.size.height;
    const isSelected = selected.has(id);
    if (
      p &&
      p.position.x === position.x &&
      p.position.y === position.y &&
      p.width === width &&
      p.height === height &&
      !!p.selected === isSelected
    ) {
      if (prev[i] !== p) changed = true;
      return p;
    }
    changed = true;
    const base = { id, position: { ...position }, width, height, selected: isSelected };
    return kind === 'area'
      ? { ...p, ...base, type: 'area', zIndex: AREA_Z, data: { areaId: item.id } }
      : { ...p, ...base, type: 'note', data: { noteId: item.id } };
  });
  return changed ? next : (prev as DecorFlowNode[]);
}

function centreInside(a: Area, x: number, y: number): boolean {
  return (
    x >= a.position.x && x <= a.position.x + a.size.width && y >= a.position.y && y <= a.position.y + a.size.height
  );
}

/** What moves with an area: the `moveArea` operation's member lists. */
export interface AreaMembers {
  tableIds: string[];
  noteIds: string[];
  areaIds: string[];
}

/**
 * What lies inside an area at the start of a move: the areas drawn wholly inside it, the tables that belong to it
 * or to one of those (areas.ts: by card centre), and the notes whose centre lies in it.
 */
export function areaMembers(d: Design, areaId: string, sizeOf: (tableId: string) => Size): AreaMembers {
  const area = d.areas?.[areaId];
  if (!area) return { tableIds: [], noteIds: [], areaIds: [] };
  const inner = Object.values(d.areas ?? {}).filter(
    (a) =>
      a.id !== areaId &&
      a.position.x >= area.position.x &&
      a.position.y >= area.position.y &&
      a.position.x + a.size.width <= area.position.x + area.size.width &&
      a.position.y + a.size.height <= area.position.y + area.size.height,
  );
  const areaIds = inner.map((a) => a.id);
  const mine = new Set([areaId, ...areaIds]);
  const of = areaOfTables(d, sizeOf);
  const tableIds = Object.keys(d.tables).filter((id) => mine.has(of.get(id) ?? ''));
  const noteIds = Object.values(d.notes ?? {})
    .filter((n) => centreInside(area, n.position.x + n.size.width / 2, n.position.y + n.size.height / 2))
    .map((n) => n.id);
  return { tableIds, noteIds, areaIds };
}

/**
 * The operations a finished drag makes: moved tables, moved notes, and each dragged area moved with what was
 * inside it when the drag started (`members`). Something dragged itself, or already moving with another dragged
 * area, is moved once.
 * @example dragCalls(design, draggedNodes, new Map([['a_core', members]]))
 */
export function dragCalls(
  d: Design,
  dragged: readonly { id: string; position: Position }[],
  members: ReadonlyMap<string, AreaMembers>,
): OperationCall[] {
  const calls: OperationCall[] = [];
  const positions: Record<string, Position> = {};
  const moved = new Set<string>();
  const round = (p: Position) => ({ x: Math.round(p.x), y: Math.round(p.y) });
  for (const n of dragged) {
    const target = nodeTarget(n.id);
    if (target.kind === 'table' && Object.hasOwn(d.tables, target.id)) {
      positions[target.id] = round(n.position);
      moved.add(n.id);
    }
  }
  // Outer areas first, so an inner area dragged along with its outer one moves once, with it.
  const areas = dragged
    .map((n) => ({ n, area: d.areas?.[nodeTarget(n.id).id] }))
    .filter((x) => nodeTarget(x.n.id).kind === 'area' && x.area)
    .sort((a, b) => b.area!.size.width * b.area!.size.height - a.area!.size.width * a.area!.size.height);
  const areaCalls: OperationCall[] = [];
  for (const { n, area } of areas) {
    if (moved.has(n.id)) continue;
    const m = members.get(area!.id) ?? { tableIds: [], noteIds: [], areaIds: [] };
    const p = round(n.position);
    const args = {
      areaId: area!.id,
      dx: p.x - area!.position.x,
      dy: p.y - area!.position.y,
      tableIds: m.tableIds.filter((id) => !moved.has(id)),
      noteIds: m.noteIds.filter((id) => !moved.has(noteNodeId(id))),
      areaIds: m.areaIds.filter((id) => !moved.has(areaNodeId(id))),
    };
    moved.add(n.id);
    for (const id of args.tableIds) moved.add(id);
    for (const id of args.noteIds) moved.add(noteNodeId(id));
    for (const id of args.areaIds) moved.add(areaNodeId(id));
    if (args.dx !== 0 || args.dy !== 0) areaCalls.push({ op: 'moveArea', args });
  }
  const noteCalls: OperationCall[] = [];
  for (const n of dragged) {
    const target = nodeTarget(n.id);
    if (target.kind !== 'note' || moved.has(n.id) || !d.notes?.[target.id]) continue;
    noteCalls.push({ op: 'updateNote', args: { noteId: target.id, position: round(n.position) } });
  }
  if (Object.keys(positions).length > 0) calls.push({ op: 'moveTables', args: { positions } });
  return [...calls, ...areaCalls, ...noteCalls];
}
