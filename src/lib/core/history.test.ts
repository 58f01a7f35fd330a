import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Design } from './design';
import {
  type HistoryState,
  applyDiff,
  beginMark,
  canRedo,
  canUndo,
  createHistory,
  diffDesigns,
  endMark,
  record,
  redo,
  undo,
} from './history';
import {
  OperationError,
  type OperationCall,
  addColumn,
  applyOperation,
  connect,
  deleteColumn,
  deleteEnum,
  deleteIndex,
  deleteTable,
  moveColumn,
  moveTables,
  renameTable,
  setEnumMembers,
  setModule,
  updateColumn,
} from './operations';
import { IDS, type OpSeed, deepFreeze, exampleDesign, keyOrder, randomOperation } from './test-fixtures';
import { fuzzRuns } from '../../testing/fuzz-runs';

const frozen = () => deepFreeze(exampleDesign());

/** Same content and the same key order in every map (`toStrictEqual` alone ignores key order). */
function expectSame(actual: Design, expected: Design): void {
  expect(actual).toStrictEqual(expected);
  expect(keyOrder(actual)).toEqual(keyOrder(expected));
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
}

/** Records `op(design)` in the history. */
function apply(h: HistoryState, label: string, op: (d: Design) => Design): HistoryState {
  return record(h, deepFreeze(op(h.design)), label);
}

describe('diffDesigns / applyDiff', () => {
  it('no change → null', () => {
    const d = frozen();
    expect(diffDesigns(d, d)).toBeNull();
    expect(diffDesigns(d, { ...d })).toBeNull();
    expect(diffDesigns(d, { ...d, module: { ...d.module } })).toBeNull();
  });

  it('stores only the changed records, and key order only when keys change', () => {
    const a = frozen();
    const b = updateColumn(a, { columnId: IDS.tasksTitle, patch: { name: 'headline' } });
    expect(diffDesigns(a, b)).toStrictEqual({
      maps: { columns: { changed: { [IDS.tasksTitle]: [a.columns[IDS.tasksTitle], b.columns[IDS.tasksTitle]] } } },
    });
    const c = deleteIndex(a, { indexId: IDS.tasksUserStatusIdx });
    expect(diffDesigns(a, c)).toStrictEqual({
      maps: {
        tables: { changed: { [IDS.tasks]: [a.tables[IDS.tasks], c.tables[IDS.tasks]] } },
        indexes: {
          changed: { [IDS.tasksUserStatusIdx]: [a.indexes[IDS.tasksUserStatusIdx], undefined] },
          order: [[IDS.tasksUserStatusIdx], []],
        },
      },
    });
    const m = setModule(a, { layout: 'current' });
    expect(diffDesigns(a, m)).toStrictEqual({ module: [a.module, m.module], maps: {} });
  });

  it('a pure reorder of a map is a change, and undoing it restores the order', () => {
    const a = frozen();
    const reversed = Object.fromEntries(Object.entries(a.tables).reverse());
    const b = deepFreeze({ ...a, tables: reversed });
    const diff = diffDesigns(a, b);
    expect(diff).toStrictEqual({
      maps: {
        tables: {
          changed: {},
          order: [
            [IDS.projects, IDS.tasks],
            [IDS.tasks, IDS.projects],
          ],
        },
      },
    });
    expectSame(applyDiff(b, diff!, 'undo'), a);
    expectSame(applyDiff(a, diff!, 'redo'), b);
  });

  it('a reorder together with a changed record is undone in order too', () => {
    const a = frozen();
    const renamed = renameTable(a, { tableId: IDS.projects, name: 'boards' });
    const b = deepFreeze({
      ...renamed,
      tables: { [IDS.tasks]: renamed.tables[IDS.tasks]!, [IDS.projects]: renamed.tables[IDS.projects]! },
    });
    const h = undo(record(createHistory(a), b, 'reorder'));
    expectSame(h.design, a);
    expectSame(redo(h).design, b);
  });

  it('ids shaped like Object.prototype members are plain ids', () => {
    const base = deepFreeze(exampleDesign());
    const withOdd = deepFreeze({
      ...base,
      relations: {
        constructor: {
          id: 'constructor',
          fromColumnId: IDS.tasksTitle,
          toColumnId: IDS.tasksId,
          onDelete: null,
          onUpdate: null,
          logical: true,
        },
        ...base.relations,
      },
    });
    const h = undo(record(createHistory(base), withOdd, 'odd'));
    expectSame(h.design, base);
    expectSame(redo(h).design, withOdd);
    const h2 = undo(record(createHistory(withOdd), base, 'odd'));
    expectSame(h2.design, withOdd);
  });
});

describe('notes and areas (optional maps)', () => {
  it('adding a note to a design without notes is one entry; undo removes it and redo brings it back', () => {
    const d = frozen();
    expect(d.notes).toBeUndefined();
    const note = { id: 'n_1', text: 'hi', position: { x: 0, y: 0 }, size: { width: 100, height: 80 } };
    const area = { id: 'a_1', name: 'Core', position: { x: 0, y: 0 }, size: { width: 400, height: 300 } };
    let h = record(createHistory(d), { ...d, notes: { n_1: note } }, 'Add note');
    h = record(h, { ...h.design, areas: { a_1: area } }, 'Add area');
    expect(h.undo.map((e) => e.label)).toEqual(['Add note', 'Add area']);
    h = undo(h);
    expect(h.design.areas ?? {}).toStrictEqual({});
    expect(h.design.notes).toStrictEqual({ n_1: note });
    h = undo(h);
    expect(h.design.notes ?? {}).toStrictEqual({});
    h = redo(redo(h));
    expect(h.design.notes).toStrictEqual({ n_1: note });
    expect(h.design.areas).toStrictEqual({ a_1: area });
  });

  it('absent and empty notes are the same design', () => {
    const d = frozen();
    expect(diffDesigns(d, { ...d, notes: {}, areas: {} })).toBeNull();
  });
});

describe('record / undo / redo', () => {
  const cases: [string, (d: Design) => Design][] = [
    ['deleteTable (first table)', (d) => deleteTable(d, { tableId: IDS.projects })],
    ['deleteTable (second table)', (d) => deleteTable(d, { tableId: IDS.tasks })],
    ['deleteColumn (cascading to an index)', (d) => deleteColumn(d, { columnId: IDS.tasksUserId })],
    ['deleteColumn (a referenced key)', (d) => deleteColumn(d, { columnId: IDS.projectsId })],
    ['deleteEnum', (d) => deleteEnum(d, { enumId: IDS.taskStatus })],
    ['renameTable', (d) => renameTable(d, { tableId: IDS.tasks, name: 'todos' })],
    ['moveColumn', (d) => moveColumn(d, { columnId: IDS.tasksStatus, toIndex: 0 })],
    ['addColumn', (d) => addColumn(d, { tableId: IDS.tasks, id: 'c_new', name: 'new' })],
    [
      'setEnumMembers',
      (d) => setEnumMembers(d, { enumId: IDS.taskStatus, members: [{ id: IDS.toDo, value: 'todo' }] }),
    ],
    ['setModule', (d) => setModule(d, { id: 'MoLOS-Tasks' })],
    ['connect (replacing)', (d) => connect(d, { fromColumnId: IDS.tasksProjectId, toColumnId: IDS.tasksId })],
  ];

  it.each(cases)('%s: undo restores the original exactly (key order included), redo the result', (label, op) => {
    const before = frozen();
    const after = deepFreeze(op(before));
    const h1 = record(createHistory(before), after, label);
    expect(h1.undo.map((e) => e.label)).toEqual([label]);
    const h2 = undo(h1);
    expectSame(h2.design, before);
    expect(h2.undo).toEqual([]);
    expect(h2.redo.map((e) => e.label)).toEqual([label]);
    const h3 = redo(h2);
    expectSame(h3.design, after);
    expect(h3.redo).toEqual([]);
    expectSame(undo(h3).design, before);
  });

  it('several entries undo and redo one at a time, in order', () => {
    const d0 = frozen();
    let h = createHistory(d0);
    h = apply(h, 'rename', (d) => renameTable(d, { tableId: IDS.tasks, name: 'todos' }));
    const d1 = h.design;
    h = apply(h, 'delete', (d) => deleteTable(d, { tableId: IDS.projects }));
    const d2 = h.design;
    h = apply(h, 'move', (d) => moveTables(d, { positions: { [IDS.tasks]: { x: 9, y: 9 } } }));
    const d3 = h.design;
    expect(h.undo.map((e) => e.label)).toEqual(['rename', 'delete', 'move']);
    h = undo(h);
    expectSame(h.design, d2);
    h = undo(h);
    expectSame(h.design, d1);
    h = undo(h);
    expectSame(h.design, d0);
    expect(canUndo(h)).toBe(false);
    const stuck = undo(h);
    expectSame(stuck.design, d0);
    expect(stuck.redo).toHaveLength(3);
    h = redo(redo(h));
    expectSame(h.design, d2);
    h = redo(h);
    expectSame(h.design, d3);
    expect(canRedo(h)).toBe(false);
    expect(redo(h).design).toBe(h.design);
  });

  it('a new record clears redo', () => {
    let h = createHistory(frozen());
    h = apply(h, 'a', (d) => renameTable(d, { tableId: IDS.tasks, name: 'a' }));
    h = apply(h, 'b', (d) => renameTable(d, { tableId: IDS.tasks, name: 'b' }));
    h = undo(h);
    expect(canRedo(h)).toBe(true);
    h = apply(h, 'c', (d) => renameTable(d, { tableId: IDS.tasks, name: 'c' }));
    expect(h.redo).toEqual([]);
    expect(canRedo(h)).toBe(false);
    expect(h.undo.map((e) => e.label)).toEqual(['a', 'c']);
    expect(h.design.tables[IDS.tasks]!.name).toBe('c');
    h = undo(h);
    expect(h.design.tables[IDS.tasks]!.name).toBe('a');
  });

  it('recording the same design changes nothing; an unchanged copy adds no entry and keeps redo', () => {
    let h = createHistory(frozen());
    h = apply(h, 'a', (d) => renameTable(d, { tableId: IDS.tasks, name: 'a' }));
    h = undo(h);
    expect(record(h, h.design, 'same')).toBe(h);
    const copy = { ...h.design };
    const h2 = record(h, copy, 'copy');
    expect(h2.design).toBe(copy);
    expect(h2.undo).toEqual([]);
    expect(h2.redo).toHaveLength(1);
  });

  it('the limit drops the oldest entries', () => {
    let h = createHistory(frozen(), 3);
    const designs = [h.design];
    for (let i = 1; i <= 5; i++) {
      h = apply(h, `r${i}`, (d) => renameTable(d, { tableId: IDS.tasks, name: `n${i}` }));
      designs.push(h.design);
    }
    expect(h.undo.map((e) => e.label)).toEqual(['r3', 'r4', 'r5']);
    h = undo(undo(undo(h)));
    expectSame(h.design, designs[2]!);
    expect(canUndo(h)).toBe(false);
    expectSame(undo(h).design, designs[2]!);
  });
});

describe('marks', () => {
  it('group many operations into one entry labelled by the mark', () => {
    const d0 = frozen();
    let h = beginMark(createHistory(d0), 'drag');
    expect(canUndo(h)).toBe(false);
    for (let x = 1; x <= 5; x++)
      h = apply(h, 'move', (d) => moveTables(d, { positions: { [IDS.tasks]: { x, y: 0 } } }));
    h = apply(h, 'rename', (d) => renameTable(d, { tableId: IDS.tasks, name: 'todos' }));
    expect(h.undo).toEqual([]);
    expect(canUndo(h)).toBe(true);
    const final = h.design;
    h = endMark(h);
    expect(h.mark).toBeNull();
    expect(h.undo.map((e) => e.label)).toEqual(['drag']);
    expectSame(h.design, final);
    h = undo(h);
    expectSame(h.design, d0);
    h = redo(h);
    expectSame(h.design, final);
  });

  it('endMark with no change adds no entry and keeps redo', () => {
    let h = createHistory(frozen());
    h = apply(h, 'a', (d) => renameTable(d, { tableId: IDS.tasks, name: 'a' }));
    h = undo(h);
    h = endMark(beginMark(h, 'nothing'));
    expect(h.mark).toBeNull();
    expect(h.undo).toEqual([]);
    expect(h.redo.map((e) => e.label)).toEqual(['a']);
  });

  it('endMark without an open mark returns the state as it is', () => {
    const h = createHistory(frozen());
    expect(endMark(h)).toBe(h);
  });

  it('changes inside a mark do not clear redo until the mark ends with a change', () => {
    let h = createHistory(frozen());
    h = apply(h, 'a', (d) => renameTable(d, { tableId: IDS.tasks, name: 'a' }));
    h = undo(h);
    h = beginMark(h, 'm');
    h = apply(h, 'x', (d) => renameTable(d, { tableId: IDS.projects, name: 'x' }));
    expect(h.redo).toHaveLength(1);
    h = endMark(h);
    expect(h.redo).toEqual([]);
    expect(h.undo.map((e) => e.label)).toEqual(['m']);
  });

  it('undo while a mark is open closes it first, then undoes it', () => {
    const d0 = frozen();
    let h = createHistory(d0);
    h = apply(h, 'first', (d) => renameTable(d, { tableId: IDS.projects, name: 'boards' }));
    const d1 = h.design;
    h = beginMark(h, 'edit');
    h = apply(h, 'x', (d) => renameTable(d, { tableId: IDS.tasks, name: 'todos' }));
    h = apply(h, 'y', (d) => deleteColumn(d, { columnId: IDS.tasksTitle }));
    const d2 = h.design;
    h = undo(h);
    expect(h.mark).toBeNull();
    expectSame(h.design, d1);
    expect(h.undo.map((e) => e.label)).toEqual(['first']);
    expect(h.redo.map((e) => e.label)).toEqual(['edit']);
    expectSame(redo(h).design, d2);
    expectSame(undo(h).design, d0);
  });

  it('redo while a mark is open closes it (its change clears redo)', () => {
    let h = createHistory(frozen());
    h = apply(h, 'a', (d) => renameTable(d, { tableId: IDS.tasks, name: 'a' }));
    h = undo(h);
    h = beginMark(h, 'm');
    h = apply(h, 'x', (d) => renameTable(d, { tableId: IDS.projects, name: 'x' }));
    const during = h.design;
    h = redo(h);
    expect(h.mark).toBeNull();
    expect(h.design).toBe(during);
    expect(h.undo.map((e) => e.label)).toEqual(['m']);
    expect(h.redo).toEqual([]);
  });

  it('beginMark while a mark is open closes the first one into its own entry', () => {
    const d0 = frozen();
    let h = beginMark(createHistory(d0), 'one');
    h = apply(h, 'x', (d) => renameTable(d, { tableId: IDS.tasks, name: 'one' }));
    const d1 = h.design;
    h = beginMark(h, 'two');
    expect(h.mark?.label).toBe('two');
    expect(h.mark?.base).toBe(d1);
    h = apply(h, 'y', (d) => renameTable(d, { tableId: IDS.tasks, name: 'two' }));
    h = endMark(h);
    expect(h.undo.map((e) => e.label)).toEqual(['one', 'two']);
    h = undo(h);
    expectSame(h.design, d1);
    h = undo(h);
    expectSame(h.design, d0);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Property tests: random sequences of operations.

const seedArb = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()) as fc.Arbitrary<OpSeed>;

/** Applies the operation the seed describes; `undefined` when it does not fit the design. */
function tryOperation(d: Design, seed: OpSeed, serial: number): { call: OperationCall; next: Design } | undefined {
  const call = randomOperation(d, seed, serial);
  if (!call) return undefined;
  try {
    return { call, next: deepFreeze(applyOperation(d, call)) };
  } catch (e) {
    if (e instanceof OperationError) return undefined;
    throw e;
  }
}

describe('history properties', () => {
  it('after random operations, undo all → the initial design, redo all → the final design', () => {
    fc.assert(
      fc.property(fc.array(seedArb, { minLength: 1, maxLength: 40 }), (seeds) => {
        const initial = frozen();
        let h = createHistory(initial);
        const states = [initial];
        seeds.forEach((seed, i) => {
          const step = tryOperation(h.design, seed, i);
          if (!step) return;
          h = record(h, step.next, step.call.op);
          if (h.design !== states.at(-1)) states.push(h.design);
        });
        const final = h.design;
        const entries = h.undo.length;
        for (let i = 0; i < entries; i++) h = undo(h);
        expectSame(h.design, initial);
        expect(canUndo(h)).toBe(false);
        for (let i = 0; i < entries; i++) h = redo(h);
        expectSame(h.design, final);
        expect(canRedo(h)).toBe(false);
      }),
      { numRuns: fuzzRuns(300) },
    );
  });

  it('matches a model that keeps whole snapshots, through operations, undo, redo and marks', () => {
    type Step =
      { kind: 'op'; seed: OpSeed } | { kind: 'undo' } | { kind: 'redo' } | { kind: 'begin' } | { kind: 'end' };
    const stepArb: fc.Arbitrary<Step> = fc.oneof(
      { weight: 6, arbitrary: seedArb.map((seed) => ({ kind: 'op' as const, seed })) },
      { weight: 2, arbitrary: fc.constant({ kind: 'undo' as const }) },
      { weight: 2, arbitrary: fc.constant({ kind: 'redo' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'begin' as const }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'end' as const }) },
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (steps, limit) => {
        let h = createHistory(frozen(), limit);
        // the model: whole designs
        let past: Design[] = [];
        let present = h.design;
        let future: Design[] = [];
        let markBase: Design | null = null;
        const push = (before: Design) => {
          past = [...past, before].slice(-limit);
          future = [];
        };
        const closeMark = () => {
          if (markBase && diffDesigns(markBase, present)) push(markBase);
          markBase = null;
        };
        steps.forEach((step, i) => {
          switch (step.kind) {
            case 'op': {
              const result = tryOperation(h.design, step.seed, i);
              if (!result) return;
              h = record(h, result.next, result.call.op);
              if (!markBase && diffDesigns(present, result.next)) push(present);
              present = result.next;
              break;
            }
            case 'undo':
              h = undo(h);
              closeMark();
              if (past.length > 0) {
                future = [...future, present];
                present = past.at(-1)!;
                past = past.slice(0, -1);
              }
              break;
            case 'redo':
              h = redo(h);
              closeMark();
              if (future.length > 0) {
                past = [...past, present];
                present = future.at(-1)!;
                future = future.slice(0, -1);
              }
              break;
            case 'begin':
              h = beginMark(h, `mark ${i}`);
              closeMark();
              markBase = present;
              break;
            case 'end':
              h = endMark(h);
              closeMark();
              break;
          }
          expectSame(h.design, present);
          expect(h.undo.length).toBe(past.length);
          expect(h.redo.length).toBe(future.length);
          if (markBase) expectSame(h.mark!.base, markBase);
          else expect(h.mark).toBeNull();
        });
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});

describe('no-op changes', () => {
  it('a drag that ends where it started adds no undo entry', () => {
    const d = exampleDesign();
    const start = d.tables[IDS.projects]?.position as { x: number; y: number };
    let h = beginMark(createHistory(d), 'move');
    h = record(h, moveTables(h.design, { positions: { [IDS.projects]: { x: 500, y: 500 } } }), 'move');
    h = record(h, moveTables(h.design, { positions: { [IDS.projects]: start } }), 'move');
    h = endMark(h);
    expect(h.undo).toEqual([]);
    expect(diffDesigns(d, moveTables(d, { positions: { [IDS.projects]: start } }))).toBeNull();
  });
});
