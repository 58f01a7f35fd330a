import { describe, expect, it } from 'vitest';
import type { Area } from '../core/design';
import { IDS, exampleDesign } from '../core/test-fixtures';
import { areaOfTables, tablesInArea } from './areas';
import { cardSize } from './card-geometry';

const area = (id: string, x: number, y: number, width: number, height: number): Area => ({
  id,
  name: id,
  position: { x, y },
  size: { width, height },
});

describe('area membership', () => {
  it('a table belongs to the area its card centre lies in, the smallest one when areas overlap', () => {
    const d = exampleDesign();
    const projects = d.tables[IDS.projects]!;
    const size = cardSize(d, projects);
    const cx = projects.position.x + size.width / 2;
    const cy = projects.position.y + size.height / 2;
    const big = area('a_big', cx - 5000, cy - 5000, 10000, 10000);
    const small = area('a_small', cx - 10, cy - 10, 20, 20);
    const designed = { ...d, areas: { a_big: big, a_small: small } };
    const of = areaOfTables(designed);
    expect(of.get(IDS.projects)).toBe('a_small');
    // Every other table is in the big area (the example's cards lie within 5000 px of each other).
    for (const id of Object.keys(d.tables)) if (id !== IDS.projects) expect(of.get(id)).toBe('a_big');
    expect(tablesInArea(designed, 'a_small')).toEqual([IDS.projects]);
  });

  it('a card whose centre is outside every area belongs to none; no areas at all is an empty map', () => {
    const d = exampleDesign();
    expect(areaOfTables(d).size).toBe(0);
    const far = { ...d, areas: { a: area('a', -100000, -100000, 50, 50) } };
    expect(areaOfTables(far).size).toBe(0);
    expect(tablesInArea(far, 'a')).toEqual([]);
  });
});
