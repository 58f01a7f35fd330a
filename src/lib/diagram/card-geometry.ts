/**
 * The size and layout of a table card, from the design alone: the canvas (components/canvas) and the exported
 * diagram (svg.ts) draw the same cards, so both take their geometry from here.
 */
import {
  type Column,
  type Design,
  type Relation,
  type Table,
  relationEnds as resolveRelation,
  tableColumns,
} from '../core/design';

export interface Size {
  width: number;
  height: number;
}

/**
 * Card geometry in pixels, shared by the canvas (TableNode sets its CSS sizes from it) and the diagram export: a
 * card's size is known from the design alone, so the layout needs no measuring and the zoomed-out card keeps the
 * size of the full one. `border` is both borders together (1px each).
 */
export const CARD = { border: 2, header: 48, row: 23, minWidth: 200, maxWidth: 360 } as const;

/**
 * `text`, `integer · boolean`, `text · TaskStatus`: the type column of a card row (the diagram export's too).
 * @example typeLabel(design, statusColumn) // 'text · TaskStatus'
 */
export function typeLabel(d: Design, c: Column): string {
  const enumName = c.enumId ? (d.enums[c.enumId]?.name ?? '?') : null;
  return enumName ? `${c.type} · ${enumName}` : c.mode ? `${c.type} · ${c.mode}` : c.type;
}

/**
 * A card's size: wide enough for its longest line (estimated from character counts: monospace rows, a
 * proportional header) within the card width limits, and one row height per column.
 * @example cardSize(design, tasks).height // 211 for seven columns: 2 + 48 + 7 × 23
 */
export function cardSize(d: Design, t: Table): Size {
  const columns = tableColumns(d, t);
  const header = Math.max((d.module.id.length + 1 + t.name.length) * 7.6 + 56, t.exportName.length * 6.8 + 30);
  // Row: 8px padding, 22px marks, 2 gaps of 6px, 12px right padding; 7.3px per monospace character.
  const rows = columns.map((c) => (c.name.length + 2 + typeLabel(d, c).length) * 7.3 + 54);
  const width = Math.min(CARD.maxWidth, Math.max(CARD.minWidth, Math.ceil(Math.max(header, ...rows))));
  return { width, height: CARD.border + CARD.header + Math.max(1, columns.length) * CARD.row };
}

/** A card's box in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Where an edge leaves and enters its cards. */
export interface RelationEnds {
  sourceX: number;
  sourceY: number;
  sourceSide: 'left' | 'right';
  targetX: number;
  targetY: number;
  targetSide: 'left' | 'right';
}

/**
 * The vertical middle of a row of a card (the header's middle for a column not found).
 * @example rowY({ x: 0, y: 100, width: 200, height: 96 }, 0) // 100 + 1 + 48 + 11.5 = 160.5
 */
export function rowY(box: Box, row: number): number {
  const top = box.y + CARD.border / 2;
  return row < 0 ? top + CARD.header / 2 : top + CARD.header + row * CARD.row + CARD.row / 2;
}

/**
 * The ends of a relation's line, on the rows of the two columns, on the card sides a person would pick: right
 * → left when the referenced card is to the right, left → right when it is to the left, and around the right
 * side when the cards overlap horizontally (a self reference, or one card above the other).
 * @example relationEnds(tasksBox, 2, projectsBox, 0).sourceSide // 'right' when projects sits to the right
 */
export function relationEnds(from: Box, fromRow: number, to: Box, toRow: number, clearance = 24): RelationEnds {
  const sourceY = rowY(from, fromRow);
  const targetY = rowY(to, toRow);
  if (to.x >= from.x + from.width + clearance) {
    return { sourceX: from.x + from.width, sourceY, sourceSide: 'right', targetX: to.x, targetY, targetSide: 'left' };
  }
  if (to.x + to.width <= from.x - clearance) {
    return { sourceX: from.x, sourceY, sourceSide: 'left', targetX: to.x + to.width, targetY, targetSide: 'right' };
  }
  return {
    sourceX: from.x + from.width,
    sourceY,
    sourceSide: 'right',
    targetX: to.x + to.width,
    targetY,
    targetSide: 'right',
  };
}

/** How many rows each side of a relation can have, as the crow's-foot ends show it. */
export interface Cardinality {
  /** The referencing column is unique (a unique column, the table's only key, or alone in a unique index). */
  oneToOne: boolean;
  /** The referencing column may be null: a row may have no referenced row ("zero or one" at that end). */
  optional: boolean;
}

/**
 * The cardinality of a relation, from its referencing column: one-to-one when that column is unique, else
 * many-to-one; optional when it is nullable.
 * @example relationCardinality(design, tasksProjectId) // { oneToOne: false, optional: false }
 */
export function relationCardinality(d: Design, from: Column): Cardinality {
  const table = d.tables[from.tableId];
  const keys = table ? tableColumns(d, table).filter((c) => c.primaryKey) : [];
  const onlyKey = from.primaryKey && keys.length === 1;
  const uniqueIndex = Object.values(d.indexes).some(
    (i) => i.unique && i.tableId === from.tableId && i.columnIds.length === 1 && i.columnIds[0] === from.id,
  );
  return { oneToOne: from.unique || onlyKey || uniqueIndex, optional: !from.notNull && !from.primaryKey };
}

/**
 * A relation in words, for a tooltip or a screen reader.
 * @example relationDescription(design, r) // 'tasks.project_id → projects.id, many to one, on delete cascade'
 */
export function relationDescription(d: Design, r: Relation): string {
  const ends = resolveRelation(d, r);
  if (!ends) return 'relation to a missing column';
  const { oneToOne, optional } = relationCardinality(d, ends.from.column);
  const parts = [
    `${ends.from.table.name}.${ends.from.column.name} → ${ends.to.table.name}.${ends.to.column.name}`,
    `${oneToOne ? 'one' : 'many'} to ${optional ? 'zero or one' : 'one'}`,
    r.onDelete ? `on delete ${r.onDelete}` : 'no on delete action',
  ];
  if (r.logical) parts.push('logical (not a foreign key)');
  return parts.join(', ');
}
