import { describe, expect, it } from 'vitest';
import { type Design } from '../design';
import { loadDesign, serializeDesign } from '../format';
import { createHistory, record, undo } from '../history';
import { IDS, deepFreeze, exampleDesign } from '../test-fixtures';
import { addArea, addNote, deleteArea, deleteNote, moveArea, setTableColor, updateArea, updateNote } from './diagram';
import { applyOperation } from './index';
import { OperationError } from './util';

const frozen = () => deepFreeze(exampleDesign());

function withDecor(): Design {
  let d = addNote(frozen(), { id: 'n_1', text: 'Hello', position: { x: 10, y: 20 } });
  d = addArea(d, { id: 'a_1', name: 'Core', position: { x: -40, y: -60 }, size: { width: 900, height: 500 } });
  return deepFreeze(d);
}

describe('notes', () => {
  it('addNote stores a note with the default size, rounded position and no colour key', () => {
    const input = frozen();
    const d = addNote(input, { id: 'n_1', text: 'Hi', position: { x: 10.4, y: 19.6 } });
    expect(d.notes).toEqual({
      n_1: { id: 'n_1', text: 'Hi', position: { x: 10, y: 20 }, size: { width: 200, height: 120 } },
    });
    expect(Object.keys(d.notes!.n_1!)).not.toContain('color');
    // Nothing else changed.
    expect(d.tables).toBe(input.tables);
  });

  it('addNote makes an id of its own with the n_ prefix and refuses a used id', () => {
    const d = addNote(frozen(), { position: { x: 0, y: 0 } });
    expect(Object.keys(d.notes!)).toHaveLength(1);
    expect(Object.keys(d.notes!)[0]).toMatch(/^n_[0-9a-z]{10}$/);
    expect(() => addNote(withDecor(), { id: 'n_1', position: { x: 0, y: 0 } })).toThrow(
      new OperationError('The id "n_1" is already used by another note.'),
    );
  });

  it('updateNote changes text, colour, position and size; null colour removes the key', () => {
    let d = updateNote(withDecor(), {
      noteId: 'n_1',
      text: 'Bye',
      color: 'pink',
      position: { x: 1, y: 2 },
      size: { width: 5, height: 500_000 },
    });
    expect(d.notes!.n_1).toEqual({
      id: 'n_1',
      text: 'Bye',
      position: { x: 1, y: 2 },
      size: { width: 16, height: 100_000 },
      color: 'pink',
    });
    d = updateNote(d, { noteId: 'n_1', color: null });
    expect(d.notes!.n_1).toEqual({
      id: 'n_1',
      text: 'Bye',
      position: { x: 1, y: 2 },
      size: { width: 16, height: 100_000 },
    });
  });

  it('deleteNote removes only that note', () => {
    const d = deleteNote(withDecor(), { noteId: 'n_1' });
    expect(d.notes).toEqual({});
    expect(d.areas).toEqual(withDecor().areas);
  });

  it('bad ids, colours and numbers are clear errors', () => {
    const d = withDecor();
    expect(() => updateNote(d, { noteId: 'n_x', text: 'a' })).toThrow(new OperationError('No note with id "n_x".'));
    expect(() => deleteNote(d, { noteId: 'constructor' })).toThrow(
      new OperationError('No note with id "constructor".'),
    );
    expect(() => updateNote(d, { noteId: 'n_1', color: 'brown' as never })).toThrow(
      new OperationError(
        'Unknown colour "brown": expected one of gray, red, orange, yellow, green, teal, blue, purple, pink.',
      ),
    );
    expect(() => addNote(d, { position: { x: Number.NaN, y: 0 } })).toThrow(
      new OperationError('A position needs finite x and y.'),
    );
    expect(() => updateNote(d, { noteId: 'n_1', size: { width: Infinity, height: 10 } })).toThrow(
      new OperationError('A size needs a finite width and height.'),
    );
    // A design without notes at all (an older file) has none to change.
    expect(() => deleteNote(frozen(), { noteId: 'n_1' })).toThrow(new OperationError('No note with id "n_1".'));
  });
});

describe('areas', () => {
  it('addArea trims the name and names an unnamed area "Area"', () => {
    const d = addArea(frozen(), { id: 'a_x', name: '   ', position: { x: 0, y: 0 }, color: 'teal' });
    expect(d.areas!.a_x).toEqual({
      id: 'a_x',
      name: 'Area',
      position: { x: 0, y: 0 },
      size: { width: 480, height: 320 },
      color: 'teal',
    });
    expect(addArea(frozen(), { id: 'a_y', name: ' Core ', position: { x: 0, y: 0 } }).areas!.a_y!.name).toBe('Core');
    expect(Object.keys(addArea(frozen(), { position: { x: 0, y: 0 } }).areas!)[0]).toMatch(/^a_[0-9a-z]{10}$/);
  });

  it('updateArea renames (empty → "Area"), recolours, moves and resizes only the area', () => {
    const before = withDecor();
    const d = updateArea(before, {
      areaId: 'a_1',
      name: '',
      color: 'blue',
      position: { x: 5, y: 6 },
      size: { width: 1, height: 300.6 },
    });
    expect(d.areas!.a_1).toEqual({
      id: 'a_1',
      name: 'Area',
      position: { x: 5, y: 6 },
      size: { width: 16, height: 301 },
      color: 'blue',
    });
    expect(d.tables).toBe(before.tables);
    expect(() => updateArea(before, { areaId: 'nope', name: 'x' })).toThrow(
      new OperationError('No area with id "nope".'),
    );
  });

  it('deleteArea leaves the tables inside where they are', () => {
    const before = withDecor();
    const d = deleteArea(before, { areaId: 'a_1' });
    expect(d.areas).toEqual({});
    expect(d.tables).toBe(before.tables);
    expect(() => deleteArea(d, { areaId: 'a_1' })).toThrow(new OperationError('No area with id "a_1".'));
  });

  it('moveArea moves the area with the tables, notes and inner areas it is given, and nothing else', () => {
    let before = addArea(withDecor(), { id: 'a_inner', position: { x: 0, y: 0 }, size: { width: 100, height: 100 } });
    before = addNote(before, { id: 'n_out', position: { x: 5000, y: 5000 } });
    before = deepFreeze(before);
    const d = moveArea(before, {
      areaId: 'a_1',
      dx: 100,
      dy: -50.4,
      tableIds: [IDS.tasks],
      noteIds: ['n_1'],
      areaIds: ['a_inner'],
    });
    const t0 = before.tables[IDS.tasks]!.position;
    expect(d.tables[IDS.tasks]!.position).toEqual({ x: t0.x + 100, y: Math.round(t0.y - 50.4) });
    expect(d.tables[IDS.projects]).toBe(before.tables[IDS.projects]);
    expect(d.notes!.n_1!.position).toEqual({ x: 110, y: -30 });
    expect(d.notes!.n_out).toBe(before.notes!.n_out);
    expect(d.areas!.a_1!.position).toEqual({ x: 60, y: -110 });
    expect(d.areas!.a_inner!.position).toEqual({ x: 100, y: -50 });
    expect(() => moveArea(before, { areaId: 'a_1', dx: 1, dy: 1, tableIds: ['t_gone'] })).toThrow(
      new OperationError('No table with id "t_gone".'),
    );
    expect(() => moveArea(before, { areaId: 'a_1', dx: Number.NaN, dy: 1 })).toThrow(
      new OperationError('An area move needs a finite dx and dy.'),
    );
  });
});

describe('setTableColor', () => {
  it('colours several tables at once and null takes the colour away', () => {
    const d = setTableColor(frozen(), { tableIds: [IDS.tasks, IDS.projects], color: 'orange' });
    expect(d.tables[IDS.tasks]!.color).toBe('orange');
    expect(d.tables[IDS.projects]!.color).toBe('orange');
    const back = setTableColor(d, { tableIds: [IDS.tasks], color: null });
    expect(Object.keys(back.tables[IDS.tasks]!)).not.toContain('color');
    expect(back.tables[IDS.tasks]).toEqual(exampleDesign().tables[IDS.tasks]);
    expect(() => setTableColor(d, { tableIds: ['t_x'], color: 'red' })).toThrow(
      new OperationError('No table with id "t_x".'),
    );
  });
});

describe('through the registry, the saved format and the history', () => {
  it('the operations are registered, their result saves and reloads identically, and undo restores', () => {
    let d: Design = frozen();
    d = applyOperation(d, {
      op: 'addNote',
      args: { id: 'n_1', text: 'Why?', position: { x: 1, y: 2 }, color: 'yellow' },
    });
    d = applyOperation(d, { op: 'addArea', args: { id: 'a_1', name: 'Core', position: { x: 0, y: 0 } } });
    d = applyOperation(d, { op: 'setTableColor', args: { tableIds: [IDS.tasks], color: 'green' } });
    const reloaded = loadDesign(serializeDesign(d));
    expect(reloaded.ok && reloaded.design).toEqual(d);

    let h = createHistory(frozen());
    h = record(h, d, 'Decorate');
    h = undo(h);
    // Absent notes and areas come back as empty maps: the same thing to the format and the history.
    expect({ ...h.design, notes: h.design.notes ?? {}, areas: h.design.areas ?? {} }).toEqual({
      ...exampleDesign(),
      notes: {},
      areas: {},
    });
  });
});
