/**
 * Auto-layout: the design as an ELK graph (tables as boxes, relations as edges from the referencing table to the
 * referenced one), laid out left to right in layers, and ELK's answer turned back into table positions. ELK
 * itself is passed in: the page runs it in a Web Worker (`workerElk`), tests run it in Node.
 */
import type { ElkNode } from 'elkjs/lib/elk-api';
import type { Design, Position } from '$lib/core/design';
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

/** The ELK graph of a design. Self references are left out: they do not affect the layers. */
export function toElkGraph(d: Design, sizeOf: (tableId: string) => Size): ElkNode {
  const tables = Object.values(d.tables);
  const edges = Object.values(d.relations).flatMap((r) => {
    const from = d.columns[r.fromColumnId]?.tableId;
    const to = d.columns[r.toColumnId]?.tableId;
    return from && to && from !== to && d.tables[from] && d.tables[to]
      ? [{ id: r.id, sources: [from], targets: [to] }]
      : [];
  });
  return {
    id: 'root',
    layoutOptions: LAYOUT_OPTIONS,
    children: tables.map((t) => {
      const { width, height } = sizeOf(t.id);
      return { id: t.id, width, height };
    }),
    edges,
  };
}

/**
 * Table positions from a laid-out graph, shifted so the layout starts where the design's top-left table was
 * (the view stays in familiar territory) and rounded to whole pixels.
 */
export function positionsFromElk(d: Design, laidOut: ElkNode): Record<string, Position> {
  const tables = Object.values(d.tables);
  const origin = {
    x: tables.length ? Math.min(...tables.map((t) => t.position.x)) : 0,
    y: tables.length ? Math.min(...tables.map((t) => t.position.y)) : 0,
  };
  const children = (laidOut.children ?? []).filter((c) => Object.hasOwn(d.tables, c.id));
  const minX = Math.min(...children.map((c) => c.x ?? 0));
  const minY = Math.min(...children.map((c) => c.y ?? 0));
  const positions: Record<string, Position> = {};
  for (const c of children) {
    positions[c.id] = { x: Math.round(origin.x + (c.x ?? 0) - minX), y: Math.round(origin.y + (c.y ?? 0) - minY) };
  }
  return positions;
}

/**
 * Lays a design out; resolves to a position for every table.
 * @example const positions = await layoutDesign(design, (id) => measured(id), new ELK());
 */
export async function layoutDesign(
  d: Design,
  sizeOf: (tableId: string) => Size,
  elk: ElkLike,
): Promise<Record<string, Position>> {
  if (Object.keys(d.tables).length === 0) return {};
  return positionsFromElk(d, await elk.layout(toElkGraph(d, sizeOf)));
}
