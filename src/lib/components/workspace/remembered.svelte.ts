/**
 * Layout choices remembered in this browser (side panel widths, "code beside"). Storage may be missing, full or
 * blocked (private windows, sandboxed iframes): the value then lives only as long as the page, and a corrupted
 * stored value falls back to the default.
 */
import { PANEL_DEFAULT, PANEL_DEFAULT_BESIDE, parseStoredWidth } from './panel-size';

/** Where the choices are stored; one prefix so they are easy to find and clear. */
export const LAYOUT_KEYS = {
  width: 'molos-studio:panel-width',
  widthBeside: 'molos-studio:panel-width-beside',
  codeBeside: 'molos-studio:code-beside',
} as const;

function read(storage: Storage | undefined, key: string): string | null {
  try {
    return storage?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

function write(storage: Storage | undefined, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Full or blocked storage: the choice still holds for this page.
  }
}

function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** The side panel's layout: its width in each mode and whether the code is shown beside the inspector. */
export class WorkspaceLayout {
  #storage: Storage | undefined;
  #width = $state(PANEL_DEFAULT);
  #widthBeside = $state(PANEL_DEFAULT_BESIDE);
  #codeBeside = $state(false);

  constructor(storage: Storage | undefined = browserStorage()) {
    this.#storage = storage;
    this.#width = parseStoredWidth(read(storage, LAYOUT_KEYS.width), PANEL_DEFAULT);
    this.#widthBeside = parseStoredWidth(read(storage, LAYOUT_KEYS.widthBeside), PANEL_DEFAULT_BESIDE);
    this.#codeBeside = read(storage, LAYOUT_KEYS.codeBeside) === 'true';
  }

  /** Whether the code view is shown beside the inspector instead of in its own tab. */
  get codeBeside(): boolean {
    return this.#codeBeside;
  }
  set codeBeside(on: boolean) {
    this.#codeBeside = on;
    write(this.#storage, LAYOUT_KEYS.codeBeside, String(on));
  }

  /** The panel's width in the current mode (the code beside the inspector needs more room than the panel alone). */
  get width(): number {
    return this.#codeBeside ? this.#widthBeside : this.#width;
  }
  set width(value: number) {
    const px = Math.round(value);
    if (this.#codeBeside) {
      this.#widthBeside = px;
      write(this.#storage, LAYOUT_KEYS.widthBeside, String(px));
    } else {
      this.#width = px;
      write(this.#storage, LAYOUT_KEYS.width, String(px));
    }
  }
}
