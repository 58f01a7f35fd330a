/**
 * Auto-layout: the design as an ELK graph (tables as boxes, relations as edges from the referencing table to the
 * referenced one), laid out left to right in layers, and ELK's answer turned back into table positions. ELK
 * itself is passed in: the page runs it in a Web Worker (`workerElk`), tests run it in Node.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Design, Position } from '$lib/core/design';
import type { OperationCall } from '$lib/core/operations';
import { areaOfTables } from '$lib/diagram/areas';
import { createWorkerClient } from '$lib/worker/worker-client';
import type { Size } from './card-model';

/** The part of ELK's API the layout needs. */
export interface ElkLike {
  layout(graph: ElkNode): Promise<ElkNode>;
}

let worker: ElkLike | undefined;

/**
 * ELK in a Web Worker (layout-worker.ts), started on the first layout and kept for the next ones: ELK's 1.6 MB
 * script loads only when someone asks for a layout, and the layout itself never blocks the page.
 */
export function workerElk(): ElkLike {
  if (!worker) {
    const client = createWorkerClient<{ graph: ElkNode }, ElkNode>(
      // Vite recognizes this exact form and bundles the worker (with ELK) as a separate chunk.
      () => new Worker(new URL('./layout-worker.ts', import.meta.url), { type: 'module' }),
      'the layout worker',
    );
    worker = { layout: (graph) => client.call({ graph }) };
  }
  return worker;
}

const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.spacing.nodeNode': '48',
  'elk.layered.spacing.nodeNodeBetweenLayers': '96',
  'elk.spacing.componentComponent': '80',
  // Keep the design's table order where ELK has a free choice, so a second run changes nothing.
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.separateConnectedComponents': 'true',
};

/** Room inside an area's box around its tables: more at the top, where the area's name is written. */
export const AREA_PADDING = { top: 56, left: 32, bottom: 32, right: 32 } as const;
const AREA_NODE = 'area:';

/** An area's place and size after a layout. */
export interface AreaBox {
  position: Position;
  size: Size;
}

/** What a layout answers: a position for every table and a box for every area that holds tables. */
export interface LayoutResult {
  positions: Record<string, Position>;
  areas: Record<string, AreaBox>;
}

/**
 * The ELK graph of a design. The tables of one area (areas.ts: by card centre) are the children of one compound
 * node, laid out together with the rest (`INCLUDE_CHILDREN`), so an area's tables stay together. Self references
 * are left out: they do not affect the layers.
 */
export function toElkGraph(d: Design, sizeOf: (tableId: string) => Size): ElkNode {
  const tables = Object.values(d.tables);
  const edges = Object.values(d.relations).flatMap((r) => {
    const from = d.columns[r.fromColumnId]?.tableId;
    const to = d.columns[r.toColumnId]?.tableId;
    return from && to && from !== to && d.tables[from] && d.tables[to]
      ? [{ id: r.id, sources: [from], targets: [to] }]
      : [];
  });
  const areaOf = areaOfTables(d, sizeOf);
  const box = (id: string): ElkNode => ({ id, ...sizeOf(id) });
  const groups = new Map<string, ElkNode>();
  const children: ElkNode[] = [];
  // In the design's table order; an area's node takes the place of its first table.
  for (const t of tables) {
    const areaId = areaOf.get(t.id);
    if (!areaId) {
      children.push(box(t.id));
      continue;
    }
    let group = groups.get(areaId);
    if (!group) {
      group = {
        id: AREA_NODE + areaId,
        // The spacing options hold per graph level: an area's tables keep the same room as the others.
        layoutOptions: {
          'elk.spacing.nodeNode': LAYOUT_OPTIONS['elk.spacing.nodeNode']!,
          'elk.layered.spacing.nodeNodeBetweenLayers': LAYOUT_OPTIONS['elk.layered.spacing.nodeNodeBetweenLayers']!,
          'elk.padding': `[top=${AREA_PADDING.top},left=${AREA_PADDING.left},bottom=${AREA_PADDING.bottom},right=${AREA_PADDING.right}]`,
        },
        children: [],
      };
      groups.set(areaId, group);
      children.push(group);
    }
    group.children!.push(box(t.id));
  }
  return {
    id: 'root',
    layoutOptions:
      groups.size > 0 ? { ...LAYOUT_OPTIONS, 'elk.hierarchyHandling': 'INCLUDE_CHILDREN' } : LAYOUT_OPTIONS,
    children,
    edges,
  };
}

/**
 * Table positions and area boxes from a laid-out graph (children of an area node are placed relative to it),
 * shifted so the layout starts where the design's top-left table or laid-out area was (the view stays in
 * familiar territory) and rounded to whole pixels.
 */
export function layoutFromElk(d: Design, laidOut: ElkNode): LayoutResult {
  const tables = Object.values(d.tables);
  const top = laidOut.children ?? [];
  const areaIds = top.filter((c) => c.id.startsWith(AREA_NODE)).map((c) => c.id.slice(AREA_NODE.length));
  const placed = [
    ...tables.map((t) => t.position),
    ...areaIds.flatMap((id) => (d.areas?.[id] ? [d.areas[id].position] : [])),
  ];
  const origin = {
    x: placed.length ? Math.min(...placed.map((p) => p.x)) : 0,
    y: placed.length ? Math.min(...placed.map((p) => p.y)) : 0,
  };
  const minX = Math.min(...top.map((c) => c.x ?? 0));
  const minY = Math.min(...top.map((c) => c.y ?? 0));
  const at = (x: number, y: number): Position => ({
    x: Math.round(origin.x + x - minX),
    y: Math.round(origin.y + y - minY),
  });
  const result: LayoutResult = { positions: {}, areas: {} };
  for (const c of top) {
    const [x, y] = [c.x ?? 0, c.y ?? 0];
    if (c.id.startsWith(AREA_NODE)) {
      const areaId = c.id.slice(AREA_NODE.length);
      if (!d.areas || !Object.hasOwn(d.areas, areaId)) continue;
      result.areas[areaId] = {
        position: at(x, y),
        size: { width: Math.round(c.width ?? 0), height: Math.round(c.height ?? 0) },
      };
      for (const t of c.children ?? []) {
        if (Object.hasOwn(d.tables, t.id)) result.positions[t.id] = at(x + (t.x ?? 0), y + (t.y ?? 0));
      }
    } else if (Object.hasOwn(d.tables, c.id)) {
      result.positions[c.id] = at(x, y);
    }
  }
  return result;
}

/**
 * Lays a design out; resolves to a position for every table and a box around the tables of every area that
 * has some. Notes, and areas without tables, keep their place.
 * @example const { positions, areas } = await layoutDesign(design, (id) => measured(id), new ELK());
 */
export async function layoutDesign(d: Design, sizeOf: (tableId: string) => Size, elk: ElkLike): Promise<LayoutResult> {
  if (Object.keys(d.tables).length === 0) return { positions: {}, areas: {} };
  return layoutFromElk(d, await elk.layout(toElkGraph(d, sizeOf)));
}

/**
 * The operations that apply a layout (one undo step when applied together).
 * @example editor.apply(layoutCalls(await layoutDesign(d, sizeOf, elk)), 'Auto-layout')
 */
export function layoutCalls(result: LayoutResult): OperationCall[] {
  const calls: OperationCall[] = [];
  if (Object.keys(result.positions).length > 0) calls.push({ op: 'moveTables', args: { positions: result.positions } });
  for (const [areaId, box] of Object.entries(result.areas)) {
    calls.push({ op: 'updateArea', args: { areaId, position: box.position, size: box.size } });
  }
  return calls;
}
