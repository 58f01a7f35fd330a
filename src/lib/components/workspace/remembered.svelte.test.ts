import { describe, expect, it } from 'vitest';
import { PANEL_DEFAULT, PANEL_DEFAULT_BESIDE } from './panel-size';
import { LAYOUT_KEYS, WorkspaceLayout } from './remembered.svelte';

/** A Storage kept in a Map; `broken` makes every call throw, as a blocked storage does. */
function memoryStorage(initial: Record<string, string> = {}, broken = false): Storage {
  const map = new Map(Object.entries(initial));
  const guard = () => {
    if (broken) throw new DOMException('blocked', 'SecurityError');
  };
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => (guard(), map.get(k) ?? null),
    setItem: (k, v) => (guard(), void map.set(k, String(v))),
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
  };
}

describe('WorkspaceLayout', () => {
  it('starts with the defaults when nothing is stored', () => {
    const layout = new WorkspaceLayout(memoryStorage());
    expect(layout.width).toBe(PANEL_DEFAULT);
    expect(layout.codeBeside).toBe(false);
    layout.codeBeside = true;
    expect(layout.width).toBe(PANEL_DEFAULT_BESIDE);
  });

  it('remembers the width of each mode and the code-beside choice for the next page', () => {
    const storage = memoryStorage();
    const first = new WorkspaceLayout(storage);
    first.width = 512.3;
    first.codeBeside = true;
    first.width = 880;
    expect(storage.getItem(LAYOUT_KEYS.width)).toBe('512');
    expect(storage.getItem(LAYOUT_KEYS.widthBeside)).toBe('880');
    expect(storage.getItem(LAYOUT_KEYS.codeBeside)).toBe('true');

    const next = new WorkspaceLayout(storage);
    expect(next.codeBeside).toBe(true);
    expect(next.width).toBe(880);
    next.codeBeside = false;
    expect(next.width).toBe(512);
  });

  it('falls back to the defaults on corrupted values', () => {
    const layout = new WorkspaceLayout(
      memoryStorage({ [LAYOUT_KEYS.width]: 'wide', [LAYOUT_KEYS.widthBeside]: '-4', [LAYOUT_KEYS.codeBeside]: 'yes' }),
    );
    expect(layout.width).toBe(PANEL_DEFAULT);
    expect(layout.codeBeside).toBe(false);
    layout.codeBeside = true;
    expect(layout.width).toBe(PANEL_DEFAULT_BESIDE);
  });

  it('works for the page when the storage is blocked or missing', () => {
    for (const storage of [memoryStorage({}, true), undefined]) {
      const layout = new WorkspaceLayout(storage);
      expect(layout.width).toBe(PANEL_DEFAULT);
      layout.width = 600;
      layout.codeBeside = true;
      expect(layout.codeBeside).toBe(true);
      layout.codeBeside = false;
      expect(layout.width).toBe(600);
    }
  });
});
