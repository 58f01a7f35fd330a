import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { emptyDesign } from '$lib/core/design';
import { applyOperation } from '$lib/core/operations';
import { IDS, exampleDesign } from '$lib/core/test-fixtures';
import { largeDesign } from '../../../../bench/large-design';
import { cardSize } from './card-model';
import { AREA_PADDING, layoutCalls, layoutDesign, toElkGraph } from './layout';
import { areaOfTables } from '$lib/diagram/areas';
import type { Design } from '$lib/core/design';

const size = () => ({ width: 240, height: 180 });

describe('toElkGraph', () => {
  it('has a box per table and an edge per relation, referencing → referenced, without self references', () => {
    const d = applyOperation(exampleDesign(), {
      op: 'connectTables',
      args: { fromTableId: IDS.projects, toTableId: IDS.projects, relationId: 'r_self', columnId: 'c_parent' },
    });
    const graph = toElkGraph(d, size);
    expect(graph.layoutOptions).toMatchObject({ 'elk.algorithm': 'layered', 'elk.direction': 'RIGHT' });
    expect(graph.children).toEqual([
      { id: IDS.projects, width: 240, height: 180 },
      { id: IDS.tasks, width: 240, height: 180 },
    ]);
    expect(graph.edges).toEqual([{ id: IDS.tasksProject, sources: [IDS.tasks], targets: [IDS.projects] }]);
  });
});

describe('layoutDesign', () => {
  it('puts the referencing table left of the referenced one, without overlaps', async () => {
    const d = applyOperation(exampleDesign(), {
      op: 'moveTables',
      args: { positions: { [IDS.projects]: { x: 50, y: 70 }, [IDS.tasks]: { x: 60, y: 80 } } },
    });
    const { positions } = await layoutDesign(d, size, new ELK());
    const tasks = positions[IDS.tasks]!;
    const projects = positions[IDS.projects]!;
    expect(tasks.x + 240).toBeLessThan(projects.x);
    // The layout starts at the design's top-left corner, in whole pixels.
    expect(Math.min(tasks.x, projects.x)).toBe(50);
    expect(Number.isInteger(tasks.y) && Number.isInteger(projects.y)).toBe(true);
  });

  it('is stable: laying out a laid-out design changes nothing', async () => {
    const d = exampleDesign();
    const elk = new ELK();
    const once = await layoutDesign(d, size, elk);
    const laidOut = applyOperation(d, { op: 'moveTables', args: { positions: once.positions } });
    expect(await layoutDesign(laidOut, size, elk)).toEqual(once);
  });

  it('handles an empty design and 300 tables', async () => {
    expect(await layoutDesign(emptyDesign(), size, new ELK())).toEqual({ positions: {}, areas: {} });
    const big = largeDesign(300, 12);
    const started = performance.now();
    const { positions } = await layoutDesign(big, (id) => cardSize(big, big.tables[id]!), new ELK());
    const ms = performance.now() - started;
    expect(Object.keys(positions)).toHaveLength(300);
    const boxes = Object.entries(positions).map(([id, p]) => ({ ...p, ...cardSize(big, big.tables[id]!) }));
    const overlaps = boxes.some((a, i) =>
      boxes.some(
        (b, j) => i < j && a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height,
      ),
    );
    expect(overlaps).toBe(false);
    expect(ms).toBeLessThan(20_000);
  });
});

/** Boxes overlap (touching edges do not count). */
function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * 12 tables in a chain of relations, t0 → t1 → … (each references the next), and two areas: one around t0, t5
 * and t10 (far apart in the chain), one around t3 and t8. Without areas ELK would spread them over the layers.
 */
function chainWithAreas(): Design {
  let d = emptyDesign({ id: 'MoLOS-Chain' });
  for (let i = 0; i < 12; i++) {
    d = applyOperation(d, { op: 'addTable', args: { id: `t${i}`, name: `t${i}`, position: { x: i * 400, y: 0 } } });
  }
  for (let i = 0; i < 11; i++) {
    d = applyOperation(d, { op: 'connectTables', args: { fromTableId: `t${i}`, toTableId: `t${i + 1}` } });
  }
  // Move the members into two areas drawn somewhere else.
  const place = (ids: string[], x: number) => Object.fromEntries(ids.map((id, i) => [id, { x: x + i * 300, y: 2000 }]));
  d = applyOperation(d, {
    op: 'moveTables',
    args: { positions: { ...place(['t0', 't5', 't10'], 0), ...place(['t3', 't8'], 2000) } },
  });
  d = applyOperation(d, {
    op: 'addArea',
    args: { id: 'a_one', name: 'One', position: { x: -50, y: 1900 }, size: { width: 1000, height: 500 } },
  });
  d = applyOperation(d, {
    op: 'addArea',
    args: { id: 'a_two', name: 'Two', position: { x: 1950, y: 1900 }, size: { width: 700, height: 500 } },
  });
  d = applyOperation(d, {
    op: 'addNote',
    args: { id: 'n_keep', text: 'stays', position: { x: -999, y: -999 } },
  });
  return d;
}

describe('auto-layout with areas', () => {
  it('puts the tables of an area into one ELK compound node with hierarchy handling', () => {
    const d = chainWithAreas();
    const graph = toElkGraph(d, size);
    expect(graph.layoutOptions!['elk.hierarchyHandling']).toBe('INCLUDE_CHILDREN');
    const groups = graph.children!.filter((c) => c.children);
    expect(groups.map((g) => [g.id, g.children!.map((c) => c.id)])).toEqual([
      ['area:a_one', ['t0', 't5', 't10']],
      ['area:a_two', ['t3', 't8']],
    ]);
    // Without areas the graph is flat, as before.
    expect(toElkGraph(exampleDesign(), size).layoutOptions!['elk.hierarchyHandling']).toBeUndefined();
  });

  it("keeps each area's tables together inside the area box, which encloses them with padding", async () => {
    const d = chainWithAreas();
    const result = await layoutDesign(d, size, new ELK());
    expect(Object.keys(result.positions)).toHaveLength(12);
    expect(Object.keys(result.areas).sort()).toEqual(['a_one', 'a_two']);
    const boxOf = (id: string): Box => ({ ...result.positions[id]!, width: 240, height: 180 });
    const areaBox = (id: string): Box => ({ ...result.areas[id]!.position, ...result.areas[id]!.size });
    const members = { a_one: ['t0', 't5', 't10'], a_two: ['t3', 't8'] } as const;
    for (const [areaId, ids] of Object.entries(members)) {
      const area = areaBox(areaId);
      for (const id of ids) {
        const t = boxOf(id);
        expect(t.x - area.x, `${id} left`).toBeGreaterThanOrEqual(AREA_PADDING.left);
        expect(t.y - area.y, `${id} top`).toBeGreaterThanOrEqual(AREA_PADDING.top);
        expect(area.x + area.width - (t.x + t.width), `${id} right`).toBeGreaterThanOrEqual(AREA_PADDING.right);
        expect(area.y + area.height - (t.y + t.height), `${id} bottom`).toBeGreaterThanOrEqual(AREA_PADDING.bottom);
      }
      // No other table lies in the area.
      for (const id of Object.keys(d.tables).filter((t) => !(ids as readonly string[]).includes(t))) {
        expect(overlap(boxOf(id), area), `${id} in ${areaId}`).toBe(false);
      }
    }
    expect(overlap(areaBox('a_one'), areaBox('a_two'))).toBe(false);

    // Applied as operations: membership is unchanged and the note kept its place; a second run changes nothing.
    const laidOut = layoutCalls(result).reduce(applyOperation, d);
    const membership = areaOfTables(laidOut, size);
    expect(Object.fromEntries(membership)).toEqual({
      t0: 'a_one',
      t5: 'a_one',
      t10: 'a_one',
      t3: 'a_two',
      t8: 'a_two',
    });
    expect(laidOut.notes!.n_keep!.position).toEqual({ x: -999, y: -999 });
    expect(await layoutDesign(laidOut, size, new ELK())).toEqual(result);
  });

  it('layoutCalls is one moveTables plus an updateArea per area', () => {
    expect(
      layoutCalls({
        positions: { t1: { x: 1, y: 2 } },
        areas: { a1: { position: { x: 0, y: 0 }, size: { width: 100, height: 50 } } },
      }),
    ).toEqual([
      { op: 'moveTables', args: { positions: { t1: { x: 1, y: 2 } } } },
      { op: 'updateArea', args: { areaId: 'a1', position: { x: 0, y: 0 }, size: { width: 100, height: 50 } } },
    ]);
    expect(layoutCalls({ positions: {}, areas: {} })).toEqual([]);
  });
});
