/**
 * UI commands as data — `{ id, label, kbd, when, run }` — driving the toolbar, keyboard shortcuts and e2e
 * selectors alike. Commands that need the canvas or files get them through `CommandContext`.
 */
import type { Editor } from './editor.svelte';

export interface CommandContext {
  editor: Editor;
  /** Canvas actions, when the canvas is mounted. */
  canvas?: { fitView(): void; center(): { x: number; y: number }; autoLayout(): Promise<void> };
  /** File actions, provided by the page. */
  files?: { saveJson(): void; openJson(): void; exportZip(): Promise<void>; writeToFolder?(): Promise<void> };
  /** Opens the "Export image" dialog (the whole diagram as PNG or SVG), provided by the page. */
  exportImage?: () => void;
  /** Opens the share dialog (a link that carries the design), provided by the page. */
  share?: () => void;
}

export interface Command {
  id: string;
  label: string;
  /** Shortcut in `Mod+Shift+Z` form; `Mod` is Ctrl, or Cmd on a Mac. */
  kbd?: string;
  when?: (ctx: CommandContext) => boolean;
  run: (ctx: CommandContext) => void | Promise<void>;
}

export const COMMANDS: Command[] = [
  { id: 'undo', label: 'Undo', kbd: 'Mod+Z', when: (c) => c.editor.canUndo, run: (c) => c.editor.undo() },
  { id: 'redo', label: 'Redo', kbd: 'Mod+Shift+Z', when: (c) => c.editor.canRedo, run: (c) => c.editor.redo() },
  { id: 'redo-y', label: 'Redo', kbd: 'Mod+Y', when: (c) => c.editor.canRedo, run: (c) => c.editor.redo() },
  {
    id: 'add-table',
    label: 'Add table',
    kbd: 'Alt+T',
    run: (c) => {
      const at = c.canvas?.center() ?? { x: 0, y: 0 };
      const before = new Set(Object.keys(c.editor.design.tables));
      if (c.editor.apply({ op: 'addTable', args: { position: at } }, 'Add table')) {
        const id = Object.keys(c.editor.design.tables).find((k) => !before.has(k));
        if (id) c.editor.select({ tableIds: [id], relationIds: [], focus: { kind: 'table', id } });
      }
    },
  },
  {
    id: 'delete-selection',
    label: 'Delete selection',
    kbd: 'Delete',
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
  { id: 'fit-view', label: 'Fit view', kbd: 'Shift+1', when: (c) => !!c.canvas, run: (c) => c.canvas?.fitView() },
  {
    id: 'auto-layout',
    label: 'Auto-layout',
    kbd: 'Alt+L',
    when: (c) => !!c.canvas,
    run: (c) => c.canvas?.autoLayout(),
  },
  { id: 'save-json', label: 'Save design file', kbd: 'Mod+S', when: (c) => !!c.files, run: (c) => c.files?.saveJson() },
  { id: 'open-json', label: 'Open design file', kbd: 'Mod+O', when: (c) => !!c.files, run: (c) => c.files?.openJson() },
  { id: 'share', label: 'Share…', when: (c) => !!c.share, run: (c) => c.share?.() },
  { id: 'export-zip', label: 'Download module (.zip)', when: (c) => !!c.files, run: (c) => c.files?.exportZip() },
  { id: 'export-image', label: 'Export image…', when: (c) => !!c.exportImage, run: (c) => c.exportImage?.() },
  {
    id: 'write-folder',
    label: 'Write to folder…',
    when: (c) => !!c.files?.writeToFolder,
    run: (c) => c.files?.writeToFolder?.(),
  },
];

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Whether a keyboard event matches a `Mod+Shift+Z`-style shortcut. */
export function matchesKbd(
  kbd: string,
  e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean },
): boolean {
  const parts = kbd.split('+');
  const key = parts[parts.length - 1] ?? '';
  const mod = parts.includes('Mod');
  const wantCtrl = mod && !IS_MAC;
  const wantMeta = mod && IS_MAC;
  return (
    e.key.toLowerCase() === key.toLowerCase() &&
    e.ctrlKey === wantCtrl &&
    e.metaKey === wantMeta &&
    e.shiftKey === parts.includes('Shift') &&
    e.altKey === parts.includes('Alt')
  );
}

/** The command a key press runs, if any (ignored while typing in a field, except Mod shortcuts). */
export function commandForKey(e: KeyboardEvent, ctx: CommandContext, inField: boolean): Command | undefined {
  return COMMANDS.find(
    // In a text field the field's own undo and Delete win; only file shortcuts reach the designer.
    (c) =>
      c.kbd &&
      matchesKbd(c.kbd, e) &&
      (!inField || c.id === 'save-json' || c.id === 'open-json') &&
      (c.when?.(ctx) ?? true),
  );
}
