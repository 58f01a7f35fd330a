/**
 * Undo/redo over design documents. Each entry stores only a diff (the records that changed, plus key order when
 * records were added or removed), never a whole copy. A mark groups several operations — a drag, a multi-step
 * edit — into one entry. Selection and viewport live outside the design, so they never touch this history.
 */
import type { Design } from './design';

type MapKey = 'tables' | 'columns' | 'relations' | 'enums' | 'indexes' | 'notes' | 'areas';
const MAP_KEYS: readonly MapKey[] = ['tables', 'columns', 'relations', 'enums', 'indexes', 'notes', 'areas'];
/** Notes and areas are optional in a design: absent is the same as none. */
const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

interface MapDiff {
  /** id → [before, after]; `undefined` = absent. */
  changed: Record<string, [unknown, unknown]>;
  /** Key order before and after, kept only when keys were added, removed or reordered. */
  order?: [string[], string[]];
}

/** The difference between two designs. */
export interface DesignDiff {
  module?: [Design['module'], Design['module']];
  maps: Partial<Record<MapKey, MapDiff>>;
}

export interface HistoryEntry {
  label: string;
  diff: DesignDiff;
}

export interface HistoryState {
  design: Design;
  undo: HistoryEntry[];
  redo: HistoryEntry[];
  /** An open mark: changes since `base` become one entry when the mark ends. */
  mark: { label: string; base: Design } | null;
  /** Most entries kept; the oldest are dropped beyond it. */
  limit: number;
}

/** Computes the diff between two designs (records compared by reference, as operations copy what they change). */
export function diffDesigns(a: Design, b: Design): DesignDiff | null {
  const diff: DesignDiff = { maps: {} };
  let any = false;
  if (a.module !== b.module && JSON.stringify(a.module) !== JSON.stringify(b.module)) {
    diff.module = [a.module, b.module];
    any = true;
  }
  for (const key of MAP_KEYS) {
    const before = (a[key] ?? EMPTY) as Record<string, unknown>;
    const after = (b[key] ?? EMPTY) as Record<string, unknown>;
    if (before === after) continue;
    const changed: Record<string, [unknown, unknown]> = {};
    let n = 0;
    const beforeKeys = Object.keys(before);
    const afterKeys = Object.keys(after);
    // Map order is part of the document (table order drives the generated file), so a pure reorder counts too.
    const keysChanged = beforeKeys.length !== afterKeys.length || beforeKeys.some((id, i) => afterKeys[i] !== id);
    for (const id of beforeKeys) {
      const next = Object.hasOwn(after, id) ? after[id] : undefined;
      // Operations copy what they touch; a copy with equal content (a drag back to the start) is no change.
      if (before[id] !== next && (next === undefined || JSON.stringify(before[id]) !== JSON.stringify(next))) {
        changed[id] = [before[id], next];
        n++;
      }
    }
    for (const id of afterKeys) {
      if (!Object.hasOwn(before, id)) {
        changed[id] = [undefined, after[id]];
        n++;
      }
    }
    if (n === 0 && !keysChanged) continue;
    diff.maps[key] = keysChanged ? { changed, order: [beforeKeys, afterKeys] } : { changed };
    any = true;
  }
  return any ? diff : null;
}

/** Applies a diff forwards (`'redo'`) or backwards (`'undo'`). */
export function applyDiff(d: Design, diff: DesignDiff, direction: 'undo' | 'redo'): Design {
  const side = direction === 'redo' ? 1 : 0;
  const next: Design = { ...d };
  if (diff.module) next.module = diff.module[side];
  for (const key of MAP_KEYS) {
    const md = diff.maps[key];
    if (!md) continue;
    const current = (d[key] ?? EMPTY) as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const order = md.order ? md.order[side] : Object.keys(current);
    for (const id of order) {
      const value = Object.hasOwn(md.changed, id) ? (md.changed[id] as [unknown, unknown])[side] : current[id];
      if (value !== undefined) out[id] = value;
    }
    (next as unknown as Record<string, unknown>)[key] = out;
  }
  return next;
}

export function createHistory(design: Design, limit = 500): HistoryState {
  return { design, undo: [], redo: [], mark: null, limit };
}

/**
 * Records a new design produced by an operation. Inside a mark the change joins the mark's entry; otherwise it
 * becomes its own entry and clears redo.
 */
export function record(h: HistoryState, next: Design, label: string): HistoryState {
  if (next === h.design) return h;
  if (h.mark) return { ...h, design: next };
  const diff = diffDesigns(h.design, next);
  if (!diff) return { ...h, design: next };
  const undo = [...h.undo, { label, diff }];
  if (undo.length > h.limit) undo.splice(0, undo.length - h.limit);
  return { ...h, design: next, undo, redo: [] };
}

/** Starts grouping changes into one entry (a drag, a multi-step edit). An open mark is closed first. */
export function beginMark(h: HistoryState, label: string): HistoryState {
  const closed = h.mark ? endMark(h) : h;
  return { ...closed, mark: { label, base: closed.design } };
}

/** Ends the open mark: everything since it began becomes one entry (none if nothing changed). */
export function endMark(h: HistoryState): HistoryState {
  if (!h.mark) return h;
  const { label, base } = h.mark;
  const open: HistoryState = { ...h, mark: null, design: base };
  return record(open, h.design, label);
}

export function canUndo(h: HistoryState): boolean {
  return h.undo.length > 0 || (h.mark !== null && h.mark.base !== h.design);
}
export function canRedo(h: HistoryState): boolean {
  return h.redo.length > 0;
}

/** Steps back one entry (closing an open mark first). */
export function undo(h: HistoryState): HistoryState {
  const closed = endMark(h);
  const entry = closed.undo[closed.undo.length - 1];
  if (!entry) return closed;
  return {
    ...closed,
    design: applyDiff(closed.design, entry.diff, 'undo'),
    undo: closed.undo.slice(0, -1),
    redo: [...closed.redo, entry],
  };
}

/** Steps forward one entry. */
export function redo(h: HistoryState): HistoryState {
  const closed = endMark(h);
  const entry = closed.redo[closed.redo.length - 1];
  if (!entry) return closed;
  return {
    ...closed,
    design: applyDiff(closed.design, entry.diff, 'redo'),
    redo: closed.redo.slice(0, -1),
    undo: [...closed.undo, entry],
  };
}
