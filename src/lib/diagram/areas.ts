/**
 * Which named area each table belongs to. An area is a rectangle on the canvas; a table belongs to the area its
 * card's centre lies in, and to the smallest one when areas overlap (an area drawn inside another is the more
 * specific group). Membership is geometry, not a stored list, so dragging a card into an area is all it takes.
 */
import type { Area, Design } from '../core/design';
import { cardSize } from './card-geometry';

function contains(a: Area, x: number, y: number): boolean {
  return (
    x >= a.position.x && x <= a.position.x + a.size.width && y >= a.position.y && y <= a.position.y + a.size.height
  );
}

/**
 * The area id of every table inside one (tables in no area are left out).
 * @example areaMembers(design).get('t_tasks') // 'a_core'
 */
export function areaOfTables(
  d: Design,
  sizeOf = (tableId: string) => cardSize(d, d.tables[tableId]!),
): Map<string, string> {
  const areas = Object.values(d.areas ?? {}).sort(
    (a, b) => a.size.width * a.size.height - b.size.width * b.size.height,
  );
  const out = new Map<string, string>();
  if (areas.length === 0) return out;
  for (const t of Object.values(d.tables)) {
    const size = sizeOf(t.id);
    const cx = t.position.x + size.width / 2;
    const cy = t.position.y + size.height / 2;
    const area = areas.find((a) => contains(a, cx, cy));
    if (area) out.set(t.id, area.id);
  }
  return out;
}

/**
 * The tables of one area, in the design's table order.
 * @example tablesInArea(design, 'a_core') // ['t_projects', 't_tasks']
 */
export function tablesInArea(
  d: Design,
  areaId: string,
  sizeOf?: (tableId: string) => { width: number; height: number },
): string[] {
  const of = areaOfTables(d, sizeOf);
  return Object.keys(d.tables).filter((id) => of.get(id) === areaId);
}
