/**
 * UI commands as data — `{ id, label, kbd, when, run }` — driving the toolbar, keyboard shortcuts and e2e
 * selectors alike. Commands that need the canvas or files get them through `CommandContext`.
 */
import type { Editor } from './editor.svelte';
import { markJustAdded } from './just-added';

export interface CommandContext {
  editor: Editor;
  /** Canvas actions, when the canvas is mounted. */
  canvas?: {
    fitView(): void;
    center(): { x: number; y: number };
    autoLayout(): Promise<void>;
    /** Centres these tables' cards in the view (the command palette's "go to"); optional until the canvas has it. */
    reveal?(tableIds: string[]): void;
  };
  /** File actions, provided by the page. */
  files?: { saveJson(): void; openJson(): void; exportZip(): Promise<void>; writeToFolder?(): Promise<void> };
  /** Opens the "Export image" dialog (the whole diagram as PNG or SVG), provided by the page. */
  exportImage?: () => void;
  /** Opens the "Paste SQL…" dialog (CREATE TABLE statements added to the design), provided by the page. */
  pasteSql?: () => void;
  /** Opens the share dialog (a link that carries the design), provided by the page. */
  share?: () => void;
  /** Opens the command palette ("find anything"), provided by the page. */
  palette?: () => void;
  /** Opens the keyboard shortcut sheet, provided by the page. */
  shortcuts?: () => void;
}

/** How the shortcut sheet groups the commands. */
export type CommandGroup = 'File' | 'Edit' | 'View' | 'Help';

export interface Command {
  id: string;
  label: string;
  /** Shortcut in `Mod+Shift+Z` form; `Mod` is Ctrl, or Cmd on a Mac. */
  kbd?: string;
  group: CommandGroup;
  when?: (ctx: CommandContext) => boolean;
  run: (ctx: CommandContext) => void | Promise<void>;
}

export const COMMANDS: Command[] = [
  {
    id: 'undo',
    label: 'Undo',
    kbd: 'Mod+Z',
    group: 'Edit',
    when: (c) => c.editor.canUndo,
    run: (c) => c.editor.undo(),
  },
  {
    id: 'redo',
    label: 'Redo',
    kbd: 'Mod+Shift+Z',
    group: 'Edit',
    when: (c) => c.editor.canRedo,
    run: (c) => c.editor.redo(),
  },
  {
    id: 'redo-y',
    label: 'Redo',
    kbd: 'Mod+Y',
    group: 'Edit',
    when: (c) => c.editor.canRedo,
    run: (c) => c.editor.redo(),
  },
  {
    id: 'add-table',
    label: 'Add table',
    kbd: 'Alt+T',
    group: 'Edit',
    run: (c) => {
      const at = c.canvas?.center() ?? { x: 0, y: 0 };
      const before = new Set(Object.keys(c.editor.design.tables));
      if (c.editor.apply({ op: 'addTable', args: { position: at } }, 'Add table')) {
        const id = Object.keys(c.editor.design.tables).find((k) => !before.has(k));
        if (id) {
          // The inspector puts the cursor in the new table's name, ready to type over it.
          markJustAdded(id);
          c.editor.select({ tableIds: [id], relationIds: [], focus: { kind: 'table', id } });
        }
      }
    },
  },
  {
    id: 'delete-selection',
    label: 'Delete selection',
    kbd: 'Delete',
    group: 'Edit',
    // With a column, index or enum in focus, Delete is about that element (the inspector's job), not its table.
    when: (c) =>
      c.editor.selection.tableIds.length + c.editor.selection.relationIds.length > 0 &&
      (c.editor.selection.focus === null || ['table', 'relation'].includes(c.editor.selection.focus.kind)),
    run: (c) => {
      const { tableIds, relationIds } = c.editor.selection;
      c.editor.apply(
        [
          ...relationIds.map((relationId) => ({ op: 'disconnect' as const, args: { relationId } })),
          ...tableIds.map((tableId) => ({ op: 'deleteTable' as const, args: { tableId } })),
        ],
        'Delete',
      );
    },
  },
  {
    id: 'fit-view',
    label: 'Fit view',
    kbd: 'Shift+1',
    group: 'View',
    when: (c) => !!c.canvas,
    run: (c) => c.canvas?.fitView(),
  },
  {
    id: 'auto-layout',
    label: 'Auto-layout',
    kbd: 'Alt+L',
    group: 'View',
    when: (c) => !!c.canvas,
    run: (c) => c.canvas?.autoLayout(),
  },
  {
    id: 'open-palette',
    label: 'Find anything…',
    kbd: 'Mod+K',
    group: 'Help',
    when: (c) => !!c.palette,
    run: (c) => c.palette?.(),
  },
  {
    id: 'show-shortcuts',
    label: 'Keyboard shortcuts',
    kbd: '?',
    group: 'Help',
    when: (c) => !!c.shortcuts,
    run: (c) => c.shortcuts?.(),
  },
  {
    id: 'save-json',
    label: 'Save design file',
    kbd: 'Mod+S',
    group: 'File',
    when: (c) => !!c.files,
    run: (c) => c.files?.saveJson(),
  },
  {
    id: 'open-json',
    label: 'Open design file',
    kbd: 'Mod+O',
    group: 'File',
    when: (c) => !!c.files,
    run: (c) => c.files?.openJson(),
  },
  { id: 'share', label: 'Share…', group: 'File', when: (c) => !!c.share, run: (c) => c.share?.() },
  {
    id: 'paste-sql',
    label: 'Paste SQL…',
    group: 'File',
    when: (c) => !!c.pasteSql,
    run: (c) => c.pasteSql?.(),
  },
  {
    id: 'export-zip',
    label: 'Download module (.zip)',
    group: 'File',
    when: (c) => !!c.files,
    run: (c) => c.files?.exportZip(),
  },
  {
    id: 'export-image',
    label: 'Export image…',
    group: 'File',
    when: (c) => !!c.exportImage,
    run: (c) => c.exportImage?.(),
  },
  {
    id: 'write-folder',
    label: 'Write to folder…',
    group: 'File',
    when: (c) => !!c.files?.writeToFolder,
    run: (c) => c.files?.writeToFolder?.(),
  },
];

/** Whether the page runs on a Mac (or an iPad with a keyboard): `Mod` is then ⌘ and shortcuts show as `⌘K`. */
export const IS_MAC =
  typeof navigator !== 'undefined' &&
  /Mac|iPhone|iPad/.test(
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform || navigator.platform,
  );

/** The parts of a key press a shortcut is matched on. */
export interface KeyPress {
  key: string;
  /** The physical key (`KeyT`, `Digit1`); absent in some synthetic events. */
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const LETTER_OR_DIGIT = /^[a-z0-9]$/i;

/**
 * Whether a key press produced the shortcut's letter or digit. The produced character wins when it is a plain
 * letter or digit, so a French `Ctrl+Z` (the Z key sits where QWERTY has W) undoes; otherwise the layout or a
 * modifier made another character (Alt+T is `†` on a Mac, Shift+1 is `!` on US and German layouts, Ctrl+Z on a
 * Russian layout is `я`), and the physical key (`KeyT`, `Digit1`) decides.
 */
function sameLetterOrDigit(want: string, e: KeyPress): boolean {
  if (LETTER_OR_DIGIT.test(e.key)) return e.key.toLowerCase() === want.toLowerCase();
  const code = /^\d$/.test(want) ? `Digit${want}` : `Key${want.toUpperCase()}`;
  return e.code === code || (/^\d$/.test(want) && e.code === `Numpad${want}`);
}

/**
 * Whether a keyboard event matches a `Mod+Shift+Z`-style shortcut. Letters and digits match on the physical key
 * when the layout produced another character (see above); named keys (`Delete`, `Escape`) match on `key`; a
 * punctuation shortcut (`?`) matches the produced character whatever Shift it took, since each layout puts it
 * elsewhere.
 * @example matchesKbd('Alt+T', { key: '†', code: 'KeyT', altKey: true, ctrlKey: false, metaKey: false, shiftKey: false }) // true
 */
export function matchesKbd(kbd: string, e: KeyPress, mac = IS_MAC): boolean {
  // `+` itself is never a shortcut key here, so splitting on it is safe.
  const parts = kbd.split('+');
  const key = parts[parts.length - 1] ?? '';
  const mod = parts.includes('Mod');
  if (e.ctrlKey !== (mod && !mac) || e.metaKey !== (mod && mac) || e.altKey !== parts.includes('Alt')) return false;
  if (key.length === 1 && !LETTER_OR_DIGIT.test(key)) return e.key === key;
  if (e.shiftKey !== parts.includes('Shift')) return false;
  return LETTER_OR_DIGIT.test(key) ? sameLetterOrDigit(key, e) : e.key.toLowerCase() === key.toLowerCase();
}

const MAC_SYMBOLS: Record<string, string> = { Mod: '⌘', Shift: '⇧', Alt: '⌥', Ctrl: '⌃' };
/** Apple's order for modifier symbols. */
const MAC_ORDER = ['Ctrl', 'Alt', 'Shift', 'Mod'];

/**
 * A shortcut as the user's platform writes it: `Ctrl+Shift+Z` on Linux and Windows, `⇧⌘Z` on a Mac.
 * @example formatKbd('Mod+K', false) // 'Ctrl+K'
 * @example formatKbd('Mod+Shift+Z', true) // '⇧⌘Z'
 */
export function formatKbd(kbd: string, mac = IS_MAC): string {
  const parts = kbd.split('+');
  const key = parts.pop() ?? '';
  const shown = key.length === 1 ? key.toUpperCase() : key;
  if (!mac) return [...parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)), shown].join('+');
  const mods = [...parts].sort((a, b) => MAC_ORDER.indexOf(a) - MAC_ORDER.indexOf(b));
  return mods.map((p) => MAC_SYMBOLS[p] ?? p).join('') + shown;
}

/** Commands that act even while the user types in a text field: saving, opening and the palette. */
const IN_FIELD = new Set(['save-json', 'open-json', 'open-palette']);

/** The command a key press runs, if any (ignored while typing in a field, except Mod shortcuts). */
export function commandForKey(e: KeyPress, ctx: CommandContext, inField: boolean, mac = IS_MAC): Command | undefined {
  return COMMANDS.find(
    // In a text field the field's own undo and Delete win; only file shortcuts and the palette reach the designer.
    (c) => c.kbd && matchesKbd(c.kbd, e, mac) && (!inField || IN_FIELD.has(c.id)) && (c.when?.(ctx) ?? true),
  );
}
