/**
 * Relation lines that go around table cards: a small orthogonal router shared by the canvas (RelationEdge) and
 * the image export (svg.ts), so both draw the same line, plus where a line's label can sit without covering a
 * card.
 *
 * The router searches a sparse grid made of the x and y coordinates of the nearby cards' sides (each pushed out
 * by a gap) and the line's own ends, with A* over (grid point, heading) states: length plus a price per bend. Only
 * cards near the line take part, so one route costs a fraction of a millisecond; when too many cards are near,
 * it gives the plain three-segment line the canvas always drew.
 */
import type { Design } from '../core/design';
import type { Box, RelationEnds } from './card-geometry';

export interface Point {
  x: number;
  y: number;
}

export interface RouteOptions {
  /** Space kept between a line and every card (default 12). */
  gap?: number;
  /** How far a line leaves its card straight out before it may turn (default 24). */
  offset?: number;
  /** Above this many nearby cards the search gives up and the plain line is drawn (default 60). */
  maxObstacles?: number;
  /** What one bend costs, in pixels of length (default 40): fewer turns beat slightly shorter lines. */
  bendCost?: number;
}

export interface Route {
  /** The polyline, from the referencing card's side to the referenced card's side, turning at right angles. */
  points: Point[];
  /** False when the plain line was drawn (no way around the cards, or too many cards near). */
  routed: boolean;
  /**
   * The area (cards grown by the gap) whose cards decided the route: a card outside it, before and after a move,
   * does not change it (RouteCache relies on this). Empty: no card matters (a self relation's loop).
   */
  reach: Box[];
}

const DEFAULTS = { gap: 12, offset: 24, maxObstacles: 60, bendCost: 40 } as const;

/** Headings: east, west, south, north. */
const DX: readonly number[] = [1, -1, 0, 0];
const DY: readonly number[] = [0, 0, 1, -1];
const REVERSE = [1, 0, 3, 2] as const;

const sameBox = (a: Box, b: Box) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

/** Strictly inside (the border itself is allowed: a line exactly `gap` away from a card is fine). */
const inside = (b: Box, p: Point) => p.x > b.x && p.x < b.x + b.width && p.y > b.y && p.y < b.y + b.height;

const grow = (b: Box, by: number): Box => ({
  x: b.x - by,
  y: b.y - by,
  width: b.width + 2 * by,
  height: b.height + 2 * by,
});

const overlaps = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The line the canvas drew before routing (and the fallback): out of the source side, one vertical run, into the
 * target side; around the right (or left) of both cards when both ends face the same way.
 * @example plainRoute({ sourceX: 200, sourceY: 60, sourceSide: 'right', targetX: 400, targetY: 100, targetSide: 'left' })
 *   // [{x:200,y:60},{x:300,y:60},{x:300,y:100},{x:400,y:100}]
 */
export function plainRoute(ends: RelationEnds, offset: number = DEFAULTS.offset): Point[] {
  const sDir = ends.sourceSide === 'right' ? 1 : -1;
  const tDir = ends.targetSide === 'right' ? 1 : -1;
  const s = { x: ends.sourceX, y: ends.sourceY };
  const t = { x: ends.targetX, y: ends.targetY };
  let turnX: number;
  if (sDir === tDir) turnX = sDir === 1 ? Math.max(s.x, t.x) + offset : Math.min(s.x, t.x) - offset;
  else turnX = (s.x + t.x) / 2;
  return simplify([s, { x: turnX, y: s.y }, { x: turnX, y: t.y }, t]);
}

/** Drops repeated points and the middle point of three on one straight line. */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const last = out[out.length - 1];
    if (last && last.x === p.x && last.y === p.y) continue;
    const before = out[out.length - 2];
    if (before && last && ((before.x === last.x && last.x === p.x) || (before.y === last.y && last.y === p.y))) {
      out[out.length - 1] = p;
    } else {
      out.push(p);
    }
  }
  return out;
}

/** The first box of `boxes` a polyline passes through (a box grown by `gap`, touching its border allowed). */
function crossedBox(points: readonly Point[], boxes: readonly Box[]): Box | null {
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const seg = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      width: Math.abs(a.x - b.x),
      height: Math.abs(a.y - b.y),
    };
    for (const box of boxes) {
      // An axis-parallel segment meets a box's inside when it overlaps it on both axes (open intervals).
      const inX =
        seg.width === 0 ? seg.x > box.x && seg.x < box.x + box.width : overlapsOpen(seg.x, seg.width, box.x, box.width);
      const inY =
        seg.height === 0
          ? seg.y > box.y && seg.y < box.y + box.height
          : overlapsOpen(seg.y, seg.height, box.y, box.height);
      if (inX && inY) return box;
    }
  }
  return null;
}

const overlapsOpen = (a: number, aLen: number, b: number, bLen: number) => a < b + bLen && b < a + aLen;

/**
 * The route of a relation line around the cards. `boxes` are all the cards that may be in the way (they may
 * include the relation's own two cards, recognised by their box); the line keeps `gap` from each of them, its
 * own cards included, except where it leaves and enters them. A self relation (`from` is `to`) is a loop on the
 * card's right side.
 * @example
 * const ends = relationEnds(a, 0, c, 0); // a and c side by side with b between them
 * routeRelation(ends, a, c, [a, b, c]).points // goes over or under b, never through it
 */
export function routeRelation(
  ends: RelationEnds,
  from: Box,
  to: Box,
  boxes: readonly Box[],
  options: RouteOptions = {},
): Route {
  const gap = options.gap ?? DEFAULTS.gap;
  const offset = Math.max(options.offset ?? DEFAULTS.offset, gap + 1);
  const maxObstacles = options.maxObstacles ?? DEFAULTS.maxObstacles;
  const bendCost = options.bendCost ?? DEFAULTS.bendCost;
  const sDir = ends.sourceSide === 'right' ? 1 : -1;
  const tDir = ends.targetSide === 'right' ? 1 : -1;
  const s = { x: ends.sourceX, y: ends.sourceY };
  const t = { x: ends.targetX, y: ends.targetY };
  const plain = plainRoute(ends, offset);
  if (sameBox(from, to)) return { points: plain, routed: true, reach: [] };
  // Ends facing each other closer than two offsets share the space between them.
  const facing = sDir === 1 && tDir === -1 ? t.x - s.x : sDir === -1 && tDir === 1 ? s.x - t.x : Infinity;
  const stub = facing > 0 && facing < 2 * offset ? facing / 2 : offset;
  const s1 = { x: s.x + sDir * stub, y: s.y };
  const t1 = { x: t.x + tDir * stub, y: t.y };

  // Every card grown by the gap, except one that covers a line's first or last turn (cards overlapping each
  // other): no route could keep away from it.
  const fromGrown = grow(from, gap);
  const toGrown = grow(to, gap);
  const others: Box[] = [];
  for (const b of boxes) {
    if (sameBox(b, from) || sameBox(b, to)) continue;
    const g = grow(b, gap);
    if (!inside(g, s1) && !inside(g, t1)) others.push(g);
  }
  // The plain line is kept when it is clear: its first piece may run through the source card's gap, its last
  // through the target's.
  if (
    !crossedBox(plain, others) &&
    !crossedBox(plain.slice(1), [fromGrown]) &&
    !crossedBox(plain.slice(0, -1), [toGrown])
  ) {
    // Only a card meeting one of the line's pieces (or covering a first or last turn) changes this answer.
    return { points: plain, routed: true, reach: pieces([s1, ...plain, t1], 1) };
  }
  const all = [...others];
  for (const g of [fromGrown, toGrown]) if (!inside(g, s1) && !inside(g, t1)) all.push(g);

  // The cards near the line: those meeting the box around both ends, then those meeting the box around those.
  let region = grow(bounds([s1, t1]), offset * 2);
  let near = all.filter((b) => overlaps(b, region));
  region = grow(unionBox(region, near), offset);
  near = all.filter((b) => overlaps(b, region));
  for (let attempt = 0; attempt < 4 && near.length <= maxObstacles; attempt++) {
    const inner = search(s1, t1, sDir, -tDir, near, bendCost);
    if (!inner) break;
    // A card left out of the search may still be in the way at the edge of the searched area: add it, retry.
    const missed = crossedBox(inner, all);
    if (!missed) {
      const points = simplify([s, ...inner, t]);
      return {
        points,
        routed: true,
        reach: [unionBox(grow(bounds([...plain, s1, t1, ...points]), 1), [region, ...near])],
      };
    }
    region = grow(unionBox(region, [missed]), offset);
    near = all.filter((b) => overlaps(b, region));
    if (!near.includes(missed)) near.push(missed);
  }
  return { points: plain, routed: false, reach: [unionBox(grow(bounds([...plain, s1, t1]), 1), [region, ...near])] };
}

/** Each piece of a polyline as a box, grown by `by`. */
function pieces(points: readonly Point[], by: number): Box[] {
  const out: Box[] = [];
  for (let i = 1; i < points.length; i++) out.push(grow(bounds([points[i - 1]!, points[i]!]), by));
  return out;
}

function bounds(points: readonly Point[]): Box {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

function unionBox(a: Box, list: readonly Box[]): Box {
  let [x0, y0, x1, y1] = [a.x, a.y, a.x + a.width, a.y + a.height];
  for (const b of list) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.width);
    y1 = Math.max(y1, b.y + b.height);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** Sorted distinct values. */
function axis(values: number[]): number[] {
  values.sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of values) if (out.length === 0 || v !== out[out.length - 1]) out.push(v);
  return out;
}

function indexOf(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const m = sorted[mid]!;
    if (m === v) return mid;
    if (m < v) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * A* from `start` (heading `startHeading` east/west as ±1) to `goal`, arriving heading `endHeading` (±1), over
 * the grid of the obstacles' sides: the corner points of the route, `start` and `goal` included, or null.
 */
function search(
  start: Point,
  goal: Point,
  startHeading: number,
  endHeading: number,
  obstacles: readonly Box[],
  bendCost: number,
): Point[] | null {
  const xv = [start.x, goal.x, (start.x + goal.x) / 2];
  const yv = [start.y, goal.y, (start.y + goal.y) / 2];
  for (const b of obstacles) {
    xv.push(b.x, b.x + b.width);
    yv.push(b.y, b.y + b.height);
  }
  const xs = axis(xv);
  const ys = axis(yv);
  const nx = xs.length;
  const ny = ys.length;
  const count = nx * ny;
  // Blocked grid points, and blocked pieces of grid line to the next point east (h) and south (v).
  const { node, h, v } = buffers.grid(count);
  for (const b of obstacles) {
    const i0 = indexOf(xs, b.x);
    const i1 = indexOf(xs, b.x + b.width);
    const j0 = indexOf(ys, b.y);
    const j1 = indexOf(ys, b.y + b.height);
    for (let j = j0; j <= j1; j++) {
      for (let i = i0; i <= i1; i++) {
        const k = j * nx + i;
        const innerJ = j > j0 && j < j1;
        const innerI = i > i0 && i < i1;
        if (innerI && innerJ) node[k] = 1;
        if (innerJ && i < i1) h[k] = 1;
        if (innerI && j < j1) v[k] = 1;
      }
    }
  }
  const si = indexOf(xs, start.x);
  const sj = indexOf(ys, start.y);
  const gi = indexOf(xs, goal.x);
  const gj = indexOf(ys, goal.y);
  const startK = sj * nx + si;
  const goalK = gj * nx + gi;
  if (node[startK] || node[goalK]) return null;
  const startD = startHeading === 1 ? 0 : 1;
  const endD = endHeading === 1 ? 0 : 1;

  const states = count * 4;
  const { g, parent, closed } = buffers.states(states);
  const heap = buffers.heap;
  heap.clear();
  // Ties (many equally long staircase paths) go to the state nearer the goal: far fewer states are opened.
  const hCost = (k: number) => (Math.abs(xs[k % nx]! - goal.x) + Math.abs(ys[(k / nx) | 0]! - goal.y)) * 1.001;
  const first = startK * 4 + startD;
  g[first] = 0;
  heap.push(first, hCost(startK));
  // The goal is reached through a virtual last step that turns into the card's heading (a bend when needed).
  let best = Infinity;
  let bestState = -1;
  while (heap.size > 0) {
    const f = heap.topKey();
    const st = heap.pop();
    if (f >= best) break;
    if (closed[st]) continue;
    closed[st] = 1;
    const k = st >> 2;
    const d = st & 3;
    const cost = g[st]!;
    if (k === goalK && d !== REVERSE[endD]) {
      const total = cost + (d === endD ? 0 : bendCost);
      if (total < best) {
        best = total;
        bestState = st;
      }
    }
    const i = k % nx;
    const j = (k / nx) | 0;
    for (let nd = 0; nd < 4; nd++) {
      if (nd === REVERSE[d]) continue;
      const ni = i + DX[nd]!;
      const nj = j + DY[nd]!;
      if (ni < 0 || nj < 0 || ni >= nx || nj >= ny) continue;
      const nk = nj * nx + ni;
      if (node[nk]) continue;
      if (nd === 0 ? h[k] : nd === 1 ? h[nk] : nd === 2 ? v[k] : v[nk]) continue;
      const ns = nk * 4 + nd;
      if (closed[ns]) continue;
      const step = nd < 2 ? Math.abs(xs[ni]! - xs[i]!) : Math.abs(ys[nj]! - ys[j]!);
      const ng = cost + step + (nd === d ? 0 : bendCost);
      if (ng < g[ns]!) {
        g[ns] = ng;
        parent[ns] = st;
        heap.push(ns, ng + hCost(nk));
      }
    }
  }
  if (bestState < 0) return null;
  const path: Point[] = [];
  for (let st = bestState; st >= 0; st = parent[st]!) {
    const k = st >> 2;
    path.push({ x: xs[k % nx]!, y: ys[(k / nx) | 0]! });
  }
  path.reverse();
  return simplify(path);
}

/** A binary min-heap of state numbers by key. */
class Heap {
  #keys: number[] = [];
  #values: number[] = [];
  get size(): number {
    return this.#values.length;
  }
  clear(): void {
    this.#keys.length = 0;
    this.#values.length = 0;
  }
  topKey(): number {
    return this.#keys[0]!;
  }
  push(value: number, key: number): void {
    const keys = this.#keys;
    const values = this.#values;
    let i = values.length;
    keys.push(key);
    values.push(value);
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! <= key) break;
      keys[i] = keys[p]!;
      values[i] = values[p]!;
      i = p;
    }
    keys[i] = key;
    values[i] = value;
  }
  pop(): number {
    const keys = this.#keys;
    const values = this.#values;
    const top = values[0]!;
    const lastKey = keys.pop()!;
    const lastValue = values.pop()!;
    const size = values.length;
    if (size > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= size) break;
        const r = l + 1;
        const c = r < size && keys[r]! < keys[l]! ? r : l;
        if (keys[c]! >= lastKey) break;
        keys[i] = keys[c]!;
        values[i] = values[c]!;
        i = c;
      }
      keys[i] = lastKey;
      values[i] = lastValue;
    }
    return top;
  }
}

/**
 * The search's arrays, kept between searches and cleared for each: a drag routes a few lines every frame, and
 * fresh arrays each time would keep the garbage collector busy.
 */
const buffers = new (class {
  #node = new Uint8Array(0);
  #h = new Uint8Array(0);
  #v = new Uint8Array(0);
  #g = new Float64Array(0);
  #parent = new Int32Array(0);
  #closed = new Uint8Array(0);
  readonly heap = new Heap();

  grid(count: number) {
    if (this.#node.length < count) {
      const size = Math.max(count, this.#node.length * 2);
      this.#node = new Uint8Array(size);
      this.#h = new Uint8Array(size);
      this.#v = new Uint8Array(size);
    }
    this.#node.fill(0, 0, count);
    this.#h.fill(0, 0, count);
    this.#v.fill(0, 0, count);
    return { node: this.#node, h: this.#h, v: this.#v };
  }

  states(count: number) {
    if (this.#g.length < count) {
      const size = Math.max(count, this.#g.length * 2);
      this.#g = new Float64Array(size);
      this.#parent = new Int32Array(size);
      this.#closed = new Uint8Array(size);
    }
    this.#g.fill(Infinity, 0, count);
    this.#parent.fill(-1, 0, count);
    this.#closed.fill(0, 0, count);
    return { g: this.#g, parent: this.#parent, closed: this.#closed };
  }
})();

/** A label's box size. */
export interface LabelSize {
  width: number;
  height: number;
}

/**
 * The size of a relation label (10 px text in a small pill) for a text, the same estimate for the canvas and
 * the export.
 * @example labelSize('cascade') // { width: 56, height: 18 }
 */
export function labelSize(text: string): LabelSize {
  return { width: text.length * 6 + 14, height: 18 };
}

/**
 * Where a label's centre goes on a route: on (or right beside) a piece of the line where the label's box
 * covers no card nor any box of `avoid` (other labels, say). The longest inner pieces are tried first, at their
 * middle, then nearer their ends, then beside them; when nothing is free, the middle of the longest piece.
 * @example placeLabel(route.points, labelSize('cascade'), cardBoxes) // { x: 300, y: 80 }
 */
export function placeLabel(
  points: readonly Point[],
  size: LabelSize,
  cards: readonly Box[],
  avoid: readonly Box[] = [],
): Point {
  const segments: Array<[Point, Point]> = [];
  for (let i = 1; i < points.length; i++) segments.push([points[i - 1]!, points[i]!]);
  if (segments.length === 0) return points[0] ? { ...points[0] } : { x: 0, y: 0 };
  const length = ([a, b]: [Point, Point]) => Math.abs(a.x - b.x) + Math.abs(a.y - b.y);
  // The first and last pieces end at the markers: used only when the line has nothing else.
  const inner = segments.length > 2 ? segments.slice(1, -1) : segments;
  const ordered = [...inner].sort((a, b) => length(b) - length(a));
  // Only boxes around the line can be under a candidate.
  const area = grow(bounds(points as Point[]), Math.max(size.width, size.height) + 8);
  const near = [...cards, ...avoid].filter((b) => overlaps(b, area));
  const free = (c: Point) => {
    const box = {
      x: c.x - size.width / 2 - 2,
      y: c.y - size.height / 2 - 2,
      width: size.width + 4,
      height: size.height + 4,
    };
    return !near.some((b) => overlaps(b, box));
  };
  const at = ([a, b]: [Point, Point], f: number) => ({ x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f });
  for (const f of [0.5, 0.3, 0.7]) {
    for (const seg of ordered) {
      const c = at(seg, f);
      if (free(c)) return c;
    }
  }
  // Beside a piece: to the right of a vertical one (or left), below a horizontal one (or above).
  for (const seg of ordered) {
    const c = at(seg, 0.5);
    const vertical = seg[0].x === seg[1].x;
    const dx = vertical ? size.width / 2 + 4 : 0;
    const dy = vertical ? 0 : size.height / 2 + 4;
    for (const sign of [1, -1]) {
      const side = { x: c.x + sign * dx, y: c.y + sign * dy };
      if (free(side)) return side;
    }
  }
  return at(ordered[0]!, 0.5);
}

/** A coordinate as short, stable text (two decimals at most, no `-0`). */
export function coord(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/**
 * SVG path data for a polyline with rounded corners (each corner's radius shrinks to fit short pieces).
 * @example roundedPath([{ x: 0, y: 0 }, { x: 40, y: 0 }, { x: 40, y: 40 }]) // 'M0,0 L30,0 Q40,0 40,10 L40,40'
 */
export function roundedPath(points: readonly Point[], radius = 10): string {
  const [first, ...rest] = points;
  if (!first) return '';
  let path = `M${coord(first.x)},${coord(first.y)}`;
  for (let i = 0; i < rest.length; i++) {
    const corner = rest[i]!;
    const next = rest[i + 1];
    const prev = points[i]!;
    if (!next) {
      path += ` L${coord(corner.x)},${coord(corner.y)}`;
      break;
    }
    const inLen = Math.hypot(corner.x - prev.x, corner.y - prev.y);
    const outLen = Math.hypot(next.x - corner.x, next.y - corner.y);
    const r = Math.min(radius, inLen / 2, outLen / 2);
    if (r <= 0) {
      path += ` L${coord(corner.x)},${coord(corner.y)}`;
      continue;
    }
    const a = { x: corner.x - ((corner.x - prev.x) / inLen) * r, y: corner.y - ((corner.y - prev.y) / inLen) * r };
    const b = { x: corner.x + ((next.x - corner.x) / outLen) * r, y: corner.y + ((next.y - corner.y) / outLen) * r };
    path += ` L${coord(a.x)},${coord(a.y)} Q${coord(corner.x)},${coord(corner.y)} ${coord(b.x)},${coord(b.y)}`;
  }
  return path;
}

/** A route and where its label goes. */
export interface RouteLayout extends Route {
  label: Point;
}

const sameEnds = (a: RelationEnds, b: RelationEnds) =>
  a.sourceX === b.sourceX &&
  a.sourceY === b.sourceY &&
  a.sourceSide === b.sourceSide &&
  a.targetX === b.targetX &&
  a.targetY === b.targetY &&
  a.targetSide === b.targetSide;

/**
 * One relation line's last layout, reused while nothing that decides it changed: while a card is dragged, only
 * the lines near it are routed again, every frame, and the others keep their route for the cost of comparing
 * the card boxes (unchanged cards keep their box objects, so most comparisons are one identity check).
 * @example
 * const cache = new RouteCache();
 * cache.layout(ends, from, to, boxes, labelSize('cascade')).points // routed
 * cache.layout(ends, from, to, boxesWithAFarCardMoved, labelSize('cascade')) // the same object again
 */
export class RouteCache {
  #last: {
    ends: RelationEnds;
    from: Box;
    to: Box;
    /** The boxes the layout was computed with (or found to be unchanged against, in an exact check). */
    boxes: readonly Box[];
    size: LabelSize;
    /** What decides the layout exactly (route.reach plus where the label could go). */
    reach: Box[];
    /** What the line itself touches: in a drag, only a card meeting these routes the line again. */
    touched: Box[];
    layout: RouteLayout;
  } | null = null;

  /**
   * The layout of a line, from the cache when nothing that decides it changed. `lenient` (while a card is being
   * dragged): the cached line is kept while no card moves onto it or its label, even if a card moving elsewhere
   * near it would now allow a better route; the next exact call (after the drop) catches up.
   */
  layout(
    ends: RelationEnds,
    from: Box,
    to: Box,
    boxes: readonly Box[],
    size: LabelSize,
    options: RouteOptions & { lenient?: boolean } = {},
  ): RouteLayout {
    const last = this.#last;
    if (
      last &&
      sameEnds(last.ends, ends) &&
      sameBox(last.from, from) &&
      sameBox(last.to, to) &&
      last.size.width === size.width &&
      last.size.height === size.height &&
      !changedWithin(last.boxes, boxes, options.lenient ? last.touched : last.reach, options.gap ?? DEFAULTS.gap)
    ) {
      // A lenient reuse keeps comparing against the boxes the line was computed with.
      if (!options.lenient) last.boxes = boxes;
      return last.layout;
    }
    const route = routeRelation(ends, from, to, boxes, options);
    const label = placeLabel(route.points, size, boxes);
    // Label candidates lie on or beside the pieces of the line.
    const labelArea = pieces(route.points, Math.max(size.width, size.height) + 8);
    const touched = [...pieces(route.points, 1), ...labelArea];
    const reach = [...route.reach, ...labelArea];
    const layout = { ...route, label };
    this.#last = { ends, from, to, boxes, size, reach, touched, layout };
    return layout;
  }
}

/** Whether a card was added, removed, or moved into or out of one of the `reach` areas (cards grown by `gap`). */
function changedWithin(before: readonly Box[], after: readonly Box[], reach: readonly Box[], gap: number): boolean {
  if (before === after) return false;
  if (before.length !== after.length) return true;
  let areas: Box[] | null = null;
  for (let i = 0; i < after.length; i++) {
    const a = before[i]!;
    const b = after[i]!;
    if (a === b || sameBox(a, b)) continue;
    areas ??= reach.map((r) => grow(r, gap));
    if (areas.some((area) => overlaps(a, area) || overlaps(b, area))) return true;
  }
  return false;
}

/**
 * How far each table's self relations (loops on its right side, labels beside them) reach right of its card, by
 * table id: what fitting the whole design in view must count, or a loop's label ends up off screen.
 * @example selfLoopReach(design).get('t_gamma') // 24 + 4 + labelSize('set null').width = 90
 */
export function selfLoopReach(d: Design, offset: number = DEFAULTS.offset): Map<string, number> {
  const reach = new Map<string, number>();
  for (const r of Object.values(d.relations)) {
    const from = d.columns[r.fromColumnId];
    const to = d.columns[r.toColumnId];
    if (!from || !to || from.tableId !== to.tableId) continue;
    const width = offset + 4 + labelSize(r.onDelete ?? 'on delete').width;
    reach.set(from.tableId, Math.max(reach.get(from.tableId) ?? 0, width));
  }
  return reach;
}
