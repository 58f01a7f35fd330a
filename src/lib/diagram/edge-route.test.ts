import { describe, expect, it } from 'vitest';
import { type Box, relationEnds } from './card-geometry';
import { type Point, RouteCache, labelSize, placeLabel, plainRoute, roundedPath, routeRelation } from './edge-route';

const box = (x: number, y: number, width = 200, height = 200): Box => ({ x, y, width, height });

/** The shortest distance between an axis-parallel segment and a box (0 when they meet). */
function segmentBoxDistance(a: Point, b: Point, r: Box): number {
  const x0 = Math.min(a.x, b.x);
  const x1 = Math.max(a.x, b.x);
  const y0 = Math.min(a.y, b.y);
  const y1 = Math.max(a.y, b.y);
  const dx = Math.max(0, r.x - x1, x0 - (r.x + r.width));
  const dy = Math.max(0, r.y - y1, y0 - (r.y + r.height));
  return Math.hypot(dx, dy);
}

function minDistance(points: readonly Point[], r: Box): number {
  let best = Infinity;
  for (let i = 1; i < points.length; i++) best = Math.min(best, segmentBoxDistance(points[i - 1]!, points[i]!, r));
  return best;
}

function expectOrthogonal(points: readonly Point[]) {
  for (let i = 1; i < points.length; i++) {
    const [a, b] = [points[i - 1]!, points[i]!];
    expect(a.x === b.x || a.y === b.y, `piece ${i} of ${JSON.stringify(points)}`).toBe(true);
  }
}

/** A small deterministic random generator (mulberry32), so a failing case can be replayed. */
function random(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('routeRelation', () => {
  it('keeps the plain line when no card is in the way', () => {
    const a = box(0, 0);
    const c = box(400, 100);
    const ends = relationEnds(a, 2, c, 0);
    const route = routeRelation(ends, a, c, [a, c]);
    expect(route).toMatchObject({ routed: true, points: plainRoute(ends) });
    expect(route.points).toEqual([
      { x: 200, y: 106.5 },
      { x: 300, y: 106.5 },
      { x: 300, y: 160.5 },
      { x: 400, y: 160.5 },
    ]);
  });

  it('goes around a card between the two ends, 12 px away from it, with few bends', () => {
    const a = box(0, 0);
    const b = box(300, 0);
    const c = box(600, 0);
    const ends = relationEnds(a, 2, c, 2);
    // The plain line is straight through the middle card.
    expect(minDistance(plainRoute(ends), b)).toBe(0);
    const route = routeRelation(ends, a, c, [a, b, c]);
    expect(route.routed).toBe(true);
    expectOrthogonal(route.points);
    expect(route.points[0]).toEqual({ x: ends.sourceX, y: ends.sourceY });
    expect(route.points.at(-1)).toEqual({ x: ends.targetX, y: ends.targetY });
    expect(minDistance(route.points, b)).toBeGreaterThanOrEqual(12);
    // Leaves and enters its cards straight out: first piece east, last piece east into the target's left side.
    expect(route.points[1]!.y).toBe(ends.sourceY);
    expect(route.points[1]!.x).toBeGreaterThan(ends.sourceX);
    expect(route.points.at(-2)!.y).toBe(ends.targetY);
    expect(route.points.at(-2)!.x).toBeLessThan(ends.targetX);
    // Over or under the middle card: up (or down) once, across, back: four bends.
    expect(route.points).toHaveLength(6);
    // Its own cards are kept clear too, except the pieces that leave and enter them.
    expect(minDistance(route.points.slice(1, -1), a)).toBeGreaterThanOrEqual(12);
    expect(minDistance(route.points.slice(1, -1), c)).toBeGreaterThanOrEqual(12);
  });

  it('finds the gap in a wall of cards', () => {
    const a = box(0, 300);
    const c = box(800, 300);
    // A wall from y = -400 to 1100 with one opening between y = 620 and 680.
    const wall = [box(350, -400, 200, 1020), box(350, 680, 200, 420)];
    const ends = relationEnds(a, 0, c, 0);
    const route = routeRelation(ends, a, c, [a, c, ...wall]);
    expect(route.routed).toBe(true);
    expectOrthogonal(route.points);
    for (const w of wall) expect(minDistance(route.points, w)).toBeGreaterThanOrEqual(12);
    // Through the opening, in its middle row band (620 + 12 to 680 − 12).
    const through = route.points.filter((p) => p.x > 350 && p.x < 550);
    expect(through.every((p) => p.y >= 632 && p.y <= 668)).toBe(true);
  });

  it('draws the plain line when no route exists or the search would be too big', () => {
    const a = box(0, 0);
    const c = box(600, 0);
    // The target is walled in on every side.
    const ring = [box(540, -100, 20, 400), box(820, -100, 20, 400), box(540, -100, 300, 20), box(540, 280, 300, 20)];
    const ends = relationEnds(a, 0, c, 0);
    expect(routeRelation(ends, a, c, [a, c, ...ring])).toMatchObject({ routed: false, points: plainRoute(ends) });
    const b = box(300, 0);
    expect(routeRelation(ends, a, c, [a, b, c], { maxObstacles: 0 })).toMatchObject({
      routed: false,
      points: plainRoute(ends),
    });
  });

  it('a self relation is a loop on the right side of the card', () => {
    const a = box(100, 100, 240, 300);
    const ends = relationEnds(a, 3, a, 0);
    const route = routeRelation(ends, a, a, [a]);
    expect(route.points).toEqual([
      { x: 340, y: 100 + 1 + 48 + 3 * 23 + 11.5 },
      { x: 364, y: 229.5 },
      { x: 364, y: 160.5 },
      { x: 340, y: 160.5 },
    ]);
  });

  it('is exact when two cards overlap: the covering card does not block the route', () => {
    const a = box(0, 0);
    const b = box(150, 150);
    const c = box(600, 0);
    const ends = relationEnds(a, 0, c, 0);
    const route = routeRelation(ends, a, c, [a, b, c]);
    expectOrthogonal(route.points);
    expect(route.points[0]).toEqual({ x: 200, y: 60.5 });
  });

  it('never crosses a card it keeps clear of, on random layouts (property)', () => {
    const runs = Number(process.env.FUZZ_RUNS) || 300;
    const next = random(12);
    let routedCount = 0;
    for (let run = 0; run < runs; run++) {
      const cards: Box[] = [];
      const count = 3 + Math.floor(next() * 12);
      for (let i = 0; i < count; i++) {
        cards.push(
          box(
            Math.round(next() * 1600),
            Math.round(next() * 1200),
            200 + Math.round(next() * 160),
            96 + Math.round(next() * 200),
          ),
        );
      }
      const [from, to] = [cards[0]!, cards[1]!];
      const ends = relationEnds(from, Math.floor(next() * 4), to, Math.floor(next() * 4));
      const route = routeRelation(ends, from, to, cards);
      expectOrthogonal(route.points);
      expect(route.points[0]).toEqual({ x: ends.sourceX, y: ends.sourceY });
      expect(route.points.at(-1)).toEqual({ x: ends.targetX, y: ends.targetY });
      if (!route.routed) continue;
      routedCount++;
      // Where the line turns first and last at the latest: 24 px out of its cards (or half way between them).
      const facing = Math.abs(ends.targetX - ends.sourceX);
      const stub = ends.sourceSide !== ends.targetSide && facing < 48 ? facing / 2 : 24;
      const s1 = { x: ends.sourceX + (ends.sourceSide === 'right' ? stub : -stub), y: ends.sourceY };
      const t1 = { x: ends.targetX + (ends.targetSide === 'right' ? stub : -stub), y: ends.targetY };
      for (const c of cards.slice(2)) {
        // A card over a line's end cannot be avoided; every other one is kept 12 px away.
        const grown = { x: c.x - 12, y: c.y - 12, width: c.width + 24, height: c.height + 24 };
        const covers = (p: Point) =>
          p.x > grown.x && p.x < grown.x + grown.width && p.y > grown.y && p.y < grown.y + grown.height;
        if (covers(s1) || covers(t1) || covers(route.points[0]!) || covers(route.points.at(-1)!)) continue;
        expect(minDistance(route.points, c), `run ${run}: ${JSON.stringify({ cards, route })}`).toBeGreaterThanOrEqual(
          11.99,
        );
      }
    }
    expect(routedCount).toBeGreaterThan(runs / 2);
  });
});

describe('placeLabel', () => {
  it('puts a label in the middle of the longest inner piece when it is free', () => {
    const points = [
      { x: 200, y: 100 },
      { x: 300, y: 100 },
      { x: 300, y: 300 },
      { x: 400, y: 300 },
    ];
    expect(placeLabel(points, labelSize('cascade'), [box(0, 0), box(400, 200)])).toEqual({ x: 300, y: 200 });
  });

  it('moves a label off a card: along the piece, or beside it', () => {
    const points = [
      { x: 200, y: 100 },
      { x: 300, y: 100 },
      { x: 300, y: 300 },
      { x: 400, y: 300 },
    ];
    // A card right where the middle would be, leaving the upper part of the piece free.
    const blocker = box(280, 180, 100, 60);
    const at = placeLabel(points, labelSize('cascade'), [blocker]);
    expect(at).toEqual({ x: 300, y: 160 });
  });

  it("a self relation's label sits beside the loop, clear of its card", () => {
    const a = box(100, 100, 240, 300);
    const route = routeRelation(relationEnds(a, 3, a, 0), a, a, [a]);
    const size = labelSize('set null');
    const at = placeLabel(route.points, size, [a]);
    expect(at.x - size.width / 2).toBeGreaterThan(a.x + a.width);
    expect(at.y).toBe((229.5 + 160.5) / 2);
  });
});

describe('roundedPath', () => {
  it('rounds corners, shrinking the radius on short pieces', () => {
    expect(
      roundedPath([
        { x: 0, y: 0 },
        { x: 40, y: 0 },
        { x: 40, y: 8 },
        { x: 80, y: 8 },
      ]),
    ).toBe('M0,0 L36,0 Q40,0 40,4 L40,4 Q40,8 44,8 L80,8');
  });
});

describe('RouteCache', () => {
  const a = box(0, 0);
  const b = box(300, 0);
  const c = box(600, 0);
  const ends = relationEnds(a, 2, c, 2);
  const size = labelSize('cascade');

  it('keeps the layout while a far card moves, and routes again when a card moves into the way', () => {
    const cache = new RouteCache();
    const far = box(3000, 3000);
    const first = cache.layout(ends, a, c, [a, c, far], size);
    expect(first.points).toEqual(plainRoute(ends));
    expect(cache.layout(ends, a, c, [a, c, box(3100, 3000)], size)).toBe(first);
    const blocked = cache.layout(ends, a, c, [a, c, b], size);
    expect(blocked).not.toBe(first);
    expect(minDistance(blocked.points, b)).toBeGreaterThanOrEqual(12);
  });

  it('gives what a fresh route gives, whatever moves (property)', () => {
    const runs = Number(process.env.FUZZ_RUNS) || 200;
    const next = random(99);
    const cache = new RouteCache();
    const cards = [
      a,
      c,
      ...Array.from({ length: 10 }, () => box(Math.round(next() * 1400) - 200, Math.round(next() * 1000) - 500)),
    ];
    for (let run = 0; run < runs; run++) {
      // Move one card (an own card sometimes), as a drag frame does.
      const i = Math.floor(next() * cards.length);
      const old = cards[i]!;
      cards[i] = box(
        old.x + Math.round((next() - 0.5) * 200),
        old.y + Math.round((next() - 0.5) * 200),
        old.width,
        old.height,
      );
      const [from, to] = [cards[0]!, cards[1]!];
      const e = relationEnds(from, 1, to, 3);
      const got = cache.layout(e, from, to, [...cards], size);
      const fresh = routeRelation(e, from, to, cards);
      expect(got.points, `run ${run}`).toEqual(fresh.points);
      expect(got.label).toEqual(placeLabel(fresh.points, size, cards));
    }
  });

  it('in a drag keeps a line no card moves onto, and catches up after the drop', () => {
    const runs = Number(process.env.FUZZ_RUNS) || 200;
    const next = random(7);
    const cache = new RouteCache();
    const cards = [
      a,
      c,
      ...Array.from({ length: 10 }, () => box(Math.round(next() * 1400) - 200, Math.round(next() * 1000) - 500)),
    ];
    for (let run = 0; run < runs; run++) {
      const i = 2 + Math.floor(next() * (cards.length - 2));
      const old = cards[i]!;
      cards[i] = box(
        old.x + Math.round((next() - 0.5) * 200),
        old.y + Math.round((next() - 0.5) * 200),
        old.width,
        old.height,
      );
      const e = relationEnds(a, 1, c, 3);
      const dragged = cache.layout(e, a, c, [...cards], size, { lenient: true });
      // Whatever it kept, the line comes no nearer than 12 px to a card the fresh route keeps clear of.
      const fresh = routeRelation(e, a, c, cards);
      const crossing = cards
        .slice(2)
        .filter((o) => minDistance(dragged.points, o) < 11.99 && minDistance(fresh.points, o) >= 11.99);
      expect(crossing, `run ${run}`).toEqual([]);
      // After the drop the exact check gives the fresh route.
      if (run % 10 === 9) expect(cache.layout(e, a, c, [...cards], size).points).toEqual(fresh.points);
    }
  });
});
