/**
 * Operations on what only the diagram shows: sticky notes, named areas and table colours. The generators never
 * read any of it, so these operations touch nothing but `notes`, `areas` and `Table.color`.
 */
import {
  type Area,
  DIAGRAM_COLORS,
  type DiagramColor,
  type Design,
  type Note,
  type Position,
  type Size,
} from '../design';
import { newId } from '../ids';
import { OperationError, assertFreeId, getTable, put, without } from './util';

/** The size limits of a note or an area (the saved format refuses anything outside them). */
export const DECOR_SIZE = { min: 16, max: 100_000 } as const;
export const NOTE_SIZE: Size = { width: 200, height: 120 };
export const AREA_SIZE: Size = { width: 480, height: 320 };
/** The name an area gets when it is given none: an area without a name cannot be told apart in the picture. */
export const DEFAULT_AREA_NAME = 'Area';

/** A colour argument: a palette name, or `null` for the theme's default. */
export type ColorArg = DiagramColor | null;

function own<T>(map: Record<string, T> | undefined, id: string): T | undefined {
  return map && Object.hasOwn(map, id) ? map[id] : undefined;
}

function getNote(d: Design, id: string): Note {
  const note = own(d.notes, id);
  if (!note) throw new OperationError(`No note with id "${id}".`);
  return note;
}

function getArea(d: Design, id: string): Area {
  const area = own(d.areas, id);
  if (!area) throw new OperationError(`No area with id "${id}".`);
  return area;
}

/**
 * A new note (`n_…`) or area (`a_…`) id. `newId` knows the design elements' prefixes; notes and areas use its
 * random part under their own prefix.
 * @example newDecorId('n') // 'n_4k2j9x0q1z'
 */
export function newDecorId(prefix: 'n' | 'a'): string {
  return `${prefix}_${newId('t').slice(2)}`;
}

function checkedColor(color: unknown): DiagramColor | undefined {
  if (color === null || color === undefined) return undefined;
  if (!(DIAGRAM_COLORS as readonly unknown[]).includes(color)) {
    throw new OperationError(`Unknown colour "${String(color)}": expected one of ${DIAGRAM_COLORS.join(', ')}.`);
  }
  return color as DiagramColor;
}

function checkedPosition(p: Position): Position {
  if (!Number.isFinite(p?.x) || !Number.isFinite(p?.y)) throw new OperationError('A position needs finite x and y.');
  return { x: Math.round(p.x), y: Math.round(p.y) };
}

/** A size inside the format's limits, in whole pixels. */
function clampedSize(s: Size): Size {
  if (!Number.isFinite(s?.width) || !Number.isFinite(s?.height)) {
    throw new OperationError('A size needs a finite width and height.');
  }
  const clamp = (v: number) => Math.min(DECOR_SIZE.max, Math.max(DECOR_SIZE.min, Math.round(v)));
  return { width: clamp(s.width), height: clamp(s.height) };
}

/** A record with `color` set, or without the key when the colour is the default (so files stay minimal). */
function withColor<T extends { color?: DiagramColor }>(item: T, color: DiagramColor | undefined): T {
  const { color: _old, ...rest } = item;
  return (color ? { ...rest, color } : rest) as T;
}

export interface AddNoteArgs {
  id?: string;
  text?: string;
  position: Position;
  size?: Size;
  color?: ColorArg;
}

/**
 * Adds a sticky note.
 * @example addNote(design, { id: 'n_todo', text: 'Split this table?', position: { x: 0, y: -160 } })
 */
export function addNote(d: Design, args: AddNoteArgs): Design {
  const notes = d.notes ?? {};
  const id = args.id ?? newDecorId('n');
  assertFreeId(notes, id, 'note');
  const note = withColor<Note>(
    {
      id,
      text: args.text ?? '',
      position: checkedPosition(args.position),
      size: clampedSize(args.size ?? NOTE_SIZE),
    },
    checkedColor(args.color),
  );
  return { ...d, notes: put(notes, id, note) };
}

/**
 * Changes a note's text, colour (`null`: the default), position or size.
 * @example updateNote(design, { noteId: 'n_todo', text: 'Done', color: 'green' })
 */
export function updateNote(
  d: Design,
  args: { noteId: string; text?: string; color?: ColorArg; position?: Position; size?: Size },
): Design {
  const note = getNote(d, args.noteId);
  let next: Note = {
    ...note,
    ...(args.text !== undefined ? { text: String(args.text) } : {}),
    ...(args.position !== undefined ? { position: checkedPosition(args.position) } : {}),
    ...(args.size !== undefined ? { size: clampedSize(args.size) } : {}),
  };
  if (args.color !== undefined) next = withColor(next, checkedColor(args.color));
  return { ...d, notes: put(d.notes ?? {}, note.id, next) };
}

/**
 * Deletes a note.
 * @example deleteNote(design, { noteId: 'n_todo' })
 */
export function deleteNote(d: Design, args: { noteId: string }): Design {
  const note = getNote(d, args.noteId);
  return { ...d, notes: without(d.notes ?? {}, [note.id]) };
}

/** An area's name as stored: trimmed, and `Area` when nothing is left. */
function areaName(name: string | undefined): string {
  const trimmed = (name ?? '').trim();
  return trimmed === '' ? DEFAULT_AREA_NAME : trimmed;
}

export interface AddAreaArgs {
  id?: string;
  name?: string;
  position: Position;
  size?: Size;
  color?: ColorArg;
}

/**
 * Adds a named area. An empty name becomes `Area`.
 * @example addArea(design, { id: 'a_core', name: 'Core', position: { x: -40, y: -60 }, size: { width: 900, height: 500 } })
 */
export function addArea(d: Design, args: AddAreaArgs): Design {
  const areas = d.areas ?? {};
  const id = args.id ?? newDecorId('a');
  assertFreeId(areas, id, 'area');
  const area = withColor<Area>(
    {
      id,
      name: areaName(args.name),
      position: checkedPosition(args.position),
      size: clampedSize(args.size ?? AREA_SIZE),
    },
    checkedColor(args.color),
  );
  return { ...d, areas: put(areas, id, area) };
}

/**
 * Changes an area's name, colour (`null`: the default), position or size. Only the area itself changes: use
 * `moveArea` to move it with what lies inside.
 * @example updateArea(design, { areaId: 'a_core', name: 'Core tables', size: { width: 1000, height: 600 } })
 */
export function updateArea(
  d: Design,
  args: { areaId: string; name?: string; color?: ColorArg; position?: Position; size?: Size },
): Design {
  const area = getArea(d, args.areaId);
  let next: Area = {
    ...area,
    ...(args.name !== undefined ? { name: areaName(args.name) } : {}),
    ...(args.position !== undefined ? { position: checkedPosition(args.position) } : {}),
    ...(args.size !== undefined ? { size: clampedSize(args.size) } : {}),
  };
  if (args.color !== undefined) next = withColor(next, checkedColor(args.color));
  return { ...d, areas: put(d.areas ?? {}, area.id, next) };
}

/**
 * Deletes an area. The tables and notes inside stay where they are.
 * @example deleteArea(design, { areaId: 'a_core' })
 */
export function deleteArea(d: Design, args: { areaId: string }): Design {
  const area = getArea(d, args.areaId);
  return { ...d, areas: without(d.areas ?? {}, [area.id]) };
}

export interface MoveAreaArgs {
  areaId: string;
  /** How far to move, in canvas pixels. */
  dx: number;
  dy: number;
  /**
   * What lies inside the area and moves with it. Membership is geometry that needs card sizes (the diagram ring
   * knows them: `diagram/areas.ts`), so the caller works it out at the start of the move and passes it in.
   */
  tableIds?: string[];
  noteIds?: string[];
  /** Areas drawn inside this one. */
  areaIds?: string[];
}

/**
 * Moves an area by a delta together with the tables, notes and areas inside it.
 * @example moveArea(design, { areaId: 'a_core', dx: 120, dy: 0, tableIds: ['t_tasks', 't_projects'] })
 */
export function moveArea(d: Design, args: MoveAreaArgs): Design {
  const area = getArea(d, args.areaId);
  const { dx, dy } = args;
  if (!Number.isFinite(dx) || !Number.isFinite(dy)) throw new OperationError('An area move needs a finite dx and dy.');
  const shift = (p: Position): Position => ({ x: Math.round(p.x + dx), y: Math.round(p.y + dy) });
  const tables = { ...d.tables };
  for (const id of new Set(args.tableIds ?? [])) {
    const t = getTable(d, id);
    tables[id] = { ...t, position: shift(t.position) };
  }
  let notes = d.notes;
  for (const id of new Set(args.noteIds ?? [])) {
    const note = getNote(d, id);
    notes = put(notes ?? {}, id, { ...note, position: shift(note.position) });
  }
  let areas = put(d.areas ?? {}, area.id, { ...area, position: shift(area.position) });
  for (const id of new Set(args.areaIds ?? [])) {
    if (id === area.id) continue;
    const inner = getArea(d, id);
    areas = put(areas, id, { ...inner, position: shift(inner.position) });
  }
  return { ...d, tables, ...(notes ? { notes } : {}), areas };
}

/**
 * Sets the canvas colour of tables (`null`: the theme's default).
 * @example setTableColor(design, { tableIds: ['t_tasks'], color: 'teal' })
 */
export function setTableColor(d: Design, args: { tableIds: string[]; color: ColorArg }): Design {
  const color = checkedColor(args.color);
  const tables = { ...d.tables };
  for (const id of args.tableIds) tables[id] = withColor(getTable(d, id), color);
  return { ...d, tables };
}
