/**
 * Where a new table card goes: in free space inside the part of the diagram the user is looking at, so "Add table"
 * never drops a card on top of another (and never somewhere off screen while there is room on it).
 */
import type { Design, Position } from '../core/design';
import { addTable } from '../core/operations/tables';
import { type Box, type Size, cardSize } from './card-geometry';

/** Space kept between the new card and every other card, in flow pixels. */
export const FREE_SPOT_GAP = 24;

/** At most this many candidate lines per axis: bounds the search at any design size (300 tables in view). */
const MAX_LINES = 96;

/**
 * A position for a card of `size` inside `view` (flow coordinates) where it overlaps no existing card, keeping
 * `gap` pixels from each; among those, the one whose centre is nearest the view's centre. When the view has no
 * room left, the nearest free spot in a wider area around it (three times the view), and failing that the spot
 * just below every card, under the view's centre: the card never lands on another.
 *
 * `sizeOf` gives a card's size; by default it is computed from the design (the same size the canvas draws).
 * @example freeSpot(design, { x: 0, y: 0, width: 1200, height: 800 }, { width: 220, height: 142 }) // { x: 490, y: 329 } in an empty design
 */
export function freeSpot(
  design: Design,
  view: Box,
  size: Size,
  sizeOf: (tableId: string) => Size = (id) => cardSize(design, design.tables[id]!),
  gap = FREE_SPOT_GAP,
): Position {
  const cards: Box[] = Object.values(design.tables).map((t) => ({ ...t.position, ...sizeOf(t.id) }));
  const inView = searchIn(cards, view, size, gap);
  if (inView) return inView;
  const wide = { x: view.x - view.width, y: view.y - view.height, width: view.width * 3, height: view.height * 3 };
  const around = searchIn(cards, wide, size, gap, view);
  if (around) return around;
  const bottom = cards.reduce((max, c) => Math.max(max, c.y + c.height), -Infinity);
  return {
    x: Math.round(view.x + (view.width - size.width) / 2),
    y: Math.round(cards.length === 0 ? view.y : bottom + gap),
  };
}

/**
 * The card size of the table "Add table" would add next (its default name and the four standard columns).
 * @example newTableSize(emptyDesign({ id: 'MoLOS-Example' })) // { width: 231, height: 142 }
 */
export function newTableSize(design: Design): Size {
  const id = '__new_table';
  const next = addTable(design, {
    id,
    columnIds: { id: `${id}_id`, userId: `${id}_u`, createdAt: `${id}_c`, updatedAt: `${id}_m` },
  });
  return cardSize(next, next.tables[id]!);
}

/**
 * Where "Add table" puts the next table: {@link freeSpot} for its card in the visible part of the canvas.
 * @example editor.apply({ op: 'addTable', args: { id, position: placeNewTable(editor.design, view, sizeOf) } }, 'Add table')
 */
export function placeNewTable(design: Design, view: Box, sizeOf?: (tableId: string) => Size): Position {
  return freeSpot(design, view, newTableSize(design), sizeOf);
}

/**
 * The free spot inside `area` nearest the centre of `aim` (the area itself by default), or null. Candidates are
 * the area's centre and edges, a grid over the area, and the lines just beside each card (so a gap between two
 * cards that is barely wide enough is found); each axis is cut to the lines nearest the centre.
 */
function searchIn(cards: readonly Box[], area: Box, size: Size, gap: number, aim: Box = area): Position | null {
  const near = cards.filter((c) => overlaps(c, area, gap));
  const axis = (from: number, length: number, extent: number, centre: number, edges: number[]): number[] => {
    const last = from + length - extent;
    // A card larger than the area can only be centred on it.
    if (last < from) return [Math.round(centre - extent / 2)];
    const step = Math.max(gap, length / 24);
    const lines = [centre - extent / 2, from, last, ...edges];
    for (let v = from; v <= last; v += step) lines.push(v);
    const inside = [...new Set(lines.map((v) => Math.round(Math.min(last, Math.max(from, v)))))];
    return inside
      .sort((a, b) => Math.abs(a + extent / 2 - centre) - Math.abs(b + extent / 2 - centre))
      .slice(0, MAX_LINES);
  };
  const cx = aim.x + aim.width / 2;
  const cy = aim.y + aim.height / 2;
  const xs = axis(
    area.x,
    area.width,
    size.width,
    cx,
    near.flatMap((c) => [c.x + c.width + gap, c.x - gap - size.width]),
  );
  const ys = axis(
    area.y,
    area.height,
    size.height,
    cy,
    near.flatMap((c) => [c.y + c.height + gap, c.y - gap - size.height]),
  );
  const candidates: { x: number; y: number; d: number }[] = [];
  for (const x of xs) {
    for (const y of ys) candidates.push({ x, y, d: (x + size.width / 2 - cx) ** 2 + (y + size.height / 2 - cy) ** 2 });
  }
  candidates.sort((a, b) => a.d - b.d || a.y - b.y || a.x - b.x);
  const blocked = gridIndex(near, gap);
  for (const c of candidates) if (!blocked({ x: c.x, y: c.y, ...size })) return { x: c.x, y: c.y };
  return null;
}

/**
 * A test "does this box come closer than `gap` to any card", with the cards bucketed in a grid of cells as large
 * as the largest card, so each test looks at a few cards rather than all of them (a full view of 300 cards).
 */
function gridIndex(cards: readonly Box[], gap: number): (box: Box) => boolean {
  const cell = Math.max(1, ...cards.map((c) => Math.max(c.width, c.height) + gap));
  const buckets = new Map<string, Box[]>();
  const span = (from: number, length: number) => [Math.floor(from / cell), Math.floor((from + length) / cell)];
  for (const c of cards) {
    const [x0, x1] = span(c.x - gap, c.width + 2 * gap);
    const [y0, y1] = span(c.y - gap, c.height + 2 * gap);
    for (let i = x0!; i <= x1!; i++) {
      for (let j = y0!; j <= y1!; j++) {
        const key = `${i},${j}`;
        const list = buckets.get(key);
        if (list) list.push(c);
        else buckets.set(key, [c]);
      }
    }
  }
  return (box) => {
    const [x0, x1] = span(box.x, box.width);
    const [y0, y1] = span(box.y, box.height);
    for (let i = x0!; i <= x1!; i++) {
      for (let j = y0!; j <= y1!; j++) if (buckets.get(`${i},${j}`)?.some((c) => overlaps(c, box, gap))) return true;
    }
    return false;
  };
}

/** Whether two boxes come closer than `gap` to each other (touching at exactly `gap` is fine). */
function overlaps(a: Box, b: Box, gap: number): boolean {
  return (
    a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
  );
}
