import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandContext, type KeyPress, commandForKey, formatKbd, matchesKbd } from './commands';
import { Editor } from './editor.svelte';

/** A key press as the browser reports it: `key` is what the layout produced, `code` the physical key. */
const press = (key: string, code: string, mods: Partial<Omit<KeyPress, 'key' | 'code'>> = {}): KeyPress => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

function context(): CommandContext {
  const editor = new Editor();
  return {
    editor,
    canvas: { fitView() {}, center: () => ({ x: 0, y: 0 }), autoLayout: async () => {} },
    files: { saveJson() {}, openJson() {}, exportZip: async () => {} },
    palette() {},
    shortcuts() {},
  };
}

const idFor = (e: KeyPress, inField = false, mac = false) => commandForKey(e, context(), inField, mac)?.id;

describe('shortcuts on a US layout', () => {
  it('runs fit view with Shift+1, which produces "!"', () => {
    expect(idFor(press('!', 'Digit1', { shiftKey: true }))).toBe('fit-view');
  });
  it('does not run fit view for a plain 1 or for "!" typed on another key', () => {
    expect(idFor(press('1', 'Digit1'))).toBeUndefined();
    expect(idFor(press('!', 'Digit2', { shiftKey: true }))).toBeUndefined();
  });
  it('runs add table and auto-layout with Alt+T and Alt+L', () => {
    expect(idFor(press('t', 'KeyT', { altKey: true }))).toBe('add-table');
    expect(idFor(press('l', 'KeyL', { altKey: true }))).toBe('auto-layout');
  });
  it('opens the palette with Ctrl+K and the shortcut sheet with ? (Shift+/)', () => {
    expect(idFor(press('k', 'KeyK', { ctrlKey: true }))).toBe('open-palette');
    expect(idFor(press('?', 'Slash', { shiftKey: true }))).toBe('show-shortcuts');
  });
  it('tells redo (Ctrl+Shift+Z, key "Z") from undo (Ctrl+Z)', () => {
    expect(idFor(press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }))).toBeUndefined(); // nothing to redo
    expect(matchesKbd('Mod+Shift+Z', press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe(true);
    expect(matchesKbd('Mod+Z', press('Z', 'KeyZ', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matchesKbd('Mod+Z', press('z', 'KeyZ', { ctrlKey: true }), false)).toBe(true);
  });
  it('matches Delete and Escape on the key name', () => {
    expect(matchesKbd('Delete', press('Delete', 'Delete'), false)).toBe(true);
    expect(matchesKbd('Delete', press('Backspace', 'Backspace'), false)).toBe(false);
    expect(matchesKbd('Escape', press('Escape', 'Escape'), false)).toBe(true);
  });
});

describe('shortcuts on a German layout (QWERTZ)', () => {
  it('runs fit view with Shift+1 ("!")', () => {
    expect(idFor(press('!', 'Digit1', { shiftKey: true }))).toBe('fit-view');
  });
  it('opens the shortcut sheet with ? (Shift+ß, code Minus)', () => {
    expect(idFor(press('?', 'Minus', { shiftKey: true }))).toBe('show-shortcuts');
  });
  it('undoes with the key labelled Z, which sits where QWERTY has Y', () => {
    expect(matchesKbd('Mod+Z', press('z', 'KeyY', { ctrlKey: true }), false)).toBe(true);
    // The key at QWERTY's Z position types "y": that is redo-y's shortcut, not undo.
    expect(matchesKbd('Mod+Z', press('y', 'KeyZ', { ctrlKey: true }), false)).toBe(false);
    expect(matchesKbd('Mod+Y', press('y', 'KeyZ', { ctrlKey: true }), false)).toBe(true);
  });
});

describe('shortcuts on a French layout (AZERTY)', () => {
  it('runs fit view with Shift on the 1 key, which there produces "1" itself', () => {
    expect(idFor(press('1', 'Digit1', { shiftKey: true }))).toBe('fit-view');
    // Unshifted, that key types "&": no shortcut.
    expect(idFor(press('&', 'Digit1'))).toBeUndefined();
  });
  it('opens the shortcut sheet with ? (Shift on the comma key, code KeyM)', () => {
    expect(idFor(press('?', 'KeyM', { shiftKey: true }))).toBe('show-shortcuts');
  });
  it('undoes with the key labelled Z (code KeyW), not the key at QWERTY’s Z (labelled W)', () => {
    expect(matchesKbd('Mod+Z', press('z', 'KeyW', { ctrlKey: true }), false)).toBe(true);
    expect(matchesKbd('Mod+Z', press('w', 'KeyZ', { ctrlKey: true }), false)).toBe(false);
  });
  it('adds a table with Alt+T', () => {
    expect(idFor(press('t', 'KeyT', { altKey: true }))).toBe('add-table');
  });
});

describe('shortcuts on a Mac', () => {
  it('runs Alt+T and Alt+L, though Option makes them "†" and "¬"', () => {
    expect(idFor(press('†', 'KeyT', { altKey: true }), false, true)).toBe('add-table');
    expect(idFor(press('¬', 'KeyL', { altKey: true }), false, true)).toBe('auto-layout');
  });
  it('uses ⌘, not Ctrl, for Mod', () => {
    expect(idFor(press('k', 'KeyK', { metaKey: true }), false, true)).toBe('open-palette');
    expect(idFor(press('k', 'KeyK', { ctrlKey: true }), false, true)).toBeUndefined();
  });
  it('falls back to the physical key for a layout without Latin letters (Russian: Ctrl+K is "л")', () => {
    expect(idFor(press('л', 'KeyK', { ctrlKey: true }))).toBe('open-palette');
  });
});

describe('commandForKey', () => {
  it('lets only saving, opening and the palette through while the user types in a field', () => {
    expect(idFor(press('k', 'KeyK', { ctrlKey: true }), true)).toBe('open-palette');
    expect(idFor(press('s', 'KeyS', { ctrlKey: true }), true)).toBe('save-json');
    expect(idFor(press('?', 'Slash', { shiftKey: true }), true)).toBeUndefined();
    expect(idFor(press('t', 'KeyT', { altKey: true }), true)).toBeUndefined();
  });
  it('skips a command that cannot run now', () => {
    const ctx: CommandContext = { editor: new Editor() };
    expect(commandForKey(press('k', 'KeyK', { ctrlKey: true }), ctx, false, false)).toBeUndefined();
    expect(commandForKey(press('!', 'Digit1', { shiftKey: true }), ctx, false, false)).toBeUndefined();
  });
  it('needs the exact modifiers: Ctrl+Alt+T is not Alt+T', () => {
    expect(idFor(press('t', 'KeyT', { altKey: true, ctrlKey: true }))).toBeUndefined();
  });
});

describe('formatKbd', () => {
  it('writes Ctrl and plus signs on Linux and Windows', () => {
    expect(formatKbd('Mod+K', false)).toBe('Ctrl+K');
    expect(formatKbd('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(formatKbd('Alt+T', false)).toBe('Alt+T');
    expect(formatKbd('Delete', false)).toBe('Delete');
    expect(formatKbd('?', false)).toBe('?');
  });
  it('writes Apple’s symbols in Apple’s order on a Mac', () => {
    expect(formatKbd('Mod+K', true)).toBe('⌘K');
    expect(formatKbd('Mod+Shift+Z', true)).toBe('⇧⌘Z');
    expect(formatKbd('Alt+T', true)).toBe('⌥T');
    expect(formatKbd('Shift+1', true)).toBe('⇧1');
  });
});

describe('the command list', () => {
  it('has unique ids and gives each shortcut to one command only', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length);
    const kbds = COMMANDS.flatMap((c) => (c.kbd ? [c.kbd] : []));
    expect(new Set(kbds).size).toBe(kbds.length);
  });
});
