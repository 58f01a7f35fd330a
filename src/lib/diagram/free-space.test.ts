import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Design, emptyDesign } from '../core/design';
import { addTable } from '../core/operations/tables';
import { exampleDesign } from '../core/test-fixtures';
import { fuzzRuns } from '../../testing/fuzz-runs';
import type { Box, Size } from './card-geometry';
import { cardSize } from './card-geometry';
import { FREE_SPOT_GAP, freeSpot, newTableSize, placeNewTable } from './free-space';

const CARD: Size = { width: 200, height: 120 };
const VIEW: Box = { x: 0, y: 0, width: 1000, height: 600 };
const fixed = () => CARD;

/** A design with one card at each position (all of size CARD when measured with `fixed`). */
function withCards(positions: { x: number; y: number }[]): Design {
  return positions.reduce(
    (d, position, i) => addTable(d, { id: `t${i}`, name: `t${i}`, position }),
    emptyDesign({ id: 'MoLOS-Example' }),
  );
}

/** The card boxes of a design that come closer than the gap to a new card at `at`. */
function clashes(d: Design, at: { x: number; y: number }, size: Size, sizeOf: (id: string) => Size = fixed) {
  const gap = FREE_SPOT_GAP;
  return Object.values(d.tables).filter((t) => {
    const s = sizeOf(t.id);
    return (
      t.position.x < at.x + size.width + gap &&
      at.x < t.position.x + s.width + gap &&
      t.position.y < at.y + size.height + gap &&
      at.y < t.position.y + s.height + gap
    );
  });
}

const inside = (at: { x: number; y: number }, size: Size, view: Box) =>
  at.x >= view.x &&
  at.y >= view.y &&
  at.x + size.width <= view.x + view.width &&
  at.y + size.height <= view.y + view.height;

describe('freeSpot', () => {
  it('centres the card in the view of an empty design', () => {
    expect(freeSpot(emptyDesign(), VIEW, CARD, fixed)).toEqual({ x: 400, y: 240 });
    expect(freeSpot(emptyDesign(), { x: -500, y: 300, width: 800, height: 400 }, CARD, fixed)).toEqual({
      x: -200,
      y: 440,
    });
  });

  it('keeps the centre when the card there is elsewhere', () => {
    const d = withCards([{ x: 0, y: 0 }]);
    expect(freeSpot(d, VIEW, CARD, fixed)).toEqual({ x: 400, y: 240 });
  });

  it('moves beside a card that sits on the centre, the nearest free side, one gap away', () => {
    const d = withCards([{ x: 400, y: 240 }]);
    const at = freeSpot(d, VIEW, CARD, fixed);
    expect(clashes(d, at, CARD)).toEqual([]);
    expect(inside(at, CARD, VIEW)).toBe(true);
    // The nearest free spot is straight above or below (the card is wider than tall): 120 + 24 away.
    expect(at).toEqual({ x: 400, y: 240 - 120 - FREE_SPOT_GAP });
  });

  it('finds the one gap left between cards that fill the view', () => {
    // A 4 × 3 grid of cards with 24 px gaps fills a 1000 × 600 view, except for the slot left out.
    const grid: { x: number; y: number }[] = [];
    for (let row = 0; row < 4; row++) {
      for (let col = 0; col < 4; col++) if (!(row === 2 && col === 3)) grid.push({ x: col * 250, y: row * 150 });
    }
    const d = withCards(grid);
    const at = freeSpot(d, { x: 0, y: 0, width: 950, height: 570 }, CARD, fixed);
    // The slot is a little larger than the card: it takes the corner nearest the view's centre (475, 285), one
    // gap from the cards to its left and above.
    expect(at).toEqual({ x: 700 + FREE_SPOT_GAP, y: 270 + FREE_SPOT_GAP });
    expect(clashes(d, at, CARD)).toEqual([]);
  });

  it('goes just outside the view when it is full, never onto a card', () => {
    const grid: { x: number; y: number }[] = [];
    for (let row = 0; row < 4; row++) for (let col = 0; col < 4; col++) grid.push({ x: col * 250, y: row * 150 });
    const d = withCards(grid);
    const view = { x: 0, y: 0, width: 950, height: 570 };
    const at = freeSpot(d, view, CARD, fixed);
    expect(inside(at, CARD, view)).toBe(false);
    expect(clashes(d, at, CARD)).toEqual([]);
    // Nearest the view's centre outside the grid: a row above or below the middle columns.
    expect(Math.abs(at.x + CARD.width / 2 - 475)).toBeLessThanOrEqual(250);
  });

  it('falls back below every card when even the wide area around the view is covered', () => {
    const grid: { x: number; y: number }[] = [];
    for (let row = -6; row < 10; row++) for (let col = -6; col < 10; col++) grid.push({ x: col * 210, y: row * 130 });
    const d = withCards(grid);
    const at = freeSpot(d, { x: 0, y: 0, width: 400, height: 300 }, CARD, fixed);
    expect(at).toEqual({ x: 100, y: 9 * 130 + 120 + FREE_SPOT_GAP });
    expect(clashes(d, at, CARD)).toEqual([]);
  });

  it('centres a card larger than the view on it when that is free', () => {
    expect(freeSpot(emptyDesign(), { x: 0, y: 0, width: 100, height: 100 }, CARD, fixed)).toEqual({ x: -50, y: -10 });
  });

  it('measures cards from the design by default', () => {
    const d = exampleDesign();
    const sizeOf = (id: string) => cardSize(d, d.tables[id]!);
    const first = Object.values(d.tables)[0]!;
    const view = { x: first.position.x - 100, y: first.position.y - 100, width: 700, height: 500 };
    const at = freeSpot(d, view, CARD);
    expect(clashes(d, at, CARD, sizeOf)).toEqual([]);
    expect(at).toEqual(freeSpot(d, view, CARD, sizeOf));
  });

  it('never puts a card on another, and stays in view while a brute-force scan finds room there', () => {
    const position = fc.record({ x: fc.integer({ min: -200, max: 1100 }), y: fc.integer({ min: -200, max: 700 }) });
    fc.assert(
      fc.property(fc.array(position, { maxLength: 20 }), (positions) => {
        const d = withCards(positions);
        const at = freeSpot(d, VIEW, CARD, fixed);
        expect(Number.isInteger(at.x) && Number.isInteger(at.y)).toBe(true);
        expect(clashes(d, at, CARD)).toEqual([]);
        // A plain scan every 8 px: when it finds room in view, so must freeSpot.
        let room = false;
        for (let x = 0; x <= VIEW.width - CARD.width && !room; x += 8) {
          for (let y = 0; y <= VIEW.height - CARD.height && !room; y += 8) {
            room = clashes(d, { x, y }, CARD).length === 0;
          }
        }
        if (room) expect(inside(at, CARD, VIEW)).toBe(true);
      }),
      { numRuns: fuzzRuns(200) },
    );
  });

  it('stays fast with 300 cards in view', () => {
    const grid: { x: number; y: number }[] = [];
    for (let i = 0; i < 300; i++) grid.push({ x: (i % 20) * 230, y: Math.floor(i / 20) * 150 });
    const d = withCards(grid);
    const started = performance.now();
    const at = freeSpot(d, { x: 0, y: 0, width: 4600, height: 2250 }, CARD, fixed);
    expect(performance.now() - started).toBeLessThan(250);
    expect(clashes(d, at, CARD)).toEqual([]);
  });

  it('sizes and places the table "Add table" adds next', () => {
    const d = emptyDesign({ id: 'MoLOS-Example' });
    // `MoLOS-Example_new_table` in the header (23 characters), four rows.
    expect(newTableSize(d)).toEqual({ width: 231, height: 142 });
    expect(newTableSize(withCards([{ x: 0, y: 0 }]))).toEqual(newTableSize(d));
    const view = { x: 0, y: 0, width: 1000, height: 600 };
    expect(placeNewTable(d, view)).toEqual({ x: 385, y: 229 });
    // The next one does not land on the first.
    const once = addTable(d, { id: 't1', position: placeNewTable(d, view) });
    const at = placeNewTable(once, view);
    expect(clashes(once, at, newTableSize(once), (id) => cardSize(once, once.tables[id]!))).toEqual([]);
  });
});
