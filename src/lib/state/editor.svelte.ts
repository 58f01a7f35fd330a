/**
 * The designer's state: the design with its undo history, the selection, and the MoLOS rule issues — wrapped in
 * runes so components update when they change. Every edit goes through `apply` (a named operation), so every
 * edit is undoable; components never write the design themselves.
 */
import type { Design } from '../core/design';
import { emptyDesign } from '../core/design';
import {
  type HistoryState,
  beginMark,
  canRedo,
  canUndo,
  createHistory,
  endMark,
  record,
  redo as redoHistory,
  undo as undoHistory,
} from '../core/history';
import { type OperationCall, OperationError, applyOperation } from '../core/operations';
import { type Issue, checkDesign } from '../core/rules';
import { NO_SELECTION, type Selection, pruneSelection } from './selection';

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
const sameSelection = (a: Selection, b: Selection) =>
  sameIds(a.tableIds, b.tableIds) &&
  sameIds(a.relationIds, b.relationIds) &&
  JSON.stringify(a.focus) === JSON.stringify(b.focus);

export class Editor {
  history: HistoryState = $state.raw(createHistory(emptyDesign()));
  selection: Selection = $state.raw(NO_SELECTION);
  /**
   * The last operation that could not be applied, for a status message. It says why an edit was refused, so it
   * goes once the design or what the user looks at moves on: the next successful edit, an undo or redo, a new
   * design, or another selection.
   */
  error: string | null = $state(null);

  readonly design: Design = $derived(this.history.design);
  readonly issues: Issue[] = $derived(checkDesign(this.history.design));
  readonly canUndo: boolean = $derived(canUndo(this.history));
  readonly canRedo: boolean = $derived(canRedo(this.history));

  constructor(design?: Design) {
    if (design) this.history = createHistory(design);
  }

  /** Replaces the design (opening a file or a saved design): a fresh history. */
  load(design: Design): void {
    this.history = createHistory(design);
    this.selection = NO_SELECTION;
    this.error = null;
  }

  /**
   * Applies operations as one undo step. Returns false (and sets `error`) when an operation does not fit the
   * design; the design is then unchanged.
   * @example editor.apply([{ op: 'addTable', args: { name: 'items' } }], 'Add table')
   */
  apply(calls: OperationCall | OperationCall[], label?: string): boolean {
    const list = Array.isArray(calls) ? calls : [calls];
    try {
      const next = list.reduce(applyOperation, this.history.design);
      this.history = record(this.history, next, label ?? list[0]?.op ?? 'edit');
      this.error = null;
      this.prune();
      return true;
    } catch (e) {
      if (!(e instanceof OperationError)) throw e;
      this.error = e.message;
      return false;
    }
  }

  /**
   * Replaces the design with one made elsewhere (the code editor's parse of `tables.ts`) as one undo step. The
   * caller keeps ids stable where it can, so the selection and the canvas follow.
   */
  replace(next: Design, label: string): void {
    this.history = record(this.history, next, label);
    this.error = null;
    this.prune();
  }

  /** Starts a gesture (a drag, a multi-step edit): everything until `endGesture` is one undo step. */
  beginGesture(label: string): void {
    this.history = beginMark(this.history, label);
  }

  endGesture(): void {
    this.history = endMark(this.history);
  }

  undo(): void {
    const before = this.history;
    this.history = undoHistory(this.history);
    if (this.history.design !== before.design) this.error = null;
    this.prune();
  }

  redo(): void {
    const before = this.history;
    this.history = redoHistory(this.history);
    if (this.history.design !== before.design) this.error = null;
    this.prune();
  }

  select(selection: Partial<Selection>): void {
    const next = { ...this.selection, ...selection };
    // Re-selecting what is already selected (a click on the selected card) keeps the message on screen.
    if (!sameSelection(next, this.selection)) this.error = null;
    this.selection = next;
  }

  /** Records that the design was exported (the migration baseline): not an edit, so not undoable. */
  setBaseline(baseline: Design['baseline']): void {
    const design = { ...this.history.design, baseline };
    this.history = { ...this.history, design };
  }

  private prune(): void {
    const d = this.history.design;
    const maps = {
      table: d.tables,
      column: d.columns,
      relation: d.relations,
      enum: d.enums,
      index: d.indexes,
    } as const;
    this.selection = pruneSelection(this.selection, (kind, id) => kind === 'module' || Object.hasOwn(maps[kind], id));
  }
}
