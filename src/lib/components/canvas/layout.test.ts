import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, it } from 'vitest';
import { emptyDesign } from '$lib/core/design';
import { applyOperation } from '$lib/core/operations';
import { IDS, exampleDesign } from '$lib/core/test-fixtures';
import { largeDesign } from '../../../../bench/large-design';
import { cardSize } from './card-model';
import { layoutDesign, toElkGraph } from './layout';

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
    const positions = await layoutDesign(d, size, new ELK());
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
    const laidOut = applyOperation(d, { op: 'moveTables', args: { positions: once } });
    expect(await layoutDesign(laidOut, size, elk)).toEqual(once);
  });

  it('handles an empty design and 300 tables', async () => {
    expect(await layoutDesign(emptyDesign(), size, new ELK())).toEqual({});
    const big = largeDesign(300, 12);
    const started = performance.now();
    const positions = await layoutDesign(big, (id) => cardSize(big, big.tables[id]!), new ELK());
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
