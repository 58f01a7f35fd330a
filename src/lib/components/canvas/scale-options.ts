/**
 * The canvas's three choices for large designs, each of which can be switched off through the page's URL so the
 * benchmark (bench/browser.ts) can show what it is worth. They are all on unless the URL says otherwise, and the
 * page offers no way to change them: they exist for measuring.
 *
 * - `?lod=0`: full cards at every zoom (otherwise, below LOD_ZOOM, cards show the table name only);
 * - `?visibleOnly=0`: cards and edges outside the view are rendered too (Svelte Flow's `onlyRenderVisibleElements`);
 * - `?hoverHandles=0`: every column row has its connection handle all the time (otherwise only while the pointer
 *   is on the card).
 *
 * Switches combine: `?lod=0&visibleOnly=0&hoverHandles=0` is the naive canvas.
 */
export interface ScaleOptions {
  lod: boolean;
  visibleOnly: boolean;
  hoverHandles: boolean;
}

export const SCALE_SWITCHES = ['lod', 'visibleOnly', 'hoverHandles'] as const satisfies readonly (keyof ScaleOptions)[];

/** The options a URL query string asks for: a switch is off only when its value is `0`, `false` or `off`. */
export function scaleOptions(search: string): ScaleOptions {
  const params = new URLSearchParams(search);
  const on = (name: keyof ScaleOptions) => !['0', 'false', 'off'].includes(params.get(name) ?? '');
  return { lod: on('lod'), visibleOnly: on('visibleOnly'), hoverHandles: on('hoverHandles') };
}
