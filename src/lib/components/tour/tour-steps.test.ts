import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { emptyDesign } from '$lib/core/design';
import { loadDesign } from '$lib/core/format';
import { PREVIEW_VIEWS } from '$lib/state/preview-plan';
import { TOUR_EXAMPLE, TOUR_STEPS, resolveTarget } from './tour-steps';

const example = (() => {
  const loaded = loadDesign(
    readFileSync(new URL(`../../../../static/examples/${TOUR_EXAMPLE}`, import.meta.url), 'utf8'),
  );
  if (!loaded.ok) throw new Error(`${TOUR_EXAMPLE} does not load`);
  return loaded.design;
})();

describe('the tour', () => {
  it('walks through tables, a relation, the generated code and the migration SQL', () => {
    const kinds = TOUR_STEPS.map((s) => s.target.kind);
    expect(kinds).toContain('table');
    expect(kinds).toContain('relation');
    const views = TOUR_STEPS.flatMap((s) => (s.target.kind === 'preview' ? [s.target.view] : []));
    expect(views).toEqual(['tables', 'sql']);
    for (const view of views) expect(PREVIEW_VIEWS.map((v) => v.id)).toContain(view);
    expect(new Set(TOUR_STEPS.map((s) => s.id)).size).toBe(TOUR_STEPS.length);
  });

  it('finds every table and relation it points at in its example', () => {
    for (const step of TOUR_STEPS) {
      const resolved = resolveTarget(example, step.target);
      if (step.target.kind === 'none') expect(resolved.kind, step.id).toBe('none');
      else expect(resolved.kind, step.id).toBe(step.target.kind);
    }
    const relation = TOUR_STEPS.find((s) => s.target.kind === 'relation');
    const resolved = relation && resolveTarget(example, relation.target);
    expect(resolved?.kind === 'relation' && example.relations[resolved.relationId]?.onDelete).toBe('cascade');
  });

  it('points at nothing in a design without those tables', () => {
    const blank = emptyDesign();
    expect(resolveTarget(blank, { kind: 'table', table: 'tasks' })).toEqual({ kind: 'none' });
    expect(resolveTarget(example, { kind: 'relation', table: 'tasks', column: 'title' })).toEqual({ kind: 'none' });
  });
});
