/**
 * What the cards and edges of one canvas share, handed down by context: the editor, the memoized card models
 * and the level of detail. Nodes read their card here by id, so Svelte Flow's node data stays a bare table id.
 */
import { createContext } from 'svelte';
import type { Target } from '$lib/core/rules';
import type { Editor } from '$lib/state/editor.svelte';
import type { Selection } from '$lib/state/selection';
import { type CardModel, buildCards } from './card-model';
import { type ScaleOptions, scaleOptions } from './scale-options';

/** Below this zoom, cards show only the table name: rows would be unreadable and cost thousands of DOM nodes. */
export const LOD_ZOOM = 0.5;

/** Cards switching between name-only and full per animation frame (see `schedule`). */
const CARDS_PER_FRAME = 8;

export class CanvasView {
  readonly editor: Editor;
  readonly #zoom: () => number;
  // Plain collections on purpose: the card cache and the frame queue are bookkeeping nothing renders from.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #previous: Map<string, CardModel> = new Map();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #queue = new Set<() => void>();
  #scheduled = false;

  /** Rebuilt on every design change; unchanged cards keep their identity, so their nodes do not re-render. */
  readonly cards: Map<string, CardModel> = $derived.by(() => {
    this.#previous = buildCards(this.editor.design, this.editor.issues, this.#previous);
    return this.#previous;
  });

  /** The scale choices in force (all on, unless the URL switches one off for measuring: scale-options.ts). */
  readonly scale: ScaleOptions = scaleOptions(typeof location === 'undefined' ? '' : location.search);

  /** Zoomed out: cards show the name only. Flips only when the zoom crosses the threshold. */
  readonly lod: boolean = $derived.by(() => this.scale.lod && this.#zoom() < LOD_ZOOM);

  readonly focusedColumnId: string | null = $derived.by(() => {
    const focus = this.editor.selection.focus;
    return focus?.kind === 'column' ? focus.id : null;
  });

  constructor(editor: Editor, zoom: () => number) {
    this.editor = editor;
    this.#zoom = zoom;
  }

  /** The focus the canvas itself set last: the canvas does not scroll to what the user just clicked on it. */
  ownFocus: Target | null = null;

  /** A read-only canvas (the viewer): cards can be selected and the view moved, but nothing is edited. */
  readOnly = false;

  /** Selects from a canvas gesture. */
  select(selection: Selection): void {
    this.ownFocus = selection.focus;
    this.editor.select(selection);
  }

  /**
   * Runs `apply` in a coming animation frame, a few per frame. Zooming across the detail threshold switches a
   * hundred cards at once; switched all in one frame, that frame freezes. Returns a function that cancels.
   */
  schedule(apply: () => void): () => void {
    this.#queue.add(apply);
    if (!this.#scheduled) {
      this.#scheduled = true;
      requestAnimationFrame(this.#flush);
    }
    return () => this.#queue.delete(apply);
  }

  #flush = () => {
    let n = 0;
    for (const apply of this.#queue) {
      this.#queue.delete(apply);
      apply();
      if (++n >= CARDS_PER_FRAME) break;
    }
    this.#scheduled = this.#queue.size > 0;
    if (this.#scheduled) requestAnimationFrame(this.#flush);
  };
}

export const [getCanvasView, setCanvasView] = createContext<CanvasView>();
