/**
 * The side panel's width: kept within limits that leave the canvas usable, read back from storage with a safe
 * fallback, and changed by the separator's arrow keys. Plain functions, so the rules are tested without a page.
 */

/** The narrowest side panel that still shows an inspector row without clipping its controls. */
export const PANEL_MIN = 300;
/** The widest side panel; wider only wastes space that the canvas can use. */
export const PANEL_MAX = 1200;
/** The canvas keeps at least this much room, however wide the window asks the panel to be. */
export const CANVAS_MIN = 360;
/** The widths a first visit starts with: the panel alone, and the inspector with the code beside it. */
export const PANEL_DEFAULT = 420;
export const PANEL_DEFAULT_BESIDE = 760;
/** One arrow key press moves the edge this far; with Shift, four times as far. */
export const PANEL_STEP = 16;

/**
 * The width the panel may have in a window `viewport` pixels wide.
 * @example clampPanelWidth(2000, 1280) // 920: the canvas keeps 360 px
 */
export function clampPanelWidth(width: number, viewport: number): number {
  if (Number.isNaN(width)) return PANEL_MIN;
  return Math.round(Math.min(maxPanelWidth(viewport), Math.max(PANEL_MIN, width)));
}

/** The largest width the panel may have in a window `viewport` pixels wide. */
export function maxPanelWidth(viewport: number): number {
  return Math.round(Math.max(PANEL_MIN, Math.min(PANEL_MAX, viewport - CANVAS_MIN)));
}

/**
 * A stored width, or `fallback` when nothing usable was stored (missing, not a number, zero or negative):
 * a corrupted value never hides the panel.
 * @example parseStoredWidth('512', 420) // 512
 * @example parseStoredWidth('wide', 420) // 420
 */
export function parseStoredWidth(raw: string | null | undefined, fallback: number): number {
  if (raw === null || raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? Math.round(value) : fallback;
}

/**
 * The width after a key press on the separator, or `null` when the key does not resize. The separator is the
 * panel's left edge, so ArrowLeft moves it left and widens the panel; Home makes it as narrow as allowed and
 * End as wide as allowed.
 * @example keyedPanelWidth(420, { key: 'ArrowLeft', shiftKey: false }, 1280) // 436
 */
export function keyedPanelWidth(
  width: number,
  event: { key: string; shiftKey: boolean },
  viewport: number,
): number | null {
  const step = event.shiftKey ? PANEL_STEP * 4 : PANEL_STEP;
  switch (event.key) {
    case 'ArrowLeft':
      return clampPanelWidth(width + step, viewport);
    case 'ArrowRight':
      return clampPanelWidth(width - step, viewport);
    case 'Home':
      return PANEL_MIN;
    case 'End':
      return maxPanelWidth(viewport);
    default:
      return null;
  }
}
