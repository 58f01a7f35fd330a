import { describe, expect, it } from 'vitest';
import { updateColumn } from '../core/operations';
import { loadExample } from '../../testing/examples';
import { exportBlocker, exportBlockerLines } from './export-blocker';

describe('exportBlocker', () => {
  const example = loadExample('molos-example');

  it('lets a design through when only MoLOS conventions are broken', () => {
    expect(exportBlocker(example)).toBeNull();
    const deviating = updateColumn(example, { columnId: 'c_items_user_id', patch: { notNull: false } });
    expect(exportBlocker(deviating)).toBeNull();
    expect(exportBlockerLines(deviating)).toEqual([]);
  });

  it('refuses broken code or SQL, listing each error with its target', () => {
    let d = updateColumn(example, { columnId: 'c_items_user_id', patch: { notNull: false } });
    d = updateColumn(d, { columnId: 'c_items_status', patch: { name: 'order' } });
    const lines = exportBlockerLines(d);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^column MoLOS-Example_items\.order: Enum column MoLOS-Example_items\.order: textEnum/);
    expect(exportBlocker(d)).toBe(
      `The design would produce broken code or SQL (1 error):\n- ${lines[0]}\nFix it first (Problems lists it, as does "molos-schema check").`,
    );
    expect(exportBlocker(d)).not.toMatch(/user_id/);
  });

  it('counts several errors', () => {
    let d = updateColumn(example, { columnId: 'c_items_status', patch: { name: 'order' } });
    d = updateColumn(d, { columnId: 'c_items_title', patch: { name: 'description' } });
    const text = exportBlocker(d) ?? '';
    // order, and a second "description" (its SQL name and its derived key both repeat).
    expect(text.split('\n')[0]).toBe('The design would produce broken code or SQL (3 errors):');
    expect(text.split('\n').filter((l) => l.startsWith('- '))).toEqual(exportBlockerLines(d).map((l) => `- ${l}`));
    expect(text.endsWith('Fix them first (Problems lists them, as does "molos-schema check").')).toBe(true);
  });
});
