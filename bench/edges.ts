/**
 * Relation routing at scale: every relation of the 300-table bench design routed around the cards (what the
 * export does, and what the canvas does when a design opens), one relation at a time (what a drag does per
 * frame for each line touching the dragged card), label placement, and a drag frame as the canvas runs it (every
 * line asks its RouteCache; only the lines near the moved card route again). Goal: one route well under 1 ms.
 * The machine may be shared: the CPU time of the whole pass is printed too, as a steadier figure.
 */
import { performance } from 'node:perf_hooks';
import { relationEnds as resolveRelation } from '../src/lib/core/design';
import { type Box, relationEnds } from '../src/lib/diagram/card-geometry';
import { RouteCache, labelSize, placeLabel, routeRelation } from '../src/lib/diagram/edge-route';
import { cardBoxes } from '../src/lib/diagram/svg';
import { largeDesign } from './large-design';

export function edgeRouteBench(print: (label: string, ms: number[]) => void): void {
  const d = largeDesign(300, 12);
  const boxes = cardBoxes(d);
  const all = Object.values(boxes);
  const jobs = Object.values(d.relations).flatMap((r) => {
    const ends = resolveRelation(d, r);
    if (!ends) return [];
    const from = boxes[ends.from.table.id] as Box;
    const to = boxes[ends.to.table.id] as Box;
    const fromRow = ends.from.table.columnIds.indexOf(ends.from.column.id);
    const toRow = ends.to.table.columnIds.indexOf(ends.to.column.id);
    const e = relationEnds(from, fromRow, to, toRow);
    const ids = { fromId: ends.from.table.id, toId: ends.to.table.id };
    return [{ e, from, to, fromRow, toRow, ...ids, text: r.onDelete ?? 'on delete' }];
  });
  const routeAll = () => {
    let routed = 0;
    for (const j of jobs) {
      const route = routeRelation(j.e, j.from, j.to, all);
      placeLabel(route.points, labelSize(j.text), all);
      if (route.routed) routed++;
    }
    return routed;
  };
  routeAll();
  const whole: number[] = [];
  let routed = 0;
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    routed = routeAll();
    whole.push(performance.now() - t0);
  }
  print(`route + label all ${jobs.length} relations (${routed} routed around cards)`, whole);
  const cpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    routeAll();
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  print(`route + label all ${jobs.length} relations, CPU time`, cpu);
  const one: number[] = [];
  for (let i = 0; i < 3; i++) {
    for (const j of jobs) {
      const t0 = performance.now();
      const route = routeRelation(j.e, j.from, j.to, all);
      placeLabel(route.points, labelSize(j.text), all);
      one.push(performance.now() - t0);
    }
  }
  print('route + label one relation (each of them, 3 times)', one);

  // A drag: the card in the middle of the grid moves 8 px a frame; every line goes through its cache.
  const caches = jobs.map(() => new RouteCache());
  const moving = d.tables.t_150 ? 't_150' : Object.keys(d.tables)[0]!;
  const frame = (dx: number) => {
    const moved = { ...boxes[moving]!, x: boxes[moving]!.x + dx };
    const frameBoxes = Object.entries(boxes).map(([id, b]) => (id === moving ? moved : b));
    jobs.forEach((j, i) => {
      const from = j.fromId === moving ? moved : j.from;
      const to = j.toId === moving ? moved : j.to;
      const e = relationEnds(from, j.fromRow, to, j.toRow);
      caches[i]!.layout(e, from, to, frameBoxes, labelSize(j.text), { lenient: true });
    });
  };
  frame(0);
  const frames: number[] = [];
  for (let f = 1; f <= 30; f++) {
    const t0 = performance.now();
    frame(f * 8);
    frames.push(performance.now() - t0);
  }
  print(`one drag frame: all ${jobs.length} lines through their caches`, frames);
  const frameCpu: number[] = [];
  for (let f = 31; f <= 60; f++) {
    const c0 = process.cpuUsage();
    frame(f * 8);
    const c = process.cpuUsage(c0);
    frameCpu.push((c.user + c.system) / 1000);
  }
  print('one drag frame, CPU time', frameCpu);
}
