import { describe, expect, it } from 'vitest';
import { applyOperation } from '$lib/core/operations';
import { IDS, deepFreeze, exampleDesign } from '$lib/core/test-fixtures';
import {
  AREA_Z,
  areaMembers,
  areaNodeId,
  dragCalls,
  nodeTarget,
  noteNodeId,
  syncDecorNodes,
  type TableFlowNode,
  columnOut,
  boxInView,
  connectionCall,
  designBounds,
  relationEnds,
  rowY,
  focusAfterSelection,
  freePosition,
  movedPositions,
  sameIds,
  syncEdges,
  syncNodes,
} from './canvas-model';

const none = new Set<string>();

describe('syncNodes', () => {
  it('makes one node per table, in design order, holding only the table id', () => {
    const d = deepFreeze(exampleDesign());
    const nodes = syncNodes(d, new Set([IDS.tasks]), []);
    expect(nodes.map((n) => n.id)).toEqual([IDS.projects, IDS.tasks]);
    expect(nodes[1]).toMatchObject({ type: 'table', position: { x: 400, y: 0 }, data: { tableId: IDS.tasks } });
    expect(nodes.map((n) => n.selected)).toEqual([false, true]);
  });

  it('returns the same array when nothing changed, and reuses unchanged nodes', () => {
    const d = exampleDesign();
    const first = syncNodes(d, none, []);
    expect(syncNodes(d, none, first)).toBe(first);
    const moved = applyOperation(d, { op: 'moveTables', args: { positions: { [IDS.tasks]: { x: 10, y: 20 } } } });
    const second = syncNodes(moved, none, first);
    expect(second).not.toBe(first);
    expect(second[0]).toBe(first[0]);
    expect(second[1]?.position).toEqual({ x: 10, y: 20 });
  });

  it('keeps what Svelte Flow measured when a node changes', () => {
    const d = exampleDesign();
    const measured = syncNodes(d, none, []).map((n) => ({ ...n, measured: { width: 240, height: 160 } }));
    const next = syncNodes(d, new Set([IDS.projects]), measured);
    expect(next[0]).toMatchObject({ selected: true, measured: { width: 240, height: 160 } });
  });

  it('leaves a node being dragged where Svelte Flow put it', () => {
    const d = exampleDesign();
    const dragged = syncNodes(d, none, []).map((n): TableFlowNode =>
      n.id === IDS.tasks ? { ...n, position: { x: 999, y: 5 }, dragging: true } : n,
    );
    expect(syncNodes(d, new Set([IDS.tasks]), dragged)[1]?.position).toEqual({ x: 999, y: 5 });
  });

  it('drops nodes of deleted tables', () => {
    const d = exampleDesign();
    const nodes = syncNodes(d, none, []);
    const without = applyOperation(d, { op: 'deleteTable', args: { tableId: IDS.projects } });
    expect(syncNodes(without, none, nodes).map((n) => n.id)).toEqual([IDS.tasks]);
  });
});

describe('syncEdges', () => {
  // Whether the example's tasks.project_id is nullable (its "zero or one" end follows from it).
  const OPTIONAL = !exampleDesign().columns[IDS.tasksProjectId]!.notNull;

  it('draws a relation from the referencing column row to the referenced column row', () => {
    const edges = syncEdges(exampleDesign(), none, []);
    expect(edges).toHaveLength(1);
    expect(edges[0]).toMatchObject({
      id: IDS.tasksProject,
      type: 'relation',
      source: IDS.tasks,
      target: IDS.projects,
      sourceHandle: 'frame',
      targetHandle: 'table',
      data: {
        onDelete: 'cascade',
        logical: false,
        oneToOne: false,
        optional: OPTIONAL,
        fromRow: 4,
        toRow: 0,
      },
      ariaLabel: `tasks.project_id → projects.id, many to ${OPTIONAL ? 'zero or one' : 'one'}, on delete cascade`,
      domAttributes: { 'data-testid': `edge-${IDS.tasksProject}` },
    });
  });

  it('gives the cardinality: one to one when the referencing column is unique, the only key, or alone in a unique index', () => {
    const d = exampleDesign();
    const data = (design: typeof d) => syncEdges(design, none, [])[0]!.data!;
    const patch = (design: typeof d, p: Record<string, unknown>) =>
      applyOperation(design, { op: 'updateColumn', args: { columnId: IDS.tasksProjectId, patch: p } });
    const required = patch(d, { notNull: true });
    expect(data(required)).toMatchObject({ oneToOne: false, optional: false });
    expect(data(patch(required, { unique: true }))).toMatchObject({ oneToOne: true, optional: false });
    expect(data(patch(d, { notNull: false }))).toMatchObject({ oneToOne: false, optional: true });
    const indexed = applyOperation(required, {
      op: 'addIndex',
      args: { tableId: IDS.tasks, columnIds: [IDS.tasksProjectId], unique: true },
    });
    expect(data(indexed)).toMatchObject({ oneToOne: true });
    // A unique index over two columns does not make either one unique.
    const pair = applyOperation(required, {
      op: 'addIndex',
      args: { tableId: IDS.tasks, columnIds: [IDS.tasksProjectId, IDS.tasksTitle], unique: true },
    });
    expect(data(pair)).toMatchObject({ oneToOne: false });
    expect(syncEdges(patch(required, { unique: true }), none, [])[0]!.ariaLabel).toBe(
      'tasks.project_id → projects.id, one to one, on delete cascade',
    );
  });

  it('reuses unchanged edges and follows relation changes', () => {
    const d = exampleDesign();
    const first = syncEdges(d, none, []);
    expect(syncEdges(d, none, first)).toBe(first);
    const selected = syncEdges(d, new Set([IDS.tasksProject]), first);
    expect(selected[0]?.selected).toBe(true);
    const logical = applyOperation(d, {
      op: 'updateRelation',
      args: { relationId: IDS.tasksProject, logical: true, onDelete: null },
    });
    expect(syncEdges(logical, none, first)[0]?.data).toEqual({
      onDelete: null,
      logical: true,
      oneToOne: false,
      optional: OPTIONAL,
      description: `tasks.project_id → projects.id, many to ${OPTIONAL ? 'zero or one' : 'one'}, no on delete action, logical (not a foreign key)`,
      fromRow: 4,
      toRow: 0,
    });
    const gone = applyOperation(d, { op: 'disconnect', args: { relationId: IDS.tasksProject } });
    expect(syncEdges(gone, none, first)).toEqual([]);
  });
});

describe('connectionCall', () => {
  const d = exampleDesign();

  it('connects a column dropped on another table to its primary key', () => {
    expect(
      connectionCall(d, {
        source: IDS.tasks,
        sourceHandle: columnOut(IDS.tasksTitle),
        target: IDS.projects,
        targetHandle: 'table',
      }),
    ).toEqual({ op: 'connect', args: { fromColumnId: IDS.tasksTitle, toTableId: IDS.projects } });
  });

  it('adds a foreign-key column when the header handle is dropped on another table', () => {
    const call = connectionCall(d, {
      source: IDS.projects,
      sourceHandle: 'rel',
      target: IDS.tasks,
      targetHandle: 'table',
    });
    expect(call).toEqual({
      op: 'connectTables',
      args: { fromTableId: IDS.projects, toTableId: IDS.tasks, onDelete: 'cascade' },
    });
    const next = applyOperation(d, call!);
    expect(Object.values(next.columns).some((c) => c.tableId === IDS.projects && c.name === 'task_id')).toBe(true);
  });

  it('makes nothing for a drop on the own card, an unknown handle or a column of another table', () => {
    expect(
      connectionCall(d, { source: IDS.tasks, sourceHandle: 'rel', target: IDS.tasks, targetHandle: 'table' }),
    ).toBe(null);
    expect(
      connectionCall(d, { source: IDS.tasks, sourceHandle: 'nope', target: IDS.projects, targetHandle: 'table' }),
    ).toBe(null);
    expect(
      connectionCall(d, {
        source: IDS.tasks,
        sourceHandle: columnOut(IDS.projectsName),
        target: IDS.projects,
        targetHandle: 'table',
      }),
    ).toBe(null);
    expect(
      connectionCall(d, {
        source: IDS.tasks,
        sourceHandle: columnOut(IDS.tasksTitle),
        target: IDS.projects,
        targetHandle: 'frame',
      }),
    ).toBe(null);
  });
});

describe('movedPositions', () => {
  it('lists the tables whose node moved, rounded', () => {
    const d = exampleDesign();
    const nodes = syncNodes(d, none, []).map((n) =>
      n.id === IDS.projects ? { ...n, position: { x: 10.4, y: -3.6 } } : n,
    );
    expect(movedPositions(d, nodes)).toEqual({ [IDS.projects]: { x: 10, y: -4 } });
    expect(movedPositions(d, syncNodes(d, none, []))).toEqual({});
  });
});

describe('focusAfterSelection', () => {
  const d = exampleDesign();
  const column = { kind: 'column', id: IDS.tasksTitle } as const;

  it('keeps a focus that is still inside the selection', () => {
    expect(focusAfterSelection(d, column, [IDS.tasks], [])).toBe(column);
    expect(focusAfterSelection(d, column, [IDS.tasks, IDS.projects], [])).toBe(column);
  });

  it('focuses the one selected table or relation otherwise', () => {
    expect(focusAfterSelection(d, column, [IDS.projects], [])).toEqual({ kind: 'table', id: IDS.projects });
    expect(focusAfterSelection(d, null, [], [IDS.tasksProject])).toEqual({
      kind: 'relation',
      id: IDS.tasksProject,
    });
    expect(focusAfterSelection(d, column, [IDS.projects], [IDS.tasksProject])).toBe(null);
    expect(focusAfterSelection(d, column, [], [])).toBe(null);
  });

  it('keeps an enum or the module focused while nothing on the canvas is selected', () => {
    const e = { kind: 'enum', id: IDS.taskStatus } as const;
    expect(focusAfterSelection(d, e, [], [])).toBe(e);
    expect(focusAfterSelection(d, e, [IDS.tasks], [])).toEqual({ kind: 'table', id: IDS.tasks });
  });
});

describe('helpers', () => {
  it('compares id lists as sets', () => {
    expect(sameIds(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameIds(['a'], ['a', 'b'])).toBe(false);
  });

  it('steps a new table away from one that sits at the same spot', () => {
    const d = exampleDesign();
    expect(freePosition(d, { x: 100, y: 100 })).toEqual({ x: 100, y: 100 });
    expect(freePosition(d, { x: 402, y: 3 })).toEqual({ x: 434, y: 35 });
  });
});

describe('relationEnds', () => {
  const box = (x: number) => ({ x, y: 100, width: 200, height: 150 });

  it('puts the ends on the rows of the two columns', () => {
    expect(rowY(box(0), 0)).toBe(100 + 1 + 48 + 11.5);
    expect(rowY(box(0), 2)).toBe(100 + 1 + 48 + 2 * 23 + 11.5);
    expect(rowY(box(0), -1)).toBe(100 + 1 + 24);
  });

  it('runs right → left when the referenced card is to the right', () => {
    expect(relationEnds(box(0), 1, box(400), 0)).toMatchObject({
      sourceX: 200,
      sourceSide: 'right',
      targetX: 400,
      targetSide: 'left',
    });
  });

  it('runs left → right when the referenced card is to the left', () => {
    expect(relationEnds(box(400), 1, box(0), 0)).toMatchObject({
      sourceX: 400,
      sourceSide: 'left',
      targetX: 200,
      targetSide: 'right',
    });
  });

  it('goes around the right side when the cards overlap horizontally (or for a self reference)', () => {
    expect(relationEnds(box(0), 3, box(100), 0)).toMatchObject({
      sourceX: 200,
      sourceSide: 'right',
      targetX: 300,
      targetSide: 'right',
    });
    expect(relationEnds(box(0), 3, box(0), 0)).toMatchObject({ sourceX: 200, targetX: 200, targetSide: 'right' });
  });
});

describe('designBounds', () => {
  it('boxes every card, or is null without tables', () => {
    const d = exampleDesign();
    expect(designBounds(d, () => ({ width: 200, height: 100 }))).toEqual({ x: 0, y: 0, width: 600, height: 100 });
    expect(
      designBounds(applyOperation(d, { op: 'deleteTable', args: { tableId: IDS.tasks } }), () => ({
        width: 1,
        height: 1,
      })),
    ).toEqual({ x: 0, y: 0, width: 1, height: 1 });
    const empty = applyOperation(applyOperation(d, { op: 'deleteTable', args: { tableId: IDS.tasks } }), {
      op: 'deleteTable',
      args: { tableId: IDS.projects },
    });
    expect(designBounds(empty, () => ({ width: 1, height: 1 }))).toBe(null);
  });
  it("counts a self relation's loop and label right of its card", () => {
    const d = applyOperation(exampleDesign(), {
      op: 'connectTables',
      args: { fromTableId: IDS.tasks, toTableId: IDS.tasks, onDelete: 'set null' },
    });
    // tasks at x 400: its card (200) plus the loop (24), a gap (4) and the "set null" label (62).
    expect(designBounds(d, () => ({ width: 200, height: 100 }))).toEqual({ x: 0, y: 0, width: 690, height: 100 });
  });
});

describe('boxInView', () => {
  const box = { x: 100, y: 100, width: 200, height: 100 };
  it('checks the box against the viewport in screen pixels', () => {
    expect(boxInView(box, { x: 0, y: 0, zoom: 1 }, 800, 600)).toBe(true);
    expect(boxInView(box, { x: -150, y: 0, zoom: 1 }, 800, 600)).toBe(false);
    expect(boxInView(box, { x: 0, y: 0, zoom: 3 }, 800, 600)).toBe(false);
    expect(boxInView(box, { x: 0, y: 0, zoom: 0.5 }, 800, 600)).toBe(true);
  });
});

describe('notes and areas on the canvas', () => {
  const size = () => ({ width: 200, height: 100 });
  // projects at (0,0), tasks at (400,0): an area around projects, a smaller one inside it, a note in it.
  function decorated() {
    let d = exampleDesign();
    d = applyOperation(d, {
      op: 'addArea',
      args: { id: 'a_big', name: 'Big', position: { x: -50, y: -50 }, size: { width: 380, height: 400 } },
    });
    d = applyOperation(d, {
      op: 'addArea',
      args: { id: 'a_in', name: 'In', position: { x: -40, y: 200 }, size: { width: 100, height: 100 } },
    });
    d = applyOperation(d, {
      op: 'addNote',
      args: { id: 'n_in', position: { x: 0, y: 150 }, size: { width: 40, height: 40 } },
    });
    d = applyOperation(d, { op: 'addNote', args: { id: 'n_out', position: { x: 900, y: 0 } } });
    return deepFreeze(d);
  }

  it('syncDecorNodes: areas first (biggest first, behind everything), then notes, sized from the design', () => {
    const d = decorated();
    const nodes = syncDecorNodes(d, new Set([noteNodeId('n_in')]), []);
    expect(nodes.map((n) => n.id)).toEqual(['area:a_big', 'area:a_in', 'note:n_in', 'note:n_out']);
    expect(nodes[0]).toMatchObject({
      type: 'area',
      zIndex: AREA_Z,
      position: { x: -50, y: -50 },
      width: 380,
      height: 400,
      data: { areaId: 'a_big' },
      selected: false,
    });
    expect(nodes[2]).toMatchObject({ type: 'note', width: 40, height: 40, data: { noteId: 'n_in' }, selected: true });
    // Unchanged: the same array; one note moved: only that node is new.
    expect(syncDecorNodes(d, new Set([noteNodeId('n_in')]), nodes)).toBe(nodes);
    const moved = applyOperation(d, { op: 'updateNote', args: { noteId: 'n_out', position: { x: 1, y: 2 } } });
    const next = syncDecorNodes(moved, new Set([noteNodeId('n_in')]), nodes);
    expect(next[0]).toBe(nodes[0]);
    expect(next[3]).not.toBe(nodes[3]);
    expect(next[3]!.position).toEqual({ x: 1, y: 2 });
    expect(syncDecorNodes(exampleDesign(), none, [])).toEqual([]);
  });

  it('node ids say what they stand for', () => {
    expect(nodeTarget(noteNodeId('n_1'))).toEqual({ kind: 'note', id: 'n_1' });
    expect(nodeTarget(areaNodeId('a_1'))).toEqual({ kind: 'area', id: 'a_1' });
    expect(nodeTarget(IDS.tasks)).toEqual({ kind: 'table', id: IDS.tasks });
  });

  it('areaMembers: tables by card centre, inner areas, notes by centre', () => {
    const d = decorated();
    expect(areaMembers(d, 'a_big', size)).toEqual({ tableIds: [IDS.projects], noteIds: ['n_in'], areaIds: ['a_in'] });
    expect(areaMembers(d, 'a_in', size)).toEqual({ tableIds: [], noteIds: [], areaIds: [] });
    expect(areaMembers(d, 'a_gone', size)).toEqual({ tableIds: [], noteIds: [], areaIds: [] });
  });

  it('dragCalls: an area moves with its members once; tables and notes dragged themselves move as dropped', () => {
    const d = decorated();
    const members = new Map([['a_big', areaMembers(d, 'a_big', size)]]);
    const calls = dragCalls(
      d,
      [
        { id: areaNodeId('a_big'), position: { x: 50.4, y: -50 } },
        { id: IDS.tasks, position: { x: 410, y: 5 } },
        { id: noteNodeId('n_out'), position: { x: 901, y: 1 } },
        // Inside the dragged area: moves with it, not twice.
        { id: noteNodeId('n_in'), position: { x: 100, y: 150 } },
      ],
      members,
    );
    expect(calls).toEqual([
      { op: 'moveTables', args: { positions: { [IDS.tasks]: { x: 410, y: 5 } } } },
      {
        op: 'moveArea',
        args: { areaId: 'a_big', dx: 100, dy: 0, tableIds: [IDS.projects], noteIds: ['n_in'], areaIds: ['a_in'] },
      },
      { op: 'updateNote', args: { noteId: 'n_out', position: { x: 901, y: 1 } } },
    ]);
    const after = calls.reduce(applyOperation, d);
    expect(after.tables[IDS.projects]!.position).toEqual({ x: 100, y: 0 });
    expect(after.areas!.a_in!.position).toEqual({ x: 60, y: 200 });
    expect(after.notes!.n_in!.position).toEqual({ x: 100, y: 150 });
  });

  it('designBounds includes notes and areas (and a design with only a note has bounds)', () => {
    const d = decorated();
    expect(designBounds(d, size)).toEqual({ x: -50, y: -50, width: 900 + 200 + 50, height: 400 });
    let only = applyOperation(exampleDesign(), { op: 'deleteTable', args: { tableId: IDS.tasks } });
    only = applyOperation(only, { op: 'deleteTable', args: { tableId: IDS.projects } });
    only = applyOperation(only, { op: 'addNote', args: { id: 'n', position: { x: 5, y: 6 } } });
    expect(designBounds(only, size)).toEqual({ x: 5, y: 6, width: 200, height: 120 });
  });
});
